//! Step 1: a pool of connections to a server, with the schema in place.

// Until you write the bodies, their parameters and some imports are unused:
// this keeps the compiler quiet about that. You may delete it once you are done.
#![allow(unused_variables, unused_imports)]

use std::time::Duration;

use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;

/// The most connections the pool opens at once. The server has its own
/// limit for all its clients together (`max_connections`, 100 by default):
/// every instance of the app takes up to this many of them.
pub const MAX_CONNECTIONS: u32 = 10;

/// How long a request waits for a free connection before it fails, rather
/// than wait forever when the server is gone or every connection is busy.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

/// How long a connection nobody uses stays open, holding a server process.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(60);

// ANCHOR: connect
/// Opens a pool to the server at `url` (a `postgres://` URL) with the limits
/// above, then applies the migrations in `migrations/` that have not been
/// applied yet.
pub async fn connect(url: &str) -> Result<PgPool, sqlx::Error> {
    // TODO: a `PgPoolOptions` with MAX_CONNECTIONS, ACQUIRE_TIMEOUT and IDLE_TIMEOUT, connected
    //       to `url`; then the migrations (`sqlx::migrate!`) run on it; then the pool.
    todo!("connect to {url} and migrate")
}
// ANCHOR_END: connect
