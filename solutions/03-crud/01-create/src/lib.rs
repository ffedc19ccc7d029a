//! Create rows with `INSERT … RETURNING`, and turn every way a create can
//! fail into a value the caller can match on.

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
    let invalid = |field, reason| Err(CreateUserError::Invalid { field, reason });
    if new.username.is_empty() {
        return invalid("username", "must not be empty");
    }
    if new.username.chars().count() > 80 {
        return invalid("username", "must be at most 80 characters");
    }
    if new.email.chars().count() > 120 {
        return invalid("email", "must be at most 120 characters");
    }
    match new.email.split_once('@') {
        Some((name, host)) if !name.is_empty() && !host.is_empty() => Ok(()),
        _ => invalid("email", "must look like name@host"),
    }
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
    let inserted = sqlx::query_as!(
        User,
        // SQLite cannot tell whether a RETURNING column may be NULL: `!` says not.
        r#"INSERT INTO users (username, email) VALUES (?, ?)
           RETURNING id AS "id!", username AS "username!", email AS "email!""#,
        new.username,
        new.email
    )
    .fetch_one(pool)
    .await;
    match inserted {
        Ok(user) => Ok(user),
        // The error's kind says that a UNIQUE rule refused the row; the
        // table itself says which value is taken.
        Err(sqlx::Error::Database(error)) if error.kind() == ErrorKind::UniqueViolation => {
            match which_is_taken(pool, new).await? {
                Some(taken) => Err(taken),
                None => Err(sqlx::Error::Database(error).into()),
            }
        }
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
    let invalid = |reason| Err(CreatePostError::Invalid { field: "title", reason });
    if new.title.is_empty() {
        return invalid("must not be empty");
    }
    if new.title.chars().count() > 100 {
        return invalid("must be at most 100 characters");
    }
    sqlx::query_as!(
        Post,
        r#"INSERT INTO posts (title, content, user_id) VALUES (?, ?, ?)
           RETURNING id AS "id!", title AS "title!", content AS "content!",
                     user_id AS "user_id!", created_at AS "created_at!""#,
        new.title,
        new.content,
        author_id
    )
    .fetch_one(pool)
    .await
    .map_err(|error| match error {
        sqlx::Error::Database(e) if e.kind() == ErrorKind::ForeignKeyViolation => {
            CreatePostError::UnknownAuthor(author_id)
        }
        other => other.into(),
    })
}
// ANCHOR_END: create_post
