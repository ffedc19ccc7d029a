//! Step 3: two requests at once. A read, then a write that depends on it,
//! loses the other request's write unless the server is told to keep them
//! apart: do the arithmetic in the `UPDATE`, or lock the row you decide on.

// Until you write the bodies, their parameters and some imports are unused:
// this keeps the compiler quiet about that. You may delete it once you are done.
#![allow(unused_variables, unused_imports)]

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
    // TODO: one statement that adds one to `likes` on the server and gives back the new count.
    todo!("like post {post_id}")
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
    // TODO: in a transaction: lock the author's row (SELECT … FOR UPDATE), count their posts of
    //       the 24 hours before `at`, `QuotaError::Reached(quota)` when there are `quota` already,
    //       else INSERT … RETURNING the post; commit.
    todo!("publish {title:?} by user {user_id} within a quota of {quota}")
}
// ANCHOR_END: publish_within_quota
