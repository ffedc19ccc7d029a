//! Step 8: the JSON API. The same queries and the same rules as the pages,
//! answered with JSON, and every error as JSON too (`ApiError`).

// Until you write the bodies, their parameters and some imports are unused:
// this keeps the compiler quiet about that. You may delete it once you are done.
#![allow(unused_variables, unused_imports)]

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use serde::Deserialize;

use crate::error::{ApiError, AppError};
use crate::extract::ApiPostId;
use crate::models::PostDetail;
use crate::pages::create::insert_post;
use crate::pages::edit;
use crate::pages::list::PER_PAGE;
use crate::pages::listing::{Filter, Listing, find_posts, page_number};
use crate::pages::post::post_detail;
use crate::state::AppState;
use crate::validate::{PostInput, validate};

/// The most posts a page of the API may hold.
pub const MAX_PER_PAGE: i64 = 50;

// ANCHOR: bodies
/// The query string of `GET /api/posts`: `?page=2&per_page=20`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ApiListParams {
    pub page: Option<String>,
    pub per_page: Option<String>,
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
/// with `page`, `per_page`, `total` and `pages`.
pub async fn list_posts(
    State(state): State<AppState>,
    params: Result<Query<ApiListParams>, QueryRejection>,
) -> Result<Json<Listing>, ApiError> {
    // TODO: `let Query(params) = params?;`, `page_number`, `per_page`, `find_posts`, then `Json`.
    todo!("answer a page of posts as JSON")
}
// ANCHOR_END: list_posts

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
