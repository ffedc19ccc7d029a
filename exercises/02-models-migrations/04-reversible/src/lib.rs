//! Migrations that go both ways: every `.up.sql` has a `.down.sql` that
//! undoes it, so the schema can be moved to any version, up or down.

use sqlx::SqlitePool;
use sqlx::migrate::{MigrateError, Migrator};

// ANCHOR: migrator
/// The migrations of `migrations/`, read into the program when it compiles.
pub static MIGRATOR: Migrator = sqlx::migrate!();

/// Applies every pending migration up to and including `target`, oldest
/// first: Alembic's `upgrade <revision>`.
pub async fn upgrade(pool: &SqlitePool, target: i64) -> Result<(), MigrateError> {
    MIGRATOR.run_to(target, pool).await
}

// ANCHOR: downgrade
/// Runs the down script of every applied migration newer than `target`,
/// newest first, so that `target` is the last version left applied:
/// Alembic's `downgrade <revision>`. `downgrade(pool, 0)` undoes them all.
pub async fn downgrade(pool: &SqlitePool, target: i64) -> Result<(), MigrateError> {
    MIGRATOR.undo(pool, target).await
}
// ANCHOR_END: downgrade
// ANCHOR_END: migrator
