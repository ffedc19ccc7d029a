//! Step 3: a post's page, with its author, its tags, its comments and the
//! form to add one.

// Until you write the bodies, their parameters and some imports are unused:
// this keeps the compiler quiet about that. You may delete it once you are done.
#![allow(unused_variables, unused_imports)]

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
    // TODO: three queries: the post JOIN its author as a `PostView` (`fetch_optional`, and
    //       `.ok_or_else(|| AppError::no_post(id))?`), its tag names by name, its comments by
    //       `created_at, id`.
    todo!("read post {id} with its author, tags and comments")
}
// ANCHOR_END: post_detail

// ANCHOR: show_post
/// `GET /post/{id}`: the post, rendered with `post.html`; the 404 page when
/// there is no such post.
pub async fn show_post(State(state): State<AppState>, PostId(id): PostId, flashes: Flashes) -> Result<Page, AppError> {
    // TODO: `post_detail`, then `state.page("post.html", flashes, context! { post => Serde(&post) })`.
    todo!("render post {id} with post.html")
}
// ANCHOR_END: show_post
