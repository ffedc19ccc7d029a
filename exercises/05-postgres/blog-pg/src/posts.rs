//! Step 2: the blog's queries in PostgreSQL's dialect, checked while the
//! crate compiles: numbered parameters, `RETURNING`, `ON CONFLICT`.

// Until you write the bodies, their parameters and some imports are unused:
// this keeps the compiler quiet about that. You may delete it once you are done.
#![allow(unused_variables, unused_imports)]

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use crate::models::{Post, PostSummary};

// ANCHOR: insert_post
/// Adds a post by the user `user_id`, written at `at`, and gives back the
/// whole row as the server stored it: its new id and its defaults included.
pub async fn insert_post(
    pool: &PgPool,
    user_id: i64,
    title: &str,
    content: &str,
    at: DateTime<Utc>,
) -> Result<Post, sqlx::Error> {
    // TODO: a checked `query_as!` into `Post`: INSERT … VALUES ($1, …) RETURNING the columns of
    //       `Post`, then `fetch_one`.
    todo!("insert the post {title:?}")
}
// ANCHOR_END: insert_post

// ANCHOR: list_posts
/// Page `page` (from 1) of the published posts, `per_page` to a page, newest
/// first (the later id first when two share a time), each with its author
/// and its number of comments.
pub async fn list_posts(pool: &PgPool, page: i64, per_page: i64) -> Result<Vec<PostSummary>, sqlx::Error> {
    // TODO: a checked `query_as!` into `PostSummary`: a JOIN for the author, a subquery counting the
    //       comments (its column named "comment_count!"), published posts only, the order, then
    //       LIMIT and OFFSET as parameters.
    todo!("page {page} of the posts")
}
// ANCHOR_END: list_posts

// ANCHOR: tag_post
/// Tags post `post_id` with `name`, trimmed and in lowercase: the tag is
/// made if it is new, and a post tagged twice keeps one link. Gives back
/// the tag's id.
pub async fn tag_post(pool: &PgPool, post_id: i64, name: &str) -> Result<i64, sqlx::Error> {
    // TODO: in a transaction: INSERT the tag … ON CONFLICT (name) DO UPDATE … RETURNING id, then
    //       link it to the post … ON CONFLICT DO NOTHING; commit; the tag's id.
    todo!("tag post {post_id} with {name:?}")
}
// ANCHOR_END: tag_post
