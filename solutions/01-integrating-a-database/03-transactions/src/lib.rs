//! Group writes in a transaction: they are kept together on `commit`, and
//! undone together on an error or when the transaction is dropped.

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
    let tx = conn.transaction()?;
    tx.execute("INSERT INTO users (username, email) VALUES (?1, ?2)", (username, email))?;
    let user_id = tx.last_insert_rowid();
    for title in titles {
        tx.execute("INSERT INTO posts (title, user_id) VALUES (?1, ?2)", (title, user_id))?;
    }
    tx.commit()?;
    Ok(user_id)
}
// ANCHOR_END: add_user_with_posts

// ANCHOR: count_if_added
/// How many users there would be with this one added, leaving the database
/// as it was.
pub fn count_if_added(conn: &mut Connection, username: &str, email: &str) -> rusqlite::Result<i64> {
    let tx = conn.transaction()?;
    tx.execute("INSERT INTO users (username, email) VALUES (?1, ?2)", (username, email))?;
    let count = tx.query_row("SELECT count(*) FROM users", [], |row| row.get(0))?;
    // `tx` is dropped here without a commit, so rusqlite rolls it back.
    Ok(count)
}
// ANCHOR_END: count_if_added
