//! Create rows with `INSERT … RETURNING`, and turn every way a create can
//! fail into a value the caller can match on.
// Until you write the bodies, their parameters are unused: this keeps the
// compiler quiet about that. You may delete it once you are done.
#![allow(unused_variables)]

use sqlx::SqlitePool;

// ANCHOR: models
/// A row of `users`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub email: String,
}

/// A row of `posts`. The database fills in `id` and `created_at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    pub id: i64,
    pub title: String,
    pub content: String,
    pub user_id: i64,
    pub created_at: String,
}

/// What it takes to create a user: everything but the id.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: String,
    pub email: String,
}

/// What it takes to create a post, besides its author.
#[derive(Debug, Clone)]
pub struct NewPost {
    pub title: String,
    pub content: String,
}
// ANCHOR_END: models

// ANCHOR: errors
/// Why a user was not created.
#[derive(Debug, thiserror::Error)]
pub enum CreateUserError {
    #[error("the username {0:?} is taken")]
    UsernameTaken(String),
    #[error("the email {0:?} is taken")]
    EmailTaken(String),
    /// Refused by the Rust side, before any SQL ran.
    #[error("invalid {field}: {reason}")]
    Invalid { field: &'static str, reason: &'static str },
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

/// Why a post was not created.
#[derive(Debug, thiserror::Error)]
pub enum CreatePostError {
    #[error("there is no user #{0} to write this post")]
    UnknownAuthor(i64),
    /// Refused by the Rust side, before any SQL ran.
    #[error("invalid {field}: {reason}")]
    Invalid { field: &'static str, reason: &'static str },
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}
// ANCHOR_END: errors

// ANCHOR: create_user
/// Adds a user and returns the new row. Refuses, as `Invalid` and before any
/// SQL, an empty `username` ("must not be empty") or one over 80 characters
/// ("must be at most 80 characters"), and an `email` over 120 characters
/// ("must be at most 120 characters") or without text on both sides of an
/// `@` ("must look like name@host"). A taken username wins over a taken email.
pub async fn create_user(pool: &SqlitePool, new: &NewUser) -> Result<User, CreateUserError> {
    // TODO: check the input; then `INSERT … RETURNING` with `sqlx::query_as!`.
    // On `sqlx::Error::Database(e)` whose `e.kind()` is
    // `sqlx::error::ErrorKind::UniqueViolation`, ask the table which value
    // is taken; pass any other error on as `Database`.
    todo!("create the user {:?} <{}>", new.username, new.email)
}
// ANCHOR_END: create_user

// ANCHOR: create_post
/// Adds a post by the user `author_id` and returns the new row, with the
/// `created_at` the database gave it. Refuses, as `Invalid` and before any
/// SQL, an empty `title` ("must not be empty") or one over 100 characters
/// ("must be at most 100 characters"); an author who does not exist is
/// `UnknownAuthor`.
pub async fn create_post(pool: &SqlitePool, author_id: i64, new: &NewPost) -> Result<Post, CreatePostError> {
    // TODO: check the title; then `INSERT … RETURNING` every column of `Post`.
    // A `ForeignKeyViolation` kind of error means there is no such author.
    todo!("create the post {:?} by user #{author_id}", new.title)
}
// ANCHOR_END: create_post
