//! Build the web application with one function, the `create_app()` of Flask,
//! and give every handler the database pool through axum's `State`. The same
//! state serves code that runs outside any request, as scripts and tests do.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use sqlx::SqlitePool;
use sqlx::sqlite::SqlitePoolOptions;

// ANCHOR: state
/// What every handler shares: the database pool. Cloning it is cheap, since
/// a pool is a handle to connections that it shares.
#[derive(Clone)]
pub struct AppState {
    pub pool: SqlitePool,
}

/// The answer of `GET /health`.
#[derive(Debug, Serialize)]
pub struct Health {
    pub status: &'static str,
    pub database: &'static str,
}
// ANCHOR_END: state

// ANCHOR: solution
impl AppState {
    /// Connects to `database_url` and creates the `users` table if needed.
    pub async fn new(database_url: &str) -> Result<AppState, sqlx::Error> {
        let pool = SqlitePoolOptions::new().connect(database_url).await?;
        sqlx::query(
            "CREATE TABLE IF NOT EXISTS users (
                id       INTEGER PRIMARY KEY,
                username TEXT NOT NULL UNIQUE
            )",
        )
        .execute(&pool)
        .await?;
        Ok(AppState { pool })
    }
}

/// Builds the application: its routes, and the state they share.
pub fn create_app(state: AppState) -> Router {
    Router::new()
        .route("/health", get(health))
        .route("/users", get(list_usernames))
        .with_state(state)
}

/// `GET /health`: 200 when the database answers, 503 when it does not.
pub async fn health(State(state): State<AppState>) -> (StatusCode, Json<Health>) {
    match sqlx::query("SELECT 1").execute(&state.pool).await {
        Ok(_) => (
            StatusCode::OK,
            Json(Health {
                status: "ok",
                database: "reachable",
            }),
        ),
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(Health {
                status: "unavailable",
                database: "unreachable",
            }),
        ),
    }
}

/// `GET /users`: every username, in alphabetical order.
pub async fn list_usernames(State(state): State<AppState>) -> Result<Json<Vec<String>>, StatusCode> {
    usernames(&state)
        .await
        .map(Json)
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)
}

/// Adds a user. Needs no request: a script or a test calls it with the state.
pub async fn add_user(state: &AppState, username: &str) -> Result<i64, sqlx::Error> {
    let result = sqlx::query("INSERT INTO users (username) VALUES (?)")
        .bind(username)
        .execute(&state.pool)
        .await?;
    Ok(result.last_insert_rowid())
}

/// Every username, in alphabetical order.
pub async fn usernames(state: &AppState) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT username FROM users ORDER BY username")
        .fetch_all(&state.pool)
        .await
}
// ANCHOR_END: solution
