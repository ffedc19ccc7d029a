-- Every address, trimmed and in lower case. If two addresses become the
-- same, the UNIQUE constraint fails, and sqlx rolls the whole migration back.
UPDATE users SET email = lower(trim(email));
