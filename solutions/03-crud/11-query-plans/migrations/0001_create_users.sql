CREATE TABLE users (
    id       INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 1 AND 80),
    email    TEXT NOT NULL UNIQUE CHECK (length(email) BETWEEN 3 AND 120)
);
