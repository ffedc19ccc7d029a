//! The check for `blog-post-page`: `GET /post/{id}` shows the post with its
//! author, its tags in name order, its comments oldest first and the comment
//! form; any id that is not a post's is the 404 page.

use blog::AppError;
use blog::pages::post::post_detail;

#[path = "../support/app.rs"]
mod app;

use app::{TestApp, bad_input_row, snapshot};

/// The earlier steps this check builds on: it tries them first.
const BUILDS_ON: &[app::Step] = &[app::Step::Schema];

#[tokio::test]
async fn a_post_with_its_tags_and_comments() {
    let app = TestApp::with_fixtures().await;
    snapshot!(
        "post_1",
        "GET /post/1: the post with its author, tag, content, two comments oldest first, and the comment form.",
        app.get("/post/1").await.show()
    );
}

#[tokio::test]
async fn an_edited_post_without_comments() {
    let app = TestApp::with_fixtures().await;
    app.exec("UPDATE posts SET updated_at = '2024-02-01 08:15:00' WHERE id = 2")
        .await;
    // Post 2 has one tag and no comments.
    snapshot!(
        "post_2",
        "GET /post/2, edited on 1 February and without comments: the inside of its <main>.",
        app.get("/post/2").await.main()
    );
}

#[tokio::test]
async fn post_detail_reads_three_queries_into_one_struct() {
    let app = TestApp::with_fixtures().await;
    // A third tag whose id comes last but whose name comes first, a comment
    // written after the others but dated before them, and one of the same
    // second as comment 3: only the ORDER BYs put them in place.
    app.exec(
        "INSERT INTO tags (id, name) VALUES (4, 'async');
         INSERT INTO post_tags (post_id, tag_id) VALUES (3, 4);
         INSERT INTO comments (id, post_id, content, created_at) VALUES
            (4, 3, 'Written last, dated first.', '2024-01-03 11:00:00'),
            (5, 3, 'Same second as comment 3.', '2024-01-03 12:00:00');",
    )
    .await;
    let detail = post_detail(&app.pool, 3).await.expect("post 3 exists");
    snapshot!(
        "detail_3",
        "post_detail(pool, 3): the post with its author, its tags in name order, its comments oldest first (ties by id).",
        format!("{detail:#?}")
    );
    match post_detail(&app.pool, 42).await {
        Err(AppError::NotFound(message)) => assert_eq!(message, "There is no post 42."),
        other => panic!("post 42 does not exist, so NotFound, but got {other:?}"),
    }
}

#[tokio::test]
async fn what_a_post_says_is_shown_as_text() {
    let app = TestApp::with_sql(
        "INSERT INTO users (id, username, email) VALUES (1, 'ada', 'ada@example.org');
         INSERT INTO posts (id, user_id, title, content, created_at) VALUES
            (1, 1, '<img src=x onerror=alert(1)>', '<script>document.cookie</script>
Two lines & an ampersand.', '2024-01-01 09:00:00');
         INSERT INTO comments (post_id, content, created_at) VALUES
            (1, '</textarea><script>alert(2)</script>', '2024-01-01 10:00:00');
         INSERT INTO tags (id, name) VALUES (1, '<i>tag</i>');
         INSERT INTO post_tags (post_id, tag_id) VALUES (1, 1);",
    )
    .await;
    let reply = app.get("/post/1").await;
    assert!(!reply.body.contains("<script>"), "no script tag reaches the page");
    snapshot!(
        "escaped",
        "The page of a post whose title, content, tag and comment are HTML and script: all shown as text.",
        reply.main()
    );
}

#[tokio::test]
async fn addresses_that_are_not_a_post() {
    let app = TestApp::with_fixtures().await;
    let before = app.counts().await;
    let mut table = String::from("address\n  -> status -> what you see\n\n");
    for (name, uri) in [
        ("a post that does not exist", "/post/999"),
        ("a word instead of an id", "/post/abc"),
        ("a negative id", "/post/-1"),
        ("zero", "/post/0"),
        ("a decimal number", "/post/1.5"),
        ("a number too large for i64", "/post/99999999999999999999"),
        ("SQL in the id", "/post/1%20OR%201=1"),
        ("an id with a space before it", "/post/%201"),
    ] {
        let reply = app.get(uri).await;
        assert_eq!(reply.status, 404, "{uri}");
        table += &bad_input_row(&app, &format!("{name}: GET {uri}"), reply, &before).await;
    }
    table += &format!("\nrows before and after: {before}\n");
    snapshot!(
        "bad_ids",
        "Eight addresses that are not a post: each with its status and what the visitor sees, and the rows of every table, unchanged.",
        table
    );
}

#[tokio::test]
async fn the_not_found_page() {
    let app = TestApp::with_fixtures().await;
    snapshot!(
        "not_found",
        "GET /post/999: the 404 page.",
        app.get("/post/999").await.show()
    );
}
