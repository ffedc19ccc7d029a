//! Step 5: the comment form of a post's page.

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
    let inserted = sqlx::query_scalar!(
        r#"INSERT INTO comments (post_id, content, created_at) VALUES (?, ?, ?) RETURNING id AS "id!""#,
        post_id,
        content,
        now
    )
    .fetch_one(pool)
    .await;
    match inserted {
        Ok(id) => Ok(id),
        Err(sqlx::Error::Database(error)) if error.is_foreign_key_violation() => Err(AppError::no_post(post_id)),
        Err(error) => Err(error.into()),
    }
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
    let exists = sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM posts WHERE id = ?) AS "exists!: bool""#,
        id
    )
    .fetch_one(&state.pool)
    .await?;
    if !exists {
        return Err(AppError::no_post(id));
    }
    let back = Redirect::to(&format!("/post/{id}"));
    let content = form.content.trim();
    if content.is_empty() {
        return Ok((flash::error(jar, "A comment cannot be empty."), back));
    }
    if content.chars().count() > MAX_COMMENT {
        return Ok((
            flash::error(jar, format!("Keep a comment to {MAX_COMMENT} characters.")),
            back,
        ));
    }
    insert_comment(&state.pool, id, content, state.clock.now()).await?;
    Ok((flash::success(jar, "Comment added."), back))
}
// ANCHOR_END: add_comment
