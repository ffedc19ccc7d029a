//! Step 1: the rows of the blog's tables as Rust structs, and the first
//! queries that read them. The structs of the later steps (a post with its
//! author, a post with its comments) are here too, so that the whole data
//! model is in one place.

// Until you write the bodies, their parameters and some imports are unused:
// this keeps the compiler quiet about that. You may delete it once you are done.
#![allow(unused_variables, unused_imports)]

use chrono::NaiveDateTime;
use serde::Serialize;
use sqlx::SqlitePool;

// ANCHOR: models
/// A row of `users`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub email: String,
}

/// A row of `posts`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Post {
    pub id: i64,
    pub user_id: i64,
    pub title: String,
    pub content: String,
    pub created_at: NaiveDateTime,
    pub updated_at: Option<NaiveDateTime>,
}

/// A row of `comments`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comment {
    pub id: i64,
    pub post_id: i64,
    pub content: String,
    pub created_at: NaiveDateTime,
}

/// A row of `tags`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tag {
    pub id: i64,
    pub name: String,
}
// ANCHOR_END: models

// ANCHOR: views
/// A line of a post list (step 2): the post with its author's username and
/// its number of comments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PostSummary {
    pub id: i64,
    pub title: String,
    pub author: String,
    pub created_at: NaiveDateTime,
    pub comment_count: i64,
}

/// A post with its author's username (step 3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PostView {
    pub id: i64,
    pub title: String,
    pub content: String,
    pub author: String,
    pub created_at: NaiveDateTime,
    pub updated_at: Option<NaiveDateTime>,
}

/// Everything the post page shows (step 3), and what `GET /api/posts/{id}`
/// answers: the post's fields, its tags by name, its comments oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PostDetail {
    #[serde(flatten)]
    pub post: PostView,
    pub tags: Vec<String>,
    pub comments: Vec<Comment>,
}
// ANCHOR_END: views

// ANCHOR: find_user
/// The user with this username, if there is one.
pub async fn find_user(pool: &SqlitePool, username: &str) -> Result<Option<User>, sqlx::Error> {
    // TODO: `sqlx::query_as!(User, "SELECT … WHERE username = ?", username)`, then at most one row.
    todo!("find the user {username:?}")
}
// ANCHOR_END: find_user

// ANCHOR: find_post
/// The post with this id, if there is one.
pub async fn find_post(pool: &SqlitePool, id: i64) -> Result<Option<Post>, sqlx::Error> {
    // TODO: the same for `Post`, by id.
    todo!("find the post {id}")
}
// ANCHOR_END: find_post
