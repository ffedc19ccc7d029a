//! A list of posts narrowed by filters that are known only at run time, say
//! from a query string: the SQL is built piece by piece, the values bound.

use chrono::NaiveDateTime;
use sqlx::{QueryBuilder, Sqlite, SqlitePool};

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
    // `WHERE 1 = 1` lets every filter start with ` AND `, set or not.
    let mut query = QueryBuilder::<Sqlite>::new(
        "SELECT p.id, p.title, u.username AS author, p.created_at
         FROM posts p JOIN users u ON u.id = p.user_id
         WHERE 1 = 1",
    );
    // `push` adds SQL text that this code wrote; `push_bind` adds a `?` and
    // sends the value beside the SQL, never inside it.
    if let Some(author) = &filter.author {
        query.push(" AND u.username = ").push_bind(author.as_str());
    }
    if let Some(tag) = &filter.tag {
        query
            .push(
                " AND EXISTS (SELECT 1 FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
                              WHERE pt.post_id = p.id AND t.name = ",
            )
            .push_bind(tag.as_str())
            .push(")");
    }
    if let Some(text) = &filter.text {
        let pattern = format!("%{}%", escape_like(text));
        query
            .push(" AND (p.title LIKE ")
            .push_bind(pattern.clone())
            .push(" ESCAPE '\\' OR p.content LIKE ")
            .push_bind(pattern)
            .push(" ESCAPE '\\')");
    }
    if let Some(since) = filter.since {
        query.push(" AND p.created_at >= ").push_bind(since);
    }
    query.push(" ORDER BY p.created_at DESC, p.id DESC");
    query.build_query_as::<PostRow>().fetch_all(pool).await
}
// ANCHOR_END: filter_posts
