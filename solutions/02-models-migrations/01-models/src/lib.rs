//! Models: one struct per table, one field per column. sqlx's `FromRow`
//! derive turns each row that a query returns into a struct, column by name.

use chrono::NaiveDateTime;
use sqlx::SqlitePool;

// ANCHOR: models
/// A row of `users`. A user may have no bio: the column allows NULL, so the
/// field is an `Option`.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub email: String,
    pub bio: Option<String>,
    pub created_at: NaiveDateTime,
}

/// A row of `posts`. The table calls the author's id `user_id`; the struct
/// calls it `author_id`.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Post {
    pub id: i64,
    pub title: String,
    pub content: String,
    #[sqlx(rename = "user_id")]
    pub author_id: i64,
}
// ANCHOR_END: models

// ANCHOR: queries
/// Every user, in id order.
pub async fn all_users(pool: &SqlitePool) -> Result<Vec<User>, sqlx::Error> {
    sqlx::query_as::<_, User>("SELECT id, username, email, bio, created_at FROM users ORDER BY id")
        .fetch_all(pool)
        .await
}

/// The user with this id, or `None` if there is none.
pub async fn user_by_id(pool: &SqlitePool, id: i64) -> Result<Option<User>, sqlx::Error> {
    sqlx::query_as::<_, User>("SELECT id, username, email, bio, created_at FROM users WHERE id = ?")
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// The posts written by the user `user_id`, in id order.
pub async fn posts_of(pool: &SqlitePool, user_id: i64) -> Result<Vec<Post>, sqlx::Error> {
    sqlx::query_as::<_, Post>("SELECT id, title, content, user_id FROM posts WHERE user_id = ? ORDER BY id")
        .bind(user_id)
        .fetch_all(pool)
        .await
}
// ANCHOR_END: queries
