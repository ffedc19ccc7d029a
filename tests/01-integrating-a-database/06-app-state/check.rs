//! The check for `app-state`: the app answers requests with the pool in its
//! state, and the same state works outside any request.

use std::str::FromStr;

use app_state::{AppState, add_user, create_app, usernames};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use course_support::snapshot;
use http_body_util::BodyExt;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use tower::ServiceExt;

/// Sends `GET uri` to a fresh app built on `state`; returns status and body.
async fn get(state: &AppState, uri: &str) -> (StatusCode, String) {
    let request = Request::get(uri).body(Body::empty()).expect("a valid request");
    let response = create_app(state.clone())
        .oneshot(request)
        .await
        .expect("the router never fails");
    let status = response.status();
    let bytes = response.into_body().collect().await.expect("a body").to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

/// A response as a learner reads it: the status line, then the body, its
/// JSON pretty-printed.
fn shown((status, body): &(StatusCode, String)) -> String {
    let body = match serde_json::from_str::<serde_json::Value>(body) {
        Ok(json) => serde_json::to_string_pretty(&json).expect("JSON prints"),
        Err(_) => body.clone(),
    };
    format!("{status}\n{body}\n")
}

fn url_in(dir: &tempfile::TempDir) -> String {
    format!("sqlite:{}?mode=rwc", dir.path().join("app.db").display())
}

async fn state_in(dir: &tempfile::TempDir) -> AppState {
    AppState::new(&url_in(dir))
        .await
        .expect("the state should connect and create its table")
}

#[tokio::test]
async fn health_reports_the_database() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let state = state_in(&dir).await;

    let healthy = get(&state, "/health").await;
    state.pool.close().await;
    let closed = get(&state, "/health").await;

    snapshot!(
        "health",
        "GET /health with the pool open and then after the pool was closed; each shows the status line and the JSON body.",
        &format!(
            "with the pool open:\n{}\nafter the pool was closed:\n{}",
            shown(&healthy),
            shown(&closed)
        ),
    );
}

#[tokio::test]
async fn the_same_state_serves_scripts_and_routes() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let state = state_in(&dir).await;

    // Outside any request, as a script or `flask shell` would.
    let john = add_user(&state, "john_doe").await.expect("a user added by a script");
    let ada = add_user(&state, "ada").await.expect("a user added by a script");
    assert_eq!(
        (john, ada),
        (1, 2),
        "add_user returns the id the database gave each new user"
    );
    let from_script = usernames(&state).await.expect("the usernames");

    // Through the app, as a browser would.
    let (status, body) = get(&state, "/users").await;
    assert_eq!(status, StatusCode::OK);
    let from_route: Vec<String> = serde_json::from_str(&body).expect("a JSON list of names");

    assert_eq!(from_script, from_route, "both paths read the same database");
    snapshot!(
        "users",
        "The body of GET /users after john_doe and ada were added.",
        &body
    );
}

#[tokio::test]
async fn usernames_are_sorted_by_the_query_not_by_chance() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    state_in(&dir).await;
    // A second state on the same file, whose connections return the rows of
    // a query without ORDER BY in reverse: an order left to chance shows.
    let options = SqliteConnectOptions::from_str(&url_in(&dir))
        .expect("a valid URL")
        .pragma("reverse_unordered_selects", "ON");
    let pool = SqlitePoolOptions::new()
        .connect_with(options)
        .await
        .expect("a second pool");
    let state = AppState { pool };
    for name in ["john_doe", "ada", "zoe", "bob"] {
        add_user(&state, name).await.expect("a user");
    }
    assert_eq!(
        usernames(&state).await.expect("the usernames"),
        ["ada", "bob", "john_doe", "zoe"],
        "usernames must come back in alphabetical order, whatever order SQLite would pick"
    );
}

#[tokio::test]
async fn a_restarted_app_keeps_its_users() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let state = state_in(&dir).await;
    add_user(&state, "john_doe").await.expect("a user");
    state.pool.close().await;

    // The app starts again on the same file: the table is already there.
    let state = AppState::new(&url_in(&dir))
        .await
        .expect("AppState::new should work on a database that already has its table");
    assert_eq!(usernames(&state).await.expect("the usernames"), ["john_doe"]);
}

#[tokio::test]
async fn a_database_error_is_a_server_error() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let state = state_in(&dir).await;
    state.pool.close().await;
    let (status, _) = get(&state, "/users").await;
    assert_eq!(
        status,
        StatusCode::INTERNAL_SERVER_ERROR,
        "GET /users answers 500 when the database fails"
    );
}

#[tokio::test]
async fn an_unknown_route_is_not_found() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let state = state_in(&dir).await;
    assert_eq!(get(&state, "/nowhere").await.0, StatusCode::NOT_FOUND);
}
