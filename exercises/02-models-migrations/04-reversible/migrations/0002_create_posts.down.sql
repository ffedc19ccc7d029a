-- Dropping a table drops its indexes with it.
DROP TABLE posts;
