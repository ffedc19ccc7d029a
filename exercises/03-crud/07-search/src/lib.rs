//! A search box over posts: the user's text is found as it was typed, `%`
//! and `_` included, and the results are counted with the same condition.
// Until you write the bodies, their parameters are unused: this keeps the
// compiler quiet about that. You may delete it once you are done.
#![allow(unused_variables)]

use chrono::NaiveDateTime;
use sqlx::SqlitePool;

// ANCHOR: models
/// A post as a list shows it: with its author's username.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostRow {
    pub id: i64,
    pub title: String,
    pub author: String,
    pub created_at: NaiveDateTime,
}
// ANCHOR_END: models

// ANCHOR: escape_like
/// `text` made safe to put in a `LIKE` pattern with `ESCAPE '\'`: each `\`,
/// `%` and `_` gets a `\` before it, so that it matches only itself.
pub fn escape_like(text: &str) -> String {
    // TODO: copy the text, putting a backslash before each of the three.
    todo!("escape {text:?} for LIKE")
}
// ANCHOR_END: escape_like

// ANCHOR: search
/// The posts whose title or content contains `text` (ASCII letters in any
/// case), newest first, the higher id first within a second. An empty
/// `text` is in every post.
pub async fn search(pool: &SqlitePool, text: &str) -> Result<Vec<PostRow>, sqlx::Error> {
    // TODO: bind the pattern `%<escaped text>%` and match it with
    // `LIKE ? ESCAPE '\'` against the title and the content.
    todo!("search the posts for {text:?}")
}
// ANCHOR_END: search

// ANCHOR: count_search
/// How many posts [`search`] finds for `text`, counted by the database.
pub async fn count_search(pool: &SqlitePool, text: &str) -> Result<i64, sqlx::Error> {
    // TODO: the same condition as search, counted.
    todo!("count the posts that contain {text:?}")
}
// ANCHOR_END: count_search
