//! Open a pool of sqlx connections to SQLite, each set up the way a web
//! application needs: foreign keys enforced, WAL journal, a busy timeout.

// ANCHOR: setup
use std::str::FromStr;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};

/// How long a connection waits for another one's write lock before it fails.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(3);
// ANCHOR_END: setup

// ANCHOR: solution
/// Sets up `options` the way every connection of a web app needs them,
/// whatever they said before: the file created if missing, foreign keys
/// enforced, the WAL journal, and a busy timeout of `BUSY_TIMEOUT`.
pub fn configure(options: SqliteConnectOptions) -> SqliteConnectOptions {
    options
        .create_if_missing(true)
        .foreign_keys(true)
        .journal_mode(SqliteJournalMode::Wal)
        .busy_timeout(BUSY_TIMEOUT)
}

/// Opens a pool of at most `max_connections` connections to the database at
/// `url`, each set up by `configure`.
pub async fn connect(url: &str, max_connections: u32) -> Result<SqlitePool, sqlx::Error> {
    let options = configure(SqliteConnectOptions::from_str(url)?);
    SqlitePoolOptions::new()
        .max_connections(max_connections)
        .connect_with(options)
        .await
}
// ANCHOR_END: solution
