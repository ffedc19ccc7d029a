-- The blog's authors. The key is a 64-bit number the server counts out
-- itself; a username goes into URLs, so it is kept to lowercase letters,
-- digits and underscores, checked by a regular expression.
CREATE TABLE users (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username TEXT NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_]{1,30}$'),
    email    TEXT NOT NULL UNIQUE CHECK (length(email) BETWEEN 3 AND 120)
);
