//! Relations between tables, read with one query per relation: a user's
//! posts (one-to-many), and a post's tags (many-to-many, through a join table).
// Until you write the bodies, their parameters are unused: this keeps the
// compiler quiet about that. You may delete it once you are done.
#![allow(unused_variables)]

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
    // TODO: select from posts, filtered on the foreign key.
    todo!("select the posts of user #{user_id}")
}

/// The tags of the post `post_id`, by name.
pub async fn tags_of_post(pool: &SqlitePool, post_id: i64) -> Result<Vec<Tag>, sqlx::Error> {
    // TODO: select from tags, joined to post_tags.
    todo!("select the tags of post #{post_id}")
}

/// The posts that carry the tag called `name`, by id.
pub async fn posts_with_tag(pool: &SqlitePool, name: &str) -> Result<Vec<Post>, sqlx::Error> {
    // TODO: select from posts, joined to post_tags and then to tags.
    todo!("select the posts tagged {name:?}")
}
// ANCHOR_END: queries
