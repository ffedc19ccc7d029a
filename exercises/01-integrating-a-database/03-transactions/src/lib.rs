//! Group writes in a transaction: they are kept together on `commit`, and
//! undone together on an error or when the transaction is dropped.
// Until you write the bodies, their parameters are unused: this keeps the
// compiler quiet about that. You may delete it once you are done.
#![allow(unused_variables)]

use rusqlite::Connection;

/// Creates the blog's tables. A post's title must hold 1 to 100 characters.
pub fn create_tables(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "CREATE TABLE users (
            id       INTEGER PRIMARY KEY,
            username TEXT NOT NULL UNIQUE,
            email    TEXT NOT NULL UNIQUE
        );
        CREATE TABLE posts (
            id      INTEGER PRIMARY KEY,
            title   TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
            user_id INTEGER NOT NULL REFERENCES users (id)
        );",
    )
}

// ANCHOR: add_user_with_posts
/// Adds a user and one post per title: all of them, or nothing at all.
pub fn add_user_with_posts(
    conn: &mut Connection,
    username: &str,
    email: &str,
    titles: &[&str],
) -> rusqlite::Result<i64> {
    // TODO: each statement below is kept as soon as it runs, so a failing
    // post leaves the user and the earlier posts behind. Run them all in one
    // transaction instead.
    conn.execute("INSERT INTO users (username, email) VALUES (?1, ?2)", (username, email))?;
    let user_id = conn.last_insert_rowid();
    for title in titles {
        conn.execute("INSERT INTO posts (title, user_id) VALUES (?1, ?2)", (title, user_id))?;
    }
    Ok(user_id)
}
// ANCHOR_END: add_user_with_posts

// ANCHOR: count_if_added
/// How many users there would be with this one added, leaving the database
/// as it was.
pub fn count_if_added(conn: &mut Connection, username: &str, email: &str) -> rusqlite::Result<i64> {
    // TODO: add the user inside a transaction, count, and do not commit.
    todo!("count the users as if {username:?} were added, and keep nothing")
}
// ANCHOR_END: count_if_added
