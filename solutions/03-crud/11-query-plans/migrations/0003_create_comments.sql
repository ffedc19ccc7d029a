-- A comment goes with its post. Its author may leave: the comment stays,
-- with no author.
CREATE TABLE comments (
    id         INTEGER PRIMARY KEY,
    content    TEXT NOT NULL CHECK (length(content) BETWEEN 1 AND 2000),
    post_id    INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now'))
);
CREATE INDEX comments_post_id ON comments (post_id);
