//! The in-memory SQLite databases the checks open: one connection each, foreign keys on.
//!
//! One connection, since each in-memory connection is a database of its
//! own; sqlx turns SQLite's foreign keys on, so `ON DELETE` rules apply. The
//! database starts empty: a check runs its crate's migrations on it
//! (`sqlx::migrate!()` must expand in the check, which owns `migrations/`).

use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};

/// A fresh in-memory database with no tables.
pub async fn memory() -> SqlitePool {
    SqlitePoolOptions::new()
        .max_connections(1)
        .connect("sqlite::memory:")
        .await
        .expect("an in-memory database")
}

/// [`memory`], where SQLite returns the rows of a query without `ORDER BY`
/// in the reverse of its usual order (`reverse_unordered_selects`): an
/// order left to chance shows up in the check, not in production.
pub async fn memory_reversed() -> SqlitePool {
    let options = "sqlite::memory:"
        .parse::<SqliteConnectOptions>()
        .expect("in-memory options")
        .pragma("reverse_unordered_selects", "ON");
    SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .expect("an in-memory database")
}

/// [`memory`], whose pool gives up after `wait` (instead of 30 seconds)
/// when a statement waits for the one connection, held by a transaction.
pub async fn memory_waiting(wait: Duration) -> SqlitePool {
    SqlitePoolOptions::new()
        .max_connections(1)
        .acquire_timeout(wait)
        .connect("sqlite::memory:")
        .await
        .expect("an in-memory database")
}
