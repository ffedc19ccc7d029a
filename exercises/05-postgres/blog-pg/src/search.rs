//! Step 5: finding posts. `ILIKE` compares letters without their case, and
//! reads every title; full-text search compares words (stemmed: "pools"
//! finds "pool"), ranks what it finds, and uses the GIN index of
//! `migrations/0005_search.sql`.

// Until you write the bodies, their parameters and some imports are unused:
// this keeps the compiler quiet about that. You may delete it once you are done.
#![allow(unused_variables, unused_imports)]

use sqlx::PgPool;

use crate::models::SearchHit;

// ANCHOR: titles_containing
/// The ids and titles of the posts whose title contains `fragment`, in any
/// case, taken literally (a `%` or `_` in it is just that character), by id.
pub async fn titles_containing(pool: &PgPool, fragment: &str) -> Result<Vec<(i64, String)>, sqlx::Error> {
    // TODO: escape \, % and _ in `fragment`, then ILIKE '%' || $1 || '%' ESCAPE '\', by id.
    todo!("titles containing {fragment:?}")
}
// ANCHOR_END: titles_containing

// ANCHOR: search_posts
/// The published posts that match `query`, written as people type into a
/// search box (`"a phrase"`, `or`, `-word`), best first (the later id first
/// among equals), at most `limit`.
pub async fn search_posts(pool: &PgPool, query: &str, limit: i64) -> Result<Vec<SearchHit>, sqlx::Error> {
    // TODO: websearch_to_tsquery('english', $1) matched (@@) against posts.search, published posts
    //       only, ordered by ts_rank, best first, then the later id; LIMIT $2. A runtime
    //       `sqlx::query_as` into `SearchHit` (its columns: id, title, rank).
    todo!("search for {query:?}")
}
// ANCHOR_END: search_posts
