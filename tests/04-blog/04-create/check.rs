//! The check for `blog-create`: the form validates every field before
//! anything is written; a valid post is written with its tags in one
//! transaction and the browser is redirected (303) to it with a flash
//! message; an invalid one gets the form back (422) with its values and
//! each field's error, and nothing is stored.

use axum::http::Method;
use blog::pages::create::insert_post;
use blog::validate::{NewPost, parse_tags};

#[path = "../support/app.rs"]
mod app;

use app::{TestApp, bad_input_row, snapshot};

/// The earlier steps this check builds on: it tries them first.
const BUILDS_ON: &[app::Step] = &[app::Step::Schema, app::Step::PostPage];

#[tokio::test]
async fn the_empty_form() {
    let app = TestApp::with_fixtures().await;
    snapshot!(
        "form",
        "GET /post/create: the empty form.",
        app.get("/post/create").await.show()
    );
}

#[tokio::test]
async fn a_valid_post_is_written_and_shown_with_a_flash() {
    let app = TestApp::with_fixtures().await;
    let reply = app
        .post_form(
            "/post/create",
            &[
                ("title", "  A new post  "),
                ("content", "Written through the form.\nTwo lines."),
                ("author", "grace"),
                ("tags", " Rust, web,,RUST , intro , "),
            ],
        )
        .await;
    let created = reply.show();
    let page = app.follow(&reply).await;
    // The flash shows once: the same page without the cookie has none.
    let again = app.get(reply.location().expect("a Location")).await;
    assert!(!again.body.contains("class=\"flash"), "a flash shows only once");
    snapshot!(
        "created",
        "A valid post sent with the form: the redirect, the page it leads to with its flash, and the rows written.",
        format!(
            "{created}\n--- the page it leads to, with the cookie sent back ---\n{}\n--- the database ---\n{}",
            page.show(),
            app.dump().await
        )
    );
}

#[tokio::test]
async fn an_invalid_post_gets_the_form_back_with_its_values() {
    let app = TestApp::with_fixtures().await;
    let reply = app
        .post_form(
            "/post/create",
            &[
                ("title", "   "),
                ("content", "Kept <as> typed & shown again."),
                ("author", "nobody"),
                ("tags", "ok, this-tag-is-far-too-long-to-be-accepted"),
            ],
        )
        .await;
    snapshot!(
        "invalid",
        "An invalid post sent with the form: 422, the form again with the values as typed and a message for each field.",
        reply.show()
    );
}

#[tokio::test]
async fn tags_are_cleaned_up_by_one_set_of_rules() {
    let mut out = String::new();
    for text in [
        "",
        "rust",
        " Rust , WEB,rust,, web ",
        "a,b,c,d,e,f,g,h,i,j",
        "a,b,c,d,e,f,g,h,i,j,k",
        "a,a,a,a,a,a,a,a,a,a,a,a",
        "ÄÖÜ, äöü",
        &"x".repeat(30),
        &"x".repeat(31),
        &"ü".repeat(30),
        &"ü".repeat(31),
    ] {
        out += &format!("{:?} -> {:?}\n", app::shorten(text), parse_tags(text));
    }
    snapshot!(
        "tags",
        "parse_tags on each text, one a line: the tags it keeps, or its error.",
        out
    );
}

#[tokio::test]
async fn a_post_and_its_tags_are_written_together_or_not_at_all() {
    let app = TestApp::with_fixtures().await;
    let before = app.counts().await;
    // Past the validation, straight to the transaction: the second tag breaks
    // the schema's CHECK, after the post and the first tag were inserted.
    let post = NewPost {
        title: "Half written".to_string(),
        content: "Never seen.".to_string(),
        user_id: 1,
        tags: vec!["fine".to_string(), "x".repeat(31)],
    };
    let error = insert_post(&app.pool, &post, app::now())
        .await
        .expect_err("the CHECK on tags.name refuses the second tag");
    snapshot!(
        "rolled_back",
        "insert_post with a tag the schema refuses: the error, and the rows of every table before and after.",
        format!("{error}\nbefore: {before}\nafter:  {}", app.counts().await)
    );
}

#[tokio::test]
async fn the_limits_count_characters_and_include_the_limit() {
    let app = TestApp::with_fixtures().await;
    // Two bytes each in UTF-8: a limit counted in bytes refuses them.
    let title = format!("  {}  ", "é".repeat(100));
    let content = format!("  {}\n\n", "é".repeat(9_996));
    let tags = format!("{}, ok", "ü".repeat(30));
    let reply = app
        .post_form(
            "/post/create",
            &[
                ("title", &title),
                ("content", &content),
                ("author", "ada"),
                ("tags", &tags),
            ],
        )
        .await;
    let seen = app.seen(&reply).await;
    snapshot!(
        "limits",
        "A post exactly at every limit, in characters of two bytes: a title of 100 once trimmed, content of 10,000 as typed, a tag of 30: accepted and stored.",
        format!("{} -> {seen}\n\n{}", reply.status, app.dump().await)
    );
}

#[tokio::test]
async fn bad_input_is_refused_and_nothing_is_stored() {
    let app = TestApp::with_fixtures().await;
    let before = app.counts().await;
    let long_title = "t".repeat(101);
    let long_content = "c".repeat(10_001);
    let many_tags = "a,b,c,d,e,f,g,h,i,j,k";
    let long_tag = "x".repeat(31);
    let fields = |title: &'static str, content: &'static str, author: &'static str, tags: &'static str| {
        vec![
            ("title", title),
            ("content", content),
            ("author", author),
            ("tags", tags),
        ]
    };
    let cases: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("every field empty", fields("", "", "", "")),
        ("no fields at all", vec![]),
        (
            "a title of spaces and a tab",
            fields(" \t ", "Some content.", "ada", ""),
        ),
        (
            "a title of 101 characters",
            vec![("title", &long_title), ("content", "x"), ("author", "ada")],
        ),
        (
            "content of 10,001 characters",
            vec![("title", "Long"), ("content", &long_content), ("author", "ada")],
        ),
        ("content of blank lines only", fields("Blank", "\n\n  \n", "ada", "")),
        ("an author who does not exist", fields("Hi", "Text", "nobody", "")),
        ("an author that is SQL", fields("Hi", "Text", "' OR '1'='1", "")),
        (
            "11 tags",
            vec![
                ("title", "Hi"),
                ("content", "Text"),
                ("author", "ada"),
                ("tags", many_tags),
            ],
        ),
        (
            "a tag of 31 characters",
            vec![
                ("title", "Hi"),
                ("content", "Text"),
                ("author", "ada"),
                ("tags", &long_tag),
            ],
        ),
    ];
    let mut table = String::from("input\n  -> status -> what you see\n\n");
    for (name, fields) in cases {
        let reply = app.post_form("/post/create", &fields).await;
        assert_eq!(reply.status, 422, "{name}");
        table += &bad_input_row(&app, name, reply, &before).await;
    }

    let valid = app::form_body(&[("title", "Hi"), ("content", "Text"), ("author", "ada")]);
    let reply = app
        .raw(
            Method::POST,
            "/post/create",
            Some("text/plain"),
            valid.clone().into_bytes(),
        )
        .await;
    table += &bad_input_row(&app, "a valid form sent as text/plain", reply, &before).await;
    let reply = app.raw(Method::POST, "/post/create", None, valid.into_bytes()).await;
    table += &bad_input_row(&app, "a valid form with no content type", reply, &before).await;
    let huge = app::form_body(&[("title", "Big"), ("content", &"x".repeat(300_000)), ("author", "ada")]);
    let reply = app
        .raw(
            Method::POST,
            "/post/create",
            Some("application/x-www-form-urlencoded"),
            huge.into_bytes(),
        )
        .await;
    table += &bad_input_row(&app, "a body of 300 KB (the limit is 256 KiB)", reply, &before).await;

    table += &format!("\nrows before and after every case: {before}\n");
    snapshot!(
        "bad_input",
        "Bad forms and bodies sent to POST /post/create: each with its status and what the sender sees, and the rows of every table, unchanged.",
        table
    );
}

#[tokio::test]
async fn hostile_but_valid_input_is_stored_as_typed_and_shown_as_text() {
    let app = TestApp::with_fixtures().await;
    let mut out = String::new();
    for (title, content) in [
        ("'; DROP TABLE posts; --", "Robert'); DELETE FROM users WHERE ('1'='1"),
        ("<script>alert('title')</script>", "<b>not bold</b> & <i>not italic</i>"),
    ] {
        let reply = app
            .post_form(
                "/post/create",
                &[
                    ("title", title),
                    ("content", content),
                    ("author", "ada"),
                    ("tags", "<tag>"),
                ],
            )
            .await;
        assert_eq!(reply.status, 303, "{title}");
        let page = app.follow(&reply).await;
        assert!(!page.body.contains("<script>alert"), "no script reaches the page");
        out += &format!("{title}\n  -> {}\n", app.seen(&reply).await);
        let heading = page
            .main()
            .lines()
            .filter(|line| line.starts_with("<h1>") || line.starts_with("<div class=\"content\">"))
            .collect::<Vec<_>>()
            .join("\n");
        out += &format!("{heading}\n");
    }
    out += &format!("\n{}", app.dump().await);
    snapshot!(
        "hostile",
        "Two valid posts whose titles are SQL and HTML: the redirect, the title and content on the post's page as text, and the rows as typed.",
        out
    );
}
