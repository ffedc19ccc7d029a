//! Step 5: the comment form of a post's page.

// Until you write the bodies, their parameters and some imports are unused:
// this keeps the compiler quiet about that. You may delete it once you are done.
#![allow(unused_variables, unused_imports)]

use axum::extract::State;
use axum::response::Redirect;
use axum_extra::extract::cookie::SignedCookieJar;
use chrono::NaiveDateTime;
use serde::Deserialize;
use sqlx::SqlitePool;

use crate::error::AppError;
use crate::extract::{HtmlForm, PostId};
use crate::flash;
use crate::state::AppState;

/// The longest comment, in characters.
pub const MAX_COMMENT: usize = 2000;

/// The comment form's one field.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CommentForm {
    pub content: String,
}

// ANCHOR: insert_comment
/// Adds the comment `content` to the post `post_id` at `now`; returns its
/// id. No such post is `AppError::no_post`, whether it was missing before
/// the insert or the foreign key refused it.
pub async fn insert_comment(
    pool: &SqlitePool,
    post_id: i64,
    content: &str,
    now: NaiveDateTime,
) -> Result<i64, AppError> {
    // TODO: INSERT … `RETURNING id AS "id!"` with `now`; a `sqlx::Error::Database(e)` with
    //       `e.is_foreign_key_violation()` is `AppError::no_post(post_id)`.
    todo!("add the comment {content:?} to post {post_id}")
}
// ANCHOR_END: insert_comment

// ANCHOR: add_comment
/// `POST /post/{id}/comment`: a missing post is the 404 page. Otherwise the
/// browser goes back to the post (303) with a flash: "Comment added." once
/// the trimmed comment is stored; or, with nothing stored, the error "A
/// comment cannot be empty." (empty once trimmed) or "Keep a comment to 2000
/// characters." (longer than `MAX_COMMENT`).
pub async fn add_comment(
    State(state): State<AppState>,
    PostId(id): PostId,
    jar: SignedCookieJar,
    HtmlForm(form): HtmlForm<CommentForm>,
) -> Result<(SignedCookieJar, Redirect), AppError> {
    // TODO: no such post: `Err(AppError::no_post(id))`; content empty once trimmed or longer than
    //       `MAX_COMMENT`: `flash::error` and the redirect; otherwise `insert_comment`,
    //       `flash::success(jar, "Comment added.")` and the redirect to `/post/{id}`.
    todo!("add the comment {:?} to post {id}", form.content)
}
// ANCHOR_END: add_comment
