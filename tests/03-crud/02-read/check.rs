//! The check for `read`: each read runs on the same fixed blog, and its
//! result, an empty list or a `None` included, is compared with a snapshot.

#[path = "../support/blog_seed.rs"]
mod blog_seed;

use read::{all_users, first_user_at_domain, posts_of_user, user_by_id};

#[tokio::test]
async fn all_users_come_in_username_order() {
    let pool = blog_seed::seeded().await;
    insta::assert_debug_snapshot!("all_users", all_users(&pool).await.expect("the users"));
}

#[tokio::test]
async fn a_user_by_id_is_some_or_none() {
    let pool = blog_seed::seeded().await;
    let found = [
        ("id 2", user_by_id(&pool, 2).await.expect("a query that runs")),
        ("id 99", user_by_id(&pool, 99).await.expect("a query that runs")),
    ];
    insta::assert_debug_snapshot!("user_by_id", found);
}

#[tokio::test]
async fn the_first_user_at_a_domain() {
    let pool = blog_seed::seeded().await;
    let mut report = String::new();
    // Two users at example.com (john_doe has the lower id, grace the first
    // name); two at example.org; one at kernel.org; "example" is no domain.
    for domain in ["example.com", "example.org", "kernel.org", "example", "nowhere.test"] {
        let user = first_user_at_domain(&pool, domain).await.expect("a query that runs");
        report += &format!("{domain:?} -> {user:?}\n");
    }
    insta::assert_snapshot!("first_user_at_domain", report);
}

#[tokio::test]
async fn a_users_posts_come_newest_first() {
    let pool = blog_seed::seeded().await;
    // john_doe (#1) has four posts, two of them from the same second and one
    // older than its id; linus (#5) has none; there is no user #99.
    let posts = [
        ("user 1", posts_of_user(&pool, 1).await.expect("a query that runs")),
        ("user 5", posts_of_user(&pool, 5).await.expect("a query that runs")),
        ("user 99", posts_of_user(&pool, 99).await.expect("a query that runs")),
    ];
    insta::assert_debug_snapshot!("posts_of_user", posts);
}
