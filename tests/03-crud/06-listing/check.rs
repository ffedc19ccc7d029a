//! The check for `listing`: 24 posts with fixed times, listed by pages and by
//! cursor, and counted.

use course_support::{posts_seed, snapshot};
use listing::{Cursor, ListError, MAX_PER_PAGE, PostRow, count_posts, list_after, list_page};
use sqlx::SqlitePool;

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

/// Adds `n` posts by john_doe, all from one later second.
async fn add_posts(pool: &SqlitePool, n: usize) {
    for i in 0..n {
        sqlx::query(
            "INSERT INTO posts (title, content, user_id, created_at) VALUES (?, 'More.', 1, '2024-04-01 00:00:00')",
        )
        .bind(format!("Extra {i}"))
        .execute(pool)
        .await
        .expect("an extra post");
    }
}

#[tokio::test]
async fn pages_are_newest_first_and_numbered_from_one() {
    let pool = posts_seed::seeded(&sqlx::migrate!()).await;
    let mut out = String::new();
    for page in 1..=4 {
        let posts = list_page(&pool, page, 10).await.expect("a page");
        out += &format!("page {page} of 10 a page:\n{}", lines(&posts));
    }
    match list_page(&pool, 0, 10).await {
        Err(ListError::PageZero) => out += &format!("page 0: {}\n", ListError::PageZero),
        other => out += &format!("page 0: expected ListError::PageZero, got {other:?}\n"),
    }
    snapshot!(
        "pages",
        "list_page(page, 10) for pages 1 to 4 of the 24 seeded posts, then page 0",
        &out,
    );
}

#[tokio::test]
async fn per_page_is_kept_between_one_and_the_maximum_and_the_count_is_of_all_posts() {
    let pool = posts_seed::seeded(&sqlx::migrate!()).await;
    // 40 more posts, 64 in all: more than a page can hold.
    add_posts(&pool, 40).await;
    let mut out = format!(
        "MAX_PER_PAGE = {MAX_PER_PAGE}\ncount_posts: {}\n",
        count_posts(&pool).await.expect("a count")
    );
    for (page, per_page) in [(1, 1000), (2, 1000), (1, 50), (1, 51), (1, 49), (1, 0), (3, 1)] {
        let posts = list_page(&pool, page, per_page).await.expect("a page");
        out += &format!("list_page(page {page}, per_page {per_page}): {} found\n", posts.len());
    }
    for per_page in [1000, 0] {
        let posts = list_after(&pool, None, per_page).await.expect("a page");
        out += &format!("list_after(None, per_page {per_page}): {} found\n", posts.len());
    }
    snapshot!(
        "per_page",
        "with 64 posts: the count, then how many posts a page holds for each per_page asked for",
        &out,
    );
}

#[tokio::test]
async fn a_cursor_walks_through_every_post_once() {
    let pool = posts_seed::seeded(&sqlx::migrate!()).await;
    let mut out = String::new();
    for per_page in [10, 4] {
        let mut after: Option<Cursor> = None;
        let mut seen = Vec::new();
        out += &format!("{per_page} a page:\n");
        for step in 1..=8 {
            let posts = list_after(&pool, after, per_page).await.expect("a page");
            out += &format!("after {after:?}:\n{}", lines(&posts));
            seen.extend(ids(&posts));
            match posts.last() {
                Some(last) => after = Some(last.cursor()),
                None => break,
            }
            assert!(step < 8, "24 posts by {per_page} end with an empty page");
        }
        let mut different = seen.clone();
        different.sort();
        different.dedup();
        out += &format!("{} posts seen, {} different\n\n", seen.len(), different.len());
    }
    snapshot!(
        "keyset",
        "list_after from no cursor to the end, 10 posts at a time, then 4 at a time (a page then ends between posts 8 and 7, of the same second)",
        &out,
    );
}

#[tokio::test]
async fn a_new_post_shifts_offset_pages_but_not_cursor_pages() {
    let pool = posts_seed::seeded(&sqlx::migrate!()).await;
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
    snapshot!(
        "insert_between_pages",
        "page 1 of 5 posts, then page 2 by list_page and by list_after once a new post is published",
        &report,
    );
}

#[tokio::test]
async fn the_order_is_the_querys_not_the_indexs() {
    // Page 2 of 10 holds posts 8 and 7, of the same second. Without the
    // index, only an ORDER BY that names the id keeps 8 first.
    let with_index = posts_seed::seeded(&sqlx::migrate!()).await;
    let without_index = posts_seed::seeded_without_index(&sqlx::migrate!()).await;
    let cursor = Cursor {
        created_at: chrono::NaiveDateTime::parse_from_str("2024-02-10 11:00:00", "%Y-%m-%d %H:%M:%S")
            .expect("a valid time"),
        id: 14,
    };
    for (index, pool) in [("with", &with_index), ("without", &without_index)] {
        assert_eq!(
            ids(&list_page(pool, 2, 10).await.expect("page 2")),
            [13, 12, 11, 10, 9, 8, 7, 6, 5, 4],
            "list_page(2, 10) {index} the index on posts (created_at, id): \
             posts 8 and 7 share a second, and the higher id comes first"
        );
        assert_eq!(
            ids(&list_after(pool, Some(cursor), 10).await.expect("page 2 by cursor")),
            [13, 12, 11, 10, 9, 8, 7, 6, 5, 4],
            "list_after(after post 14, 10) {index} the index on posts (created_at, id): \
             posts 8 and 7 share a second, and the higher id comes first"
        );
    }
}
