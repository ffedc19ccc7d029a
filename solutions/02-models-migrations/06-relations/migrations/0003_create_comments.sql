CREATE TABLE comments (
    id      INTEGER PRIMARY KEY,
    content TEXT NOT NULL CHECK (length(content) BETWEEN 1 AND 500),
    -- A comment belongs to its post: it goes when the post goes.
    post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    -- A comment outlives its author: it stays, signed by nobody.
    user_id INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX comments_post_id ON comments (post_id);
CREATE INDEX comments_user_id ON comments (user_id);
