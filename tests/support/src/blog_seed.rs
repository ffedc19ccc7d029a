//! The small blog of `read`, `update` and `delete`, with fixed ids and times, and each table's rows as text.
//!
//! A check passes its crate's own migrations: `blog_seed::seeded(&sqlx::migrate!())`.

use sqlx::migrate::Migrator;
use sqlx::{Row, SqlitePool};

/// The blog every check starts from. Post 4 was written in the same second
/// as post 3, and post 6 is older than its id suggests. Comments 3 and 7 are
/// john_doe's on other people's posts; comment 6 is his on his own post.
pub const SEED: &str = "
INSERT INTO users (id, username, email) VALUES
    (1, 'john_doe', 'john@example.com'),
    (2, 'ada', 'ada@example.org'),
    (3, 'grace', 'grace@example.com'),
    (4, 'alan', 'alan@example.org'),
    (5, 'linus', 'linus@kernel.org');
INSERT INTO posts (id, title, content, user_id, created_at) VALUES
    (1, 'First Post', 'Hello World!', 1, '2024-01-01 09:00:00'),
    (2, 'Notes on engines', 'The analytical one.', 2, '2024-01-02 10:00:00'),
    (3, 'Second Post', 'Again.', 1, '2024-01-03 08:30:00'),
    (4, 'Third Post', 'In the same second.', 1, '2024-01-03 08:30:00'),
    (5, 'Compilers', 'Ship it.', 3, '2024-01-04 12:00:00'),
    (6, 'An old draft', 'Imported late.', 1, '2023-12-24 18:00:00');
INSERT INTO comments (id, content, post_id, user_id, created_at) VALUES
    (1, 'Welcome!', 1, 2, '2024-01-01 10:00:00'),
    (2, 'Nice start.', 1, 3, '2024-01-01 11:00:00'),
    (3, 'Which engine?', 2, 1, '2024-01-02 11:00:00'),
    (4, 'Again?', 3, 2, '2024-01-03 09:00:00'),
    (5, 'The difference one.', 2, 2, '2024-01-02 12:00:00'),
    (6, 'Replying to myself.', 3, 1, '2024-01-03 09:30:00'),
    (7, 'Types first.', 5, 1, '2024-01-04 13:00:00');
INSERT INTO tags (id, name) VALUES (1, 'rust'), (2, 'sql'), (3, 'history'), (4, 'compilers');
INSERT INTO post_tags (post_id, tag_id) VALUES (1, 1), (1, 2), (2, 3), (3, 2), (5, 1), (5, 4);
";

/// A fresh in-memory database ([`crate::db::memory`]) with the crate's
/// `migrations` and no rows. sqlx turns SQLite's foreign keys on, so the
/// `ON DELETE` rules apply.
///
/// SQLite is also asked to return the rows of a `SELECT` without an
/// `ORDER BY` in reverse (`PRAGMA reverse_unordered_selects`): an order left
/// to chance then shows up as a wrong order.
pub async fn empty(migrations: &Migrator) -> SqlitePool {
    let pool = crate::db::memory().await;
    migrations.run(&pool).await.expect("the migrations apply");
    sqlx::raw_sql("PRAGMA reverse_unordered_selects = ON")
        .execute(&pool)
        .await
        .expect("the pragma");
    pool
}

/// A fresh database holding [`SEED`].
pub async fn seeded(migrations: &Migrator) -> SqlitePool {
    let pool = empty(migrations).await;
    sqlx::raw_sql(SEED).execute(&pool).await.expect("the seed data");
    pool
}

/// The rows of `users`, one line each, by id.
pub async fn users(pool: &SqlitePool) -> String {
    let rows = sqlx::query("SELECT id, username, email FROM users ORDER BY id")
        .fetch_all(pool)
        .await
        .expect("the users");
    let lines = rows.iter().map(|row| {
        let (id, username, email): (i64, String, String) = (row.get(0), row.get(1), row.get(2));
        format!("#{id} {username} <{email}>")
    });
    section("users", lines)
}

/// Every table's rows: users, posts, comments, tags and post_tags.
pub async fn tables(pool: &SqlitePool) -> String {
    let posts = sqlx::query("SELECT id, title, user_id, created_at FROM posts ORDER BY id")
        .fetch_all(pool)
        .await
        .expect("the posts");
    let posts = posts.iter().map(|row| {
        let (id, title, user_id, at): (i64, String, i64, String) = (row.get(0), row.get(1), row.get(2), row.get(3));
        format!("#{id} {title:?} by user #{user_id}, {at}")
    });
    let comments = sqlx::query("SELECT id, content, post_id, user_id FROM comments ORDER BY id")
        .fetch_all(pool)
        .await
        .expect("the comments");
    let comments = comments.iter().map(|row| {
        let (id, content, post_id, user_id): (i64, String, i64, Option<i64>) =
            (row.get(0), row.get(1), row.get(2), row.get(3));
        let author = user_id.map_or("nobody (NULL)".to_string(), |id| format!("user #{id}"));
        format!("#{id} on post #{post_id} by {author}: {content:?}")
    });
    let tags = sqlx::query("SELECT id, name FROM tags ORDER BY id")
        .fetch_all(pool)
        .await
        .expect("the tags");
    let tags = tags
        .iter()
        .map(|row| format!("#{} {}", row.get::<i64, _>(0), row.get::<String, _>(1)));
    let links = sqlx::query("SELECT post_id, tag_id FROM post_tags ORDER BY post_id, tag_id")
        .fetch_all(pool)
        .await
        .expect("the post_tags");
    let links = links
        .iter()
        .map(|row| format!("post #{} - tag #{}", row.get::<i64, _>(0), row.get::<i64, _>(1)));

    let mut out = users(pool).await;
    out += &section("posts", posts);
    out += &section("comments", comments);
    out += &section("tags", tags);
    out += &section("post_tags", links);
    out
}

/// A table's name, then its lines indented, or `(no rows)`.
fn section(name: &str, lines: impl Iterator<Item = String>) -> String {
    let mut out = format!("{name}\n");
    let before = out.len();
    for line in lines {
        out += &format!("  {line}\n");
    }
    if out.len() == before {
        out += "  (no rows)\n";
    }
    out
}
