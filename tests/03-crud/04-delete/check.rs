//! The check for `delete`: every table's rows after a post is deleted, and
//! then a user, so that what the schema's `ON DELETE` rules took along shows;
//! and the text of a delete that finds nothing.

use course_support::{blog_seed, snapshot};
use delete::{DeleteError, delete_post, delete_user};

fn outcome(result: Result<(), DeleteError>) -> String {
    match result {
        Ok(()) => "deleted".to_string(),
        Err(error @ DeleteError::NotFound { .. }) => format!("NotFound: {error}"),
        Err(error @ DeleteError::Database(_)) => format!("Database: {error}"),
    }
}

#[tokio::test]
async fn a_post_then_a_user_and_what_goes_with_them() {
    let pool = blog_seed::seeded(&sqlx::migrate!()).await;
    snapshot!(
        "0_seed",
        "every table's rows as seeded, before any delete",
        &blog_seed::tables(&pool).await,
    );

    // Post 1 has two comments and two tags.
    delete_post(&pool, 1).await.expect("post 1 exists");
    snapshot!(
        "1_after_post_1",
        "every table's rows after delete_post(1)",
        &blog_seed::tables(&pool).await,
    );

    // john_doe (#1) still has posts 3, 4 and 6, and comments on his own
    // post 3 and on other people's posts 2 and 5.
    delete_user(&pool, 1).await.expect("user 1 exists");
    snapshot!(
        "2_after_user_1",
        "every table's rows after delete_post(1), then delete_user(1)",
        &blog_seed::tables(&pool).await,
    );
}

#[tokio::test]
async fn deleting_what_is_not_there_is_not_found() {
    let pool = blog_seed::seeded(&sqlx::migrate!()).await;
    let mut report = String::new();
    report += &format!("delete_post(5)\n  -> {}\n", outcome(delete_post(&pool, 5).await));
    report += &format!("delete_post(5) again\n  -> {}\n", outcome(delete_post(&pool, 5).await));
    report += &format!("delete_post(99)\n  -> {}\n", outcome(delete_post(&pool, 99).await));
    report += &format!("delete_user(5)\n  -> {}\n", outcome(delete_user(&pool, 5).await));
    report += &format!("delete_user(5) again\n  -> {}\n", outcome(delete_user(&pool, 5).await));
    report += &format!("delete_user(99)\n  -> {}\n", outcome(delete_user(&pool, 99).await));
    snapshot!(
        "not_found",
        "deletes of a post and a user twice each, and of ids that never existed",
        &report,
    );
}
