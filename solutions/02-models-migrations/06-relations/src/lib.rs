//! Relations between tables, read with one query per relation: a user's
//! posts (one-to-many), and a post's tags (many-to-many, through a join table).

use sqlx::SqlitePool;
use sqlx::migrate::Migrator;

/// The migrations of `migrations/`, read into the program when it compiles.
pub static MIGRATOR: Migrator = sqlx::migrate!();

// ANCHOR: models
/// A row of `posts`, without its content.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Post {
    pub id: i64,
    pub user_id: i64,
    pub title: String,
}

/// A row of `tags`.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Tag {
    pub id: i64,
    pub name: String,
}
// ANCHOR_END: models

// ANCHOR: queries
/// The posts written by the user `user_id`, by id.
pub async fn posts_of_user(pool: &SqlitePool, user_id: i64) -> Result<Vec<Post>, sqlx::Error> {
    sqlx::query_as::<_, Post>("SELECT id, user_id, title FROM posts WHERE user_id = ? ORDER BY id")
        .bind(user_id)
        .fetch_all(pool)
        .await
}

/// The tags of the post `post_id`, by name.
pub async fn tags_of_post(pool: &SqlitePool, post_id: i64) -> Result<Vec<Tag>, sqlx::Error> {
    sqlx::query_as::<_, Tag>(
        "SELECT t.id, t.name
         FROM tags t JOIN post_tags pt ON pt.tag_id = t.id
         WHERE pt.post_id = ?
         ORDER BY t.name",
    )
    .bind(post_id)
    .fetch_all(pool)
    .await
}

/// The posts that carry the tag called `name`, by id.
pub async fn posts_with_tag(pool: &SqlitePool, name: &str) -> Result<Vec<Post>, sqlx::Error> {
    sqlx::query_as::<_, Post>(
        "SELECT p.id, p.user_id, p.title
         FROM posts p
         JOIN post_tags pt ON pt.post_id = p.id
         JOIN tags t ON t.id = pt.tag_id
         WHERE t.name = ?
         ORDER BY p.id",
    )
    .bind(name)
    .fetch_all(pool)
    .await
}
// ANCHOR_END: queries
