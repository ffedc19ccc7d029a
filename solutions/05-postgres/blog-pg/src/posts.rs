//! Step 2: the blog's queries in PostgreSQL's dialect, checked while the
//! crate compiles: numbered parameters, `RETURNING`, `ON CONFLICT`.

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
    sqlx::query_as!(
        Post,
        "INSERT INTO posts (user_id, title, content, created_at) VALUES ($1, $2, $3, $4)
         RETURNING id, user_id, title, content, published, likes, created_at, updated_at",
        user_id,
        title,
        content,
        at
    )
    .fetch_one(pool)
    .await
}
// ANCHOR_END: insert_post

// ANCHOR: list_posts
/// Page `page` (from 1) of the published posts, `per_page` to a page, newest
/// first (the later id first when two share a time), each with its author
/// and its number of comments.
pub async fn list_posts(pool: &PgPool, page: i64, per_page: i64) -> Result<Vec<PostSummary>, sqlx::Error> {
    sqlx::query_as!(
        PostSummary,
        r#"SELECT p.id, p.title, u.username AS author, p.created_at,
                  (SELECT count(*) FROM comments c WHERE c.post_id = p.id) AS "comment_count!"
           FROM posts p JOIN users u ON u.id = p.user_id
           WHERE p.published
           ORDER BY p.created_at DESC, p.id DESC
           LIMIT $1 OFFSET $2"#,
        per_page,
        (page - 1) * per_page
    )
    .fetch_all(pool)
    .await
}
// ANCHOR_END: list_posts

// ANCHOR: tag_post
/// Tags post `post_id` with `name`, trimmed and in lowercase: the tag is
/// made if it is new, and a post tagged twice keeps one link. Gives back
/// the tag's id.
pub async fn tag_post(pool: &PgPool, post_id: i64, name: &str) -> Result<i64, sqlx::Error> {
    let name = name.trim().to_lowercase();
    let mut tx = pool.begin().await?;
    // DO UPDATE, not DO NOTHING: a row that is left alone is not returned.
    let tag_id = sqlx::query_scalar!(
        "INSERT INTO tags (name) VALUES ($1)
         ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name
         RETURNING id",
        name
    )
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query!(
        "INSERT INTO post_tags (post_id, tag_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        post_id,
        tag_id
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(tag_id)
}
// ANCHOR_END: tag_post
