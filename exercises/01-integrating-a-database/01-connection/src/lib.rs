//! Open a SQLite database file with rusqlite, create the blog's tables, and
//! read back what the database holds.
// Until you write the bodies, their parameters are unused: this keeps the
// compiler quiet about that. You may delete it once you are done.
#![allow(unused_variables)]

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
    // TODO: open a connection to the file.
    todo!("open the database file {}", path.display())
}

/// Creates the tables of [`SCHEMA`]; calling it again changes nothing.
pub fn create_tables(conn: &Connection) -> rusqlite::Result<()> {
    // TODO: run all the statements of SCHEMA in one call.
    todo!("create the tables of SCHEMA")
}

/// The names of the tables in the database, in alphabetical order.
pub fn table_names(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    // TODO: SQLite lists its tables in `sqlite_schema`, where type = 'table'.
    todo!("list the tables from sqlite_schema, sorted by name")
}

/// How many rows the `users` table holds.
pub fn count_users(conn: &Connection) -> rusqlite::Result<i64> {
    // TODO: one query that returns one row with one column.
    todo!("count the rows of users")
}
// ANCHOR_END: solution
