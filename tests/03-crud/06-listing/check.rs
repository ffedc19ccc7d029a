//! The check for `listing`: 24 posts with fixed times, listed by pages and by
//! cursor, counted, searched (wildcards taken literally) and filtered.

use chrono::NaiveDateTime;
use listing::{
    Cursor, ListError, MAX_PER_PAGE, PostFilter, PostRow, count_posts, count_search, escape_like, filter_posts,
    list_after, list_page, search,
};
use sqlx::SqlitePool;
use sqlx::sqlite::SqlitePoolOptions;

/// Five users, four tags and 24 posts. Post 23 was imported from an old blog:
/// its id is high but it is the oldest. Posts 7 and 8 were published in the
/// same second, so only their ids order them.
const SEED: &str = r"
INSERT INTO users (id, username, email) VALUES
    (1, 'john_doe', 'john@example.com'),
    (2, 'ada', 'ada@example.org'),
    (3, 'grace', 'grace@example.net'),
    (4, 'linus', 'linus@example.com'),
    (5, 'margaret', 'margaret@example.org');
INSERT INTO posts (id, title, content, user_id, created_at) VALUES
    (1, 'Hello World', 'My first post.', 1, '2024-01-02 09:00:00'),
    (2, '100% Rust', 'Every line of this blog is Rust.', 2, '2024-01-05 10:00:00'),
    (3, 'Discounts: 50% off', 'Not really a sale.', 3, '2024-01-08 11:30:00'),
    (4, 'snake_case or camelCase', 'Names in Rust and in Python.', 4, '2024-01-10 08:15:00'),
    (5, 'Windows paths: C:\Users', 'A backslash in a title.', 5, '2024-01-12 14:00:00'),
    (6, 'SQLite in production', 'It served 1000 readers a day.', 1, '2024-01-15 09:45:00'),
    (7, 'Pagination done right', 'Pages by number.', 2, '2024-01-20 12:00:00'),
    (8, 'Keyset pagination', 'Pages by cursor.', 2, '2024-01-20 12:00:00'),
    (9, 'From Flask to axum', 'Routes, handlers and state.', 3, '2024-01-24 16:20:00'),
    (10, 'Migrations with sqlx', 'Schema changes, in order.', 4, '2024-01-28 10:10:00'),
    (11, 'The N+1 problem', 'One query per row.', 5, '2024-02-01 09:00:00'),
    (12, 'Indexes, explained', 'Why a lookup is fast.', 1, '2024-02-04 13:30:00'),
    (13, 'Transactions', 'All or nothing.', 2, '2024-02-07 15:00:00'),
    (14, 'Connection pools', 'Sharing a few connections.', 3, '2024-02-10 11:00:00'),
    (15, 'LIKE and its wildcards', 'A % matches any run of characters, a _ matches one.', 4, '2024-02-13 17:45:00'),
    (16, 'Escaping user input', 'Data is not code.', 5, '2024-02-16 08:30:00'),
    (17, 'Testing with snapshots', 'Expected output, reviewed.', 1, '2024-02-19 10:00:00'),
    (18, 'Error handling', 'Errors are values in Rust.', 2, '2024-02-22 12:40:00'),
    (19, 'Async Rust', 'Futures and tasks.', 3, '2024-02-25 09:05:00'),
    (20, 'Ownership for Python developers', 'Who frees what.', 4, '2024-02-28 19:00:00'),
    (21, 'Borrowing', 'Many readers or one writer.', 5, '2024-03-02 10:30:00'),
    (22, 'Traits', 'Shared behaviour.', 1, '2024-03-05 14:15:00'),
    (23, 'A very old post', 'Imported from the old blog.', 2, '2023-06-01 08:00:00'),
    (24, 'my_first_post', 'A title in snake case.', 3, '2024-03-08 11:11:00');
INSERT INTO tags (id, name) VALUES (1, 'rust'), (2, 'sqlite'), (3, 'web'), (4, 'python');
INSERT INTO post_tags (post_id, tag_id) VALUES
    (2, 1), (4, 1), (4, 4), (6, 2), (7, 3), (8, 2), (8, 3), (9, 3), (9, 4), (10, 1), (10, 2),
    (11, 2), (13, 2), (14, 1), (15, 2), (18, 1), (19, 1), (20, 1), (20, 4), (21, 1), (24, 4);
";

/// A fresh in-memory database with the chapter's schema and the posts above.
/// One connection, since each in-memory connection is a database of its own.
async fn database() -> SqlitePool {
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect("sqlite::memory:")
        .await
        .expect("an in-memory database");
    sqlx::migrate!().run(&pool).await.expect("the migrations apply");
    sqlx::raw_sql(SEED).execute(&pool).await.expect("the seed data");
    pool
}

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").expect("a valid time")
}

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

fn ids(posts: &[PostRow]) -> Vec<i64> {
    posts.iter().map(|p| p.id).collect()
}

#[tokio::test]
async fn pages_are_newest_first_and_numbered_from_one() {
    let pool = database().await;
    let mut out = String::new();
    for page in 1..=4 {
        let posts = list_page(&pool, page, 10).await.expect("a page");
        out += &format!("page {page} of 10 a page:\n{}", lines(&posts));
    }
    let page_zero = list_page(&pool, 0, 10).await;
    match page_zero {
        Err(ListError::PageZero) => out += &format!("page 0: {}\n", ListError::PageZero),
        other => out += &format!("page 0: expected ListError::PageZero, got {other:?}\n"),
    }
    insta::assert_snapshot!("pages", out);
}

#[tokio::test]
async fn per_page_is_kept_between_one_and_the_maximum() {
    let pool = database().await;
    // 40 more posts, 64 in all: more than a page can hold.
    for i in 0..40 {
        sqlx::query(
            "INSERT INTO posts (title, content, user_id, created_at) VALUES (?, 'More.', 1, '2024-04-01 00:00:00')",
        )
        .bind(format!("Extra {i}"))
        .execute(&pool)
        .await
        .expect("an extra post");
    }
    let mut out = format!("MAX_PER_PAGE = {MAX_PER_PAGE}\n");
    for (page, per_page) in [(1, 1000), (2, 1000), (1, 0), (3, 1)] {
        let posts = list_page(&pool, page, per_page).await.expect("a page");
        out += &format!("page {page}, per_page {per_page}: {} found\n", posts.len());
    }
    insta::assert_snapshot!("per_page", out);
}

#[tokio::test]
async fn a_cursor_walks_through_every_post_once() {
    let pool = database().await;
    let mut out = String::new();
    let mut after: Option<Cursor> = None;
    let mut seen = Vec::new();
    for step in 1..=4 {
        let posts = list_after(&pool, after, 10).await.expect("a page");
        out += &format!("after {after:?}:\n{}", lines(&posts));
        seen.extend(ids(&posts));
        match posts.last() {
            Some(last) => after = Some(last.cursor()),
            None => break,
        }
        assert!(step < 4, "24 posts by 10 end with an empty page");
    }
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.dedup();
    out += &format!("{} posts seen, {} different\n", seen.len(), sorted.len());
    insta::assert_snapshot!("keyset", out);
}

#[tokio::test]
async fn a_new_post_shifts_offset_pages_but_not_cursor_pages() {
    let pool = database().await;
    let first = list_page(&pool, 1, 5).await.expect("page 1");
    assert_eq!(
        first,
        list_after(&pool, None, 5).await.expect("page 1 by cursor"),
        "the same first page"
    );
    let last_seen = first.last().expect("a full page").cursor();

    // A reader has page 1 on screen; someone publishes a post.
    sqlx::query("INSERT INTO posts (title, content, user_id, created_at) VALUES ('Breaking news', 'Just in.', 2, '2024-03-09 08:00:00')")
        .execute(&pool)
        .await
        .expect("a new post");

    let by_offset = list_page(&pool, 2, 5).await.expect("page 2");
    let by_cursor = list_after(&pool, Some(last_seen), 5).await.expect("page 2 by cursor");
    let report = format!(
        "page 1, read before the new post:\n{}\npage 2 by OFFSET, after it:\n{}\npage 2 after the cursor {last_seen:?}:\n{}",
        lines(&first),
        lines(&by_offset),
        lines(&by_cursor)
    );
    insta::assert_snapshot!("insert_between_pages", report);
}

#[test]
fn like_wildcards_are_escaped() {
    // In brackets, as written: no Rust escapes, so `\` is one backslash.
    let out: String = ["plain", "100%", "snake_case", r"C:\Users", r"\%_", "", "ünïcödé"]
        .iter()
        .map(|text| format!("[{text}] -> [{}]\n", escape_like(text)))
        .collect();
    insta::assert_snapshot!("escape_like", out);
}

#[tokio::test]
async fn searches_take_the_users_text_literally() {
    let pool = database().await;
    let mut out = format!("all posts: {}\n\n", count_posts(&pool).await.expect("a count"));
    // `100%` must not match the `1000` of post 6, `_` not every character,
    // and `%` not everything.
    for text in [
        "rust",
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
    insta::assert_snapshot!("search", out);
}

#[tokio::test]
async fn filters_combine() {
    let pool = database().await;
    let filter = |author: Option<&str>, tag: Option<&str>, text: Option<&str>, since: Option<&str>| PostFilter {
        author: author.map(str::to_string),
        tag: tag.map(str::to_string),
        text: text.map(str::to_string),
        since: since.map(at),
    };
    let cases = [
        filter(None, None, None, None),
        filter(Some("ada"), None, None, None),
        filter(None, Some("rust"), None, None),
        filter(Some("ada"), Some("sqlite"), None, None),
        filter(None, Some("sqlite"), Some("pag"), None),
        filter(None, None, Some("rust"), Some("2024-02-01 00:00:00")),
        filter(Some("linus"), Some("python"), Some("_"), Some("2024-01-10 08:15:00")),
        filter(None, Some("web"), Some("%"), None),
        filter(Some("nobody"), None, None, None),
        filter(Some("ada' OR '1'='1"), None, None, None),
    ];
    let mut out = String::new();
    for case in &cases {
        let posts = filter_posts(&pool, case).await.expect("a filtered list");
        out += &format!(
            "author {:?}, tag {:?}, text {:?}, since {:?}: {} found\n{}",
            case.author,
            case.tag,
            case.text,
            case.since.map(|t| t.to_string()),
            posts.len(),
            lines(&posts)
        );
    }
    insta::assert_snapshot!("filters", out);
}
