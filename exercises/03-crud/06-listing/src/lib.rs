//! Lists of posts the way a blog shows them: newest first, a page at a time,
//! and counted.
// Until you write the bodies, their parameters are unused: this keeps the
// compiler quiet about that. You may delete it once you are done.
#![allow(unused_variables)]

use chrono::NaiveDateTime;
use sqlx::SqlitePool;

// ANCHOR: models
/// The most posts one page may hold, whatever the caller asks for.
pub const MAX_PER_PAGE: u32 = 50;

/// A post as a list shows it: with its author's username.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostRow {
    pub id: i64,
    pub title: String,
    pub author: String,
    pub created_at: NaiveDateTime,
}

/// Where a page of a keyset listing ends: the last post's place in the
/// order `created_at DESC, id DESC`. The next page starts after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub created_at: NaiveDateTime,
    pub id: i64,
}

impl PostRow {
    /// The cursor that continues a listing after this post.
    pub fn cursor(&self) -> Cursor {
        Cursor {
            created_at: self.created_at,
            id: self.id,
        }
    }
}

/// What [`list_page`] can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ListError {
    #[error("pages are numbered from 1: there is no page 0")]
    PageZero,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}
// ANCHOR_END: models

// ANCHOR: list_page
/// Page `page` (from 1) of all posts, newest first, `per_page` posts a page
/// (at least 1, at most [`MAX_PER_PAGE`]). Page 0 is an error; a page past
/// the last one is empty.
pub async fn list_page(pool: &SqlitePool, page: u32, per_page: u32) -> Result<Vec<PostRow>, ListError> {
    // TODO: refuse page 0, bring per_page into 1..=MAX_PER_PAGE, then
    // `ORDER BY p.created_at DESC, p.id DESC LIMIT ? OFFSET ?`.
    todo!("list page {page} of the posts, {per_page} a page")
}
// ANCHOR_END: list_page

// ANCHOR: list_after
/// The next `per_page` posts (at least 1, at most [`MAX_PER_PAGE`]) after
/// `after`, newest first; with no cursor, the first ones.
pub async fn list_after(pool: &SqlitePool, after: Option<Cursor>, per_page: u32) -> Result<Vec<PostRow>, sqlx::Error> {
    // TODO: same order as list_page, no OFFSET: with a cursor, keep only the
    // posts that come after it, `WHERE (p.created_at, p.id) < (?, ?)`.
    todo!("list {per_page} posts after {after:?}")
}
// ANCHOR_END: list_after

// ANCHOR: count_posts
/// How many posts there are, all pages together.
pub async fn count_posts(pool: &SqlitePool) -> Result<i64, sqlx::Error> {
    // TODO: `SELECT count(*) …` as one value.
    todo!("count the posts")
}
// ANCHOR_END: count_posts
