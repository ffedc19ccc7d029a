//! The check for `many-writes`: a post, its tags and its links are written
//! together, and a call that fails on its last write leaves nothing behind.

use std::time::Duration;

use course_support::{db, dump, snapshot};
use many_writes::{NewPost, create_post_with_tags};
use sqlx::SqlitePool;

/// A fresh in-memory database with the chapter's schema, two users and one
/// tag, `rust`. One connection ([`db::memory_waiting`]): a statement run on
/// the pool while the transaction holds that connection waits for it; after
/// 5 seconds the pool gives up with an error, rather than the default 30.
async fn database() -> SqlitePool {
    let pool = db::memory_waiting(Duration::from_secs(5)).await;
    sqlx::migrate!().run(&pool).await.expect("the migrations apply");
    sqlx::raw_sql(
        "INSERT INTO users (id, username, email) VALUES
            (1, 'john_doe', 'john@example.com'),
            (2, 'ada', 'ada@example.org');
         INSERT INTO tags (id, name) VALUES (1, 'rust');",
    )
    .execute(&pool)
    .await
    .expect("the seed data");
    pool
}

fn post(title: &str) -> NewPost {
    NewPost {
        title: title.to_string(),
        content: format!("All about {title}."),
    }
}

#[tokio::test]
async fn a_post_its_tags_and_its_links_are_written_together() {
    let pool = database().await;
    // `rust` exists already and is reused; `sqlite` and `web` are new;
    // `sqlite` named twice is linked once.
    let id = create_post_with_tags(&pool, 1, &post("First Post"), &["rust", "sqlite", "web", "sqlite"])
        .await
        .expect("a valid post with valid tags");
    assert_eq!(id, 1, "the first post's id");
    snapshot!(
        "written",
        "every table after one post with the tags rust (known), sqlite, web and sqlite again",
        &dump::dump(&pool).await,
    );
}

#[tokio::test]
async fn a_call_that_fails_on_its_last_write_keeps_nothing() {
    let pool = database().await;
    create_post_with_tags(&pool, 1, &post("First Post"), &["rust", "sqlite"])
        .await
        .expect("a valid post with valid tags");
    let before = dump::dump(&pool).await;

    // Each call writes a post, reuses `rust`, creates a new tag, links both,
    // and only then meets a tag that the CHECK on tags.name refuses: an
    // empty name, then a name of 31 characters.
    let empty = create_post_with_tags(&pool, 2, &post("Notes"), &["rust", "async", ""])
        .await
        .expect_err("an empty tag must fail");
    let long_name = "x".repeat(31);
    let long = create_post_with_tags(&pool, 2, &post("More notes"), &["rust", "tokio", &long_name])
        .await
        .expect_err("a tag of 31 characters must fail");
    let after = dump::dump(&pool).await;

    // Had the failed calls kept anything, the next post would not be #2.
    let next = create_post_with_tags(&pool, 2, &post("Notes"), &["async"])
        .await
        .expect("a valid post");

    let report = format!(
        "error: {empty}\nerror: {long}\n\nunchanged by the failed calls: {}\nnext post id: {next}\n\n\
         after the failed calls:\n{after}",
        before == after,
    );
    snapshot!(
        "nothing_kept",
        "two calls that fail on their last tag: their errors, then every table, as it was before them",
        &report,
    );
}
