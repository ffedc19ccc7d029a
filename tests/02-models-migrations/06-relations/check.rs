//! The check for `relations`: the queries read each relation of a small blog,
//! and a delete takes with it what the schema's ON DELETE rules say.

use relations::{MIGRATOR, posts_of_user, posts_with_tag, tags_of_post};
use sqlx::SqlitePool;
use sqlx::sqlite::SqlitePoolOptions;

/// Three users, four posts, five comments, three tags and the links between
/// posts and tags.
const BLOG: &str = "
    INSERT INTO users (id, username, email) VALUES
        (1, 'john_doe', 'john@example.com'),
        (2, 'ada', 'ada@example.org'),
        (3, 'grace', 'grace@example.net');
    INSERT INTO posts (id, title, content, user_id) VALUES
        (1, 'First Post', 'Hello World!', 1),
        (2, 'Notes on engines', 'Cogs and cards.', 2),
        (3, 'Second Post', 'Again.', 1),
        (4, 'Compilers', 'Words into code.', 3);
    INSERT INTO comments (id, post_id, user_id, content) VALUES
        (1, 1, 2, 'Nice start'),
        (2, 2, 1, 'Great notes'),
        (3, 2, 3, 'Agreed'),
        (4, 3, 1, 'Fixed a typo'),
        (5, 4, 1, 'Which book?');
    INSERT INTO tags (id, name) VALUES (1, 'sql'), (2, 'rust'), (3, 'flask');
    INSERT INTO post_tags (post_id, tag_id) VALUES
        (1, 1), (1, 2), (2, 2), (3, 3), (3, 1), (4, 2);
";

/// A fresh in-memory database with the crate's migrations and the blog above.
/// One connection, since each in-memory connection is a database of its own.
async fn database() -> SqlitePool {
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect("sqlite::memory:")
        .await
        .expect("an in-memory database");
    if let Err(error) = MIGRATOR.run(&pool).await {
        panic!("the migrations should apply, but: {error}");
    }
    sqlx::raw_sql(BLOG).execute(&pool).await.expect("the blog's rows");
    pool
}

/// Runs one delete, and stops the check with the database's error if it fails.
async fn delete(pool: &SqlitePool, sql: &'static str) {
    if let Err(error) = sqlx::query(sql).execute(pool).await {
        panic!("`{sql}` should succeed, but: {error}");
    }
}

/// Every table, with its number of rows and the rows themselves.
async fn contents(pool: &SqlitePool) -> String {
    let tables = [
        ("users", "SELECT id || ' ' || username FROM users ORDER BY id"),
        ("posts", "SELECT id || ' ' || title || ', by user ' || user_id FROM posts ORDER BY id"),
        (
            "comments",
            "SELECT id || ' on post ' || post_id || ', by ' || coalesce('user ' || user_id, 'nobody') || ': ' || content
             FROM comments ORDER BY id",
        ),
        ("tags", "SELECT id || ' ' || name FROM tags ORDER BY id"),
        ("post_tags", "SELECT 'post ' || post_id || ', tag ' || tag_id FROM post_tags ORDER BY post_id, tag_id"),
    ];
    let mut out = String::new();
    for (table, sql) in tables {
        let rows: Vec<String> = sqlx::query_scalar(sql).fetch_all(pool).await.expect("the rows");
        out += &format!("{table} ({})\n", rows.len());
        for row in rows {
            out += &format!("  {row}\n");
        }
    }
    out
}

#[tokio::test]
async fn each_relation_is_one_query() {
    let pool = database().await;
    let user_posts = (
        posts_of_user(&pool, 1).await.expect("the posts of john_doe"),
        posts_of_user(&pool, 99).await.expect("the posts of nobody"),
    );
    insta::assert_debug_snapshot!("posts_of_user", user_posts);

    let post_tags = (
        tags_of_post(&pool, 1).await.expect("the tags of post 1"),
        tags_of_post(&pool, 99).await.expect("the tags of no post"),
    );
    insta::assert_debug_snapshot!("tags_of_post", post_tags);

    let tagged = (
        posts_with_tag(&pool, "rust").await.expect("the posts tagged rust"),
        posts_with_tag(&pool, "python").await.expect("the posts tagged python"),
    );
    insta::assert_debug_snapshot!("posts_with_tag", tagged);
}

#[tokio::test]
async fn deleting_a_user_follows_the_on_delete_rules() {
    let pool = database().await;
    insta::assert_snapshot!("blog", contents(&pool).await);
    delete(&pool, "DELETE FROM users WHERE username = 'john_doe'").await;
    insta::assert_snapshot!("without_john_doe", contents(&pool).await);
}

#[tokio::test]
async fn deleting_a_tag_leaves_the_posts() {
    let pool = database().await;
    delete(&pool, "DELETE FROM tags WHERE name = 'sql'").await;
    insta::assert_snapshot!("without_sql", contents(&pool).await);
    assert_eq!(
        posts_with_tag(&pool, "sql").await.expect("the posts tagged sql"),
        Vec::new(),
        "no post carries a deleted tag"
    );
}
