CREATE TABLE posts (
    id      INTEGER PRIMARY KEY,
    title   TEXT NOT NULL CHECK (length(title) <= 100),
    content TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id)
);
