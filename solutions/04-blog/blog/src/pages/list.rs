//! Step 2: the front page, the newest posts with their authors and their
//! numbers of comments.

use axum::extract::State;
use minijinja::context;
use minijinja::value::Serde;
use sqlx::SqlitePool;

use crate::error::AppError;
use crate::flash::Flashes;
use crate::models::PostSummary;
use crate::state::{AppState, Page};

/// How many posts a page shows.
pub const PER_PAGE: i64 = 10;

// ANCHOR: newest_posts
/// The `limit` newest posts, newest first (the higher id first when two have
/// the same time), each with its author's username and its comment count.
pub async fn newest_posts(pool: &SqlitePool, limit: i64) -> Result<Vec<PostSummary>, sqlx::Error> {
    sqlx::query_as!(
        PostSummary,
        r#"SELECT p.id, p.title, u.username AS author, p.created_at,
                  (SELECT count(*) FROM comments c WHERE c.post_id = p.id) AS "comment_count!: i64"
           FROM posts p JOIN users u ON u.id = p.user_id
           ORDER BY p.created_at DESC, p.id DESC
           LIMIT ?"#,
        limit
    )
    .fetch_all(pool)
    .await
}
// ANCHOR_END: newest_posts

// ANCHOR: front_page
/// `GET /`: the `PER_PAGE` newest posts, rendered with `index.html`. It asks
/// for one post more than it shows: if that one comes back, there are older
/// posts, and the page links to them (`older`).
pub async fn front_page(State(state): State<AppState>, flashes: Flashes) -> Result<Page, AppError> {
    let mut posts = newest_posts(&state.pool, PER_PAGE + 1).await?;
    let older = posts.len() > PER_PAGE as usize;
    posts.truncate(PER_PAGE as usize);
    state.page("index.html", flashes, context! { posts => Serde(&posts), older })
}
// ANCHOR_END: front_page
