//! Delete rows with a `DELETE` you write, and let the schema's `ON DELETE`
//! rules decide what goes with them.

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
    let done = sqlx::query!("DELETE FROM posts WHERE id = ?", id).execute(pool).await?;
    // A DELETE that matches no row is no error to SQL: zero rows affected.
    if done.rows_affected() == 0 {
        return Err(DeleteError::NotFound { what: "post", id });
    }
    Ok(())
}

/// Deletes the user `id`. Their posts go, and so do those posts' comments;
/// their comments on other posts stay, with no author. No user `id` is
/// `NotFound`.
pub async fn delete_user(pool: &SqlitePool, id: i64) -> Result<(), DeleteError> {
    let done = sqlx::query!("DELETE FROM users WHERE id = ?", id).execute(pool).await?;
    if done.rows_affected() == 0 {
        return Err(DeleteError::NotFound { what: "user", id });
    }
    Ok(())
}
// ANCHOR_END: deletes
