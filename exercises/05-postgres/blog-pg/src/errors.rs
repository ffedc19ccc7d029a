//! Step 4: the server's refusals as typed errors. PostgreSQL names each
//! error with a SQLSTATE code (23505: a unique value taken; 23503: a foreign
//! key with nothing to point to; 23514: a CHECK refused) and the constraint
//! it broke: together they say exactly what went wrong.

// Until you write the bodies, their parameters and some imports are unused:
// this keeps the compiler quiet about that. You may delete it once you are done.
#![allow(unused_variables, unused_imports)]

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
    // TODO: `error.as_database_error()`; then match its `code()` (23505, 23503, 23514) and its
    //       `constraint()`; anything else is `StoreError::Database(error)`.
    todo!("classify {error}")
}
// ANCHOR_END: classify

// ANCHOR: create_user
/// Adds a user, or says why the server refused.
pub async fn create_user(pool: &PgPool, username: &str, email: &str) -> Result<User, StoreError> {
    // TODO: a checked `query_as!` into `User`: INSERT … RETURNING; a refusal goes through `classify`.
    todo!("create the user {username:?}")
}
// ANCHOR_END: create_user

// ANCHOR: add_comment
/// Adds a comment to post `post_id`, written at `at`, or says why the
/// server refused: no question asked before, the insert is the question.
pub async fn add_comment(pool: &PgPool, post_id: i64, content: &str, at: DateTime<Utc>) -> Result<Comment, StoreError> {
    // TODO: a checked `query_as!` into `Comment`: INSERT … RETURNING; a refusal goes through
    //       `classify`.
    todo!("comment on post {post_id}")
}
// ANCHOR_END: add_comment
