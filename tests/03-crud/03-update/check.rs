//! The check for `update`: rows before and after each update, the text of
//! every refused update, and proof that a refused update changed nothing.

#[path = "../support/blog_seed.rs"]
mod blog_seed;

use update::{UpdateError, User, UserChanges, update_email, update_user};

fn changes(username: Option<&str>, email: Option<&str>) -> UserChanges {
    UserChanges {
        username: username.map(str::to_string),
        email: email.map(str::to_string),
    }
}

fn outcome(result: Result<User, UpdateError>) -> String {
    match result {
        Ok(user) => format!("{user:?}"),
        Err(error) => {
            let variant = match &error {
                UpdateError::NotFound(_) => "NotFound",
                UpdateError::UsernameTaken(_) => "UsernameTaken",
                UpdateError::EmailTaken(_) => "EmailTaken",
                UpdateError::Invalid { .. } => "Invalid",
                UpdateError::Database(_) => "Database",
            };
            format!("{variant}: {error}")
        }
    }
}

#[tokio::test]
async fn one_field_is_updated() {
    let pool = blog_seed::seeded().await;
    let mut report = format!("before:\n{}\n", blog_seed::users(&pool).await);
    for (id, email) in [(1, "john.doe@example.net"), (2, "ada@example.org")] {
        let result = update_email(&pool, id, email).await;
        report += &format!("update_email({id}, {email:?})\n  -> {}\n", outcome(result));
    }
    report += &format!("\nafter:\n{}", blog_seed::users(&pool).await);
    insta::assert_snapshot!("update_email", report);
}

#[tokio::test]
async fn only_the_given_fields_change() {
    let pool = blog_seed::seeded().await;
    let mut report = format!("before:\n{}\n", blog_seed::users(&pool).await);
    let updates = [
        (2, changes(Some("ada_lovelace"), None)),
        (3, changes(None, Some("grace@navy.mil"))),
        (4, changes(Some("turing"), Some("alan@bletchley.uk"))),
        (5, changes(None, None)),
    ];
    for (id, change) in &updates {
        let result = update_user(&pool, *id, change).await;
        report += &format!("update_user({id}, {change:?})\n  -> {}\n", outcome(result));
    }
    report += &format!("\nafter:\n{}", blog_seed::users(&pool).await);
    insta::assert_snapshot!("update_user", report);
}

#[tokio::test]
async fn a_refused_update_changes_nothing() {
    let pool = blog_seed::seeded().await;
    let before = blog_seed::users(&pool).await;

    let mut report = String::new();
    let emails = [
        (99, "x@example.com"),
        (1, "ada@example.org"),
        (1, "not-an-email"),
        (1, ""),
    ];
    for (id, email) in emails {
        let result = update_email(&pool, id, email).await;
        report += &format!("update_email({id}, {email:?})\n  -> {}\n", outcome(result));
    }
    let updates = [
        (99, changes(Some("nobody"), None)),
        (99, changes(None, None)),
        (1, changes(Some("ada"), None)),
        (1, changes(None, Some("grace@example.com"))),
        (1, changes(Some("ada"), Some("grace@example.com"))),
        // The username alone would be fine: the statement fails whole.
        (1, changes(Some("johnny"), Some("ada@example.org"))),
        (1, changes(Some(""), None)),
        // Refused before the SQL runs, so johnny is not kept either.
        (1, changes(Some("johnny"), Some("bad"))),
    ];
    for (id, change) in &updates {
        let result = update_user(&pool, *id, change).await;
        report += &format!("update_user({id}, {change:?})\n  -> {}\n", outcome(result));
    }

    let after = blog_seed::users(&pool).await;
    assert_eq!(after, before, "a refused update changed a row");
    report += &format!("\nafter all of them:\n{after}");
    insta::assert_snapshot!("refused", report);
}
