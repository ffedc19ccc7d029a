//! Step 1: the pool the blog runs on, with the schema in place.

// Until you write the bodies, their parameters and some imports are unused:
// this keeps the compiler quiet about that. You may delete it once you are done.
#![allow(unused_variables, unused_imports)]

use std::str::FromStr;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};

/// How long a connection waits for another one's write lock before it fails.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The most connections the pool opens at once.
pub const MAX_CONNECTIONS: u32 = 8;

// ANCHOR: connect
/// Opens a pool to the database at `url` (a `sqlite:` URL), creating the
/// file if it is missing, with foreign keys enforced, the WAL journal and a
/// busy timeout on every connection; then applies the migrations in
/// `migrations/` that have not been applied yet.
pub async fn connect(url: &str) -> Result<SqlitePool, sqlx::Error> {
    // TODO: `SqliteConnectOptions::from_str(url)?` with `create_if_missing(true)`,
    //       `foreign_keys(true)`, `journal_mode(SqliteJournalMode::Wal)` and
    //       `busy_timeout(BUSY_TIMEOUT)`; a pool of at most `MAX_CONNECTIONS` on them
    //       (`connect_with`); then `sqlx::migrate!().run(&pool).await?`.
    todo!("open a pool on {url} and apply the migrations")
}
// ANCHOR_END: connect
