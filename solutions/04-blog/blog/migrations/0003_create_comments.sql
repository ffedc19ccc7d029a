-- A comment goes with its post.
CREATE TABLE comments (
    id         INTEGER PRIMARY KEY,
    post_id    INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    content    TEXT NOT NULL CHECK (length(content) BETWEEN 1 AND 2000),
    created_at DATETIME NOT NULL
);
CREATE INDEX comments_post_id ON comments (post_id);
