-- A post belongs to its author and goes when the author goes. The times are
-- instants (TIMESTAMPTZ, read as chrono's DateTime<Utc>); `published` is a
-- real boolean; `likes` is counted by the server, never below zero.
CREATE TABLE posts (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title      TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    content    TEXT NOT NULL CHECK (length(content) BETWEEN 1 AND 10000),
    published  BOOLEAN NOT NULL DEFAULT TRUE,
    likes      BIGINT NOT NULL DEFAULT 0 CHECK (likes >= 0),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ
);
CREATE INDEX posts_user_id ON posts (user_id);
-- The list pages read posts newest first: this index serves that order.
CREATE INDEX posts_created_at ON posts (created_at, id);
