//! Models: one struct per table, one field per column. sqlx's `FromRow`
//! derive turns each row that a query returns into a struct, column by name.
// Until you write the bodies, their parameters are unused: this keeps the
// compiler quiet about that. You may delete it once you are done.
#![allow(unused_variables)]

use chrono::NaiveDateTime;
use sqlx::SqlitePool;

// ANCHOR: models
/// A row of `users`. A user may have no bio: the column allows NULL, so the
/// field is an `Option`.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub email: String,
    pub bio: Option<String>,
    pub created_at: NaiveDateTime,
}

/// A row of `posts`. The table calls the author's id `user_id`; the struct
/// calls it `author_id`.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Post {
    pub id: i64,
    pub title: String,
    pub content: String,
    // TODO: this field's column is `user_id`. Tell the derive, or no post can be read.
    pub author_id: i64,
}
// ANCHOR_END: models

// ANCHOR: queries
/// Every user, in id order.
pub async fn all_users(pool: &SqlitePool) -> Result<Vec<User>, sqlx::Error> {
    // TODO: `sqlx::query_as::<_, User>("SELECT …")`, then fetch every row.
    todo!("read every user, ordered by id")
}

/// The user with this id, or `None` if there is none.
pub async fn user_by_id(pool: &SqlitePool, id: i64) -> Result<Option<User>, sqlx::Error> {
    // TODO: a `?` in the SQL, `.bind(id)`, and fetch at most one row.
    todo!("read the user #{id}, if there is one")
}

/// The posts written by the user `user_id`, in id order.
pub async fn posts_of(pool: &SqlitePool, user_id: i64) -> Result<Vec<Post>, sqlx::Error> {
    // TODO: `sqlx::query_as::<_, Post>`, with the user's id bound to the `?`.
    todo!("read the posts of user #{user_id}, ordered by id")
}
// ANCHOR_END: queries
