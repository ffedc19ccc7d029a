//! Update rows with an `UPDATE` you write: one column, or only the columns
//! given, with "no such row" and a taken value as typed errors.

use sqlx::SqlitePool;
use sqlx::error::ErrorKind;

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
    check_email(email)?;
    let updated = sqlx::query_as!(
        User,
        r#"UPDATE users SET email = ? WHERE id = ?
           RETURNING id AS "id!", username AS "username!", email AS "email!""#,
        email,
        id
    )
    .fetch_optional(pool)
    .await;
    match updated {
        Ok(Some(user)) => Ok(user),
        // No row matched the WHERE, so none was updated and none returned.
        Ok(None) => Err(UpdateError::NotFound(id)),
        // Only the email changes, so only the email can be taken.
        Err(sqlx::Error::Database(error)) if error.kind() == ErrorKind::UniqueViolation => {
            Err(UpdateError::EmailTaken(email.to_string()))
        }
        Err(error) => Err(error.into()),
    }
}
// ANCHOR_END: update_email

// ANCHOR: update_user
/// Changes the columns that `changes` gives, in one statement, and leaves
/// the others; returns the row as it is after. Each given value is checked
/// first; a taken username wins over a taken email; no user `id` is
/// `NotFound`, even with nothing to change.
pub async fn update_user(pool: &SqlitePool, id: i64, changes: &UserChanges) -> Result<User, UpdateError> {
    if let Some(username) = &changes.username {
        check_username(username)?;
    }
    if let Some(email) = &changes.email {
        check_email(email)?;
    }
    let updated = sqlx::query_as!(
        User,
        // A NULL parameter (a `None`) makes coalesce keep the column's value.
        r#"UPDATE users
           SET username = coalesce(?, username), email = coalesce(?, email)
           WHERE id = ?
           RETURNING id AS "id!", username AS "username!", email AS "email!""#,
        changes.username,
        changes.email,
        id
    )
    .fetch_optional(pool)
    .await;
    match updated {
        Ok(Some(user)) => Ok(user),
        Ok(None) => Err(UpdateError::NotFound(id)),
        Err(sqlx::Error::Database(error)) if error.kind() == ErrorKind::UniqueViolation => {
            match which_is_taken(pool, id, changes).await? {
                Some(taken) => Err(taken),
                None => Err(sqlx::Error::Database(error).into()),
            }
        }
        Err(error) => Err(error.into()),
    }
}

/// Which of the given values another user than `id` already has, if any.
async fn which_is_taken(pool: &SqlitePool, id: i64, changes: &UserChanges) -> Result<Option<UpdateError>, sqlx::Error> {
    // A `None` compares as NULL, which matches no row.
    let found = sqlx::query!(
        r#"SELECT EXISTS (SELECT 1 FROM users WHERE username = ? AND id <> ?) AS "username!: bool",
                  EXISTS (SELECT 1 FROM users WHERE email = ? AND id <> ?) AS "email!: bool""#,
        changes.username,
        id,
        changes.email,
        id
    )
    .fetch_one(pool)
    .await?;
    Ok(match (&changes.username, &changes.email) {
        (Some(username), _) if found.username => Some(UpdateError::UsernameTaken(username.clone())),
        (_, Some(email)) if found.email => Some(UpdateError::EmailTaken(email.clone())),
        _ => None,
    })
}
// ANCHOR_END: update_user
