//! The blog of the Flask lesson, on a database: a list of posts, a page per
//! post with its comments, forms to write, edit and delete, pages and search,
//! and a JSON API. You build it in eight steps; each step's work is in a file
//! of its own, and the rest is given.
//!
//! | Step | Your file |
//! |---|---|
//! | 1 schema and models | `db.rs`, `models.rs` |
//! | 2 the post list | `pages/list.rs` |
//! | 3 a post and its comments | `pages/post.rs` |
//! | 4 creating a post | `validate.rs`, `pages/create.rs` |
//! | 5 comments | `pages/comments.rs` |
//! | 6 editing and deleting | `pages/edit.rs` |
//! | 7 pages and search | `pages/listing.rs` |
//! | 8 a JSON API | `api.rs` |

pub mod api;
pub mod config;
pub mod db;
pub mod error;
pub mod extract;
pub mod flash;
pub mod models;
pub mod pages;
pub mod seed;
pub mod state;
pub mod templates;
pub mod validate;

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use serde::Serialize;

pub use config::{Config, ConfigError};
pub use error::{ApiError, AppError, FieldErrors};
pub use state::{AppState, Clock};

/// The largest request body the blog reads. A post of 10,000 characters can
/// take four bytes each, and three times that once a form encodes them, so
/// the limit leaves room for the longest valid post and refuses anything
/// much larger with 413 Payload Too Large.
pub const BODY_LIMIT: usize = 256 * 1024;

// ANCHOR: create_app
/// Builds the application: every route, the body limit, and the state they
/// share. `main` serves it; the checks send it requests directly.
pub fn create_app(state: AppState) -> Router {
    Router::new()
        .route("/", get(pages::index))
        .route("/health", get(health))
        .route("/static/style.css", get(stylesheet))
        .route(
            "/post/create",
            get(pages::create::new_post_form).post(pages::create::create_post),
        )
        .route("/post/{id}", get(pages::post::show_post))
        .route("/post/{id}/comment", post(pages::comments::add_comment))
        .route(
            "/post/{id}/edit",
            get(pages::edit::edit_form).post(pages::edit::edit_submit),
        )
        .route("/post/{id}/delete", post(pages::edit::delete_submit))
        .route("/user/{username}", get(pages::listing::user_page))
        .route("/api/posts", get(api::list_posts).post(api::create_post))
        .route(
            "/api/posts/{id}",
            get(api::get_post).patch(api::update_post).delete(api::delete_post),
        )
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(state)
}
// ANCHOR_END: create_app

/// The answer of `GET /health`.
#[derive(Debug, Serialize)]
pub struct Health {
    pub status: &'static str,
    pub database: &'static str,
}

/// `GET /health`: 200 when the database answers, 503 when it does not.
pub async fn health(State(state): State<AppState>) -> (StatusCode, axum::Json<Health>) {
    match sqlx::query("SELECT 1").execute(&state.pool).await {
        Ok(_) => (
            StatusCode::OK,
            axum::Json(Health {
                status: "ok",
                database: "reachable",
            }),
        ),
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            axum::Json(Health {
                status: "unavailable",
                database: "unreachable",
            }),
        ),
    }
}

/// `GET /static/style.css`, built into the binary like the templates.
async fn stylesheet() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        include_str!("../static/style.css"),
    )
}

/// Any other address: the 404 page.
async fn not_found() -> AppError {
    AppError::NotFound("There is no page at this address.".to_string())
}
