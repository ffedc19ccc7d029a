//! The check for `pool`: the pool's connections report the settings back
//! through SQLite's pragmas, and the database enforces foreign keys.

use pool::connect;
use sqlx::SqlitePool;

async fn pool_in(dir: &tempfile::TempDir) -> SqlitePool {
    let url = format!("sqlite:{}", dir.path().join("blog.db").display());
    connect(&url, 4)
        .await
        .expect("the pool should open and create the file")
}

/// Runs a query that returns one value, on one of the pool's connections.
async fn scalar<T>(pool: &SqlitePool, sql: &'static str) -> T
where
    T: for<'r> sqlx::Decode<'r, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite> + Send + Unpin,
{
    sqlx::query_scalar(sql).fetch_one(pool).await.expect("a pragma's value")
}

#[tokio::test]
async fn connections_report_their_settings() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let pool = pool_in(&dir).await;
    assert!(dir.path().join("blog.db").exists(), "connect should create the file");

    let foreign_keys: i64 = scalar(&pool, "PRAGMA foreign_keys").await;
    let journal_mode: String = scalar(&pool, "PRAGMA journal_mode").await;
    let busy_timeout: i64 = scalar(&pool, "PRAGMA busy_timeout").await;
    let mut report =
        format!("foreign_keys = {foreign_keys}\njournal_mode = {journal_mode}\nbusy_timeout = {busy_timeout} ms\n");
    report += &format!("max_connections = {}\n", pool.options().get_max_connections());
    insta::assert_snapshot!("settings", report);
}

#[tokio::test]
async fn foreign_keys_are_enforced() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let pool = pool_in(&dir).await;
    sqlx::raw_sql(
        "CREATE TABLE users (id INTEGER PRIMARY KEY);
         CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id));",
    )
    .execute(&pool)
    .await
    .expect("the tables");

    let error = sqlx::query("INSERT INTO posts (user_id) VALUES (42)")
        .execute(&pool)
        .await
        .expect_err("a post by a user who does not exist must be refused");
    insta::assert_snapshot!("orphan_post", error);
}

#[tokio::test]
async fn a_file_that_cannot_be_created_is_an_error() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let url = format!("sqlite:{}", dir.path().join("no-such-folder").join("blog.db").display());
    let error = connect(&url, 1).await.expect_err("SQLite creates files, not folders");
    insta::assert_snapshot!("missing_folder", error);
}
