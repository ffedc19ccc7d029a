// A handler asks for `State<AppState>`, but the router was never given that
// state: the program does not compile, instead of failing on a request.
use axum::Router;
use axum::extract::State;
use axum::routing::get;

#[derive(Clone)]
struct AppState {
    greeting: &'static str,
}

async fn hello(State(state): State<AppState>) -> &'static str {
    state.greeting
}

fn main() {
    // Forgot `.with_state(AppState { .. })`: this router's state is `()`.
    let _app: Router = Router::new().route("/", get(hello));
}
