//! The check for `app-state`: the app answers requests with the pool in its
//! state, and the same state works outside any request.

use app_state::{AppState, add_user, create_app, usernames};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
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

async fn state_in(dir: &tempfile::TempDir) -> AppState {
    let url = format!("sqlite:{}?mode=rwc", dir.path().join("app.db").display());
    AppState::new(&url)
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

    insta::assert_snapshot!("health", format!("{healthy:?}\n{closed:?}"));
}

#[tokio::test]
async fn the_same_state_serves_scripts_and_routes() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let state = state_in(&dir).await;

    // Outside any request, as a script or `flask shell` would.
    add_user(&state, "john_doe").await.expect("a user added by a script");
    add_user(&state, "ada").await.expect("a user added by a script");
    let from_script = usernames(&state).await.expect("the usernames");

    // Through the app, as a browser would.
    let (status, body) = get(&state, "/users").await;
    assert_eq!(status, StatusCode::OK);
    let from_route: Vec<String> = serde_json::from_str(&body).expect("a JSON list of names");

    assert_eq!(from_script, from_route, "both paths read the same database");
    insta::assert_snapshot!("users", body);
}

#[tokio::test]
async fn an_unknown_route_is_not_found() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let state = state_in(&dir).await;
    assert_eq!(get(&state, "/nowhere").await.0, StatusCode::NOT_FOUND);
}
