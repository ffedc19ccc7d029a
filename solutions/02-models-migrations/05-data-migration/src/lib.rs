//! A data migration: a migration that changes rows rather than tables. sqlx
//! runs each migration in a transaction, so it is applied whole or not at all.

use sqlx::SqlitePool;
use sqlx::migrate::Migrator;

// ANCHOR: lib
/// The migrations of `migrations/`, read into the program when it compiles.
pub static MIGRATOR: Migrator = sqlx::migrate!();

/// A row of `users`.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub email: String,
}

// ANCHOR: users
/// Every user, by id.
pub async fn users(pool: &SqlitePool) -> Result<Vec<User>, sqlx::Error> {
    sqlx::query_as::<_, User>("SELECT id, username, email FROM users ORDER BY id")
        .fetch_all(pool)
        .await
}
// ANCHOR_END: users
// ANCHOR_END: lib
