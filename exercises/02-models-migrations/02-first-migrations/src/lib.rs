//! The first migrations: the blog's tables, written as SQL files in
//! `migrations/` and applied in order by sqlx. Your work is in those files.

use sqlx::SqlitePool;
use sqlx::migrate::Migrator;
use sqlx::sqlite::SqlitePoolOptions;

// ANCHOR: migrator
/// Every file of `migrations/`, read when the crate compiles and embedded in
/// it: the program needs no migration files at run time.
pub static MIGRATOR: Migrator = sqlx::migrate!();

/// A fresh in-memory database with every migration applied. One connection,
/// since each in-memory connection is a database of its own.
pub async fn migrated_pool() -> Result<SqlitePool, sqlx::Error> {
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect("sqlite::memory:")
        .await?;
    MIGRATOR.run(&pool).await?;
    Ok(pool)
}
// ANCHOR_END: migrator
