//! Read rows back: all of them in an order you chose, one by its key, the
//! first that matches a filter, and the rows that belong to another.

use sqlx::SqlitePool;

// ANCHOR: models
/// A row of `users`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub email: String,
}

/// A row of `posts`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    pub id: i64,
    pub title: String,
    pub content: String,
    pub user_id: i64,
    pub created_at: String,
}
// ANCHOR_END: models

// ANCHOR: all_users
/// Given, as an example: every user, in username order. One `SELECT`, with
/// an `ORDER BY` since a list needs one, and `fetch_all` for a `Vec`.
pub async fn all_users(pool: &SqlitePool) -> Result<Vec<User>, sqlx::Error> {
    sqlx::query_as!(User, "SELECT id, username, email FROM users ORDER BY username")
        .fetch_all(pool)
        .await
}
// ANCHOR_END: all_users

// ANCHOR: queries
/// The user with this id, or `None` if there is none.
pub async fn user_by_id(pool: &SqlitePool, id: i64) -> Result<Option<User>, sqlx::Error> {
    sqlx::query_as!(User, "SELECT id, username, email FROM users WHERE id = ?", id)
        .fetch_optional(pool)
        .await
}

/// The first user, in username order, whose email is at exactly this domain
/// (the part after the `@`), or `None` if no email is.
pub async fn first_user_at_domain(pool: &SqlitePool, domain: &str) -> Result<Option<User>, sqlx::Error> {
    sqlx::query_as!(
        User,
        "SELECT id, username, email FROM users
         WHERE substr(email, instr(email, '@') + 1) = ?
         ORDER BY username
         LIMIT 1",
        domain
    )
    .fetch_optional(pool)
    .await
}

/// The posts of the user `user_id`, newest first; posts of the same second
/// go highest id first. A user with no posts, or no such user, gets none.
pub async fn posts_of_user(pool: &SqlitePool, user_id: i64) -> Result<Vec<Post>, sqlx::Error> {
    sqlx::query_as!(
        Post,
        "SELECT id, title, content, user_id, created_at FROM posts
         WHERE user_id = ?
         ORDER BY created_at DESC, id DESC",
        user_id
    )
    .fetch_all(pool)
    .await
}
// ANCHOR_END: queries
