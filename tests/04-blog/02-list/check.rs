//! The check for `blog-list`: `GET /` shows the ten newest posts with their
//! authors, dates and numbers of comments, links to older posts when there
//! are more, and escapes what it shows.

use blog::pages::list::newest_posts;

#[path = "../support/app.rs"]
mod app;

use app::TestApp;

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
    insta::assert_snapshot!("front_page", reply.show());
}

#[tokio::test]
async fn newest_posts_come_with_author_and_comment_count() {
    let app = TestApp::with_sql(TWELVE_POSTS).await;
    let posts = newest_posts(&app.pool, 3).await.expect("the query runs");
    insta::assert_debug_snapshot!("newest_three", posts);
    let all = newest_posts(&app.pool, 100).await.expect("the query runs");
    let ids: Vec<i64> = all.iter().map(|post| post.id).collect();
    assert_eq!(ids, [11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 12], "newest first, ties by id");
}

#[tokio::test]
async fn ten_posts_or_fewer_have_no_link_to_older_ones() {
    let app = TestApp::with_fixtures().await;
    let reply = app.get("/").await;
    assert!(!reply.body.contains("Older posts"), "three posts fit on one page");
    insta::assert_snapshot!("three_posts", reply.show());
}

#[tokio::test]
async fn an_empty_blog_says_so() {
    let app = TestApp::empty().await;
    insta::assert_snapshot!("empty", app.get("/").await.show());
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
    insta::assert_snapshot!("escaped", reply.main());
}
