//! Step 6: editing a post with the create form's rules, and deleting it.

// Until you write the bodies, their parameters and some imports are unused:
// this keeps the compiler quiet about that. You may delete it once you are done.
#![allow(unused_variables, unused_imports)]

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
    // TODO: in a transaction begun with `BEGIN IMMEDIATE`: the UPDATE (with `updated_at = now`); `rows_affected() == 0` is
    //       `AppError::no_post(id)`; then `save_tags`, then commit.
    todo!("update post {id} with {post:?}")
}
// ANCHOR_END: update_post

// ANCHOR: delete_post
/// Deletes the post `id`; its comments and tag links go with it (the
/// schema's `ON DELETE CASCADE`). `AppError::no_post(id)` when there was no
/// row to delete.
pub async fn delete_post(pool: &SqlitePool, id: i64) -> Result<(), AppError> {
    // TODO: DELETE, then `rows_affected() == 0` is `AppError::no_post(id)`.
    todo!("delete post {id}")
}
// ANCHOR_END: delete_post

// ANCHOR: edit_form
/// `GET /post/{id}/edit`: the form filled with the post as it is (the tags
/// joined with ", "); the 404 page for no such post.
pub async fn edit_form(State(state): State<AppState>, PostId(id): PostId, flashes: Flashes) -> Result<Page, AppError> {
    // TODO: `post_detail`, a `PostInput` of its title, content, author and tags joined with ", ",
    //       then `state.page("form.html", flashes, form_context(Some(id), &values, &FieldErrors::default()))`.
    todo!("show the form for post {id}, filled in")
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
    // TODO: a missing post first (`find_post`): 404; then as `create_post` does, with
    //       `update_post`, the flash "Post updated." and `form_with_errors(&state, Some(id), …)`.
    todo!("validate {input:?}, then update post {id}")
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
    // TODO: `delete_post`, then `flash::success(jar, "Post deleted.")` and `Redirect::to("/")`.
    todo!("delete post {id} and go back to /")
}
// ANCHOR_END: delete_submit
