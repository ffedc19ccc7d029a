//! The check for `first-migrations`: the migrations build the lesson's two
//! tables on a fresh database, and the database itself enforces every rule
//! of the models: rows that follow them are accepted, rows that break one
//! are refused.

use course_support::{schema, snapshot};
use first_migrations::migrated_pool;
use sqlx::SqlitePool;
use sqlx::sqlite::SqliteQueryResult;

/// One line for what the database did with an insert.
fn outcome(result: Result<SqliteQueryResult, sqlx::Error>) -> String {
    match result {
        Ok(done) => format!("accepted, id {}", done.last_insert_rowid()),
        Err(error) => format!("refused: {}", reason(&error)),
    }
}

/// What the database said. SQLite quotes a failed CHECK as it was written
/// (`length(username) <= 80` and `length(username) BETWEEN 1 AND 80` are both
/// right), so for a CHECK the report names the column it tests instead.
fn reason(error: &sqlx::Error) -> String {
    let Some(error) = error.as_database_error() else {
        return error.to_string();
    };
    let message = error.message();
    match message.strip_prefix("CHECK constraint failed: ") {
        Some(check) => {
            let column = ["username", "email", "title", "content"]
                .into_iter()
                .find(|c| check.contains(c));
            format!("CHECK constraint failed (on {})", column.unwrap_or(check))
        }
        None => message.to_string(),
    }
}

async fn add_user(pool: &SqlitePool, username: Option<&str>, email: Option<&str>) -> String {
    let result = sqlx::query("INSERT INTO users (username, email) VALUES (?, ?)")
        .bind(username)
        .bind(email)
        .execute(pool)
        .await;
    outcome(result)
}

async fn add_post(pool: &SqlitePool, title: Option<&str>, content: Option<&str>, user_id: Option<i64>) -> String {
    let result = sqlx::query("INSERT INTO posts (title, content, user_id) VALUES (?, ?, ?)")
        .bind(title)
        .bind(content)
        .bind(user_id)
        .execute(pool)
        .await;
    outcome(result)
}

#[tokio::test]
async fn the_migrations_build_the_schema() {
    let pool = migrated_pool().await.expect("the migrations apply");
    snapshot!(
        "schema",
        "The tables your migrations build: columns, indexes, foreign keys, then the versions applied.",
        &schema::report(&pool).await,
    );
}

#[tokio::test]
async fn rows_that_follow_the_rules_are_accepted() {
    let pool = migrated_pool().await.expect("the migrations apply");
    let longest_username = "u".repeat(80);
    let longest_email = format!("{}@example.com", "e".repeat(108));
    let longest_title = "t".repeat(100);
    let report = [
        (
            "john_doe <john@example.com>",
            add_user(&pool, Some("john_doe"), Some("john@example.com")).await,
        ),
        (
            "a username of 80 characters, an email of 120",
            add_user(&pool, Some(&longest_username), Some(&longest_email)).await,
        ),
        (
            "a post by user 1",
            add_post(&pool, Some("First Post"), Some("Hello World!"), Some(1)).await,
        ),
        (
            "a post by user 2 with a title of 100 characters",
            add_post(&pool, Some(&longest_title), Some(""), Some(2)).await,
        ),
    ]
    .map(|(tried, outcome)| format!("tried: {tried}\n  {outcome}\n"))
    .concat();
    snapshot!(
        "accepted",
        "Rows that follow every rule, each of them accepted.",
        &report,
    );
}

#[tokio::test]
async fn rows_that_break_a_rule_are_refused() {
    let pool = migrated_pool().await.expect("the migrations apply");
    let first = add_user(&pool, Some("john_doe"), Some("john@example.com")).await;
    assert_eq!(first, "accepted, id 1", "the first user, who breaks no rule");

    let long_username = "u".repeat(81);
    let long_email = format!("{}@example.com", "e".repeat(109));
    let long_title = "t".repeat(101);
    let report = [
        (
            "a second user named john_doe",
            add_user(&pool, Some("john_doe"), Some("other@example.com")).await,
        ),
        (
            "a second user with john@example.com",
            add_user(&pool, Some("johnny"), Some("john@example.com")).await,
        ),
        (
            "a user with a NULL username",
            add_user(&pool, None, Some("nobody@example.com")).await,
        ),
        (
            "a user with a NULL email",
            add_user(&pool, Some("no_email"), None).await,
        ),
        (
            "a username of 81 characters",
            add_user(&pool, Some(&long_username), Some("long@example.com")).await,
        ),
        (
            "an email of 121 characters",
            add_user(&pool, Some("long_email"), Some(&long_email)).await,
        ),
        (
            "a post with a title of 101 characters",
            add_post(&pool, Some(&long_title), Some("…"), Some(1)).await,
        ),
        (
            "a post with a NULL title",
            add_post(&pool, None, Some("…"), Some(1)).await,
        ),
        (
            "a post with NULL content",
            add_post(&pool, Some("Empty"), None, Some(1)).await,
        ),
        (
            "a post with a NULL user_id",
            add_post(&pool, Some("Anonymous"), Some("…"), None).await,
        ),
        (
            "a post by user 99, who does not exist",
            add_post(&pool, Some("Orphan"), Some("…"), Some(99)).await,
        ),
    ]
    .map(|(tried, outcome)| format!("tried: {tried}\n  {outcome}\n"))
    .concat();
    snapshot!(
        "refused",
        "Rows that break one rule each, and what the database said.",
        &report,
    );
}
