//! The rows of the blog's tables as Rust structs, and two lookups that read
//! them with checked queries. Given: read it, the steps use it.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgPool;

// ANCHOR: models
/// A row of `users`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub email: String,
}

/// A row of `posts` (all but its search column, step 5's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Post {
    pub id: i64,
    pub user_id: i64,
    pub title: String,
    pub content: String,
    pub published: bool,
    pub likes: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: Option<DateTime<Utc>>,
}

/// A row of `comments`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Comment {
    pub id: i64,
    pub post_id: i64,
    pub content: String,
    pub created_at: DateTime<Utc>,
}
// ANCHOR_END: models

// ANCHOR: views
/// A line of the post list (step 2): the post with its author's username
/// and its number of comments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct PostSummary {
    pub id: i64,
    pub title: String,
    pub author: String,
    pub created_at: DateTime<Utc>,
    pub comment_count: i64,
}

/// A post found by a search (step 5), with how well it matches: the higher
/// the rank, the better.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct SearchHit {
    pub id: i64,
    pub title: String,
    pub rank: f32,
}
// ANCHOR_END: views

// ANCHOR: find
/// The user with this username, if there is one.
pub async fn find_user(pool: &PgPool, username: &str) -> Result<Option<User>, sqlx::Error> {
    sqlx::query_as!(
        User,
        "SELECT id, username, email FROM users WHERE username = $1",
        username
    )
    .fetch_optional(pool)
    .await
}

/// The post with this id, if there is one.
pub async fn find_post(pool: &PgPool, id: i64) -> Result<Option<Post>, sqlx::Error> {
    sqlx::query_as!(
        Post,
        "SELECT id, user_id, title, content, published, likes, created_at, updated_at
         FROM posts WHERE id = $1",
        id
    )
    .fetch_optional(pool)
    .await
}
// ANCHOR_END: find
