//! The check for `blog-api`: the JSON API lists, reads, creates (201 with
//! `Location`), changes part of (PATCH) and deletes (204) posts, with the
//! pages' rules and every error as JSON; and many writers at once through
//! the app lose no acknowledged write and get no server error.

use std::collections::BTreeMap;

use axum::http::{Method, StatusCode};
use serde_json::json;

#[path = "../support/app.rs"]
mod app;

use app::{TestApp, bad_input_row, snapshot};

/// The earlier steps this check builds on: it tries them first.
const BUILDS_ON: &[app::Step] = &[
    app::Step::Schema,
    app::Step::PostPage,
    app::Step::Create,
    app::Step::Comments,
    app::Step::EditDelete,
    app::Step::PagesSearch,
];

#[tokio::test]
async fn the_list_in_pages() {
    let app = TestApp::with_fixtures().await;
    let mut out = String::new();
    for uri in ["/api/posts", "/api/posts?page=2&per_page=2", "/api/posts?per_page=1000"] {
        let reply = app.get(uri).await;
        out += &format!("GET {uri}\n{}\n", reply.show());
    }
    snapshot!(
        "list",
        "GET /api/posts: the first page, a page of two, and a per_page over the most allowed (50).",
        out
    );
}

#[tokio::test]
async fn the_list_after_a_post() {
    let app = TestApp::with_fixtures().await;
    // Post 4 has the time of post 3, and post 5 is older than all: the list
    // is 4, 3, 2, 1, 5. A cursor must keep both posts of that second, and
    // follow the times, not the ids.
    app.exec(
        "INSERT INTO posts (id, user_id, title, content, created_at) VALUES
            (4, 2, 'At the time of post 3', 'Text.', '2024-01-03 09:00:00'),
            (5, 1, 'Written before the others', 'Text.', '2023-12-31 09:00:00');",
    )
    .await;
    let mut out = String::new();
    for uri in [
        "/api/posts?after=4&per_page=2",
        "/api/posts?after=2&per_page=2",
        "/api/posts?after=1",
    ] {
        out += &format!("GET {uri}\n{}\n", app.get(uri).await.show());
    }
    snapshot!(
        "after",
        "GET /api/posts?after=…: the stretch after post 4, two a time, the stretch its next link names, and the stretch after post 1, where only post 5, the oldest, is left.",
        out
    );
    // Following `next` from the newest post visits every other post once, in order.
    let mut uri = Some("/api/posts?after=4&per_page=1".to_string());
    let mut seen = Vec::new();
    while let Some(current) = uri.take() {
        let reply = app.get(&current).await;
        assert_eq!(reply.status, StatusCode::OK, "GET {current}");
        let body: serde_json::Value = serde_json::from_str(&reply.body).expect("a JSON body");
        seen.extend(
            body["posts"]
                .as_array()
                .expect("posts")
                .iter()
                .map(|post| post["id"].clone()),
        );
        uri = body["next"].as_str().map(str::to_string);
        assert!(seen.len() <= 5, "the next links go round in circles: {seen:?}");
    }
    assert_eq!(
        seen,
        [json!(3), json!(2), json!(1), json!(5)],
        "every post after post 4, once, newest first"
    );
}

#[tokio::test]
async fn one_post_with_its_tags_and_comments() {
    let app = TestApp::with_fixtures().await;
    snapshot!(
        "post_1",
        "GET /api/posts/1: the post with its tags and comments, as JSON.",
        app.get("/api/posts/1").await.show()
    );
}

#[tokio::test]
async fn create_read_change_delete() {
    let app = TestApp::with_fixtures().await;
    let mut out = String::new();

    let created = app
        .json(
            Method::POST,
            "/api/posts",
            &json!({
                "title": "  Made by the API ",
                "content": "JSON in, JSON out.",
                "author": "john_doe",
                "tags": ["API", " json ", "api", ""]
            }),
        )
        .await;
    out += &format!("POST /api/posts\n{}\n", created.show());
    let location = created.location().expect("a Location").to_string();
    let read = app.get(&location).await;
    assert_eq!(read.body, created.body, "GET {location} answers what POST answered");

    let patched = app
        .json(Method::PATCH, &location, &json!({ "title": "Changed by PATCH" }))
        .await;
    out += &format!("PATCH {location} (the title only)\n{}\n", patched.show());

    let retagged = app.json(Method::PATCH, &location, &json!({ "tags": [] })).await;
    out += &format!("PATCH {location} (no tags)\n{}\n", retagged.show());

    let deleted = app.raw(Method::DELETE, &location, None, Vec::new()).await;
    out += &format!("DELETE {location}\n{}\n", deleted.show());
    let gone = app.get(&location).await;
    out += &format!("GET {location}\n{}\n", gone.show());
    out += &format!("rows: {}\n", app.counts().await);
    snapshot!(
        "lifecycle",
        "One post through the API: created, its title changed, its tags removed, deleted, then asked for again; then the rows.",
        out
    );
}

#[tokio::test]
async fn invalid_fields_are_422_with_a_message_each() {
    let app = TestApp::with_fixtures().await;
    let reply = app
        .json(
            Method::POST,
            "/api/posts",
            &json!({ "title": " ", "content": "", "author": "nobody", "tags": ["x".repeat(31)] }),
        )
        .await;
    snapshot!(
        "invalid",
        "POST /api/posts with every field invalid: 422 and a message for each field.",
        reply.show()
    );
}

#[tokio::test]
async fn bad_requests_are_refused_and_nothing_changes() {
    let app = TestApp::with_fixtures().await;
    let before = app.counts().await;
    let dump = app.dump().await;
    let valid = br#"{"title":"T","content":"C","author":"ada"}"#.to_vec();
    let mut huge = br#"{"title":"Big","author":"ada","content":""#.to_vec();
    huge.extend(std::iter::repeat_n(b'x', 300_000));
    huge.extend(br#""}"#);
    let json = Some("application/json");
    let cases: Vec<(&str, Method, &str, Option<&str>, Vec<u8>)> = vec![
        (
            "valid JSON sent as text/plain",
            Method::POST,
            "/api/posts",
            Some("text/plain"),
            valid.clone(),
        ),
        (
            "valid JSON with no content type",
            Method::POST,
            "/api/posts",
            None,
            valid.clone(),
        ),
        (
            "a form instead of JSON",
            Method::POST,
            "/api/posts",
            Some("application/x-www-form-urlencoded"),
            b"title=T&content=C&author=ada".to_vec(),
        ),
        (
            "broken JSON",
            Method::POST,
            "/api/posts",
            json,
            br#"{"title": "T", "#.to_vec(),
        ),
        (
            "invalid UTF-8 inside a string",
            Method::POST,
            "/api/posts",
            json,
            b"{\"title\":\"\xff\xfe\",\"content\":\"C\",\"author\":\"ada\"}".to_vec(),
        ),
        (
            "a title that is a number",
            Method::POST,
            "/api/posts",
            json,
            br#"{"title":5,"content":"C","author":"ada"}"#.to_vec(),
        ),
        (
            "a field the API does not know",
            Method::POST,
            "/api/posts",
            json,
            br#"{"title":"T","content":"C","author":"ada","admin":true}"#.to_vec(),
        ),
        (
            "a JSON array instead of an object",
            Method::POST,
            "/api/posts",
            json,
            b"[1, 2, 3]".to_vec(),
        ),
        ("an empty object", Method::POST, "/api/posts", json, b"{}".to_vec()),
        (
            "a title of 101 characters",
            Method::POST,
            "/api/posts",
            json,
            format!(r#"{{"title":"{}","content":"C","author":"ada"}}"#, "t".repeat(101)).into_bytes(),
        ),
        (
            "11 tags",
            Method::POST,
            "/api/posts",
            json,
            br#"{"title":"T","content":"C","author":"ada","tags":["a","b","c","d","e","f","g","h","i","j","k"]}"#
                .to_vec(),
        ),
        (
            "a body of 300 KB (the limit is 256 KiB)",
            Method::POST,
            "/api/posts",
            json,
            huge,
        ),
        (
            "PATCH with a blank title",
            Method::PATCH,
            "/api/posts/1",
            json,
            br#"{"title":"   "}"#.to_vec(),
        ),
        (
            "PATCH with an unknown author",
            Method::PATCH,
            "/api/posts/1",
            json,
            br#"{"author":"nobody"}"#.to_vec(),
        ),
        (
            "PATCH of a post that does not exist",
            Method::PATCH,
            "/api/posts/999",
            json,
            br#"{"title":"T"}"#.to_vec(),
        ),
        ("GET of /api/posts/abc", Method::GET, "/api/posts/abc", None, Vec::new()),
        ("GET of /api/posts/-5", Method::GET, "/api/posts/-5", None, Vec::new()),
        (
            "DELETE of a post that does not exist",
            Method::DELETE,
            "/api/posts/999",
            None,
            Vec::new(),
        ),
        (
            "DELETE of /api/posts/0",
            Method::DELETE,
            "/api/posts/0",
            None,
            Vec::new(),
        ),
        ("page 0", Method::GET, "/api/posts?page=0", None, Vec::new()),
        (
            "after a post that is not there",
            Method::GET,
            "/api/posts?after=999",
            None,
            Vec::new(),
        ),
        (
            "after that is a word",
            Method::GET,
            "/api/posts?after=last",
            None,
            Vec::new(),
        ),
        (
            "page and after at once",
            Method::GET,
            "/api/posts?page=1&after=2",
            None,
            Vec::new(),
        ),
        (
            "after with per_page 0",
            Method::GET,
            "/api/posts?after=2&per_page=0",
            None,
            Vec::new(),
        ),
        ("per_page 0", Method::GET, "/api/posts?per_page=0", None, Vec::new()),
        (
            "per_page that is a word",
            Method::GET,
            "/api/posts?per_page=all",
            None,
            Vec::new(),
        ),
        (
            "a page past the last",
            Method::GET,
            "/api/posts?page=2",
            None,
            Vec::new(),
        ),
    ];
    let mut table = String::from("request\n  -> status -> what the client gets\n\n");
    for (name, method, uri, content_type, body) in cases {
        let label = format!("{name}: {method} {uri}");
        let reply = app.raw(method, uri, content_type, body).await;
        assert!(reply.status.is_client_error(), "{label}: {}", reply.status);
        assert!(
            reply.body.starts_with("{\"status\":"),
            "{label}: every error is the API's JSON, not {:?}",
            reply.body
        );
        table += &bad_input_row(&app, &label, reply, &before).await;
    }
    assert_eq!(dump, app.dump().await, "no row changed");
    table += &format!("\nrows before and after every case: {before}\n");
    snapshot!(
        "bad_input",
        "Bad API requests: each with its status and the JSON error the client gets, and the rows of every table, unchanged.",
        table
    );
}

/// How many writers there are, and how many posts and comments each writes.
const WRITERS: usize = 8;
const WRITES_EACH: usize = 6;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn many_writers_at_once_lose_nothing() {
    let app = TestApp::with_fixtures().await;
    let mut tasks = Vec::new();
    for writer in 0..WRITERS {
        let router = app.router.clone();
        let pool = app.pool.clone();
        tasks.push(tokio::spawn(async move {
            // Each writer has its own handle on the same app and database.
            let app = app::TestApp::sharing(router, pool);
            let mut statuses = Vec::new();
            let mut posts = Vec::new();
            let mut comments = Vec::new();
            for n in 0..WRITES_EACH {
                let title = format!("Writer {writer}, post {n}");
                let reply = app
                    .json(
                        Method::POST,
                        "/api/posts",
                        &json!({ "title": title, "content": "At the same time.", "author": "ada", "tags": [format!("w{writer}"), "busy"] }),
                    )
                    .await;
                statuses.push(reply.status);
                if reply.status == StatusCode::CREATED {
                    posts.push(title);
                }
                // A comment on a shared post, through the HTML form.
                let content = format!("Writer {writer}, comment {n}");
                let reply = app
                    .post_form(&format!("/post/{}/comment", 1 + n % 3), &[("content", &content)])
                    .await;
                statuses.push(reply.status);
                if reply.status == StatusCode::SEE_OTHER {
                    comments.push(content);
                }
            }
            (statuses, posts, comments)
        }));
    }

    let mut by_status: BTreeMap<String, usize> = BTreeMap::new();
    let (mut acknowledged_posts, mut acknowledged_comments) = (Vec::new(), Vec::new());
    for task in tasks {
        let (statuses, posts, comments) = task.await.expect("a writer that did not panic");
        for status in statuses {
            assert!(!status.is_server_error(), "a server error under load: {status}");
            *by_status.entry(status.to_string()).or_default() += 1;
        }
        acknowledged_posts.extend(posts);
        acknowledged_comments.extend(comments);
    }

    let mut missing = Vec::new();
    for title in &acknowledged_posts {
        let found: i64 = sqlx::query_scalar("SELECT count(*) FROM posts WHERE title = ?")
            .bind(title)
            .fetch_one(&app.pool)
            .await
            .expect("a count");
        if found != 1 {
            missing.push(title.clone());
        }
    }
    for content in &acknowledged_comments {
        let found: i64 = sqlx::query_scalar("SELECT count(*) FROM comments WHERE content = ?")
            .bind(content)
            .fetch_one(&app.pool)
            .await
            .expect("a count");
        if found != 1 {
            missing.push(content.clone());
        }
    }
    assert!(missing.is_empty(), "acknowledged but not stored: {missing:?}");
    let tagged: i64 =
        sqlx::query_scalar("SELECT count(*) FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE t.name = 'busy'")
            .fetch_one(&app.pool)
            .await
            .expect("a count");

    snapshot!(
        "concurrency",
        "Eight writers at once through the API and the comment form: the answers by status, what was acknowledged and found, and the rows.",
        format!(
            "{WRITERS} writers at once, each {WRITES_EACH} posts (JSON API) and {WRITES_EACH} comments (HTML form)\n\
             answers: {by_status:?}\n\
             acknowledged: {} posts, {} comments; all found afterwards\n\
             posts tagged 'busy': {tagged}\n\
             rows: {}",
            acknowledged_posts.len(),
            acknowledged_comments.len(),
            app.counts().await
        )
    );
}
