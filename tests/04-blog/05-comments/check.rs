//! The check for `blog-comments`: a comment is added and the browser goes
//! back to the post with a flash; an empty or overlong comment is an error
//! flash with nothing stored; a missing post is the 404 page; the flash
//! cookie is signed, so a forged or altered one is ignored.

use axum::http::Method;
use blog::AppError;
use blog::pages::comments::insert_comment;

#[path = "../support/app.rs"]
mod app;

use app::{TestApp, bad_input_row, snapshot};

/// The earlier steps this check builds on: it tries them first.
const BUILDS_ON: &[app::Step] = &[app::Step::Schema, app::Step::PostPage];

#[tokio::test]
async fn a_comment_is_added_and_the_post_shows_it_with_a_flash() {
    let app = TestApp::with_fixtures().await;
    let reply = app
        .post_form("/post/2/comment", &[("content", "  A fine post about compilers.  ")])
        .await;
    let page = app.follow(&reply).await;
    snapshot!(
        "added",
        "A comment sent with the form: the redirect, then the post's page it leads to, with the flash and the comment.",
        format!(
            "{}\n--- the page it leads to, with the cookie sent back ---\n{}",
            reply.show(),
            page.show()
        )
    );
    let again = app.get("/post/2").await;
    assert!(!again.body.contains("class=\"flash"), "a flash shows only once");
    assert!(again.body.contains("A fine post about compilers."), "the comment stays");
}

#[tokio::test]
async fn insert_comment_maps_a_missing_post_to_not_found() {
    let app = TestApp::with_fixtures().await;
    let id = insert_comment(&app.pool, 3, "Rc is a counted pointer.", app::now())
        .await
        .expect("post 3 exists");
    assert_eq!(id, 4, "the fourth comment");
    match insert_comment(&app.pool, 99, "Into the void.", app::now()).await {
        Err(AppError::NotFound(message)) => assert_eq!(message, "There is no post 99."),
        other => panic!("post 99 does not exist, so NotFound, but got {other:?}"),
    }
    // Any other refusal is not a missing post: the empty comment breaks the
    // schema's CHECK, and stays a database error (a 500 for the visitor).
    match insert_comment(&app.pool, 1, "", app::now()).await {
        Err(AppError::Database(_)) => {}
        other => panic!("an empty comment breaks a CHECK, so AppError::Database, but got {other:?}"),
    }
    snapshot!(
        "inserted",
        "The rows after insert_comment added one comment to post 3 and none to post 99.",
        app.dump().await
    );
}

#[tokio::test]
async fn the_limit_counts_characters_and_includes_the_limit() {
    let app = TestApp::with_fixtures().await;
    let mut out = String::new();
    // 2,000 characters of two bytes each, with spaces around them.
    for content in [format!("  {}  ", "é".repeat(2000)), "c".repeat(2000)] {
        let reply = app.post_form("/post/2/comment", &[("content", &content)]).await;
        out += &format!("{} -> {}\n", reply.status, app.seen(&reply).await);
    }
    snapshot!(
        "limit",
        "Two comments of exactly 2,000 characters once trimmed (the first of two bytes each): both added, then the rows.",
        format!("{out}\n{}", app.dump().await)
    );
}

#[tokio::test]
async fn bad_comments_are_refused_and_nothing_is_stored() {
    let app = TestApp::with_fixtures().await;
    let before = app.counts().await;
    let long = "c".repeat(2001);
    let mut table = String::from("input\n  -> status -> what you see\n\n");
    for (name, uri, fields) in [
        ("an empty comment", "/post/1/comment", vec![("content", "")]),
        (
            "a comment of spaces and newlines",
            "/post/1/comment",
            vec![("content", "  \r\n\t ")],
        ),
        ("no content field at all", "/post/1/comment", vec![]),
        (
            "a comment of 2,001 characters",
            "/post/1/comment",
            vec![("content", long.as_str())],
        ),
        (
            "a comment on a post that does not exist",
            "/post/999/comment",
            vec![("content", "Hello?")],
        ),
        (
            "an empty comment on a post that does not exist",
            "/post/999/comment",
            vec![("content", "")],
        ),
        (
            "a comment on /post/abc",
            "/post/abc/comment",
            vec![("content", "Hello?")],
        ),
        ("a comment on /post/-1", "/post/-1/comment", vec![("content", "Hello?")]),
    ] {
        let reply = app.post_form(uri, &fields).await;
        table += &bad_input_row(&app, name, reply, &before).await;
    }
    let reply = app
        .raw(
            Method::POST,
            "/post/1/comment",
            Some("application/json"),
            br#"{"content":"Hi"}"#.to_vec(),
        )
        .await;
    table += &bad_input_row(&app, "a comment sent as JSON", reply, &before).await;
    table += &format!("\nrows before and after every case: {before}\n");
    snapshot!(
        "bad_input",
        "Bad comments: each with its status and what the sender sees (for a 303, the flash on the post's page), and the rows of every table, unchanged.",
        table
    );
}

#[tokio::test]
async fn a_forged_or_altered_flash_cookie_is_ignored() {
    let app = TestApp::with_fixtures().await;
    let reply = app.post_form("/post/1/comment", &[("content", "Real.")]).await;
    let cookie = reply.cookie().expect("the redirect sets the flash cookie");
    let before = app.counts().await;

    // The value is the signature, then the messages: change a message.
    let altered = cookie.replace("Comment%20added", "You%20won%20a%20prize");
    assert_ne!(altered, cookie, "the message is in the cookie");
    let forged = "flash=%5B%7B%22level%22%3A%22success%22%2C%22message%22%3A%22Hacked%22%7D%5D".to_string();
    let mut table = String::from("cookie sent with GET /post/1\n  -> status -> what you see\n\n");
    for (name, cookie) in [
        ("the cookie as the app signed it", cookie.clone()),
        ("the same cookie with its message changed", altered),
        ("a cookie written by hand, unsigned", forged),
        ("a cookie of garbage", "flash=%%%;;".to_string()),
    ] {
        let reply = app.get_with_cookie("/post/1", &cookie).await;
        assert_eq!(reply.status, 200, "{name}");
        let removed = reply.set_cookies().join(", ");
        table += &bad_input_row(&app, name, reply, &before).await;
        table += &format!("  set-cookie: {removed}\n");
    }
    snapshot!(
        "cookies",
        "GET /post/1 with four flash cookies: only the one the app signed shows its message, and every one is removed.",
        table
    );
}

#[tokio::test]
async fn hostile_comments_are_stored_as_typed_and_shown_as_text() {
    let app = TestApp::with_fixtures().await;
    for content in ["'); DELETE FROM comments; --", "<script>alert('comment')</script>"] {
        let reply = app.post_form("/post/2/comment", &[("content", content)]).await;
        assert_eq!(reply.status, 303, "{content}");
    }
    let page = app.get("/post/2").await;
    assert!(!page.body.contains("<script>alert"), "no script reaches the page");
    let comments = page
        .main()
        .lines()
        .filter(|line| line.starts_with("<div class=\"content\">"))
        .collect::<Vec<_>>()
        .join("\n");
    snapshot!(
        "hostile",
        "Two comments that are SQL and HTML: as text on the post's page, and the rows as typed.",
        format!("{comments}\n\n{}", app.dump().await)
    );
}
