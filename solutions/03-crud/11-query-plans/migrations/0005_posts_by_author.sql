-- An author's page asks for one user's posts, newest first. This index keeps
-- each user's posts in that order, so a page is a short walk along it: no
-- post of another user is read, and nothing is sorted.
CREATE INDEX posts_user_id_created_at ON posts (user_id, created_at, id);
