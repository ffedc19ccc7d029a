//! Delete rows with a `DELETE` you write, and let the schema's `ON DELETE`
//! rules decide what goes with them.
// Until you write the bodies, their parameters are unused: this keeps the
// compiler quiet about that. You may delete it once you are done.
#![allow(unused_variables)]

use sqlx::SqlitePool;

// ANCHOR: errors
/// Why nothing was deleted.
#[derive(Debug, thiserror::Error)]
pub enum DeleteError {
    /// No row had this id: `what` is "post" or "user".
    #[error("there is no {what} #{id}")]
    NotFound { what: &'static str, id: i64 },
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}
// ANCHOR_END: errors

// ANCHOR: deletes
/// Deletes the post `id`. Its comments and its links to tags go with it,
/// by the schema's rules; the tags stay. No post `id` is `NotFound`.
pub async fn delete_post(pool: &SqlitePool, id: i64) -> Result<(), DeleteError> {
    // TODO: one DELETE with `sqlx::query!`, then `rows_affected()` on what
    // `execute` returns: zero rows means there was no such post.
    todo!("delete the post #{id}")
}

/// Deletes the user `id`. Their posts go, and so do those posts' comments;
/// their comments on other posts stay, with no author. No user `id` is
/// `NotFound`.
pub async fn delete_user(pool: &SqlitePool, id: i64) -> Result<(), DeleteError> {
    // TODO: the same for users. The rest is the schema's work, not yours.
    todo!("delete the user #{id}")
}
// ANCHOR_END: deletes
