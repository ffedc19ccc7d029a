//! The check for `reversible`: the schema goes up to version 4 and back down,
//! and each down script gives back exactly the schema it started from.

use course_support::{db, schema, snapshot};
use reversible::{downgrade, upgrade};
use sqlx::SqlitePool;
use sqlx::migrate::MigrateError;

/// Stops the check with the migration's error as sqlx words it.
fn must(result: Result<(), MigrateError>, what: &str) {
    if let Err(error) = result {
        panic!("{what}, but: {error}");
    }
}

/// Every tag with the posts it is on, one line each.
async fn tags(pool: &SqlitePool) -> String {
    let lines: Vec<String> = sqlx::query_scalar(
        "SELECT t.name || ' on post ' || pt.post_id FROM tags t JOIN post_tags pt ON pt.tag_id = t.id ORDER BY t.id, pt.post_id",
    )
    .fetch_all(pool)
    .await
    .expect("the tags");
    lines.iter().map(|line| format!("{line}\n")).collect()
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
    let pool = db::memory().await;
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

    must(upgrade(&pool, 3).await, "version 3 should apply");
    steps += &format!("upgrade(3):   {:?}\n", schema::applied_versions(&pool).await);
    let at_3 = schema::describe(&pool).await;
    must(upgrade(&pool, 4).await, "version 4 should apply");
    steps += &format!("upgrade(4):   {:?}\n", schema::applied_versions(&pool).await);
    let at_4 = schema::describe(&pool).await;
    snapshot!(
        "schema_at_4",
        "The schema at version 4: tags and post_tags (version 3), published_at and its index (version 4).",
        &schema::report(&pool).await,
    );
    // Rows that only versions 3 and 4 can hold: a tag, and a date.
    sqlx::raw_sql(
        "INSERT INTO tags (id, name) VALUES (1, 'rust');
         INSERT INTO post_tags (post_id, tag_id) VALUES (1, 1);
         UPDATE posts SET published_at = '2024-05-01 09:00:00' WHERE id = 1;",
    )
    .execute(&pool)
    .await
    .expect("a tag and a publication date");
    snapshot!(
        "posts_at_4",
        "The posts at version 4, one of them with a publication date.",
        &posts(&pool).await,
    );

    must(downgrade(&pool, 3).await, "the down script of 4 should run");
    steps += &format!("downgrade(3): {:?}\n", schema::applied_versions(&pool).await);
    assert!(
        schema::describe(&pool).await == at_3,
        "after downgrade(3), the schema must be the schema of version 3, exactly: \
         the down script of 4 undoes version 4 and nothing else"
    );
    snapshot!(
        "tags_back_at_3",
        "The tags after downgrade(3): version 3's table and its rows are still there.",
        &tags(&pool).await,
    );

    must(downgrade(&pool, 2).await, "the down script of 3 should run");
    steps += &format!("downgrade(2): {:?}\n", schema::applied_versions(&pool).await);
    let back_at_2 = schema::describe(&pool).await;
    snapshot!(
        "schema_back_at_2",
        "The schema after downgrade(2): the schema of version 2, with nothing of versions 3 and 4 left.",
        &back_at_2,
    );
    assert!(
        back_at_2 == at_2,
        "after downgrade(2), the schema must be the schema of version 2, exactly"
    );
    snapshot!(
        "posts_back_at_2",
        "The posts after downgrade(2): every post kept, the dates gone with their column.",
        &posts(&pool).await,
    );

    // With nothing left behind, the up scripts run again as on the first day.
    must(upgrade(&pool, 4).await, "versions 3 and 4 should apply again");
    steps += &format!("upgrade(4):   {:?}\n", schema::applied_versions(&pool).await);
    snapshot!("steps", "The versions recorded as applied after each step.", &steps);
    assert!(
        schema::describe(&pool).await == at_4,
        "the second way up must give the schema of version 4 again"
    );
}

#[tokio::test]
async fn downgrading_to_0_leaves_no_table() {
    let pool = db::memory().await;
    must(upgrade(&pool, 4).await, "every migration should apply");
    must(downgrade(&pool, 0).await, "every down script should run");
    snapshot!(
        "schema_at_0",
        "The database after downgrade(0): no table and no version left.",
        &schema::report(&pool).await,
    );
}
