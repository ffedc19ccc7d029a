//! Create rows with `INSERT … RETURNING`, and turn every way a create can
//! fail into a value the caller can match on.

// Until you write the bodies, their parameters are unused, the code after a
// `todo!()` never runs, and `which_is_taken` is never called: this keeps the
// compiler quiet about that. You may delete it once you are done.
#![allow(unused_variables, unreachable_code, dead_code)]

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

// ANCHOR: check_user
/// The Rust side's rules for a new user, checked before any SQL runs. Each
/// refusal is `Invalid` with the field and the reason: an empty `username`
/// ("must not be empty") or one over 80 characters ("must be at most 80
/// characters"); an `email` over 120 characters ("must be at most 120
/// characters") or without text on both sides of an `@` ("must look like
/// name@host"). A character is a `char`: `é` counts once.
fn check_user(new: &NewUser) -> Result<(), CreateUserError> {
    // TODO: return `Err(CreateUserError::Invalid { field, reason })` for the
    // first rule broken, in the order above, and `Ok(())` when none is.
    todo!("check {:?} <{}>", new.username, new.email)
}
// ANCHOR_END: check_user

// ANCHOR: which_is_taken
/// Given: which of the new user's values another user already has, if any,
/// the username first. Both questions in one `SELECT`; `EXISTS` gives 0 or
/// 1, and `AS "username!: bool"` tells sqlx to read it as a `bool` that is
/// never NULL. `None` means the clash is gone again since the insert failed:
/// nothing to name.
async fn which_is_taken(pool: &SqlitePool, new: &NewUser) -> Result<Option<CreateUserError>, sqlx::Error> {
    let found = sqlx::query!(
        r#"SELECT EXISTS (SELECT 1 FROM users WHERE username = ?) AS "username!: bool",
                  EXISTS (SELECT 1 FROM users WHERE email = ?) AS "email!: bool""#,
        new.username,
        new.email
    )
    .fetch_one(pool)
    .await?;
    Ok(if found.username {
        Some(CreateUserError::UsernameTaken(new.username.clone()))
    } else if found.email {
        Some(CreateUserError::EmailTaken(new.email.clone()))
    } else {
        None
    })
}
// ANCHOR_END: which_is_taken

// ANCHOR: create_user
/// Adds a user and returns the new row. Input that `check_user` refuses is
/// `Invalid`; a username or an email that another user has is
/// `UsernameTaken` or `EmailTaken` (the username wins when both are); any
/// other failure is `Database`.
pub async fn create_user(pool: &SqlitePool, new: &NewUser) -> Result<User, CreateUserError> {
    check_user(new)?;
    // TODO: `INSERT INTO users … RETURNING id AS "id!", …` with
    // `sqlx::query_as!(User, …)`, then `.fetch_one(pool).await`, without `?`:
    // the match below decides what each error means.
    let inserted: Result<User, sqlx::Error> = todo!("insert {:?} <{}>", new.username, new.email);
    match inserted {
        Ok(user) => Ok(user),
        // TODO: an arm before the last one, for `Err(sqlx::Error::Database(error))`
        // when `error.kind()` is `sqlx::error::ErrorKind::UniqueViolation`: ask
        // `which_is_taken(pool, new)` and return the error it names, or, if it
        // names none, `error` itself as `Database`.
        Err(error) => Err(error.into()),
    }
}
// ANCHOR_END: create_user

// ANCHOR: create_post
/// Adds a post by the user `author_id` and returns the new row, with the
/// `created_at` the database gave it. Refuses, as `Invalid` and before any
/// SQL, an empty `title` ("must not be empty") or one over 100 characters
/// ("must be at most 100 characters"); an author who does not exist is
/// `UnknownAuthor`.
pub async fn create_post(pool: &SqlitePool, author_id: i64, new: &NewPost) -> Result<Post, CreatePostError> {
    // TODO: the title's two rules, as `Invalid` with the field "title"; then
    // `INSERT … RETURNING` every column of `Post`, each with its `!`. A
    // `ForeignKeyViolation` kind of error means there is no such author.
    todo!("create the post {:?} by user #{author_id}", new.title)
}
// ANCHOR_END: create_post
