//! The check for `blog-schema`: `connect` opens a pool on a new database
//! file, with foreign keys, WAL and a busy timeout, and applies the blog's
//! migrations once; `find_user` and `find_post` read rows into the models.

use blog::config::cookie_key;
use blog::db::connect;
use blog::models::{find_post, find_user};
use blog::{AppState, Clock, create_app};

#[path = "../support/app.rs"]
mod app;

#[path = "../../02-models-migrations/support/schema.rs"]
mod schema;

fn url_in(dir: &tempfile::TempDir) -> String {
    format!("sqlite:{}", dir.path().join("new.db").display())
}

#[tokio::test]
async fn connect_creates_the_database_with_the_blogs_schema() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let pool = connect(&url_in(&dir))
        .await
        .expect("connect creates the file and migrates it");
    assert!(dir.path().join("new.db").is_file(), "the database file was created");
    let report = format!(
        "{}applied: {:?}\n",
        schema::describe(&pool).await,
        schema::applied_versions(&pool).await
    );
    insta::assert_snapshot!("schema", report);
}

#[tokio::test]
async fn every_connection_is_set_up_for_a_web_app() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let pool = connect(&url_in(&dir)).await.expect("a pool");
    let mut lines = Vec::new();
    // Several connections at once, so that more than the first is asked.
    let mut held = Vec::new();
    for _ in 0..3 {
        let mut conn = pool.acquire().await.expect("a connection");
        let (foreign_keys, journal_mode, busy_timeout): (i64, String, i64) = sqlx::query_as(
            "SELECT (SELECT foreign_keys FROM pragma_foreign_keys),
                    (SELECT journal_mode FROM pragma_journal_mode),
                    (SELECT timeout FROM pragma_busy_timeout)",
        )
        .fetch_one(&mut *conn)
        .await
        .expect("the pragmas");
        lines.push(format!(
            "foreign_keys={foreign_keys} journal_mode={journal_mode} busy_timeout={busy_timeout}ms"
        ));
        held.push(conn);
    }
    insta::assert_snapshot!("pragmas", lines.join("\n"));
}

#[tokio::test]
async fn connecting_again_keeps_the_data_and_applies_nothing_twice() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let pool = connect(&url_in(&dir)).await.expect("the first start");
    sqlx::raw_sql(app::FIXTURES).execute(&pool).await.expect("the fixtures");
    pool.close().await;

    let pool = connect(&url_in(&dir)).await.expect("the second start");
    let posts: i64 = sqlx::query_scalar("SELECT count(*) FROM posts")
        .fetch_one(&pool)
        .await
        .expect("a count");
    let migrations: i64 = sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations")
        .fetch_one(&pool)
        .await
        .expect("a count");
    assert_eq!((posts, migrations), (3, 4), "3 posts kept, 4 migrations recorded once");
}

#[tokio::test]
async fn the_models_are_read_with_checked_queries() {
    let app = app::TestApp::with_fixtures().await;
    let found = (
        find_user(&app.pool, "ada").await.expect("a query that runs"),
        find_user(&app.pool, "nobody").await.expect("a query that runs"),
        find_user(&app.pool, "' OR '1'='1").await.expect("a query that runs"),
    );
    insta::assert_debug_snapshot!("find_user", found);

    app.exec("UPDATE posts SET updated_at = '2024-01-04 08:30:00' WHERE id = 3")
        .await;
    let found = (
        find_post(&app.pool, 3).await.expect("a query that runs"),
        find_post(&app.pool, 99).await.expect("a query that runs"),
    );
    insta::assert_debug_snapshot!("find_post", found);
}

#[tokio::test]
async fn the_schema_refuses_what_the_blog_must_never_store() {
    let app = app::TestApp::with_fixtures().await;
    let attempts: [(&str, &'static str); 6] = [
        (
            "a post by no user",
            "INSERT INTO posts (user_id, title, content, created_at) VALUES (99, 'T', 'C', '2024-01-01')",
        ),
        (
            "an empty title",
            "INSERT INTO posts (user_id, title, content, created_at) VALUES (1, '', 'C', '2024-01-01')",
        ),
        (
            "a comment on no post",
            "INSERT INTO comments (post_id, content, created_at) VALUES (99, 'Hi', '2024-01-01')",
        ),
        ("a second tag 'rust'", "INSERT INTO tags (name) VALUES ('rust')"),
        (
            "a username with a space",
            "INSERT INTO users (username, email) VALUES ('john doe', 'jd@example.com')",
        ),
        (
            "a second user 'ada'",
            "INSERT INTO users (username, email) VALUES ('ada', 'other@example.com')",
        ),
    ];
    let mut out = String::new();
    for (name, sql) in attempts {
        let error = sqlx::query(sql).execute(&app.pool).await.expect_err(name);
        out += &format!("{name}: {error}\n");
    }
    app.exec("DELETE FROM posts WHERE id = 1").await;
    out += &format!("after deleting post 1: {}\n", app.counts().await);
    insta::assert_snapshot!("refused", out);
}

#[tokio::test]
async fn the_app_runs_on_the_pool_connect_opens() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let pool = connect(&url_in(&dir)).await.expect("a pool");
    let key = cookie_key(app::SECRET).expect("a key");
    let router = create_app(AppState::new(pool.clone(), key, Clock::Fixed(app::now())));
    let health = |router: axum::Router| async move {
        use tower::ServiceExt;
        let request = axum::http::Request::get("/health")
            .body(axum::body::Body::empty())
            .expect("a request");
        let response = router.oneshot(request).await.expect("an answer");
        let status = response.status();
        let body = http_body_util::BodyExt::collect(response.into_body())
            .await
            .expect("a body")
            .to_bytes();
        format!("{status} {}", String::from_utf8_lossy(&body))
    };
    let up = health(router.clone()).await;
    pool.close().await;
    let down = health(router).await;
    insta::assert_snapshot!("health", format!("{up}\n{down}"));
}

#[tokio::test]
async fn the_demo_data_is_the_same_every_time() {
    use blog::seed::seed;
    let first = app::TestApp::empty().await;
    let report = seed(&first.pool, 25, false).await.expect("an empty database is seeded");
    let refused = seed(&first.pool, 25, false)
        .await
        .expect_err("a database with posts is refused");
    let second = app::TestApp::empty().await;
    seed(&second.pool, 25, false)
        .await
        .expect("an empty database is seeded");
    assert_eq!(
        first.dump().await,
        second.dump().await,
        "the same --posts gives the same data"
    );
    seed(&first.pool, 25, true).await.expect("--force replaces the data");
    assert_eq!(first.dump().await, second.dump().await, "and again after --force");
    insta::assert_snapshot!("seed", format!("{report}\n{refused}\n{}", first.counts().await));
}
