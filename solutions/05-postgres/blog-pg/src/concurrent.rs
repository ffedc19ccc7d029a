//! Step 3: two requests at once. A read, then a write that depends on it,
//! loses the other request's write unless the server is told to keep them
//! apart: do the arithmetic in the `UPDATE`, or lock the row you decide on.

use chrono::{DateTime, TimeDelta, Utc};
use sqlx::PgPool;

use crate::models::Post;

/// Why a post was not published.
#[derive(Debug, thiserror::Error)]
pub enum QuotaError {
    #[error("this author has published their {0} posts of the day already")]
    Reached(i64),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

// ANCHOR: like_post
/// Adds one like to post `post_id` and gives back its likes now, or `None`
/// when there is no such post. Any number of requests at once each count.
pub async fn like_post(pool: &PgPool, post_id: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("UPDATE posts SET likes = likes + 1 WHERE id = $1 RETURNING likes")
        .bind(post_id)
        .fetch_optional(pool)
        .await
}
// ANCHOR_END: like_post

// ANCHOR: publish_within_quota
/// Publishes a post by `user_id` at `at`, unless they already published
/// `quota` posts in the 24 hours before `at`: then `QuotaError::Reached`.
/// Requests at once from the same author never publish more than the quota.
pub async fn publish_within_quota(
    pool: &PgPool,
    user_id: i64,
    title: &str,
    content: &str,
    at: DateTime<Utc>,
    quota: i64,
) -> Result<Post, QuotaError> {
    let mut tx = pool.begin().await?;
    // The author's row, locked until the commit: a second request for the
    // same author waits here, and counts after this one has written.
    sqlx::query("SELECT id FROM users WHERE id = $1 FOR UPDATE")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    let published: i64 = sqlx::query_scalar("SELECT count(*) FROM posts WHERE user_id = $1 AND created_at > $2")
        .bind(user_id)
        .bind(at - TimeDelta::hours(24))
        .fetch_one(&mut *tx)
        .await?;
    if published >= quota {
        return Err(QuotaError::Reached(quota));
    }
    let post = sqlx::query_as(
        "INSERT INTO posts (user_id, title, content, created_at) VALUES ($1, $2, $3, $4)
         RETURNING id, user_id, title, content, published, likes, created_at, updated_at",
    )
    .bind(user_id)
    .bind(title)
    .bind(content)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(post)
}
// ANCHOR_END: publish_within_quota
