-- Full-text search: each post's words, stemmed by the English dictionary,
-- the title's weighing more (A) than the content's (B). The server keeps
-- the column up to date itself, and the GIN index finds the posts that
-- hold a word without reading every post.
ALTER TABLE posts ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', content), 'B')
) STORED;
CREATE INDEX posts_search ON posts USING GIN (search);
