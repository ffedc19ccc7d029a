//! Step 6: editing a post with the create form's rules, and deleting it.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::SignedCookieJar;
use chrono::NaiveDateTime;
use sqlx::SqlitePool;

use crate::error::{AppError, FieldErrors};
use crate::extract::{HtmlForm, PostId};
use crate::flash::{self, Flashes};
use crate::models::find_post;
use crate::pages::create::{form_context, form_with_errors, save_tags};
use crate::pages::post::post_detail;
use crate::state::{AppState, Page};
use crate::validate::{NewPost, PostInput, validate};

// ANCHOR: update_post
/// Replaces the post `id` with `post` (its tags too) in one transaction, and
/// sets its `updated_at` to `now`; `AppError::no_post(id)` when no row was
/// there to update.
pub async fn update_post(pool: &SqlitePool, id: i64, post: &NewPost, now: NaiveDateTime) -> Result<(), AppError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let updated = sqlx::query!(
        "UPDATE posts SET title = ?, content = ?, user_id = ?, updated_at = ? WHERE id = ?",
        post.title,
        post.content,
        post.user_id,
        now,
        id
    )
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(AppError::no_post(id));
    }
    save_tags(&mut tx, id, &post.tags).await?;
    tx.commit().await?;
    Ok(())
}
// ANCHOR_END: update_post

// ANCHOR: delete_post
/// Deletes the post `id`; its comments and tag links go with it (the
/// schema's `ON DELETE CASCADE`). `AppError::no_post(id)` when there was no
/// row to delete.
pub async fn delete_post(pool: &SqlitePool, id: i64) -> Result<(), AppError> {
    let deleted = sqlx::query!("DELETE FROM posts WHERE id = ?", id).execute(pool).await?;
    if deleted.rows_affected() == 0 {
        return Err(AppError::no_post(id));
    }
    Ok(())
}
// ANCHOR_END: delete_post

// ANCHOR: edit_form
/// `GET /post/{id}/edit`: the form filled with the post as it is (the tags
/// joined with ", "); the 404 page for no such post.
pub async fn edit_form(State(state): State<AppState>, PostId(id): PostId, flashes: Flashes) -> Result<Page, AppError> {
    let detail = post_detail(&state.pool, id).await?;
    let values = PostInput {
        title: detail.post.title,
        content: detail.post.content,
        author: detail.post.author,
        tags: detail.tags.join(", "),
    };
    state.page(
        "form.html",
        flashes,
        form_context(Some(id), &values, &FieldErrors::default()),
    )
}
// ANCHOR_END: edit_form

// ANCHOR: edit_submit
/// `POST /post/{id}/edit`: like creating, but updating: 303 to the post with
/// the flash "Post updated.", the form again with 422 for invalid input, or
/// the 404 page.
pub async fn edit_submit(
    State(state): State<AppState>,
    PostId(id): PostId,
    jar: SignedCookieJar,
    HtmlForm(input): HtmlForm<PostInput>,
) -> Result<Response, AppError> {
    // A missing post is a 404 even when the form is invalid too.
    if find_post(&state.pool, id).await?.is_none() {
        return Err(AppError::no_post(id));
    }
    match validate(&state.pool, &input).await {
        Ok(post) => {
            update_post(&state.pool, id, &post, state.clock.now()).await?;
            let jar = flash::success(jar, "Post updated.");
            Ok((jar, Redirect::to(&format!("/post/{id}"))).into_response())
        }
        Err(AppError::Invalid(errors)) => form_with_errors(&state, Some(id), &input, &errors),
        Err(other) => Err(other),
    }
}
// ANCHOR_END: edit_submit

// ANCHOR: delete_submit
/// `POST /post/{id}/delete`: deletes the post and redirects (303) to `/`
/// with the flash "Post deleted."; the 404 page for no such post.
pub async fn delete_submit(
    State(state): State<AppState>,
    PostId(id): PostId,
    jar: SignedCookieJar,
) -> Result<(SignedCookieJar, Redirect), AppError> {
    delete_post(&state.pool, id).await?;
    Ok((flash::success(jar, "Post deleted."), Redirect::to("/")))
}
// ANCHOR_END: delete_submit
