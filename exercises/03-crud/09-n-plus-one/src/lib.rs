//! Posts with their authors, listed two ways: one query for the posts and
//! then one per post for its author (the N+1 shape of lazy loading), or one
//! query that joins the two tables.

// Until you write the bodies, their parameters are unused: this keeps the
// compiler quiet about that. You may delete it once you are done.
#![allow(unused_variables)]

use rusqlite::Connection;

// ANCHOR: given
/// A post's title with its author's username.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostWithAuthor {
    pub id: i64,
    pub title: String,
    pub author: String,
}

/// The username of the user `user_id`: the query a lazily loaded
/// `post.author` runs the first time it is read.
pub fn username(conn: &Connection, user_id: i64) -> rusqlite::Result<String> {
    conn.query_row("SELECT username FROM users WHERE id = ?1", [user_id], |row| row.get(0))
}
// ANCHOR_END: given

// ANCHOR: solution
/// Every post, by id, with its author: one query for the posts, then
/// [`username`] for each post, as lazy loading does.
pub fn posts_lazily(conn: &Connection) -> rusqlite::Result<Vec<PostWithAuthor>> {
    // TODO: read every post's id, title and user_id (ORDER BY id), then call
    // `username` once per post for its author.
    todo!("list the posts, then ask for each post's author")
}

/// The same list, by id, in one query that joins posts to their authors.
pub fn posts_joined(conn: &Connection) -> rusqlite::Result<Vec<PostWithAuthor>> {
    // TODO: one SELECT that joins posts to users, ORDER BY the post's id.
    todo!("list the posts with their authors in one query")
}
// ANCHOR_END: solution
