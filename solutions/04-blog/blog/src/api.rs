//! Step 8: the JSON API. The same queries and the same rules as the pages,
//! answered with JSON, and every error as JSON too (`ApiError`).

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
    let Some(raw) = raw else { return Ok(PER_PAGE) };
    match raw.trim().parse::<i64>() {
        Ok(n) if n >= 1 => Ok(n.min(MAX_PER_PAGE)),
        _ => Err(AppError::BadRequest(format!(
            "per_page must be a whole number from 1, not {raw:?}."
        ))),
    }
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
    let Query(params) = params?;
    let per_page = per_page(params.per_page.as_deref())?;
    if let Some(raw) = params.after.as_deref() {
        if params.page.is_some() {
            return Err(AppError::BadRequest("Give page or after, not both.".to_string()).into());
        }
        let after = raw
            .trim()
            .parse::<i64>()
            .map_err(|_| AppError::BadRequest(format!("after must be a post's id, not {raw:?}.")))?;
        return Ok(Json(posts_after(&state.pool, after, per_page).await?).into_response());
    }
    let page = page_number(params.page.as_deref())?;
    let listing = find_posts(&state.pool, &Filter::default(), page, per_page).await?;
    Ok(Json(listing).into_response())
}
// ANCHOR_END: list_posts

// ANCHOR: posts_after
/// The `per_page` posts that come after the post `after` in the list's
/// order (newest first, ties by the higher id), and the address of the next
/// stretch when there are more. The index on `(created_at, id)` finds them
/// at any depth: no `OFFSET`. A post that is not there is
/// `AppError::NotFound`: `There is no post 999 to list after.`
pub async fn posts_after(pool: &SqlitePool, after: i64, per_page: i64) -> Result<PostsAfter, AppError> {
    let cursor = sqlx::query!("SELECT created_at, id FROM posts WHERE id = ?1", after)
        .fetch_optional(pool)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("There is no post {after} to list after.")))?;
    let mut posts = sqlx::query_as!(
        PostSummary,
        r#"SELECT p.id, p.title, u.username AS author, p.created_at,
                  (SELECT count(*) FROM comments c WHERE c.post_id = p.id) AS "comment_count!: i64"
           FROM posts p JOIN users u ON u.id = p.user_id
           WHERE (p.created_at, p.id) < (?1, ?2)
           ORDER BY p.created_at DESC, p.id DESC
           LIMIT ?3"#,
        cursor.created_at,
        cursor.id,
        per_page + 1
    )
    .fetch_all(pool)
    .await?;
    let more = posts.len() > per_page as usize;
    posts.truncate(per_page as usize);
    let next = match posts.last() {
        Some(last) if more => Some(format!("/api/posts?after={}&per_page={per_page}", last.id)),
        _ => None,
    };
    Ok(PostsAfter { posts, per_page, next })
}
// ANCHOR_END: posts_after

// ANCHOR: get_post
/// `GET /api/posts/{id}`: the post with its tags and comments, or 404.
pub async fn get_post(State(state): State<AppState>, ApiPostId(id): ApiPostId) -> Result<Json<PostDetail>, ApiError> {
    Ok(Json(post_detail(&state.pool, id).await?))
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
    let Json(body) = body?;
    let input = PostInput {
        title: body.title,
        content: body.content,
        author: body.author,
        tags: body.tags.join(","),
    };
    let post = validate(&state.pool, &input).await?;
    let id = insert_post(&state.pool, &post, state.clock.now()).await?;
    let detail = post_detail(&state.pool, id).await?;
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, format!("/api/posts/{id}"))],
        Json(detail),
    ))
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
    let current = post_detail(&state.pool, id).await?;
    let Json(patch) = body?;
    let input = PostInput {
        title: patch.title.unwrap_or(current.post.title),
        content: patch.content.unwrap_or(current.post.content),
        author: patch.author.unwrap_or(current.post.author),
        tags: patch.tags.unwrap_or(current.tags).join(","),
    };
    let post = validate(&state.pool, &input).await?;
    edit::update_post(&state.pool, id, &post, state.clock.now()).await?;
    Ok(Json(post_detail(&state.pool, id).await?))
}
// ANCHOR_END: update_post

// ANCHOR: delete_post
/// `DELETE /api/posts/{id}`: 204 No Content, or 404 when there is no such post.
pub async fn delete_post(State(state): State<AppState>, ApiPostId(id): ApiPostId) -> Result<StatusCode, ApiError> {
    edit::delete_post(&state.pool, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
// ANCHOR_END: delete_post
