//! Step 4: the form that creates a post. Valid input is written, with its
//! tags, in one transaction, and the browser is sent to the new post with a
//! flash message; invalid input gets the form back with each field's error.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::SignedCookieJar;
use chrono::NaiveDateTime;
use minijinja::context;
use minijinja::value::Serde;
use sqlx::{SqliteConnection, SqlitePool};

use crate::error::{AppError, FieldErrors};
use crate::extract::HtmlForm;
use crate::flash::{self, Flashes};
use crate::state::{AppState, Page};
use crate::validate::{NewPost, PostInput, validate};

/// `GET /post/create`: the empty form.
pub async fn new_post_form(State(state): State<AppState>, flashes: Flashes) -> Result<Page, AppError> {
    state.page(
        "form.html",
        flashes,
        form_context(None, &PostInput::default(), &FieldErrors::default()),
    )
}

/// What `form.html` needs: the post being edited (`None` for a new one), the
/// values to show and the errors. The edit form (step 6) uses it too.
pub fn form_context(editing: Option<i64>, values: &PostInput, errors: &FieldErrors) -> minijinja::Value {
    context! { editing, values => Serde(values), errors => Serde(errors) }
}

/// The form re-rendered with its errors and the values entered, with 422
/// Unprocessable Content: the browser shows it, and nothing was written.
pub fn form_with_errors(
    state: &AppState,
    editing: Option<i64>,
    values: &PostInput,
    errors: &FieldErrors,
) -> Result<Response, AppError> {
    let ctx = context! {
        flashes => Serde([flash::Flash { level: flash::Level::Error, message: "Please correct the errors below.".to_string() }]),
        ..form_context(editing, values, errors)
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, state.render("form.html", ctx)?).into_response())
}

// ANCHOR: insert_post
/// Writes `post` and its tags in one transaction, with `now` as its
/// creation time; returns the new post's id. If any statement fails,
/// nothing is written.
pub async fn insert_post(pool: &SqlitePool, post: &NewPost, now: NaiveDateTime) -> Result<i64, sqlx::Error> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let id = sqlx::query_scalar!(
        r#"INSERT INTO posts (user_id, title, content, created_at) VALUES (?, ?, ?, ?)
           RETURNING id AS "id!""#,
        post.user_id,
        post.title,
        post.content,
        now
    )
    .fetch_one(&mut *tx)
    .await?;
    save_tags(&mut tx, id, &post.tags).await?;
    tx.commit().await?;
    Ok(id)
}
// ANCHOR_END: insert_post

// ANCHOR: save_tags
/// Makes `tags` the tags of the post `post_id`: creates the tags that do
/// not exist yet, and replaces the post's links to tags. Run it inside the
/// transaction that writes the post.
pub async fn save_tags(conn: &mut SqliteConnection, post_id: i64, tags: &[String]) -> Result<(), sqlx::Error> {
    sqlx::query!("DELETE FROM post_tags WHERE post_id = ?", post_id)
        .execute(&mut *conn)
        .await?;
    for name in tags {
        // An upsert that changes nothing, so that RETURNING gives the id of
        // the tag whether it was just made or was already there.
        let tag_id = sqlx::query_scalar!(
            r#"INSERT INTO tags (name) VALUES (?)
               ON CONFLICT (name) DO UPDATE SET name = excluded.name
               RETURNING id AS "id!""#,
            name
        )
        .fetch_one(&mut *conn)
        .await?;
        sqlx::query!("INSERT INTO post_tags (post_id, tag_id) VALUES (?, ?)", post_id, tag_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
// ANCHOR_END: save_tags

// ANCHOR: create_post
/// `POST /post/create`: validates the form; if it is valid, writes the post
/// and redirects (303) to it with the flash "Post created."; if not, answers
/// the form again with the errors and the values entered (422).
pub async fn create_post(
    State(state): State<AppState>,
    jar: SignedCookieJar,
    HtmlForm(input): HtmlForm<PostInput>,
) -> Result<Response, AppError> {
    match validate(&state.pool, &input).await {
        Ok(post) => {
            let id = insert_post(&state.pool, &post, state.clock.now()).await?;
            let jar = flash::success(jar, "Post created.");
            Ok((jar, Redirect::to(&format!("/post/{id}"))).into_response())
        }
        Err(AppError::Invalid(errors)) => form_with_errors(&state, None, &input, &errors),
        Err(other) => Err(other),
    }
}
// ANCHOR_END: create_post
