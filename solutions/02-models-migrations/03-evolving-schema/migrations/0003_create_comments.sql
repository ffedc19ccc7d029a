CREATE TABLE comments (
    id      INTEGER PRIMARY KEY,
    content TEXT NOT NULL CHECK (length(content) <= 500),
    -- A comment belongs to its post: deleting the post deletes its comments.
    post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id)
);
CREATE INDEX comments_post_id ON comments (post_id);
