//! Step 3: a post's page, with its author, its tags, its comments and the
//! form to add one.

use axum::extract::State;
use minijinja::context;
use minijinja::value::Serde;
use sqlx::SqlitePool;

use crate::error::AppError;
use crate::extract::PostId;
use crate::flash::Flashes;
use crate::models::{Comment, PostDetail, PostView};
use crate::state::{AppState, Page};

// ANCHOR: post_detail
/// The post `id` with its author, its tags in name order and its comments
/// oldest first; `AppError::no_post(id)` when there is no such post.
pub async fn post_detail(pool: &SqlitePool, id: i64) -> Result<PostDetail, AppError> {
    let post = sqlx::query_as!(
        PostView,
        "SELECT p.id, p.title, p.content, u.username AS author, p.created_at, p.updated_at
         FROM posts p JOIN users u ON u.id = p.user_id
         WHERE p.id = ?",
        id
    )
    .fetch_optional(pool)
    .await?
    .ok_or_else(|| AppError::no_post(id))?;
    let tags = sqlx::query_scalar!(
        "SELECT t.name FROM tags t JOIN post_tags pt ON pt.tag_id = t.id
         WHERE pt.post_id = ? ORDER BY t.name",
        id
    )
    .fetch_all(pool)
    .await?;
    let comments = sqlx::query_as!(
        Comment,
        "SELECT id, post_id, content, created_at FROM comments
         WHERE post_id = ? ORDER BY created_at, id",
        id
    )
    .fetch_all(pool)
    .await?;
    Ok(PostDetail { post, tags, comments })
}
// ANCHOR_END: post_detail

// ANCHOR: show_post
/// `GET /post/{id}`: the post, rendered with `post.html`; the 404 page when
/// there is no such post.
pub async fn show_post(State(state): State<AppState>, PostId(id): PostId, flashes: Flashes) -> Result<Page, AppError> {
    let post = post_detail(&state.pool, id).await?;
    state.page("post.html", flashes, context! { post => Serde(&post) })
}
// ANCHOR_END: show_post
