//! The check for `read`: each read runs on the same fixed blog, and its
//! result, an empty list or a `None` included, is compared with a snapshot.

use course_support::{blog_seed, snapshot};
use read::{all_users, first_user_at_domain, posts_of_user, user_by_id};

#[tokio::test]
async fn all_users_come_in_username_order() {
    let pool = blog_seed::seeded(&sqlx::migrate!()).await;
    let users: String = all_users(&pool)
        .await
        .expect("the users")
        .iter()
        .map(|user| format!("{user:?}\n"))
        .collect();
    snapshot!("all_users", "all_users on the seeded blog, one user a line", &users);
}

#[tokio::test]
async fn a_user_by_id_is_some_or_none() {
    let pool = blog_seed::seeded(&sqlx::migrate!()).await;
    let mut report = String::new();
    for id in [2, 99] {
        let user = user_by_id(&pool, id).await.expect("a query that runs");
        report += &format!("user_by_id({id}) -> {user:?}\n");
    }
    snapshot!(
        "user_by_id",
        "user_by_id for a user who exists and one who does not",
        &report,
    );
}

#[tokio::test]
async fn the_first_user_at_a_domain() {
    let pool = blog_seed::seeded(&sqlx::migrate!()).await;
    let mut report = String::new();
    // Two users at example.com (john_doe has the lower id, grace the first
    // name); two at example.org; one at kernel.org; "example" is no domain,
    // and in "example_com" the `_` is a character, not a wildcard.
    for domain in [
        "example.com",
        "example.org",
        "kernel.org",
        "example",
        "example_com",
        "nowhere.test",
    ] {
        let user = first_user_at_domain(&pool, domain).await.expect("a query that runs");
        report += &format!("first_user_at_domain({domain:?}) -> {user:?}\n");
    }
    snapshot!(
        "first_user_at_domain",
        "first_user_at_domain for six domains, some matching nobody",
        &report,
    );
}

#[tokio::test]
async fn a_users_posts_come_newest_first() {
    let pool = blog_seed::seeded(&sqlx::migrate!()).await;
    // john_doe (#1) has four posts, two of them from the same second and one
    // older than its id; linus (#5) has none; there is no user #99.
    let mut report = String::new();
    for user_id in [1, 5, 99] {
        let posts = posts_of_user(&pool, user_id).await.expect("a query that runs");
        report += &format!("posts_of_user({user_id}): {} post(s)\n", posts.len());
        for post in posts {
            report += &format!("  {post:?}\n");
        }
    }
    snapshot!(
        "posts_of_user",
        "posts_of_user for a user with four posts, a user with none, and no such user",
        &report,
    );
}
