CREATE TABLE posts (
    id      INTEGER PRIMARY KEY,
    title   TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    content TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX posts_user_id ON posts (user_id);
