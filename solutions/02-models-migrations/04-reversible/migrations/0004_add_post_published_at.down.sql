-- SQLite refuses to drop a column that an index uses: the index goes first.
DROP INDEX posts_published_at;
ALTER TABLE posts DROP COLUMN published_at;
