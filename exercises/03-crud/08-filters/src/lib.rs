//! A list of posts narrowed by filters that are known only at run time, say
//! from a query string: the SQL is built piece by piece, the values bound.
// Until you write the bodies, their parameters are unused: this keeps the
// compiler quiet about that. You may delete it once you are done.
#![allow(unused_variables)]

use chrono::NaiveDateTime;
use sqlx::SqlitePool;

// ANCHOR: models
/// A post as a list shows it: with its author's username. `FromRow` lets a
/// query built at run time fill it, where `query_as!` cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PostRow {
    pub id: i64,
    pub title: String,
    pub author: String,
    pub created_at: NaiveDateTime,
}

/// Filters picked at run time, say from a query string: each one that is
/// `Some` narrows the list, and all of them must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PostFilter {
    /// Written by the user with this username.
    pub author: Option<String>,
    /// Linked to the tag with this name.
    pub tag: Option<String>,
    /// Containing this text in the title or the content, taken literally.
    pub text: Option<String>,
    /// Created at this moment or later.
    pub since: Option<NaiveDateTime>,
}

/// Given, as you wrote it in the search exercise: `text` with a `\` before
/// each `\`, `%` and `_`, for a `LIKE` with `ESCAPE '\'`.
pub fn escape_like(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '%' | '_') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}
// ANCHOR_END: models

// ANCHOR: filter_posts
/// The posts that pass every filter that is set, newest first, the higher
/// id first within a second.
pub async fn filter_posts(pool: &SqlitePool, filter: &PostFilter) -> Result<Vec<PostRow>, sqlx::Error> {
    // TODO: start a `sqlx::QueryBuilder::<sqlx::Sqlite>` with the SELECT and
    // `WHERE 1 = 1`, add ` AND …` with `push_bind` for each filter that is
    // set, then the ORDER BY, and `build_query_as::<PostRow>()`.
    todo!("list the posts that pass {filter:?}")
}
// ANCHOR_END: filter_posts
