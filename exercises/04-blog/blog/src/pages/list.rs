//! Step 2: the front page, the newest posts with their authors and their
//! numbers of comments.

// Until you write the bodies, their parameters and some imports are unused:
// this keeps the compiler quiet about that. You may delete it once you are done.
#![allow(unused_variables, unused_imports)]

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
    // TODO: `query_as!(PostSummary, …)`: posts JOIN users for the author (`u.username AS author`),
    //       the comments counted in a subquery named `"comment_count!: i64"`, newest first (ties:
    //       the higher id first), `LIMIT ?`.
    todo!("the {limit} newest posts with their authors and comment counts")
}
// ANCHOR_END: newest_posts

// ANCHOR: front_page
/// `GET /`: the `PER_PAGE` newest posts, rendered with `index.html`. It asks
/// for one post more than it shows: if that one comes back, there are older
/// posts, and the page links to them (`older`).
pub async fn front_page(State(state): State<AppState>, flashes: Flashes) -> Result<Page, AppError> {
    // TODO: ask `newest_posts` for `PER_PAGE + 1` posts; `older` is whether more than `PER_PAGE`
    //       came back; keep `PER_PAGE` of them; then
    //       `state.page("index.html", flashes, context! { posts => Serde(&posts), older })`.
    todo!("render index.html with the newest posts")
}
// ANCHOR_END: front_page
