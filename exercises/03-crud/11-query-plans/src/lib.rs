//! Two pages of a blog that must stay fast as the posts pile up: one
//! author's posts, newest first and a few at a time, and the posts of one
//! day. SQLite's own account of how it runs a query, `EXPLAIN QUERY PLAN`,
//! says whether a page reads a few rows or every post.
// Until you write `plan`, its parameters are unused: this keeps the compiler
// quiet about that. You may delete it once you are done.
#![allow(unused_variables)]

use rusqlite::Connection;

// ANCHOR: given
/// A post as the pages list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    pub id: i64,
    pub title: String,
    pub created_at: String,
}

/// Where a page of an author's posts ends: its last post's place in the
/// order `created_at DESC, id DESC`. The next page starts after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub created_at: String,
    pub id: i64,
}

impl Post {
    /// The cursor that continues a listing after this post.
    pub fn cursor(&self) -> Cursor {
        Cursor {
            created_at: self.created_at.clone(),
            id: self.id,
        }
    }
}

fn post(row: &rusqlite::Row<'_>) -> rusqlite::Result<Post> {
    Ok(Post {
        id: row.get(0)?,
        title: row.get(1)?,
        created_at: row.get(2)?,
    })
}

/// The next `n` posts of the user `user_id` after `after`, newest first;
/// with no cursor, their newest `n`. The page behind an author's name.
pub fn posts_by(conn: &Connection, user_id: i64, after: Option<&Cursor>, n: i64) -> rusqlite::Result<Vec<Post>> {
    match after {
        None => {
            let mut statement = conn.prepare(
                "SELECT id, title, created_at FROM posts
                 WHERE user_id = ?1
                 ORDER BY created_at DESC, id DESC
                 LIMIT ?2",
            )?;
            statement.query_map((user_id, n), post)?.collect()
        }
        Some(cursor) => {
            let mut statement = conn.prepare(
                "SELECT id, title, created_at FROM posts
                 WHERE user_id = ?1 AND (created_at, id) < (?2, ?3)
                 ORDER BY created_at DESC, id DESC
                 LIMIT ?4",
            )?;
            statement
                .query_map((user_id, &cursor.created_at, cursor.id, n), post)?
                .collect()
        }
    }
}
// ANCHOR_END: given

// ANCHOR: plan
/// What `EXPLAIN QUERY PLAN` says of `sql`: the `detail` of each step, in
/// order. The query is planned, not run, so its parameters need no values.
pub fn plan(conn: &Connection, sql: &str) -> rusqlite::Result<Vec<String>> {
    // TODO: prepare `EXPLAIN QUERY PLAN` followed by `sql`, and collect the
    // column `detail` of every row it returns.
    todo!("read the plan SQLite makes for a query")
}
// ANCHOR_END: plan

// ANCHOR: posts_on
/// The posts published on `day` (`YYYY-MM-DD`), in the order they were
/// published: by time, then by id.
pub fn posts_on(conn: &Connection, day: &str) -> rusqlite::Result<Vec<Post>> {
    // TODO: the answer is right, but `date(created_at)` is computed for every
    // post, so SQLite reads them all. Ask for the same day in a way the index
    // on posts (created_at, id) can use.
    let mut statement = conn.prepare(
        "SELECT id, title, created_at FROM posts
         WHERE date(created_at) = ?1
         ORDER BY created_at, id",
    )?;
    statement.query_map([day], post)?.collect()
}
// ANCHOR_END: posts_on
