//! The check for `blog-pages-search`: `/?page=N` shows ten posts a page
//! with links to the pages around it; `?q=` finds the text in titles and
//! contents through the search index, literally, ignoring case;
//! `/user/{username}` lists one user's posts; the counts come from the
//! counters the triggers keep; a page that is not a number or a search
//! shorter than three characters is 400, a page past the last or an unknown
//! user 404.

use blog::pages::listing::{Filter, count_posts, find_posts, page_number, search_phrase};

#[path = "../support/app.rs"]
mod app;

use app::{Reply, TestApp, bad_input_row, snapshot, strip_tags};

/// The earlier steps this check builds on: it tries them first.
const BUILDS_ON: &[app::Step] = &[app::Step::Schema];

/// 25 posts: 20 numbered ones, alternately by ada and grace, one a day from
/// 2 January 2024; then five with characters that mean something to LIKE or
/// to FTS5.
const POSTS: &str = "
    INSERT INTO users (id, username, email) VALUES
        (1, 'ada', 'ada@example.org'),
        (2, 'grace', 'grace@example.net'),
        (3, 'john_doe', 'john@example.com');
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20)
    INSERT INTO posts (id, user_id, title, content, created_at)
    SELECT i, 2 - i % 2, 'Post number ' || i, 'The body of post ' || i || '.',
           datetime('2024-01-01 09:00:00', '+' || i || ' days')
    FROM n;
    INSERT INTO posts (id, user_id, title, content, created_at) VALUES
        (21, 1, '100% Rust', 'Every line of it.', '2024-02-01 09:00:00'),
        (22, 2, 'snake_case names', 'Or \"camelCase\"?', '2024-02-02 09:00:00'),
        (23, 1, 'Windows paths', 'They look like C:\\Users\\ada.', '2024-02-03 09:00:00'),
        (24, 2, 'Grüße aus Berlin', 'Unicode in a title.', '2024-02-04 09:00:00'),
        (25, 1, 'Learning Rust', 'A rust-coloured cover, 50% off.', '2024-02-05 09:00:00');
    INSERT INTO comments (post_id, content, created_at) VALUES
        (25, 'Where?', '2024-02-05 10:00:00'),
        (21, 'Really 100%?', '2024-02-01 10:00:00');
";

/// A list page in short: its heading, its count, its titles, its links.
fn outline(reply: &Reply) -> String {
    let main = reply.main();
    let mut out = format!("{}:", reply.status.as_u16());
    for line in main.lines() {
        if line.starts_with("<h1") || line.starts_with("<p class=\"count\"") || line.starts_with("<p class=\"empty\"") {
            out += &format!(" {} |", strip_tags(line));
        } else if line.starts_with("<h2>") {
            out += &format!(" [{}]", strip_tags(line));
        } else if line.starts_with("<a rel=") {
            let href = line.split('"').nth(3).unwrap_or_default().replace("&amp;", "&");
            out += &format!(" | {} -> {href}", strip_tags(line));
        }
    }
    out
}

#[tokio::test]
async fn the_list_in_pages_of_ten() {
    let app = TestApp::with_sql(POSTS).await;
    let mut out = String::new();
    for uri in ["/?page=1", "/?page=2", "/?page=3"] {
        out += &format!("GET {uri}\n  {}\n", outline(&app.get(uri).await));
    }
    snapshot!(
        "pages",
        "The three pages of 25 posts, each in short: heading, count, titles and links to the pages around it.",
        out
    );
    snapshot!(
        "page_3",
        "GET /?page=3: the last page of 25 posts, whole.",
        app.get("/?page=3").await.show()
    );
}

#[tokio::test]
async fn a_search_matches_titles_and_contents_literally() {
    let app = TestApp::with_sql(POSTS).await;
    let mut out = String::new();
    for q in [
        "rust",
        "RUST",
        "100%",
        "50%",
        "snake_",
        "C:\\Users",
        "grüße",
        "GRÜßE",
        "\"camelCase\"",
        "rust OR grace",
        "title:rust",
        "rust*",
        "rust-coloured",
        "post 1",
        "nothing like this",
        "' OR '1'='1",
        "%' OR 1=1 --",
        "   ",
    ] {
        let uri = format!("/?q={}", app::form_body(&[("q", q)]).trim_start_matches("q="));
        out += &format!("q={q:?}\n  {}\n", outline(&app.get(&uri).await));
    }
    snapshot!(
        "search",
        "GET /?q=… for each search text, in short: heading, count, titles and links.",
        out
    );
}

#[tokio::test]
async fn search_results_come_in_pages_too() {
    let app = TestApp::with_sql(POSTS).await;
    let mut out = String::new();
    for uri in ["/?q=post", "/?q=post&page=2", "/?q=post&page=3"] {
        out += &format!("GET {uri}\n  {}\n", outline(&app.get(uri).await));
    }
    snapshot!(
        "search_pages",
        "The pages of a search that finds 20 posts, in short.",
        out
    );
    snapshot!(
        "search_page_2",
        "GET /?q=post&page=2: the second page of a search, with its links keeping the search.",
        app.get("/?q=post&page=2").await.main()
    );
}

#[tokio::test]
async fn posts_of_the_same_time_go_higher_id_first_whatever_the_indexes() {
    let app = TestApp::with_sql(POSTS).await;
    // Post 26 (grace's) has the time of post 24, post 27 (ada's) that of
    // post 25. Without the indexes that hold the list's order, SQLite sorts
    // the rows itself and only each query's ORDER BY decides.
    app.exec(
        "INSERT INTO posts (id, user_id, title, content, created_at) VALUES
            (26, 2, 'Same time as 24', 'Text.', '2024-02-04 09:00:00'),
            (27, 1, 'Rust, at the time of 25', 'Text.', '2024-02-05 09:00:00');
         DROP INDEX posts_created_at;
         DROP INDEX posts_user_created_at;",
    )
    .await;
    for (filter, expected) in [
        (Filter::All, vec![27, 25, 26, 24]),
        (Filter::User(2), vec![26, 24, 22, 20]),
        (Filter::Search("rust".to_string()), vec![27, 25, 21]),
    ] {
        let listing = find_posts(&app.pool, &filter, 1, 4).await.expect("a page");
        let ids: Vec<i64> = listing.posts.iter().map(|post| post.id).collect();
        assert_eq!(ids, expected, "{filter:?}: newest first, ties by the higher id");
    }
}

#[tokio::test]
async fn the_counts_come_from_the_counters() {
    let app = TestApp::with_sql(POSTS).await;
    let mut out = String::new();
    for filter in [Filter::All, Filter::User(1), Filter::User(3), Filter::User(99)] {
        out += &format!(
            "count_posts({filter:?}) = {:?}\n",
            count_posts(&app.pool, &filter).await
        );
    }
    snapshot!(
        "counts",
        "count_posts for all posts, ada's, john_doe's (none) and a user who does not exist.",
        out
    );
    // The counters are made to disagree with the rows on purpose: a count
    // that reads them costs one row at any size; one that counts the posts
    // reads every post, on every page.
    app.exec("UPDATE post_count SET posts = 1000; UPDATE users SET post_count = 77 WHERE id = 1;")
        .await;
    let all = find_posts(&app.pool, &Filter::All, 1, 10).await.expect("a page");
    assert_eq!(
        (all.total, all.pages),
        (1000, 100),
        "the total of all posts is read from `post_count.posts`, which the triggers keep, not counted row by row"
    );
    let ada = find_posts(&app.pool, &Filter::User(1), 1, 10).await.expect("a page");
    assert_eq!(
        (ada.total, ada.pages),
        (77, 8),
        "a user's total is read from `users.post_count`, which the triggers keep, not counted row by row"
    );
}

#[tokio::test]
async fn a_users_posts() {
    let app = TestApp::with_sql(POSTS).await;
    let mut out = String::new();
    for uri in ["/user/grace", "/user/grace?page=2", "/user/john_doe"] {
        out += &format!("GET {uri}\n  {}\n", outline(&app.get(uri).await));
    }
    snapshot!(
        "users",
        "GET /user/… for a user with two pages of posts and a user with none, in short.",
        out
    );
}

#[tokio::test]
async fn the_listing_functions() {
    let app = TestApp::with_sql(POSTS).await;
    let mut out = String::new();
    for raw in [None, Some("1"), Some("7"), Some("0"), Some("-2"), Some("x"), Some("")] {
        out += &format!(
            "page_number({raw:?}) = {:?}\n",
            page_number(raw).map_err(|e| e.to_string())
        );
    }
    for text in ["plain", "say \"hi\"", "\"", "rust OR grace", "100%"] {
        out += &format!("search_phrase({text:?}) = {:?}\n", search_phrase(text));
    }
    for text in ["rust", "Rust", "post", "zzz", "ab", "ü", "üb", "\"\""] {
        let filter = Filter::Search(text.to_string());
        out += &format!(
            "count_posts(Search({text:?})) = {:?}\n",
            count_posts(&app.pool, &filter).await.map_err(|e| e.to_string())
        );
    }
    let filter = Filter::Search("rust".to_string());
    let listing = find_posts(&app.pool, &filter, 2, 1).await.expect("a page");
    out += &format!(
        "find_posts(rust, page 2, 1 a page): page {} of {}, total {}, per_page {}, ids {:?}\n",
        listing.page,
        listing.pages,
        listing.total,
        listing.per_page,
        listing.posts.iter().map(|post| post.id).collect::<Vec<_>>()
    );
    let empty = find_posts(&app.pool, &Filter::Search("zzz".to_string()), 1, 10)
        .await
        .expect("page 1 always exists");
    out += &format!(
        "find_posts(zzz, page 1): {} posts, {} page(s)\n",
        empty.total, empty.pages
    );
    let past = find_posts(&app.pool, &Filter::default(), 4, 10).await;
    out += &format!(
        "find_posts(all, page 4): {:?}\n",
        past.map(|l| l.page).map_err(|e| e.to_string())
    );
    snapshot!(
        "functions",
        "page_number and search_phrase on each input, count_posts for searches, then find_posts for a page of a search, a search that finds nothing, and a page past the last.",
        out
    );
}

#[tokio::test]
async fn pages_that_cannot_be_shown() {
    let app = TestApp::with_sql(POSTS).await;
    let before = app.counts().await;
    let mut table = String::from("address\n  -> status -> what you see\n\n");
    for (name, uri) in [
        ("page zero", "/?page=0"),
        ("a negative page", "/?page=-1"),
        ("a page that is a word", "/?page=last"),
        ("a page with a decimal point", "/?page=1.5"),
        ("an empty page", "/?page="),
        ("a page too large for i64", "/?page=99999999999999999999"),
        ("a page past the last (there are 3)", "/?page=4"),
        ("a huge page", "/?page=1000000"),
        ("a search's page past its last", "/?q=rust&page=2"),
        ("a search of two characters", "/?q=ab"),
        ("a search of one character and spaces", "/?q=%25%20%20"),
        ("a user who does not exist", "/user/nobody"),
        ("a username that is SQL", "/user/'%20OR%20'1'='1"),
        ("a user's page past the last", "/user/ada?page=3"),
        ("a user's page zero", "/user/ada?page=0"),
    ] {
        let reply = app.get(uri).await;
        assert!(reply.status.is_client_error(), "{uri}: {}", reply.status);
        table += &bad_input_row(&app, &format!("{name}: GET {uri}"), reply, &before).await;
    }
    table += &format!("\nrows before and after every case: {before}\n");
    snapshot!(
        "bad_pages",
        "List addresses that cannot be shown: each with its status and what the visitor sees, and the rows of every table, unchanged.",
        table
    );
}
