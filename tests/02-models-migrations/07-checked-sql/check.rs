//! The check for `checked-sql`: the queries run on a database migrated with
//! the crate's own migrations, and return typed rows.

use checked_sql::{add_post, find_user, post_titles};
use sqlx::SqlitePool;
use sqlx::sqlite::SqlitePoolOptions;

/// A fresh in-memory database with the crate's migrations and two users.
/// One connection, since each in-memory connection is a database of its own.
async fn database() -> SqlitePool {
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect("sqlite::memory:")
        .await
        .expect("an in-memory database");
    sqlx::migrate!().run(&pool).await.expect("the migrations apply");
    sqlx::raw_sql(
        "INSERT INTO users (id, username, email) VALUES
            (1, 'john_doe', 'john@example.com'),
            (2, 'ada', 'ada@example.org');",
    )
    .execute(&pool)
    .await
    .expect("two users");
    pool
}

#[tokio::test]
async fn users_are_found_by_username() {
    let pool = database().await;
    let found = (
        find_user(&pool, "ada").await.expect("a query that runs"),
        find_user(&pool, "nobody").await.expect("a query that runs"),
    );
    insta::assert_debug_snapshot!("find_user", found);
}

#[tokio::test]
async fn posts_are_listed_newest_first_with_their_authors() {
    let pool = database().await;
    let first = add_post(&pool, 1, "First Post", "Hello World!").await.expect("a post");
    let second = add_post(&pool, 2, "Notes on engines", "…").await.expect("a post");
    let third = add_post(&pool, 1, "Second Post", "Again").await.expect("a post");
    assert_eq!((first, second, third), (1, 2, 3), "ids are given in order");

    insta::assert_debug_snapshot!("post_titles", post_titles(&pool).await.expect("the titles"));
}

#[tokio::test]
async fn a_post_by_nobody_is_refused() {
    let pool = database().await;
    let error = add_post(&pool, 99, "Orphan", "No author")
        .await
        .expect_err("user 99 does not exist");
    insta::assert_snapshot!("orphan", error);
}

#[path = "../support/schema.rs"]
mod schema;

#[tokio::test]
async fn the_migrations_give_the_lessons_schema() {
    let pool = database().await;
    let report = format!(
        "{}applied: {:?}\n",
        schema::describe(&pool).await,
        schema::applied_versions(&pool).await
    );
    insta::assert_snapshot!("schema", report);
}
