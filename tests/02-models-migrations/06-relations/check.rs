//! The check for `relations`: the queries read each relation of a small blog,
//! and a delete takes with it what the schema's ON DELETE rules say.

use course_support::{db, snapshot};
use relations::{MIGRATOR, posts_of_user, posts_with_tag, tags_of_post};
use sqlx::SqlitePool;

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

/// A fresh in-memory database ([`db::memory_reversed`]: an order left to
/// chance shows up here) with the crate's migrations and the blog above.
async fn database() -> SqlitePool {
    let pool = db::memory_reversed().await;
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

/// Every link of `post_tags` with the name of its tag: the join that the
/// page teaches before the exercise asks for one.
const LINKS: &str = "
-- ANCHOR: links
SELECT pt.post_id, t.name
FROM post_tags pt
JOIN tags t ON t.id = pt.tag_id
ORDER BY pt.post_id, t.name
-- ANCHOR_END: links
";

#[tokio::test]
async fn the_join_on_the_page_lists_every_link() {
    let pool = database().await;
    let rows: Vec<(i64, String)> = sqlx::query_as(LINKS).fetch_all(&pool).await.expect("the links");
    let table: String = rows
        .iter()
        .map(|(post_id, name)| format!("{post_id:<7}  {name}\n"))
        .collect();
    snapshot!(
        "links",
        "The page's example join: each row of post_tags beside the name of its tag.",
        &format!("post_id  name\n{table}"),
    );
}

#[tokio::test]
async fn each_relation_is_one_query() {
    let pool = database().await;
    let user_posts = format!(
        "posts_of_user(1):\n{:#?}\nposts_of_user(99):\n{:#?}\n",
        posts_of_user(&pool, 1).await.expect("the posts of john_doe"),
        posts_of_user(&pool, 99).await.expect("the posts of nobody"),
    );
    snapshot!(
        "posts_of_user",
        "The posts of john_doe (user 1), then of user 99, who does not exist.",
        &user_posts,
    );

    let post_tags = format!(
        "tags_of_post(1):\n{:#?}\ntags_of_post(99):\n{:#?}\n",
        tags_of_post(&pool, 1).await.expect("the tags of post 1"),
        tags_of_post(&pool, 99).await.expect("the tags of no post"),
    );
    snapshot!(
        "tags_of_post",
        "The tags of post 1, by name, then of post 99, which does not exist.",
        &post_tags,
    );

    let mut tagged = String::new();
    // A tag is its exact name: `Rust` and `ru` are not `rust`.
    for name in ["rust", "python", "Rust", "ru"] {
        let posts = posts_with_tag(&pool, name).await.expect("the posts with a tag");
        tagged += &format!("posts_with_tag({name:?}):\n{posts:#?}\n");
    }
    snapshot!(
        "posts_with_tag",
        "The posts tagged rust, by id; then python, Rust and ru, none of which is a tag's name.",
        &tagged,
    );
}

#[tokio::test]
async fn deleting_a_user_follows_the_on_delete_rules() {
    let pool = database().await;
    snapshot!(
        "blog",
        "Every table of the blog before any delete, with its number of rows.",
        &contents(&pool).await,
    );
    delete(&pool, "DELETE FROM users WHERE username = 'john_doe'").await;
    snapshot!(
        "without_john_doe",
        "Every table after john_doe is deleted: his posts go with their comments and links; his comments elsewhere stay, by nobody.",
        &contents(&pool).await,
    );
}

#[tokio::test]
async fn deleting_a_tag_leaves_the_posts() {
    let pool = database().await;
    delete(&pool, "DELETE FROM tags WHERE name = 'sql'").await;
    snapshot!(
        "without_sql",
        "Every table after the tag sql is deleted: its links go, every post stays.",
        &contents(&pool).await,
    );
    assert_eq!(
        posts_with_tag(&pool, "sql").await.expect("the posts tagged sql"),
        Vec::new(),
        "no post carries a deleted tag"
    );
}
