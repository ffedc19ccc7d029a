//! Open a pool of sqlx connections to SQLite, each set up the way a web
//! application needs: foreign keys enforced, WAL journal, a busy timeout.
// Until you write the bodies, some imports and parameters are unused: this
// keeps the compiler quiet about that. You may delete it once you are done.
#![allow(unused_imports, unused_variables)]

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
    // TODO: one setter per setting, each taking the options and returning them.
    todo!("set up the connect options for a web app")
}

/// Opens a pool of at most `max_connections` connections to the database at
/// `url`, each set up by `configure`.
pub async fn connect(url: &str, max_connections: u32) -> Result<SqlitePool, sqlx::Error> {
    // TODO: parse `url` into SqliteConnectOptions, pass them through
    // `configure`, and open a pool of `max_connections` with them.
    todo!("open a pool of {max_connections} connections to {url}")
}
// ANCHOR_END: solution
