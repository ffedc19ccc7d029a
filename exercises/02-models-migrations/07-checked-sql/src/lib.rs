//! Queries that the compiler checks against the schema: a misspelled column
//! or a mismatched type is a compile error, not a failure in production.
// Until you write the bodies, their parameters are unused: this keeps the
// compiler quiet about that. You may delete it once you are done.
#![allow(unused_variables)]

use sqlx::SqlitePool;

// ANCHOR: models
/// A row of `users`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub email: String,
}

/// A post's title with the username of its author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostTitle {
    pub id: i64,
    pub title: String,
    pub author: String,
}
// ANCHOR_END: models

// ANCHOR: solution
/// The user with this username, if there is one.
pub async fn find_user(pool: &SqlitePool, username: &str) -> Result<Option<User>, sqlx::Error> {
    // TODO: `sqlx::query_as!(User, "SELECT …", username)`, then fetch at most one row.
    todo!("find the user {username:?} with a checked query")
}

/// Adds a post by the user `user_id`; returns the new post's id.
pub async fn add_post(pool: &SqlitePool, user_id: i64, title: &str, content: &str) -> Result<i64, sqlx::Error> {
    // TODO: `sqlx::query!` with `RETURNING id`; the row it returns has a field
    // `id`. (If sqlx types it as an Option, see the page: `AS "id!"`.)
    todo!("add the post {title:?} by user #{user_id}")
}

/// Every post's title and author, newest first.
pub async fn post_titles(pool: &SqlitePool) -> Result<Vec<PostTitle>, sqlx::Error> {
    // TODO: join posts to users; name the username column `author` to fit PostTitle.
    todo!("list every post's title and author, newest first")
}
// ANCHOR_END: solution
