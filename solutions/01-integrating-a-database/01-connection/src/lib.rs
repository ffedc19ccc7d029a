//! Open a SQLite database file with rusqlite, create the blog's tables, and
//! read back what the database holds.

use std::path::Path;

use rusqlite::Connection;

// ANCHOR: schema
/// The blog's two tables, the `User` and `Post` models of the Flask lesson.
/// `IF NOT EXISTS` makes creating them safe to repeat.
pub const SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS users (
        id       INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        email    TEXT NOT NULL UNIQUE
    );
    CREATE TABLE IF NOT EXISTS posts (
        id      INTEGER PRIMARY KEY,
        title   TEXT NOT NULL,
        content TEXT NOT NULL,
        user_id INTEGER NOT NULL REFERENCES users (id)
    );
";
// ANCHOR_END: schema

// ANCHOR: solution
/// Opens the database file at `path`, creating it if it does not exist.
pub fn open(path: &Path) -> rusqlite::Result<Connection> {
    Connection::open(path)
}

/// Creates the tables of [`SCHEMA`]; calling it again changes nothing.
pub fn create_tables(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(SCHEMA)
}

/// The names of the tables in the database, in alphabetical order.
pub fn table_names(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut statement = conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")?;
    let names = statement.query_map([], |row| row.get(0))?;
    names.collect()
}

/// How many rows the `users` table holds.
pub fn count_users(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT count(*) FROM users", [], |row| row.get(0))
}
// ANCHOR_END: solution
