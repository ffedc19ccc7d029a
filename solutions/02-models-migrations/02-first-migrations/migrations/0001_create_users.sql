CREATE TABLE users (
    id       INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE CHECK (length(username) <= 80),
    email    TEXT NOT NULL UNIQUE CHECK (length(email) <= 120)
);
