-- The blog's authors. A username goes into URLs (/user/ada), so it is kept
-- to lowercase letters, digits and underscores.
CREATE TABLE users (
    id       INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE
             CHECK (length(username) BETWEEN 1 AND 30 AND username NOT GLOB '*[^a-z0-9_]*'),
    email    TEXT NOT NULL UNIQUE CHECK (length(email) BETWEEN 3 AND 120)
);
