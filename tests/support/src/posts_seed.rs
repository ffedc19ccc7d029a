//! The 24 posts of `listing`, `search` and `filters`, by five users, with fixed times and tags.
//!
//! A check passes its crate's own migrations: `posts_seed::seeded(&sqlx::migrate!())`.

use sqlx::SqlitePool;
use sqlx::migrate::Migrator;

/// Five users, four tags and 24 posts. Post 23 was imported from an old blog:
/// its id is high but it is the oldest. Posts 7 and 8 were published in the
/// same second, so only their ids order them.
pub const SEED: &str = r"
INSERT INTO users (id, username, email) VALUES
    (1, 'john_doe', 'john@example.com'),
    (2, 'ada', 'ada@example.org'),
    (3, 'grace', 'grace@example.net'),
    (4, 'linus', 'linus@example.com'),
    (5, 'margaret', 'margaret@example.org');
INSERT INTO posts (id, title, content, user_id, created_at) VALUES
    (1, 'Hello World', 'My first post.', 1, '2024-01-02 09:00:00'),
    (2, '100% Rust', 'Every line of this blog is Rust.', 2, '2024-01-05 10:00:00'),
    (3, 'Discounts: 50% off', 'Not really a sale.', 3, '2024-01-08 11:30:00'),
    (4, 'snake_case or camelCase', 'Names in Rust and in Python.', 4, '2024-01-10 08:15:00'),
    (5, 'Windows paths: C:\Users', 'A backslash in a title.', 5, '2024-01-12 14:00:00'),
    (6, 'SQLite in production', 'It served 1000 readers a day.', 1, '2024-01-15 09:45:00'),
    (7, 'Pagination done right', 'Pages by number.', 2, '2024-01-20 12:00:00'),
    (8, 'Keyset pagination', 'Pages by cursor.', 2, '2024-01-20 12:00:00'),
    (9, 'From Flask to axum', 'Routes, handlers and state.', 3, '2024-01-24 16:20:00'),
    (10, 'Migrations with sqlx', 'Schema changes, in order.', 4, '2024-01-28 10:10:00'),
    (11, 'The N+1 problem', 'One query per row.', 5, '2024-02-01 09:00:00'),
    (12, 'Indexes, explained', 'Why a lookup is fast.', 1, '2024-02-04 13:30:00'),
    (13, 'Transactions', 'All or nothing.', 2, '2024-02-07 15:00:00'),
    (14, 'Connection pools', 'Sharing a few connections.', 3, '2024-02-10 11:00:00'),
    (15, 'LIKE and its wildcards', 'A % matches any run of characters, a _ matches one.', 4, '2024-02-13 17:45:00'),
    (16, 'Escaping user input', 'Data is not code.', 5, '2024-02-16 08:30:00'),
    (17, 'Testing with snapshots', 'Expected output, reviewed.', 1, '2024-02-19 10:00:00'),
    (18, 'Error handling', 'Errors are values in Rust.', 2, '2024-02-22 12:40:00'),
    (19, 'Async Rust', 'Futures and tasks.', 3, '2024-02-25 09:05:00'),
    (20, 'Ownership for Python developers', 'Who frees what.', 4, '2024-02-28 19:00:00'),
    (21, 'Borrowing', 'Many readers or one writer.', 5, '2024-03-02 10:30:00'),
    (22, 'Traits', 'Shared behaviour.', 1, '2024-03-05 14:15:00'),
    (23, 'A very old post', 'Imported from the old blog.', 2, '2023-06-01 08:00:00'),
    (24, 'my_first_post', 'A title in snake case.', 3, '2024-03-08 11:11:00');
INSERT INTO tags (id, name) VALUES (1, 'rust'), (2, 'sqlite'), (3, 'web'), (4, 'python');
INSERT INTO post_tags (post_id, tag_id) VALUES
    (2, 1), (4, 1), (4, 4), (6, 2), (7, 3), (8, 2), (8, 3), (9, 3), (9, 4), (10, 1), (10, 2),
    (11, 2), (13, 2), (14, 1), (15, 2), (18, 1), (19, 1), (20, 1), (20, 4), (21, 1), (24, 4);
";

/// A fresh in-memory database ([`crate::db::memory`]) with the crate's
/// `migrations` and [`SEED`].
///
/// SQLite is also asked to return the rows of a `SELECT` without an
/// `ORDER BY` in reverse (`PRAGMA reverse_unordered_selects`): an order left
/// to chance then shows up as a wrong order.
pub async fn seeded(migrations: &Migrator) -> SqlitePool {
    let pool = crate::db::memory().await;
    migrations.run(&pool).await.expect("the migrations apply");
    sqlx::raw_sql(SEED).execute(&pool).await.expect("the seed data");
    sqlx::raw_sql("PRAGMA reverse_unordered_selects = ON")
        .execute(&pool)
        .await
        .expect("the pragma");
    pool
}

/// [`seeded`], without the index on `posts (created_at, id)`. With the
/// index, SQLite happens to read posts of the same second by id, highest
/// first; without it, it sorts them and that luck is gone: only an
/// `ORDER BY` that names the id still puts post 8 before post 7.
pub async fn seeded_without_index(migrations: &Migrator) -> SqlitePool {
    let pool = seeded(migrations).await;
    sqlx::raw_sql("DROP INDEX posts_created_at")
        .execute(&pool)
        .await
        .expect("the index is dropped");
    pool
}
