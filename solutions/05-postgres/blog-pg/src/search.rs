//! Step 5: finding posts. `ILIKE` compares letters without their case, and
//! reads every title; full-text search compares words (stemmed: "pools"
//! finds "pool"), ranks what it finds, and uses the GIN index of
//! `migrations/0005_search.sql`.

use sqlx::PgPool;

use crate::models::SearchHit;

// ANCHOR: titles_containing
/// The ids and titles of the posts whose title contains `fragment`, in any
/// case, taken literally (a `%` or `_` in it is just that character), by id.
pub async fn titles_containing(pool: &PgPool, fragment: &str) -> Result<Vec<(i64, String)>, sqlx::Error> {
    let escaped = fragment.replace('\\', r"\\").replace('%', r"\%").replace('_', r"\_");
    sqlx::query_as("SELECT id, title FROM posts WHERE title ILIKE '%' || $1 || '%' ESCAPE '\\' ORDER BY id")
        .bind(escaped)
        .fetch_all(pool)
        .await
}
// ANCHOR_END: titles_containing

// ANCHOR: search_posts
/// The published posts that match `query`, written as people type into a
/// search box (`"a phrase"`, `or`, `-word`), best first (the later id first
/// among equals), at most `limit`.
pub async fn search_posts(pool: &PgPool, query: &str, limit: i64) -> Result<Vec<SearchHit>, sqlx::Error> {
    sqlx::query_as(
        "SELECT p.id, p.title, ts_rank(p.search, q) AS rank
         FROM posts p, websearch_to_tsquery('english', $1) AS q
         WHERE p.published AND p.search @@ q
         ORDER BY rank DESC, p.id DESC
         LIMIT $2",
    )
    .bind(query)
    .bind(limit)
    .fetch_all(pool)
    .await
}
// ANCHOR_END: search_posts
