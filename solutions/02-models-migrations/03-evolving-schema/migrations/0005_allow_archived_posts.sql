-- no-transaction
-- A post may now be 'archived' too. SQLite cannot change a CHECK in place,
-- so `posts` is rebuilt, in the order of SQLite's documentation. The first
-- line makes sqlx run this file outside a transaction: inside one,
-- `PRAGMA foreign_keys = OFF` does nothing, and `DROP TABLE posts` would
-- delete every comment, since comments cascade from their post.

-- 1. Foreign keys off, so that dropping `posts` touches no other table.
PRAGMA foreign_keys = OFF;

-- 2. The rebuild is all or nothing: a transaction of our own.
BEGIN;

-- 3. The new table: the same columns in the same order, the same rules, and
--    the new CHECK on `status`.
CREATE TABLE posts_new (
    id      INTEGER PRIMARY KEY,
    title   TEXT NOT NULL CHECK (length(title) <= 100),
    content TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id),
    status  TEXT NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'published', 'archived'))
);

-- 4. Every row, ids included: the comments point at them.
INSERT INTO posts_new (id, title, content, user_id, status)
    SELECT id, title, content, user_id, status FROM posts;

-- 5. The old table goes, and the new one takes its name. The comments'
--    REFERENCES posts (id) now means the new table.
DROP TABLE posts;
ALTER TABLE posts_new RENAME TO posts;

-- 6. The old table's index went with it.
CREATE INDEX posts_user_id ON posts (user_id);

-- 7. Stop if a foreign key points at no row. sqlx does not read the rows of
--    PRAGMA foreign_key_check, so they are counted into a column that only
--    accepts 0: if it refuses, OR ROLLBACK undoes the whole transaction.
CREATE TEMP TABLE broken_keys (count INTEGER CHECK (count = 0));
INSERT OR ROLLBACK INTO broken_keys SELECT count(*) FROM pragma_foreign_key_check;
DROP TABLE broken_keys;

-- 8. Commit, and foreign keys back on for this connection.
COMMIT;
PRAGMA foreign_keys = ON;
