CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 50)
);
-- One row per tag on a post: the join table of a many-to-many relation.
CREATE TABLE post_tags (
    -- A link means nothing without both ends: deleting either end deletes
    -- the link, and only the link.
    post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    tag_id  INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (post_id, tag_id)
);
CREATE INDEX post_tags_tag_id ON post_tags (tag_id);
