//! The check for `checked-sql`: the queries run on a database migrated with
//! the crate's own migrations, and return typed rows.

use checked_sql::{add_post, find_user, post_titles};
use course_support::{db, schema, snapshot};
use sqlx::SqlitePool;

/// A fresh in-memory database ([`db::memory_reversed`]: an order left to
/// chance shows up here, as the titles are read both ways) with the crate's
/// migrations and two users.
async fn database() -> SqlitePool {
    let pool = db::memory_reversed().await;
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
    let mut found = String::new();
    // A username is matched exactly: `Ada` is not `ada`.
    for username in ["ada", "nobody", "Ada"] {
        let user = find_user(&pool, username).await.expect("a query that runs");
        found += &format!("find_user({username:?}):\n{user:#?}\n");
    }
    snapshot!(
        "find_user",
        "find_user for ada, who exists, then for nobody and Ada, who do not.",
        &found,
    );
}

#[tokio::test]
async fn posts_are_listed_newest_first_with_their_authors() {
    let pool = database().await;
    let first = add_post(&pool, 1, "First Post", "Hello World!").await.expect("a post");
    let second = add_post(&pool, 2, "Notes on engines", "…").await.expect("a post");
    let third = add_post(&pool, 1, "Second Post", "Again").await.expect("a post");
    assert_eq!((first, second, third), (1, 2, 3), "ids are given in order");

    let titles = post_titles(&pool).await.expect("the titles");
    // The same query in SQLite's usual order: only an ORDER BY gives the
    // same answer both times.
    sqlx::query("PRAGMA reverse_unordered_selects = OFF")
        .execute(&pool)
        .await
        .expect("the usual order");
    let again = post_titles(&pool).await.expect("the titles");
    assert_eq!(
        titles, again,
        "post_titles gave two orders: without ORDER BY, SQLite returns the rows in whatever order it reads them"
    );
    snapshot!(
        "post_titles",
        "post_titles: every post with its author's username, newest (highest id) first.",
        &format!("{titles:#?}"),
    );
}

#[tokio::test]
async fn a_post_by_nobody_is_refused() {
    let pool = database().await;
    let error = add_post(&pool, 99, "Orphan", "No author")
        .await
        .expect_err("user 99 does not exist");
    snapshot!(
        "orphan",
        "The error that add_post returns for a post by user 99, who does not exist.",
        &error.to_string(),
    );
}

#[tokio::test]
async fn the_migrations_give_the_lessons_schema() {
    let pool = database().await;
    snapshot!(
        "schema",
        "The schema that the given migrations build, which the checked queries are compiled against.",
        &schema::report(&pool).await,
    );
}
