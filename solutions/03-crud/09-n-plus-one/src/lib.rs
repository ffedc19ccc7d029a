//! Posts with their authors, listed two ways: one query for the posts and
//! then one per post for its author (the N+1 shape of lazy loading), or one
//! query that joins the two tables.

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
    let mut statement = conn.prepare("SELECT id, title, user_id FROM posts ORDER BY id")?;
    let posts = statement
        .query_map([], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?, row.get::<_, i64>(2)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // One more query per post: 25 posts, 25 more round trips.
    posts
        .into_iter()
        .map(|(id, title, user_id)| {
            Ok(PostWithAuthor {
                id,
                title,
                author: username(conn, user_id)?,
            })
        })
        .collect()
}

/// The same list, by id, in one query that joins posts to their authors.
pub fn posts_joined(conn: &Connection) -> rusqlite::Result<Vec<PostWithAuthor>> {
    let mut statement = conn.prepare(
        "SELECT p.id, p.title, u.username
         FROM posts p JOIN users u ON u.id = p.user_id
         ORDER BY p.id",
    )?;
    statement
        .query_map([], |row| {
            Ok(PostWithAuthor {
                id: row.get(0)?,
                title: row.get(1)?,
                author: row.get(2)?,
            })
        })?
        .collect()
}
// ANCHOR_END: solution
