//! The check for `evolving-schema`: a database that already holds rows at
//! version 2 is brought to the latest version, and its rows are kept, the
//! new column filled with its default.

use evolving_schema::MIGRATOR;
use sqlx::SqlitePool;
use sqlx::sqlite::SqlitePoolOptions;

#[path = "../support/schema.rs"]
mod schema;

/// A database as it stood before your migration: versions 1 and 2 applied,
/// two users and three posts written. One connection, since each in-memory
/// connection is a database of its own.
async fn database_at_version_2() -> SqlitePool {
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect("sqlite::memory:")
        .await
        .expect("an in-memory database");
    MIGRATOR.run_to(2, &pool).await.expect("migrations 1 and 2 apply");
    sqlx::raw_sql(
        "INSERT INTO users (id, username, email) VALUES
            (1, 'john_doe', 'john@example.com'),
            (2, 'ada', 'ada@example.org');
         INSERT INTO posts (id, title, content, user_id) VALUES
            (1, 'First Post', 'Hello World!', 1),
            (2, 'Notes on engines', 'Mostly about the analytical one.', 2),
            (3, 'Second Post', 'Again.', 1);",
    )
    .execute(&pool)
    .await
    .expect("the rows of version 2");
    pool
}

/// The schema and the versions applied, as one text.
async fn schema_report(pool: &SqlitePool) -> String {
    format!(
        "{}applied: {:?}\n",
        schema::describe(pool).await,
        schema::applied_versions(pool).await
    )
}

/// Every user, one line each.
async fn users(pool: &SqlitePool) -> String {
    let rows: Vec<(i64, String, String)> = sqlx::query_as("SELECT id, username, email FROM users ORDER BY id")
        .fetch_all(pool)
        .await
        .expect("the users");
    rows.into_iter()
        .map(|(id, username, email)| format!("user {id}: {username} <{email}>\n"))
        .collect()
}

/// Every post, one line each, with its status.
async fn posts(pool: &SqlitePool) -> String {
    let rows: Vec<(i64, String, i64, String)> =
        sqlx::query_as("SELECT id, title, user_id, status FROM posts ORDER BY id")
            .fetch_all(pool)
            .await
            .unwrap_or_else(|error| panic!("reading the posts with their status: {error}"));
    rows.into_iter()
        .map(|(id, title, user_id, status)| format!("post {id} by user {user_id}: {title} [{status}]\n"))
        .collect()
}

/// What the database did with an insert: the new row's id, or its refusal.
/// SQLite quotes a failed CHECK as it was written, so for a CHECK the
/// report names the column it tests instead.
fn outcome(result: Result<sqlx::sqlite::SqliteQueryResult, sqlx::Error>) -> String {
    let error = match result {
        Ok(done) => return format!("accepted, id {}", done.last_insert_rowid()),
        Err(error) => error,
    };
    let Some(database) = error.as_database_error() else {
        return format!("refused: {error}");
    };
    let message = database.message();
    match message.strip_prefix("CHECK constraint failed: ") {
        Some(check) if check.contains("status") => "refused: CHECK constraint failed (on status)".to_string(),
        _ => format!("refused: {message}"),
    }
}

#[tokio::test]
async fn migrations_1_and_2_are_left_as_they_were() {
    let pool = database_at_version_2().await;
    insta::assert_snapshot!("schema_at_version_2", schema_report(&pool).await);
}

#[tokio::test]
async fn the_rows_are_kept_and_given_the_default() {
    let pool = database_at_version_2().await;
    MIGRATOR
        .run(&pool)
        .await
        .expect("the remaining migrations apply to a database with rows");
    insta::assert_snapshot!("schema_after", schema_report(&pool).await);
    let rows = format!("{}{}", users(&pool).await, posts(&pool).await);
    insta::assert_snapshot!("rows_after", rows);
}

#[tokio::test]
async fn new_rows_may_set_the_new_column() {
    let pool = database_at_version_2().await;
    MIGRATOR
        .run(&pool)
        .await
        .expect("the remaining migrations apply to a database with rows");
    let insert = |title: &'static str, status: &'static str| {
        sqlx::query("INSERT INTO posts (title, content, user_id, status) VALUES (?, '…', 2, ?)")
            .bind(title)
            .bind(status)
            .execute(&pool)
    };
    let report = format!(
        "tried: status 'published'\n  {}\ntried: status 'archived'\n  {}\n\n{}",
        outcome(insert("Published at once", "published").await),
        outcome(insert("Archived at once", "archived").await),
        posts(&pool).await
    );
    insta::assert_snapshot!("new_rows", report);
}
