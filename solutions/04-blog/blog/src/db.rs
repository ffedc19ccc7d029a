//! Step 1: the pool the blog runs on, with the schema in place.

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
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .foreign_keys(true)
        .journal_mode(SqliteJournalMode::Wal)
        .busy_timeout(BUSY_TIMEOUT);
    let pool = SqlitePoolOptions::new()
        .max_connections(MAX_CONNECTIONS)
        .connect_with(options)
        .await?;
    sqlx::migrate!().run(&pool).await?;
    Ok(pool)
}
// ANCHOR_END: connect
