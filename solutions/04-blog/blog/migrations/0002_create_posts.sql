-- A post belongs to its author and goes when the author goes. The times are
-- UTC, written by the application as 'YYYY-MM-DD HH:MM:SS'; DATETIME makes
-- sqlx read them as chrono's NaiveDateTime. updated_at stays NULL until the
-- first edit.
CREATE TABLE posts (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title      TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    content    TEXT NOT NULL CHECK (length(content) BETWEEN 1 AND 10000),
    created_at DATETIME NOT NULL,
    updated_at DATETIME
);
CREATE INDEX posts_user_id ON posts (user_id);
-- The list pages read posts newest first: this index serves that order.
CREATE INDEX posts_created_at ON posts (created_at, id);
