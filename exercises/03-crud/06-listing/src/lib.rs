//! Lists of posts the way a blog shows them: newest first, a page at a time,
//! counted, searched and filtered.
// Until you write the bodies, their parameters are unused: this keeps the
// compiler quiet about that. You may delete it once you are done.
#![allow(unused_variables)]

use chrono::NaiveDateTime;
use sqlx::SqlitePool;

// ANCHOR: models
/// The most posts one page may hold, whatever the caller asks for.
pub const MAX_PER_PAGE: u32 = 50;

/// A post as a list shows it: with its author's username.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
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

/// Filters picked at run time, say from a query string: each one that is
/// `Some` narrows the list, and all of them must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PostFilter {
    /// Written by the user with this username.
    pub author: Option<String>,
    /// Linked to the tag with this name.
    pub tag: Option<String>,
    /// Containing this text in the title or the content, as [`search`] does.
    pub text: Option<String>,
    /// Created at this moment or later.
    pub since: Option<NaiveDateTime>,
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

// ANCHOR: pages
/// Page `page` (from 1) of all posts, newest first, `per_page` posts a page
/// (at least 1, at most [`MAX_PER_PAGE`]). Page 0 is an error; a page past
/// the last one is empty.
pub async fn list_page(pool: &SqlitePool, page: u32, per_page: u32) -> Result<Vec<PostRow>, ListError> {
    // TODO: refuse page 0, bring per_page into 1..=MAX_PER_PAGE, then
    // `ORDER BY p.created_at DESC, p.id DESC LIMIT ? OFFSET ?`.
    todo!("list page {page} of the posts, {per_page} a page")
}

/// The next `per_page` posts (at least 1, at most [`MAX_PER_PAGE`]) after
/// `after`, newest first; with no cursor, the first ones.
pub async fn list_after(pool: &SqlitePool, after: Option<Cursor>, per_page: u32) -> Result<Vec<PostRow>, sqlx::Error> {
    // TODO: same order as list_page, no OFFSET: with a cursor, keep only the
    // posts that come after it, `WHERE (p.created_at, p.id) < (?, ?)`.
    todo!("list {per_page} posts after {after:?}")
}

/// How many posts there are.
pub async fn count_posts(pool: &SqlitePool) -> Result<i64, sqlx::Error> {
    // TODO: `SELECT count(*) …` as one value.
    todo!("count the posts")
}
// ANCHOR_END: pages

// ANCHOR: search
/// `text` made safe to put in a `LIKE` pattern with `ESCAPE '\'`: each `\`,
/// `%` and `_` gets a `\` before it, so that it matches only itself.
pub fn escape_like(text: &str) -> String {
    // TODO: copy the text, putting a backslash before each of the three.
    todo!("escape {text:?} for LIKE")
}

/// The posts whose title or content contains `text` (ASCII letters in any
/// case), newest first. An empty `text` is in every post.
pub async fn search(pool: &SqlitePool, text: &str) -> Result<Vec<PostRow>, sqlx::Error> {
    // TODO: bind the pattern `%<escaped text>%` and match it with
    // `LIKE ? ESCAPE '\'` against the title and the content.
    todo!("search the posts for {text:?}")
}

/// How many posts [`search`] finds for `text`.
pub async fn count_search(pool: &SqlitePool, text: &str) -> Result<i64, sqlx::Error> {
    // TODO: the same condition as search, counted.
    todo!("count the posts that contain {text:?}")
}
// ANCHOR_END: search

// ANCHOR: filter
/// The posts that pass every filter that is set, newest first.
pub async fn filter_posts(pool: &SqlitePool, filter: &PostFilter) -> Result<Vec<PostRow>, sqlx::Error> {
    // TODO: start a `sqlx::QueryBuilder::<sqlx::Sqlite>` with the SELECT and
    // `WHERE 1 = 1`, add ` AND …` with `push_bind` for each filter that is
    // set, then the ORDER BY, and `build_query_as::<PostRow>()`.
    todo!("list the posts that pass {filter:?}")
}
// ANCHOR_END: filter
