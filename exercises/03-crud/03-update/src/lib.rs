//! Update rows with an `UPDATE` you write: one column, or only the columns
//! given, with "no such row" and a taken value as typed errors.
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

/// The changes to make to a user: `None` leaves that column as it is.
#[derive(Debug, Clone, Default)]
pub struct UserChanges {
    pub username: Option<String>,
    pub email: Option<String>,
}

/// Why a user was not updated.
#[derive(Debug, thiserror::Error)]
pub enum UpdateError {
    #[error("there is no user #{0}")]
    NotFound(i64),
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
// ANCHOR_END: models

// ANCHOR: checks
/// Given: the rules for a username, as in the create exercise.
pub fn check_username(username: &str) -> Result<(), UpdateError> {
    let invalid = |reason| {
        Err(UpdateError::Invalid {
            field: "username",
            reason,
        })
    };
    if username.is_empty() {
        return invalid("must not be empty");
    }
    if username.chars().count() > 80 {
        return invalid("must be at most 80 characters");
    }
    Ok(())
}

/// Given: the rules for an email, as in the create exercise.
pub fn check_email(email: &str) -> Result<(), UpdateError> {
    let invalid = |reason| Err(UpdateError::Invalid { field: "email", reason });
    if email.chars().count() > 120 {
        return invalid("must be at most 120 characters");
    }
    match email.split_once('@') {
        Some((name, host)) if !name.is_empty() && !host.is_empty() => Ok(()),
        _ => invalid("must look like name@host"),
    }
}
// ANCHOR_END: checks

// ANCHOR: update_email
/// Sets the email of the user `id` and returns the row as it is after. An
/// email that `check_email` refuses is `Invalid`, one that another user has
/// is `EmailTaken`, and no user `id` is `NotFound`.
pub async fn update_email(pool: &SqlitePool, id: i64, email: &str) -> Result<User, UpdateError> {
    // TODO: check the email, then `UPDATE … WHERE id = ? RETURNING …` with
    // `fetch_optional`: no row back means no row matched. A
    // `UniqueViolation` kind of database error means the email is taken.
    todo!("set the email of user #{id} to {email:?}")
}
// ANCHOR_END: update_email

// ANCHOR: update_user
/// Changes the columns that `changes` gives, in one statement, and leaves
/// the others; returns the row as it is after. Each given value is checked
/// first; a taken username wins over a taken email; no user `id` is
/// `NotFound`, even with nothing to change.
pub async fn update_user(pool: &SqlitePool, id: i64, changes: &UserChanges) -> Result<User, UpdateError> {
    // TODO: check what is given, then one UPDATE whose SET keeps a column
    // when its new value is `None`: `username = coalesce(?, username)`. On a
    // `UniqueViolation`, ask the table which given value another user has.
    todo!("apply {changes:?} to user #{id}")
}
// ANCHOR_END: update_user
