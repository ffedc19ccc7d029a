//! Step 8: the JSON API. The same queries and the same rules as the pages,
//! answered with JSON, and every error as JSON too (`ApiError`).

// Until you write the bodies, their parameters and some imports are unused:
// this keeps the compiler quiet about that. You may delete it once you are done.
#![allow(unused_variables, unused_imports)]

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;

use crate::error::{ApiError, AppError};
use crate::extract::ApiPostId;
use crate::models::{PostDetail, PostSummary};
use crate::pages::create::insert_post;
use crate::pages::edit;
use crate::pages::list::PER_PAGE;
use crate::pages::listing::{Filter, find_posts, page_number};
use crate::pages::post::post_detail;
use crate::state::AppState;
use crate::validate::{PostInput, validate};

/// The most posts a page of the API may hold.
pub const MAX_PER_PAGE: i64 = 50;

// ANCHOR: bodies
/// The query string of `GET /api/posts`: `?page=2&per_page=20`, or
/// `?after=42&per_page=20` for the posts that come after post 42.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ApiListParams {
    pub page: Option<String>,
    pub per_page: Option<String>,
    pub after: Option<String>,
}

/// A stretch of the list read with a cursor: up to `per_page` posts, and
/// `next`, the address of the stretch after it (`None` after the last post).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PostsAfter {
    pub posts: Vec<PostSummary>,
    pub per_page: i64,
    pub next: Option<String>,
}

/// The body of `POST /api/posts`. A missing field is empty (and then breaks
/// its rule); a field the API does not know is refused.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PostJson {
    pub title: String,
    pub content: String,
    pub author: String,
    pub tags: Vec<String>,
}

/// The body of `PATCH /api/posts/{id}`: only the fields to change.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PostPatch {
    pub title: Option<String>,
    pub content: Option<String>,
    pub author: Option<String>,
    pub tags: Option<Vec<String>>,
}
// ANCHOR_END: bodies

// ANCHOR: per_page
/// `?per_page=`: `PER_PAGE` when absent, a whole number from 1 otherwise,
/// and never more than `MAX_PER_PAGE`. Anything else is
/// `AppError::BadRequest`: `per_page must be a whole number from 1, not "0".`
pub fn per_page(raw: Option<&str>) -> Result<i64, AppError> {
    // TODO: `None` is `PER_PAGE`; a number from 1, at most `MAX_PER_PAGE`; otherwise `AppError::BadRequest`.
    todo!("read per_page {raw:?}")
}
// ANCHOR_END: per_page

// ANCHOR: list_posts
/// `GET /api/posts?page=N&per_page=M`: a page of all posts, newest first,
/// with `page`, `per_page`, `total` and `pages`; or, with `?after=ID`
/// instead of `page`, `posts_after` that post. `after` must be a whole
/// number (`after must be a post's id, not "x".`), and `page` with `after`
/// is `AppError::BadRequest`: `Give page or after, not both.`
pub async fn list_posts(
    State(state): State<AppState>,
    params: Result<Query<ApiListParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    // TODO: the query (`?` turns its rejection into an `ApiError`), `per_page`; with `after`:
    //       refuse a `page` too, parse the id, `posts_after`; otherwise `page_number` and
    //       `find_posts`. Each answer is `Json(…).into_response()`, since the two differ.
    todo!("list the posts for {params:?}")
}
// ANCHOR_END: list_posts

// ANCHOR: posts_after
/// The `per_page` posts that come after the post `after` in the list's
/// order (newest first, ties by the higher id), and the address of the next
/// stretch when there are more. The index on `(created_at, id)` finds them
/// at any depth: no `OFFSET`. A post that is not there is
/// `AppError::NotFound`: `There is no post 999 to list after.`
pub async fn posts_after(pool: &SqlitePool, after: i64, per_page: i64) -> Result<PostsAfter, AppError> {
    // TODO: the cursor post's `created_at` and `id` (none: `AppError::NotFound`); the posts with
    //       `(p.created_at, p.id) < (?, ?)` in the list's order, `LIMIT per_page + 1`: a row more
    //       than asked says there is a next stretch, whose `next` is
    //       `/api/posts?after=<last id shown>&per_page=<per_page>`.
    todo!("{per_page} posts after post {after}")
}
// ANCHOR_END: posts_after

// ANCHOR: get_post
/// `GET /api/posts/{id}`: the post with its tags and comments, or 404.
pub async fn get_post(State(state): State<AppState>, ApiPostId(id): ApiPostId) -> Result<Json<PostDetail>, ApiError> {
    // TODO: `post_detail`, as JSON.
    todo!("answer post {id} as JSON")
}
// ANCHOR_END: get_post

// ANCHOR: create_post
/// `POST /api/posts`: 201 Created with `Location: /api/posts/{id}` and the
/// new post; 422 with a message per field for invalid input; axum's status
/// (400, 413, 415, 422) for a body it cannot read, as the API's JSON error.
pub async fn create_post(
    State(state): State<AppState>,
    body: Result<Json<PostJson>, JsonRejection>,
) -> Result<(StatusCode, [(header::HeaderName, String); 1], Json<PostDetail>), ApiError> {
    // TODO: `let Json(body) = body?;` (a rejection becomes the API's error), a `PostInput` with the
    //       tags joined by ",", `validate`, `insert_post`, then 201 with `Location` and the post.
    todo!("create a post from the JSON body")
}
// ANCHOR_END: create_post

// ANCHOR: update_post
/// `PATCH /api/posts/{id}`: changes the fields the body gives, keeps the
/// others, under the same rules as creating; answers the post as it is now.
pub async fn update_post(
    State(state): State<AppState>,
    ApiPostId(id): ApiPostId,
    body: Result<Json<PostPatch>, JsonRejection>,
) -> Result<Json<PostDetail>, ApiError> {
    // TODO: the post as it is (`post_detail`), each field of the body that is `Some` over it,
    //       `validate`, `edit::update_post`, then the post as it is now.
    todo!("change the fields of post {id} that the body gives")
}
// ANCHOR_END: update_post

// ANCHOR: delete_post
/// `DELETE /api/posts/{id}`: 204 No Content, or 404 when there is no such post.
pub async fn delete_post(State(state): State<AppState>, ApiPostId(id): ApiPostId) -> Result<StatusCode, ApiError> {
    // TODO: `edit::delete_post`, then 204 No Content.
    todo!("delete post {id}")
}
// ANCHOR_END: delete_post
