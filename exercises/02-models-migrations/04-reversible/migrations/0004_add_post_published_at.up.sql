ALTER TABLE posts ADD COLUMN published_at TEXT;
CREATE INDEX posts_published_at ON posts (published_at);
