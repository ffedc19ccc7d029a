-- TODO: a post may now be 'archived' too. SQLite cannot change the CHECK
-- that 0004 put on `status`, so this migration rebuilds `posts` with the new
-- rule, and keeps every post and every comment on them. In SQLite's order:
--   0. the file's very first line: `-- no-transaction` (above this TODO),
--      so that sqlx runs it outside a transaction of its own;
--   1. turn foreign keys off;
--   2. begin a transaction;
--   3. create `posts_new`: the columns of `posts` in the same order, with the
--      same rules, but a status that may be 'draft', 'published' or 'archived';
--   4. copy every row of `posts` into it, ids included;
--   5. drop `posts`, then rename `posts_new` to `posts`;
--   6. create the index `posts_user_id` again: it went with the old table;
--   7. check the foreign keys: the three lines below are given, keep them here;
--   8. commit, then turn foreign keys back on.

-- 7. Stop if a foreign key points at no row. sqlx does not read the rows of
--    PRAGMA foreign_key_check, so they are counted into a column that only
--    accepts 0: if it refuses, OR ROLLBACK undoes the whole transaction.
CREATE TEMP TABLE broken_keys (count INTEGER CHECK (count = 0));
INSERT OR ROLLBACK INTO broken_keys SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE broken_keys;
