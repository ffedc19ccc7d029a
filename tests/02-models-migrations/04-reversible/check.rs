//! The check for `reversible`: the schema goes up to version 4 and back down,
//! and each down script gives back exactly the schema it started from.

use reversible::{downgrade, upgrade};
use sqlx::SqlitePool;
use sqlx::migrate::MigrateError;
use sqlx::sqlite::SqlitePoolOptions;

#[path = "../support/schema.rs"]
mod schema;

/// A fresh in-memory database, with no migration applied yet. One
/// connection, since each in-memory connection is a database of its own.
async fn database() -> SqlitePool {
    SqlitePoolOptions::new()
        .max_connections(1)
        .connect("sqlite::memory:")
        .await
        .expect("an in-memory database")
}

/// Stops the check with the migration's error as sqlx words it.
fn must(result: Result<(), MigrateError>, what: &str) {
    if let Err(error) = result {
        panic!("{what}, but: {error}");
    }
}

/// The schema, then the versions sqlx has recorded as applied.
async fn state(pool: &SqlitePool) -> String {
    let mut tables = schema::describe(pool).await;
    if tables.is_empty() {
        tables = "(no tables)\n".to_string();
    }
    format!("{tables}applied: {:?}\n", schema::applied_versions(pool).await)
}

/// Every post, as one line each, with the column that version 4 adds if it is there.
async fn posts(pool: &SqlitePool) -> String {
    let has_published_at: bool =
        sqlx::query_scalar("SELECT count(*) > 0 FROM pragma_table_info('posts') WHERE name = 'published_at'")
            .fetch_one(pool)
            .await
            .expect("the columns of posts");
    let sql = if has_published_at {
        "SELECT id || ' ' || title || ' by user ' || user_id || ', published_at ' || coalesce(published_at, 'NULL') FROM posts ORDER BY id"
    } else {
        "SELECT id || ' ' || title || ' by user ' || user_id FROM posts ORDER BY id"
    };
    let lines: Vec<String> = sqlx::query_scalar(sql).fetch_all(pool).await.expect("the posts");
    lines.iter().map(|line| format!("{line}\n")).collect()
}

#[tokio::test]
async fn downgrading_to_2_gives_back_the_schema_of_version_2() {
    let pool = database().await;
    let mut steps = String::new();

    must(upgrade(&pool, 2).await, "versions 1 and 2 should apply");
    let at_2 = schema::describe(&pool).await;
    steps += &format!("upgrade(2):   {:?}\n", schema::applied_versions(&pool).await);
    // Rows written at version 2, which must survive the way up and back.
    sqlx::raw_sql(
        "INSERT INTO users (id, username, email) VALUES (1, 'john_doe', 'john@example.com');
         INSERT INTO posts (id, title, content, user_id) VALUES
            (1, 'First Post', 'Hello World!', 1),
            (2, 'Second Post', 'Again', 1);",
    )
    .execute(&pool)
    .await
    .expect("a user and two posts");

    must(upgrade(&pool, 4).await, "versions 3 and 4 should apply");
    steps += &format!("upgrade(4):   {:?}\n", schema::applied_versions(&pool).await);
    let at_4 = schema::describe(&pool).await;
    insta::assert_snapshot!("schema_at_4", state(&pool).await);
    // Rows that only versions 3 and 4 can hold: a tag, and a date.
    sqlx::raw_sql(
        "INSERT INTO tags (id, name) VALUES (1, 'rust');
         INSERT INTO post_tags (post_id, tag_id) VALUES (1, 1);
         UPDATE posts SET published_at = '2024-05-01 09:00:00' WHERE id = 1;",
    )
    .execute(&pool)
    .await
    .expect("a tag and a publication date");
    insta::assert_snapshot!("posts_at_4", posts(&pool).await);

    must(downgrade(&pool, 2).await, "the down scripts of 4 and 3 should run");
    steps += &format!("downgrade(2): {:?}\n", schema::applied_versions(&pool).await);
    let back_at_2 = schema::describe(&pool).await;
    insta::assert_snapshot!("schema_back_at_2", back_at_2);
    assert!(
        back_at_2 == at_2,
        "after downgrade(2), the schema must be the schema of version 2, exactly"
    );
    insta::assert_snapshot!("posts_back_at_2", posts(&pool).await);

    // With nothing left behind, the up scripts run again as on the first day.
    must(upgrade(&pool, 4).await, "versions 3 and 4 should apply again");
    steps += &format!("upgrade(4):   {:?}\n", schema::applied_versions(&pool).await);
    insta::assert_snapshot!("steps", steps);
    assert!(
        schema::describe(&pool).await == at_4,
        "the second way up must give the schema of version 4 again"
    );
}

#[tokio::test]
async fn downgrading_to_0_leaves_no_table() {
    let pool = database().await;
    must(upgrade(&pool, 4).await, "every migration should apply");
    must(downgrade(&pool, 0).await, "every down script should run");
    insta::assert_snapshot!("schema_at_0", state(&pool).await);
}
