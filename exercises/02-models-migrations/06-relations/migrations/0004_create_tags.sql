CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 50)
);
-- One row per tag on a post: the join table of a many-to-many relation.
CREATE TABLE post_tags (
    -- TODO: when the post is deleted, its rows here are deleted (not the tags).
    post_id INTEGER NOT NULL REFERENCES posts (id),
    -- TODO: when the tag is deleted, its rows here are deleted (not the posts).
    tag_id  INTEGER NOT NULL REFERENCES tags (id),
    PRIMARY KEY (post_id, tag_id)
);
CREATE INDEX post_tags_tag_id ON post_tags (tag_id);
