//! The check for `update`: rows before and after each update, values at the
//! limits accepted, the text of every refused update, proof that a refused
//! update changed nothing, and other failures passed on as `Database`.

use course_support::{blog_seed, snapshot};
use update::{UpdateError, User, UserChanges, update_email, update_user};

/// A value as the snapshots show it: quoted, with a long run of one
/// character written as `"x" * 81`.
fn shown(value: &str) -> String {
    let Some(first) = value.chars().next() else {
        return "\"\"".to_string();
    };
    let run = value.chars().take_while(|c| *c == first).count();
    let rest: String = value.chars().skip(run).collect();
    match (run > 10, rest.is_empty()) {
        (false, _) => format!("{value:?}"),
        (true, true) => format!("\"{first}\" * {run}"),
        (true, false) => format!("\"{first}\" * {run} + {rest:?}"),
    }
}

/// The changes as the snapshots show them: `username: "ada", email: None`.
fn describe(changes: &UserChanges) -> String {
    let field = |value: &Option<String>| value.as_deref().map_or("None".to_string(), shown);
    format!(
        "username: {}, email: {}",
        field(&changes.username),
        field(&changes.email)
    )
}

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
    let pool = blog_seed::seeded(&sqlx::migrate!()).await;
    let mut report = format!("before:\n{}\n", blog_seed::users(&pool).await);
    for (id, email) in [(1, "john.doe@example.net"), (2, "ada@example.org")] {
        let result = update_email(&pool, id, email).await;
        report += &format!("update_email({id}, {})\n  -> {}\n", shown(email), outcome(result));
    }
    report += &format!("\nafter:\n{}", blog_seed::users(&pool).await);
    snapshot!(
        "update_email",
        "the users table before and after update_email gives two users an email",
        &report,
    );
}

#[tokio::test]
async fn only_the_given_fields_change() {
    let pool = blog_seed::seeded(&sqlx::migrate!()).await;
    let mut report = format!("before:\n{}\n", blog_seed::users(&pool).await);
    let updates = [
        (2, changes(Some("ada_lovelace"), None)),
        (3, changes(None, Some("grace@navy.mil"))),
        (4, changes(Some("turing"), Some("alan@bletchley.uk"))),
        (5, changes(None, None)),
    ];
    for (id, change) in &updates {
        let result = update_user(&pool, *id, change).await;
        report += &format!("update_user({id}, {})\n  -> {}\n", describe(change), outcome(result));
    }
    report += &format!("\nafter:\n{}", blog_seed::users(&pool).await);
    snapshot!(
        "update_user",
        "the users table before and after update_user changes one field, the other, both and none",
        &report,
    );
}

#[tokio::test]
async fn values_at_the_limits_are_accepted() {
    let pool = blog_seed::seeded(&sqlx::migrate!()).await;
    // 80 and 120 characters, the most the rules allow; `é` is one character
    // and two bytes, as SQLite's length() counts it too.
    let email_120 = format!("{}@example.com", "n".repeat(108));
    let mut report = String::new();
    for (id, email) in [(1, email_120.as_str()), (2, "a@b")] {
        let result = update_email(&pool, id, email).await;
        report += &format!("update_email({id}, {})\n  -> {}\n", shown(email), outcome_shown(result));
    }
    for (id, username) in [(3, "x".repeat(80)), (4, "é".repeat(80)), (5, "l".to_string())] {
        let change = changes(Some(username.as_str()), None);
        let result = update_user(&pool, id, &change).await;
        report += &format!(
            "update_user({id}, {})\n  -> {}\n",
            describe(&change),
            outcome_shown(result)
        );
    }
    snapshot!(
        "at_the_limits",
        "emails and usernames as long, or as short, as the rules allow: each update succeeds",
        &report,
    );
}

/// An update's outcome, the row shown as the snapshots show values.
fn outcome_shown(result: Result<User, UpdateError>) -> String {
    match result {
        Ok(user) => format!("#{} {} <{}>", user.id, shown(&user.username), shown(&user.email)),
        Err(error) => outcome(Err(error)),
    }
}

#[tokio::test]
async fn other_failures_are_passed_on_as_database() {
    let pool = blog_seed::seeded(&sqlx::migrate!()).await;
    // A database that refuses every write, as a read-only copy or a full
    // disk would: the error is none of the planned ones, even for a value
    // that another user has.
    sqlx::raw_sql("PRAGMA query_only = ON")
        .execute(&pool)
        .await
        .expect("the pragma");
    let mut report = String::from("with PRAGMA query_only = ON:\n");
    for (id, email) in [(1, "ada@example.org"), (1, "john.doe@example.net")] {
        report += &format!(
            "update_email({id}, {})\n  -> {}\n",
            shown(email),
            outcome(update_email(&pool, id, email).await)
        );
    }
    for (id, change) in [
        (1, changes(Some("ada"), None)),
        (1, changes(None, Some("grace@example.com"))),
        (1, changes(Some("johnny"), None)),
    ] {
        report += &format!(
            "update_user({id}, {})\n  -> {}\n",
            describe(&change),
            outcome(update_user(&pool, id, &change).await)
        );
    }
    snapshot!(
        "other_failures",
        "updates on a database that refuses every write: each fails as Database, whatever value it carries",
        &report,
    );
}

#[tokio::test]
async fn a_refused_update_changes_nothing() {
    let pool = blog_seed::seeded(&sqlx::migrate!()).await;
    let before = blog_seed::users(&pool).await;
    let long_name = "x".repeat(81);
    let long_email = format!("{}@example.com", "n".repeat(109));

    let mut report = String::new();
    let emails = [
        (99, "x@example.com"),
        (1, "ada@example.org"),
        (1, "not-an-email"),
        (1, ""),
        (1, "@example.com"),
        (1, "john@"),
        (1, long_email.as_str()),
    ];
    for (id, email) in emails {
        let result = update_email(&pool, id, email).await;
        let call = format!("update_email({id}, {})", shown(email));
        assert_eq!(
            blog_seed::users(&pool).await,
            before,
            "{call} must fail and change nothing, but the users table changed"
        );
        report += &format!("{call}\n  -> {}\n", outcome(result));
    }
    let updates = [
        (99, changes(Some("nobody"), None)),
        (99, changes(None, None)),
        (1, changes(Some("ada"), None)),
        (1, changes(None, Some("grace@example.com"))),
        (1, changes(Some("ada"), Some("grace@example.com"))),
        // The username alone would be fine: the statement fails whole.
        (1, changes(Some("johnny"), Some("ada@example.org"))),
        // His own username again is no clash; ada's email is.
        (1, changes(Some("john_doe"), Some("ada@example.org"))),
        (1, changes(Some(""), None)),
        (1, changes(Some(long_name.as_str()), None)),
        (1, changes(None, Some(long_email.as_str()))),
        // Refused before the SQL runs, so johnny is not kept either.
        (1, changes(Some("johnny"), Some("bad"))),
    ];
    for (id, change) in &updates {
        let result = update_user(&pool, *id, change).await;
        let call = format!("update_user({id}, {})", describe(change));
        assert_eq!(
            blog_seed::users(&pool).await,
            before,
            "{call} must fail and change nothing, but the users table changed"
        );
        report += &format!("{call}\n  -> {}\n", outcome(result));
    }

    let after = blog_seed::users(&pool).await;
    assert_eq!(after, before, "a refused update changed a row");
    report += &format!("\nafter all of them:\n{after}");
    snapshot!(
        "refused",
        "updates that must fail, each with the error it got, then the users table, as seeded",
        &report,
    );
}

#[tokio::test]
async fn a_unique_rule_outside_users_is_no_taken_value() {
    let pool = blog_seed::seeded(&sqlx::migrate!()).await;
    // Every email a user has had, kept once each, by a trigger: a UNIQUE
    // rule in another table, which an UPDATE of users can break. No user has
    // the value, so it is none of the planned errors.
    sqlx::raw_sql(
        "CREATE TABLE email_history (email TEXT NOT NULL UNIQUE);
         INSERT INTO email_history (email) VALUES ('old@example.com');
         CREATE TRIGGER keep_every_email AFTER UPDATE OF email ON users
         BEGIN INSERT INTO email_history (email) VALUES (new.email); END;",
    )
    .execute(&pool)
    .await
    .expect("the history table and its trigger");
    let mut report = String::from("with a trigger that writes each new email into email_history, once:\n");
    for change in [
        changes(None, Some("old@example.com")),
        changes(Some("johnny"), Some("old@example.com")),
    ] {
        report += &format!(
            "update_user(1, {})\n  -> {}\n",
            describe(&change),
            outcome(update_user(&pool, 1, &change).await)
        );
    }
    snapshot!(
        "unique_elsewhere",
        "update_user breaking a UNIQUE rule of another table: no user has the value, so the error is Database",
        &report,
    );
}
