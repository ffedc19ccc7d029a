//! A search over one author's post titles, written twice: once with the
//! user's text pasted into the SQL, where that text can rewrite the query,
//! and once with the text bound as a parameter, where it stays data.

use sqlx::{AssertSqlSafe, SqlitePool};

// ANCHOR: like_pattern
/// `%text%` for `LIKE ? ESCAPE '\'`, with each `\`, `%` and `_` of `text`
/// escaped: the pattern matches titles that contain `text` itself, nothing
/// else. (The search exercise builds the same.)
pub fn like_pattern(text: &str) -> String {
    let mut pattern = String::from("%");
    for c in text.chars() {
        if matches!(c, '\\' | '%' | '_') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}
// ANCHOR_END: like_pattern

// ANCHOR: unsafe
/// BROKEN ON PURPOSE, never copy it: the titles of `author_id`'s posts that
/// contain `text`, with `text` pasted into the SQL. Whoever writes `text`
/// writes part of the query: the check shows what they can do with it.
pub async fn search_titles_unsafe(pool: &SqlitePool, author_id: i64, text: &str) -> Result<Vec<String>, sqlx::Error> {
    let sql = format!("SELECT title FROM posts WHERE user_id = {author_id} AND title LIKE '%{text}%' ORDER BY id");
    // `AssertSqlSafe` is this line's promise that `sql` holds nothing a user
    // wrote. sqlx takes the promise on trust; here it is false.
    sqlx::query_scalar(AssertSqlSafe(sql)).fetch_all(pool).await
}
// ANCHOR_END: unsafe

// ANCHOR: search_titles
/// The titles of `author_id`'s posts that contain `text` as it is written
/// (ASCII letters in any case), in id order. The SQL is a constant; the
/// author and the pattern are bound.
pub async fn search_titles(pool: &SqlitePool, author_id: i64, text: &str) -> Result<Vec<String>, sqlx::Error> {
    let pattern = like_pattern(text);
    sqlx::query_scalar!(
        r"SELECT title FROM posts WHERE user_id = ? AND title LIKE ? ESCAPE '\' ORDER BY id",
        author_id,
        pattern
    )
    .fetch_all(pool)
    .await
}
// ANCHOR_END: search_titles
