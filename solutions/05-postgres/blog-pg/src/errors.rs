//! Step 4: the server's refusals as typed errors. PostgreSQL names each
//! error with a SQLSTATE code (23505: a unique value taken; 23503: a foreign
//! key with nothing to point to; 23514: a CHECK refused) and the constraint
//! it broke: together they say exactly what went wrong.

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use crate::models::{Comment, User};

/// What went wrong when storing a user or a comment.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("this username is taken")]
    UsernameTaken,
    #[error("this email is already registered")]
    EmailTaken,
    #[error("there is no such post")]
    NoSuchPost,
    /// A CHECK refused the value; the constraint's name says which.
    #[error("the value breaks the rule {0}")]
    Invalid(String),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

// ANCHOR: classify
/// The typed error for `error`: a unique, foreign-key or check violation
/// becomes its variant, by SQLSTATE and constraint; anything else stays a
/// `StoreError::Database`.
pub fn classify(error: sqlx::Error) -> StoreError {
    let Some(db) = error.as_database_error() else {
        return StoreError::Database(error);
    };
    match (db.code().as_deref(), db.constraint()) {
        (Some("23505"), Some("users_username_key")) => StoreError::UsernameTaken,
        (Some("23505"), Some("users_email_key")) => StoreError::EmailTaken,
        (Some("23503"), Some("comments_post_id_fkey")) => StoreError::NoSuchPost,
        (Some("23514"), Some(constraint)) => StoreError::Invalid(constraint.to_string()),
        _ => StoreError::Database(error),
    }
}
// ANCHOR_END: classify

// ANCHOR: create_user
/// Adds a user, or says why the server refused.
pub async fn create_user(pool: &PgPool, username: &str, email: &str) -> Result<User, StoreError> {
    sqlx::query_as!(
        User,
        "INSERT INTO users (username, email) VALUES ($1, $2) RETURNING id, username, email",
        username,
        email
    )
    .fetch_one(pool)
    .await
    .map_err(classify)
}
// ANCHOR_END: create_user

// ANCHOR: add_comment
/// Adds a comment to post `post_id`, written at `at`, or says why the
/// server refused: no question asked before, the insert is the question.
pub async fn add_comment(pool: &PgPool, post_id: i64, content: &str, at: DateTime<Utc>) -> Result<Comment, StoreError> {
    sqlx::query_as!(
        Comment,
        "INSERT INTO comments (post_id, content, created_at) VALUES ($1, $2, $3)
         RETURNING id, post_id, content, created_at",
        post_id,
        content,
        at
    )
    .fetch_one(pool)
    .await
    .map_err(classify)
}
// ANCHOR_END: add_comment
