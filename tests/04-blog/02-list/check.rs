//! The check for `blog-list`: `GET /` shows the ten newest posts with their
//! authors, dates and numbers of comments, links to older posts when there
//! are more, and escapes what it shows.

use blog::pages::list::newest_posts;

#[path = "../support/app.rs"]
mod app;

use app::{TestApp, snapshot};

/// The earlier steps this check builds on: it tries them first.
const BUILDS_ON: &[app::Step] = &[app::Step::Schema];

/// Twelve posts by three users, two of them at the same time, with 0, 1 or
/// 2 comments.
const TWELVE_POSTS: &str = "
    INSERT INTO users (id, username, email) VALUES
        (1, 'ada', 'ada@example.org'),
        (2, 'grace', 'grace@example.net'),
        (3, 'john_doe', 'john@example.com');
    INSERT INTO posts (id, user_id, title, content, created_at) VALUES
        (1, 1, 'The first post', 'Hello.', '2024-01-01 09:00:00'),
        (2, 2, 'On compilers', 'They read what we write.', '2024-01-02 09:00:00'),
        (3, 3, 'Hello from John', 'Hi all.', '2024-01-03 09:00:00'),
        (4, 1, 'Notes on engines', 'Gears.', '2024-01-04 09:00:00'),
        (5, 2, 'Bugs, found', 'A moth.', '2024-01-05 09:00:00'),
        (6, 3, 'Lunch', 'Soup.', '2024-01-06 09:00:00'),
        (7, 1, 'Loops', 'Again and again.', '2024-01-07 09:00:00'),
        (8, 2, 'COBOL', 'Readable by managers.', '2024-01-08 09:00:00'),
        (9, 3, 'Weekend', 'Rain.', '2024-01-09 09:00:00'),
        (10, 1, 'Same minute, lower id', 'First of two.', '2024-01-10 09:00:00'),
        (11, 2, 'Same minute, higher id', 'Second of two.', '2024-01-10 09:00:00'),
        (12, 3, 'An older post written later', 'Its date is what counts.', '2023-12-31 23:00:00');
    INSERT INTO comments (post_id, content, created_at) VALUES
        (11, 'One.', '2024-01-10 10:00:00'),
        (11, 'Two.', '2024-01-10 11:00:00'),
        (10, 'Only one.', '2024-01-10 10:00:00'),
        (1, 'On the first post.', '2024-01-01 10:00:00');
";

#[tokio::test]
async fn the_front_page_shows_the_ten_newest_posts() {
    let app = TestApp::with_sql(TWELVE_POSTS).await;
    let reply = app.get("/").await;
    snapshot!(
        "front_page",
        "GET / with twelve posts: the ten newest, each with its author, date and comment count, and a link to older posts.",
        reply.show()
    );
}

#[tokio::test]
async fn newest_posts_come_with_author_and_comment_count() {
    let app = TestApp::with_sql(TWELVE_POSTS).await;
    let posts = newest_posts(&app.pool, 3).await.expect("the query runs");
    let lines: Vec<String> = posts.iter().map(|post| format!("{post:?}")).collect();
    snapshot!(
        "newest_three",
        "newest_posts(pool, 3) with twelve posts: one PostSummary a line.",
        lines.join("\n")
    );
    let ids = |posts: Vec<blog::models::PostSummary>| posts.iter().map(|post| post.id).collect::<Vec<_>>();
    let all = newest_posts(&app.pool, 100).await.expect("the query runs");
    assert_eq!(
        ids(all),
        [11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 12],
        "newest first, ties by id"
    );
    // Without the index on (created_at, id), SQLite sorts the rows itself:
    // only the ORDER BY decides which of two posts of the same time comes
    // first.
    app.exec("DROP INDEX posts_created_at").await;
    let all = newest_posts(&app.pool, 100).await.expect("the query runs");
    assert_eq!(
        ids(all),
        [11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 12],
        "newest first, ties by id, whatever the indexes"
    );
}

/// Ten posts by ada, one a day from 1 January 2024.
const TEN_POSTS: &str = "
    INSERT INTO users (id, username, email) VALUES (1, 'ada', 'ada@example.org');
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10)
    INSERT INTO posts (id, user_id, title, content, created_at)
    SELECT i, 1, 'Post number ' || i, 'Text.', datetime('2024-01-01 09:00:00', '+' || i || ' days') FROM n;
";

#[tokio::test]
async fn the_link_to_older_posts_shows_only_when_there_are_more() {
    let app = TestApp::with_sql(TEN_POSTS).await;
    let ten = app.get("/").await;
    assert_eq!(ten.body.matches("<article>").count(), 10, "ten posts fit on the page");
    assert!(
        !ten.body.contains("Older posts"),
        "with exactly ten posts, there are no older ones"
    );
    app.exec("INSERT INTO posts (id, user_id, title, content, created_at) VALUES (11, 1, 'The eleventh', 'Text.', '2023-12-01 09:00:00')")
        .await;
    let eleven = app.get("/").await;
    assert_eq!(
        eleven.body.matches("<article>").count(),
        10,
        "still ten posts on the page"
    );
    assert!(
        !eleven.body.contains("The eleventh"),
        "the oldest post is on the next page"
    );
    assert!(eleven.body.contains("Older posts"), "with eleven posts, one is older");
}

#[tokio::test]
async fn ten_posts_or_fewer_have_no_link_to_older_ones() {
    let app = TestApp::with_fixtures().await;
    let reply = app.get("/").await;
    assert!(!reply.body.contains("Older posts"), "three posts fit on one page");
    snapshot!(
        "three_posts",
        "GET / with the three posts of the fixtures: all on one page, with no link to older posts.",
        reply.show()
    );
}

#[tokio::test]
async fn an_empty_blog_says_so() {
    let app = TestApp::empty().await;
    snapshot!("empty", "GET / on a blog with no posts.", app.get("/").await.show());
}

#[tokio::test]
async fn titles_and_names_are_escaped() {
    let app = TestApp::with_sql(
        "INSERT INTO users (id, username, email) VALUES (1, 'ada', 'ada@example.org');
         INSERT INTO posts (id, user_id, title, content, created_at) VALUES
            (1, 1, '<script>alert(\"hi\")</script>', 'x', '2024-01-01 09:00:00'),
            (2, 1, 'Tom & Jerry <b>bold</b>', 'x', '2024-01-02 09:00:00');",
    )
    .await;
    let reply = app.get("/").await;
    assert!(!reply.body.contains("<script>alert"), "no script tag reaches the page");
    snapshot!(
        "escaped",
        "The front page of two posts whose titles are HTML: shown as text, escaped.",
        reply.main()
    );
}
