//! Build the web application with one function, the `create_app()` of Flask,
//! and give every handler the database pool through axum's `State`. The same
//! state serves code that runs outside any request, as scripts and tests do.
// Until you write the bodies, their parameters are unused: this keeps the
// compiler quiet about that. You may delete it once you are done.
#![allow(unused_variables)]

use axum::extract::State;
use axum::http::StatusCode;
use axum::{Json, Router};
use serde::Serialize;
use sqlx::SqlitePool;

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
        // TODO: open a pool, then create the table
        // `users (id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE)`.
        todo!("connect to {database_url} and create the users table")
    }
}

/// Builds the application: its routes, and the state they share.
pub fn create_app(state: AppState) -> Router {
    // TODO: route GET /health to `health` and GET /users to `list_usernames`,
    // and give the router its state.
    todo!("build the router with /health and /users")
}

/// `GET /health`: 200 when the database answers, 503 when it does not.
pub async fn health(State(state): State<AppState>) -> (StatusCode, Json<Health>) {
    // TODO: run `SELECT 1`; answer "ok"/"reachable" or "unavailable"/"unreachable".
    todo!("ask the database whether it is there")
}

/// `GET /users`: every username, in alphabetical order.
pub async fn list_usernames(State(state): State<AppState>) -> Result<Json<Vec<String>>, StatusCode> {
    // TODO: reuse `usernames`; a database error is a 500.
    todo!("answer with the usernames as JSON")
}

/// Adds a user. Needs no request: a script or a test calls it with the state.
pub async fn add_user(state: &AppState, username: &str) -> Result<i64, sqlx::Error> {
    // TODO: insert with a bound parameter; return the new row's id.
    todo!("add the user {username:?}")
}

/// Every username, in alphabetical order.
pub async fn usernames(state: &AppState) -> Result<Vec<String>, sqlx::Error> {
    // TODO: one column of many rows: `sqlx::query_scalar` fits.
    todo!("read every username")
}
// ANCHOR_END: solution
