//! Lists of posts the way a blog shows them: newest first, a page at a time,
//! counted, searched and filtered.

use chrono::NaiveDateTime;
use sqlx::{QueryBuilder, Sqlite, SqlitePool};

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
/// `per_page` brought into `1..=MAX_PER_PAGE`, as SQLite's `LIMIT` wants it.
fn limit(per_page: u32) -> i64 {
    i64::from(per_page.clamp(1, MAX_PER_PAGE))
}

/// Page `page` (from 1) of all posts, newest first, `per_page` posts a page
/// (at least 1, at most [`MAX_PER_PAGE`]). Page 0 is an error; a page past
/// the last one is empty.
pub async fn list_page(pool: &SqlitePool, page: u32, per_page: u32) -> Result<Vec<PostRow>, ListError> {
    if page == 0 {
        return Err(ListError::PageZero);
    }
    let limit = limit(per_page);
    let offset = (i64::from(page) - 1) * limit;
    let posts = sqlx::query_as!(
        PostRow,
        r#"SELECT p.id, p.title, u.username AS author, p.created_at AS "created_at: NaiveDateTime"
           FROM posts p JOIN users u ON u.id = p.user_id
           ORDER BY p.created_at DESC, p.id DESC
           LIMIT ? OFFSET ?"#,
        limit,
        offset
    )
    .fetch_all(pool)
    .await?;
    Ok(posts)
}

/// The next `per_page` posts (at least 1, at most [`MAX_PER_PAGE`]) after
/// `after`, newest first; with no cursor, the first ones.
pub async fn list_after(pool: &SqlitePool, after: Option<Cursor>, per_page: u32) -> Result<Vec<PostRow>, sqlx::Error> {
    let limit = limit(per_page);
    match after {
        None => {
            sqlx::query_as!(
                PostRow,
                r#"SELECT p.id, p.title, u.username AS author, p.created_at AS "created_at: NaiveDateTime"
                   FROM posts p JOIN users u ON u.id = p.user_id
                   ORDER BY p.created_at DESC, p.id DESC
                   LIMIT ?"#,
                limit
            )
            .fetch_all(pool)
            .await
        }
        // A row value compares like a tuple: an earlier created_at, or the
        // same created_at and a smaller id. The index on (created_at, id)
        // finds the spot without reading the pages before it.
        Some(cursor) => {
            sqlx::query_as!(
                PostRow,
                r#"SELECT p.id, p.title, u.username AS author, p.created_at AS "created_at: NaiveDateTime"
                   FROM posts p JOIN users u ON u.id = p.user_id
                   WHERE (p.created_at, p.id) < (?, ?)
                   ORDER BY p.created_at DESC, p.id DESC
                   LIMIT ?"#,
                cursor.created_at,
                cursor.id,
                limit
            )
            .fetch_all(pool)
            .await
        }
    }
}

/// How many posts there are.
pub async fn count_posts(pool: &SqlitePool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(r#"SELECT count(*) AS "count!: i64" FROM posts"#)
        .fetch_one(pool)
        .await
}
// ANCHOR_END: pages

// ANCHOR: search
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

/// The posts whose title or content contains `text` (ASCII letters in any
/// case), newest first. An empty `text` is in every post.
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

/// How many posts [`search`] finds for `text`.
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
// ANCHOR_END: search

// ANCHOR: filter
/// The posts that pass every filter that is set, newest first.
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
// ANCHOR_END: filter
