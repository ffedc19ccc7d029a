//! A search box over posts: the user's text is found as it was typed, `%`
//! and `_` included, and the results are counted with the same condition.

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
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '%' | '_') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}
// ANCHOR_END: escape_like

// ANCHOR: search
/// The posts whose title or content contains `text` (ASCII letters in any
/// case), newest first, the higher id first within a second. An empty
/// `text` is in every post.
pub async fn search(pool: &SqlitePool, text: &str) -> Result<Vec<PostRow>, sqlx::Error> {
    let pattern = format!("%{}%", escape_like(text));
    sqlx::query_as!(
        PostRow,
        r#"SELECT p.id, p.title, u.username AS author, p.created_at AS "created_at: NaiveDateTime"
           FROM posts p JOIN users u ON u.id = p.user_id
           WHERE p.title LIKE ?1 ESCAPE '\' OR p.content LIKE ?1 ESCAPE '\'
           ORDER BY p.created_at DESC, p.id DESC"#,
        pattern
    )
    .fetch_all(pool)
    .await
}
// ANCHOR_END: search

// ANCHOR: count_search
/// How many posts [`search`] finds for `text`, counted by the database.
pub async fn count_search(pool: &SqlitePool, text: &str) -> Result<i64, sqlx::Error> {
    let pattern = format!("%{}%", escape_like(text));
    sqlx::query_scalar!(
        r#"SELECT count(*) AS "count!: i64" FROM posts
           WHERE title LIKE ?1 ESCAPE '\' OR content LIKE ?1 ESCAPE '\'"#,
        pattern
    )
    .fetch_one(pool)
    .await
}
// ANCHOR_END: count_search
