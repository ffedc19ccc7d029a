//! Open a pool of sqlx connections to SQLite, each set up the way a web
//! application needs: foreign keys enforced, WAL journal, a busy timeout.

// ANCHOR: setup
use std::time::Duration;

use sqlx::SqlitePool;

/// How long a connection waits for another one's write lock before it fails.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(3);
// ANCHOR_END: setup

// ANCHOR: solution
/// Opens a pool of at most `max_connections` connections to the database at
/// `url`, creating the file if it is missing.
pub async fn connect(url: &str, max_connections: u32) -> Result<SqlitePool, sqlx::Error> {
    // TODO: parse `url` into SqliteConnectOptions, set them up (create the
    // file if missing, foreign keys on, WAL journal, BUSY_TIMEOUT), and open
    // a pool of `max_connections` with them.
    todo!("open a pool of {max_connections} connections to {url}")
}
// ANCHOR_END: solution
