-- Existing rows get the default; new rows may set the column themselves.
ALTER TABLE posts ADD COLUMN status TEXT NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'published'));

-- SQLite does not index a foreign key by itself.
CREATE INDEX posts_user_id ON posts (user_id);
