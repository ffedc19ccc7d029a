//! Put values into SQL as parameters, never by formatting strings, so that a
//! username like `' OR '1'='1` is stored and found as the text it is.

use rusqlite::{Connection, OptionalExtension, params};

// ANCHOR: user
/// A row of the `users` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub email: String,
}
// ANCHOR_END: user

/// Creates the `users` table.
pub fn create_tables(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "CREATE TABLE users (
            id       INTEGER PRIMARY KEY,
            username TEXT NOT NULL UNIQUE,
            email    TEXT NOT NULL UNIQUE
        )",
    )
}

// ANCHOR: solution
/// Adds a user and returns the id the database gave it.
pub fn add_user(conn: &Connection, username: &str, email: &str) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO users (username, email) VALUES (?1, ?2)",
        params![username, email],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Finds the user with exactly this username, if there is one.
pub fn find_by_username(conn: &Connection, username: &str) -> rusqlite::Result<Option<User>> {
    conn.query_row(
        "SELECT id, username, email FROM users WHERE username = ?1",
        [username],
        |row| {
            Ok(User {
                id: row.get(0)?,
                username: row.get(1)?,
                email: row.get(2)?,
            })
        },
    )
    .optional()
}
// ANCHOR_END: solution
