-- Lists that cost the same at a million posts as at a hundred.
--
-- A user's page reads that user's posts newest first: this index finds them
-- and gives their order, and it also serves the foreign key, so the index on
-- user_id alone goes.
CREATE INDEX posts_user_created_at ON posts (user_id, created_at, id);
DROP INDEX posts_user_id;

-- How many posts there are, in all and per author, kept by triggers: a
-- list's count reads one row instead of every post.
CREATE TABLE post_count (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    posts INTEGER NOT NULL
);
INSERT INTO post_count (id, posts) SELECT 1, count(*) FROM posts;
ALTER TABLE users ADD COLUMN post_count INTEGER NOT NULL DEFAULT 0;
UPDATE users SET post_count = (SELECT count(*) FROM posts WHERE posts.user_id = users.id);

CREATE TRIGGER posts_count_insert AFTER INSERT ON posts BEGIN
    UPDATE post_count SET posts = posts + 1;
    UPDATE users SET post_count = post_count + 1 WHERE id = NEW.user_id;
END;
CREATE TRIGGER posts_count_delete AFTER DELETE ON posts BEGIN
    UPDATE post_count SET posts = posts - 1;
    UPDATE users SET post_count = post_count - 1 WHERE id = OLD.user_id;
END;
CREATE TRIGGER posts_count_move AFTER UPDATE OF user_id ON posts BEGIN
    UPDATE users SET post_count = post_count - 1 WHERE id = OLD.user_id;
    UPDATE users SET post_count = post_count + 1 WHERE id = NEW.user_id;
END;

-- The search: an FTS5 index of titles and contents, cut into trigrams (every
-- three characters), so that it finds any piece of text of three characters
-- or more, as LIKE '%…%' does, without reading every post. It keeps no copy
-- of the text (content='posts'); the triggers keep it in step with posts.
CREATE VIRTUAL TABLE post_search USING fts5 (
    title, content, content = 'posts', content_rowid = 'id', tokenize = 'trigram'
);
INSERT INTO post_search (post_search) VALUES ('rebuild');

CREATE TRIGGER posts_search_insert AFTER INSERT ON posts BEGIN
    INSERT INTO post_search (rowid, title, content) VALUES (NEW.id, NEW.title, NEW.content);
END;
CREATE TRIGGER posts_search_delete AFTER DELETE ON posts BEGIN
    INSERT INTO post_search (post_search, rowid, title, content) VALUES ('delete', OLD.id, OLD.title, OLD.content);
END;
CREATE TRIGGER posts_search_update AFTER UPDATE OF title, content ON posts BEGIN
    INSERT INTO post_search (post_search, rowid, title, content) VALUES ('delete', OLD.id, OLD.title, OLD.content);
    INSERT INTO post_search (rowid, title, content) VALUES (NEW.id, NEW.title, NEW.content);
END;
