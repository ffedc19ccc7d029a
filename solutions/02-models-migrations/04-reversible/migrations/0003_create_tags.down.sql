-- post_tags references tags, so it goes first; its index goes with it.
DROP TABLE post_tags;
DROP TABLE tags;
