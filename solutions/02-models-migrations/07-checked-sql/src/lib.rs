//! Queries that the compiler checks against the schema: a misspelled column
//! or a mismatched type is a compile error, not a failure in production.

use sqlx::SqlitePool;

// ANCHOR: models
/// A row of `users`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub email: String,
}

/// A post's title with the username of its author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostTitle {
    pub id: i64,
    pub title: String,
    pub author: String,
}
// ANCHOR_END: models

// ANCHOR: solution
/// The user with this username, if there is one.
pub async fn find_user(pool: &SqlitePool, username: &str) -> Result<Option<User>, sqlx::Error> {
    sqlx::query_as!(
        User,
        "SELECT id, username, email FROM users WHERE username = ?",
        username
    )
    .fetch_optional(pool)
    .await
}

/// Adds a post by the user `user_id`; returns the new post's id.
pub async fn add_post(pool: &SqlitePool, user_id: i64, title: &str, content: &str) -> Result<i64, sqlx::Error> {
    let row = sqlx::query!(
        // `AS "id!"` tells sqlx the value is never NULL, which SQLite
        // cannot say of a RETURNING column.
        r#"INSERT INTO posts (user_id, title, content) VALUES (?, ?, ?) RETURNING id AS "id!""#,
        user_id,
        title,
        content
    )
    .fetch_one(pool)
    .await?;
    Ok(row.id)
}

/// Every post's title and author, newest first.
pub async fn post_titles(pool: &SqlitePool) -> Result<Vec<PostTitle>, sqlx::Error> {
    sqlx::query_as!(
        PostTitle,
        "SELECT p.id, p.title, u.username AS author
         FROM posts p JOIN users u ON u.id = p.user_id
         ORDER BY p.id DESC"
    )
    .fetch_all(pool)
    .await
}
// ANCHOR_END: solution
