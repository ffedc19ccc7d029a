CREATE TABLE comments (
    id      INTEGER PRIMARY KEY,
    content TEXT NOT NULL CHECK (length(content) BETWEEN 1 AND 500),
    -- TODO: when the post is deleted, its comments are deleted with it.
    post_id INTEGER NOT NULL REFERENCES posts (id),
    -- TODO: when the author is deleted, the comment stays, with no author.
    user_id INTEGER REFERENCES users (id)
);
CREATE INDEX comments_post_id ON comments (post_id);
CREATE INDEX comments_user_id ON comments (user_id);
