//! Lists of posts the way a blog shows them: newest first, a page at a time,
//! and counted.

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
    if page == 0 {
        return Err(ListError::PageZero);
    }
    let limit = i64::from(per_page.clamp(1, MAX_PER_PAGE));
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
// ANCHOR_END: list_page

// ANCHOR: list_after
/// The next `per_page` posts (at least 1, at most [`MAX_PER_PAGE`]) after
/// `after`, newest first; with no cursor, the first ones.
pub async fn list_after(pool: &SqlitePool, after: Option<Cursor>, per_page: u32) -> Result<Vec<PostRow>, sqlx::Error> {
    let limit = i64::from(per_page.clamp(1, MAX_PER_PAGE));
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
// ANCHOR_END: list_after

// ANCHOR: count_posts
/// How many posts there are, all pages together.
pub async fn count_posts(pool: &SqlitePool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(r#"SELECT count(*) AS "count!: i64" FROM posts"#)
        .fetch_one(pool)
        .await
}
// ANCHOR_END: count_posts
