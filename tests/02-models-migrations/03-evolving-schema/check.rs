//! The check for `evolving-schema`: a database that already holds rows at
//! version 3 is brought to the latest version. Migration 4 adds a column and
//! an index; migration 5 rebuilds `posts` to change a rule. Every row is
//! kept, the comments on the posts included, and every rule still holds.

use course_support::{db, schema, snapshot};
use evolving_schema::MIGRATOR;
use sqlx::migrate::MigrateError;
use sqlx::sqlite::SqliteQueryResult;
use sqlx::{AssertSqlSafe, SqlitePool};

/// The rows of a blog that has run for a while: post 3 was deleted, so the
/// posts are 1, 2 and 4, and a comment points at each.
const ROWS: &str = "
    INSERT INTO users (id, username, email) VALUES
        (1, 'john_doe', 'john@example.com'),
        (2, 'ada', 'ada@example.org');
    INSERT INTO posts (id, title, content, user_id) VALUES
        (1, 'First Post', 'Hello World!', 1),
        (2, 'Notes on engines', 'Mostly about the analytical one.', 2),
        (4, 'Second Post', 'Again.', 1);
    INSERT INTO comments (id, content, post_id, user_id) VALUES
        (1, 'Nice start', 1, 2),
        (2, 'Great notes', 2, 1),
        (3, 'A typo in line 2', 4, 2);
";

/// A database as it stood before your migrations: versions 1 to 3 applied,
/// and the rows above written. In memory, on one connection
/// ([`db::memory`]): the connection that ran the migrations is the one the
/// check goes on with.
async fn database_at_version_3() -> SqlitePool {
    let pool = db::memory().await;
    MIGRATOR.run_to(3, &pool).await.expect("migrations 1 to 3 apply");
    sqlx::raw_sql(ROWS).execute(&pool).await.expect("the rows of version 3");
    pool
}

/// Applies the migrations up to `version`, or stops the check with sqlx's error.
async fn migrate_to(pool: &SqlitePool, version: i64) {
    if let Err(error) = MIGRATOR.run_to(version, pool).await {
        panic!("the migrations up to {version} should apply to a database with rows, but: {error}");
    }
}

/// Every row, one line each: users, posts with their status, comments.
async fn rows(pool: &SqlitePool) -> String {
    let users: Vec<String> = sqlx::query_scalar("SELECT 'user ' || id || ': ' || username FROM users ORDER BY id")
        .fetch_all(pool)
        .await
        .expect("the users");
    let posts: Vec<String> =
        sqlx::query_scalar("SELECT 'post ' || id || ' by user ' || user_id || ': ' || title || ' [' || status || ']' FROM posts ORDER BY id")
            .fetch_all(pool)
            .await
            .unwrap_or_else(|error| panic!("reading the posts with their status: {error}"));
    let comments: Vec<String> = sqlx::query_scalar(
        "SELECT 'comment ' || id || ' on post ' || post_id || ' by user ' || user_id || ': ' || content
         FROM comments ORDER BY id",
    )
    .fetch_all(pool)
    .await
    .expect("the comments");
    [users, posts, comments]
        .concat()
        .iter()
        .map(|line| format!("{line}\n"))
        .collect()
}

/// Every table, index and foreign key exactly as SQLite stores it: the text
/// of each `CREATE` statement.
async fn schema_text(pool: &SqlitePool) -> Vec<String> {
    sqlx::query_scalar("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_schema ORDER BY name")
        .fetch_all(pool)
        .await
        .expect("the schema")
}

/// What the database did with a statement: the new row's id, the number of
/// rows deleted, or its refusal. SQLite quotes a failed CHECK as it was
/// written, so for a CHECK the report names the column it tests.
fn outcome(sql: &str, result: Result<SqliteQueryResult, sqlx::Error>) -> String {
    let error = match result {
        Ok(done) if sql.starts_with("INSERT") => return format!("accepted, id {}", done.last_insert_rowid()),
        Ok(done) => return format!("done, {} row(s) deleted", done.rows_affected()),
        Err(error) => error,
    };
    let Some(database) = error.as_database_error() else {
        return format!("refused: {error}");
    };
    let message = database.message();
    match message.strip_prefix("CHECK constraint failed: ") {
        Some(check) => {
            let column = ["status", "title", "content"].into_iter().find(|c| check.contains(c));
            format!("refused: CHECK constraint failed (on {})", column.unwrap_or(check))
        }
        None => format!("refused: {message}"),
    }
}

/// Tries each statement in turn, and reports what the database did with it.
async fn attempts(pool: &SqlitePool, tries: &[(&str, &str)]) -> String {
    let mut report = String::new();
    for (tried, sql) in tries {
        // The check's own statements, with no outside input in them.
        let result = sqlx::query(AssertSqlSafe(*sql)).execute(pool).await;
        report += &format!("tried: {tried}\n  {}\n", outcome(sql, result));
    }
    report
}

#[tokio::test]
async fn migrations_1_to_3_are_left_as_they_were() {
    let pool = database_at_version_3().await;
    snapshot!(
        "schema_at_version_3",
        "The schema of the given migrations 1 to 3, which your migrations must not change.",
        &schema::report(&pool).await,
    );
}

#[tokio::test]
async fn migration_4_keeps_the_rows_and_gives_them_the_default() {
    let pool = database_at_version_3().await;
    migrate_to(&pool, 4).await;
    snapshot!(
        "schema_at_version_4",
        "The schema after migration 4: posts has a status and an index on user_id.",
        &schema::report(&pool).await,
    );
    snapshot!(
        "rows_at_version_4",
        "Every row after migration 4: nothing lost, and every post a draft.",
        &rows(&pool).await,
    );
}

#[tokio::test]
async fn migration_4_adds_a_rule_on_status() {
    let pool = database_at_version_3().await;
    migrate_to(&pool, 4).await;
    let report = attempts(
        &pool,
        &[
            (
                "a post with status 'published'",
                "INSERT INTO posts (title, content, user_id, status) VALUES ('Out now', '…', 2, 'published')",
            ),
            (
                "a post with no status",
                "INSERT INTO posts (title, content, user_id) VALUES ('Later', '…', 2)",
            ),
            (
                "a post with status 'archived'",
                "INSERT INTO posts (title, content, user_id, status) VALUES ('Old news', '…', 2, 'archived')",
            ),
            (
                "a post with a NULL status",
                "INSERT INTO posts (title, content, user_id, status) VALUES ('Unknown', '…', 2, NULL)",
            ),
        ],
    )
    .await;
    snapshot!(
        "rules_at_version_4",
        "What migration 4's rules accept and refuse, then every row.",
        &format!("{report}\n{}", rows(&pool).await),
    );
}

#[tokio::test]
async fn migration_5_rebuilds_posts_and_keeps_every_comment() {
    let pool = database_at_version_3().await;
    migrate_to(&pool, 4).await;
    let at_4 = schema::describe(&pool).await;
    let rows_at_4 = rows(&pool).await;

    migrate_to(&pool, 5).await;
    snapshot!(
        "rows_at_version_5",
        "Every row after the rebuild of posts: the posts and every comment on them are still there.",
        &rows(&pool).await,
    );
    assert!(
        rows(&pool).await == rows_at_4,
        "the rebuild of posts must keep every row of every table, comments included"
    );
    snapshot!(
        "schema_at_version_5",
        "The schema after migration 5: the same columns, index and foreign keys as at version 4.",
        &schema::report(&pool).await,
    );
    assert!(
        schema::describe(&pool).await == at_4,
        "the rebuilt posts must have the columns, index and foreign keys of version 4, in the same order"
    );
    let broken: Vec<(String, i64)> = sqlx::query_as("SELECT \"table\", rowid FROM pragma_foreign_key_check")
        .fetch_all(&pool)
        .await
        .expect("the foreign key check");
    assert_eq!(broken, [], "every foreign key must point at a row after the rebuild");
}

#[tokio::test]
async fn after_migration_5_every_rule_still_holds() {
    let pool = database_at_version_3().await;
    migrate_to(&pool, 5).await;
    let report = attempts(
        &pool,
        &[
            (
                "a post with status 'archived'",
                "INSERT INTO posts (title, content, user_id, status) VALUES ('Old news', '…', 2, 'archived')",
            ),
            (
                "a post with no status",
                "INSERT INTO posts (title, content, user_id) VALUES ('Later', '…', 2)",
            ),
            (
                "a post with status 'deleted'",
                "INSERT INTO posts (title, content, user_id, status) VALUES ('Gone', '…', 2, 'deleted')",
            ),
            (
                "a post with a NULL status",
                "INSERT INTO posts (title, content, user_id, status) VALUES ('Unknown', '…', 2, NULL)",
            ),
            (
                "a post with a title of 101 characters",
                &format!(
                    "INSERT INTO posts (title, content, user_id) VALUES ('{}', '…', 2)",
                    "t".repeat(101)
                ),
            ),
            (
                "a post with NULL content",
                "INSERT INTO posts (title, content, user_id) VALUES ('Empty', NULL, 2)",
            ),
            (
                "a post by user 99, who does not exist",
                "INSERT INTO posts (title, content, user_id) VALUES ('Orphan', '…', 99)",
            ),
            (
                "a comment on post 99, which does not exist",
                "INSERT INTO comments (content, post_id, user_id) VALUES ('Hello?', 99, 1)",
            ),
            (
                "a comment on post 4",
                "INSERT INTO comments (content, post_id, user_id) VALUES ('Thanks', 4, 1)",
            ),
            ("deleting post 4", "DELETE FROM posts WHERE id = 4"),
        ],
    )
    .await;
    snapshot!(
        "rules_at_version_5",
        "What the rebuilt posts accept and refuse (foreign keys back on, comments still cascading), then every row.",
        &format!("{report}\n{}", rows(&pool).await),
    );
}

#[tokio::test]
async fn migration_5_stops_on_a_broken_foreign_key_and_changes_nothing() {
    let pool = database_at_version_3().await;
    migrate_to(&pool, 4).await;
    // A database written with foreign keys off (Flask on SQLite, by default)
    // may hold a comment on a post that is gone.
    sqlx::raw_sql(
        "PRAGMA foreign_keys = OFF;
         INSERT INTO comments (id, content, post_id, user_id) VALUES (4, 'On a deleted post', 3, 1);
         PRAGMA foreign_keys = ON;",
    )
    .execute(&pool)
    .await
    .expect("a comment on post 3, which was deleted");
    let schema_before = schema_text(&pool).await;
    let rows_before = rows(&pool).await;

    match MIGRATOR.run(&pool).await {
        Err(MigrateError::ExecuteMigration(_, 5)) => {}
        Err(error) => panic!("migration 5 should be the one to fail, but: {error}"),
        Ok(()) => panic!("comment 4 points at no post, so migration 5 must stop, but it applied"),
    }
    assert!(
        schema_text(&pool).await == schema_before,
        "a rebuild that stops must leave the schema exactly as it was"
    );
    assert!(
        rows(&pool).await == rows_before,
        "a rebuild that stops must leave every row as it was"
    );
    assert_eq!(
        schema::applied_versions(&pool).await,
        [1, 2, 3, 4],
        "a migration that stops is not recorded"
    );

    // Once the data is fixed, the same migration runs from the start.
    sqlx::query("DELETE FROM comments WHERE id = 4")
        .execute(&pool)
        .await
        .expect("the broken comment deleted");
    migrate_to(&pool, 5).await;
    assert!(
        rows(&pool).await == rows_before.replace("comment 4 on post 3 by user 1: On a deleted post\n", ""),
        "with the broken comment gone, the rebuild applies and keeps every other row"
    );
}
