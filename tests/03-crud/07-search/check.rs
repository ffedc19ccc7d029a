//! The check for `search`: the user's text found as typed, `%`, `_` and `\`
//! included, in the posts' titles and contents, and counted.

use course_support::{posts_seed, snapshot};
use search::{PostRow, count_search, escape_like, search};

/// One post a line: `#id created_at author: title`.
fn lines(posts: &[PostRow]) -> String {
    if posts.is_empty() {
        return "  (none)\n".to_string();
    }
    posts
        .iter()
        .map(|p| format!("  #{} {} {}: {}\n", p.id, p.created_at, p.author, p.title))
        .collect()
}

#[test]
fn like_wildcards_are_escaped() {
    // In brackets, as written: no Rust escapes, so `\` is one backslash.
    let out: String = ["plain", "100%", "snake_case", r"C:\Users", r"\%_", "", "ünïcödé"]
        .iter()
        .map(|text| format!("[{text}] -> [{}]\n", escape_like(text)))
        .collect();
    snapshot!(
        "escape_like",
        "escape_like on seven texts, each shown [as written] -> [as escaped]",
        &out,
    );
}

#[tokio::test]
async fn searches_take_the_users_text_literally() {
    // Without the index on posts (created_at, id): posts 7 and 8, of the
    // same second, are in the order the query asks for, not by luck.
    let pool = posts_seed::seeded_without_index(&sqlx::migrate!()).await;
    let mut out = String::new();
    // `100%` must not match the `1000` of post 6, `_` not every character,
    // and `%` not everything.
    for text in [
        "rust",
        "pagination",
        "100%",
        "%",
        "_",
        r"\",
        r"C:\Users",
        "snake_case",
        "",
        "no such words",
    ] {
        let found = search(&pool, text).await.expect("a search");
        let counted = count_search(&pool, text).await.expect("a count");
        out += &format!(
            "search [{text}]: {} found, {counted} counted\n{}",
            found.len(),
            lines(&found)
        );
    }
    snapshot!(
        "search",
        "search and count_search for ten texts, each shown [as typed], over the 24 seeded posts",
        &out,
    );
}
