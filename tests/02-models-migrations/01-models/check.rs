//! The check for `models`: rows read back as `User` and `Post` structs, a
//! NULL column as `None`, a timestamp as a `NaiveDateTime`.

use course_support::{db, debug_snapshot};
use models::{Post, all_users, posts_of, user_by_id};
use sqlx::SqlitePool;

/// A fresh in-memory database ([`db::memory_reversed`]: an order left to
/// chance shows up here) with the crate's migrations, three users and three
/// posts. The timestamps are fixed, so the snapshots are too.
async fn database() -> SqlitePool {
    let pool = db::memory_reversed().await;
    sqlx::migrate!().run(&pool).await.expect("the migrations apply");
    sqlx::raw_sql(
        "INSERT INTO users (id, username, email, bio, created_at) VALUES
            (1, 'john_doe', 'john@example.com', NULL, '2024-05-01 09:30:00'),
            (2, 'ada', 'ada@example.org', 'Writes about engines.', '2024-05-02 14:05:00'),
            (3, 'grace', 'grace@example.net', NULL, '2024-05-03 18:00:00');
         INSERT INTO posts (id, title, content, user_id) VALUES
            (1, 'First Post', 'Hello World!', 1),
            (2, 'Notes on engines', 'Mostly about the analytical one.', 2),
            (3, 'Second Post', 'Again.', 1);",
    )
    .execute(&pool)
    .await
    .expect("the users and their posts");
    pool
}

#[tokio::test]
async fn every_user_in_id_order() {
    let pool = database().await;
    debug_snapshot!(
        "all_users",
        "all_users: every user in id order, a NULL bio as None.",
        all_users(&pool).await.expect("a query that runs"),
    );
}

#[tokio::test]
async fn one_user_by_id_or_none() {
    let pool = database().await;
    let found = (
        user_by_id(&pool, 2).await.expect("a query that runs"),
        user_by_id(&pool, 99).await.expect("a query that runs"),
    );
    debug_snapshot!(
        "user_by_id",
        "user_by_id for user 2, who exists, then for user 99, who does not.",
        found,
    );
}

#[tokio::test]
async fn a_row_of_posts_reads_into_post() {
    let pool = database().await;
    // `SELECT *` gives the table's own column names, `user_id` among them:
    // the struct must say which field that column fills.
    let read = sqlx::query_as::<_, Post>("SELECT * FROM posts WHERE id = 2")
        .fetch_one(&pool)
        .await;
    debug_snapshot!(
        "post_row",
        "A row of `SELECT * FROM posts` read into Post: its user_id column fills author_id.",
        read,
    );
}

#[tokio::test]
async fn the_posts_of_a_user() {
    let pool = database().await;
    let johns = posts_of(&pool, 1).await.expect("a query that runs");
    debug_snapshot!(
        "posts_of_john_doe",
        "posts_of(1): the posts of john_doe, in id order.",
        johns,
    );
    let graces = posts_of(&pool, 3).await.expect("a query that runs");
    assert_eq!(graces, [], "grace has written nothing");
}
