//! The check for `first-check`: it calls your functions and compares what
//! they return with the snapshots in `snapshots/`.

use course_support::snapshot;
use first_check::{User, describe, describe_all};

fn user(id: i64, username: &str, email: &str) -> User {
    User {
        id,
        username: username.to_string(),
        email: email.to_string(),
    }
}

#[test]
fn describes_one_user() {
    let john = user(1, "john_doe", "john@example.com");
    snapshot!("one_user", "What describe returns for john_doe.", &describe(&john));
}

#[test]
fn describes_every_user_in_order() {
    let users = [
        user(1, "john_doe", "john@example.com"),
        user(2, "ada", "ada@example.org"),
        user(3, "o'brien", "obrien@example.net"),
    ];
    // A snapshot ignores whitespace at its end, so each newline is shown as ⏎.
    let shown = describe_all(&users).replace('\n', "⏎\n");
    snapshot!(
        "every_user",
        "What describe_all returns for three users; ⏎ marks each newline.",
        &shown,
    );
}

#[test]
fn describes_no_users_as_nothing() {
    assert_eq!(describe_all(&[]), "", "no users means an empty string");
}
