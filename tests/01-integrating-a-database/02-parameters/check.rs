//! The check for `parameters`: names that break SQL built with `format!` are
//! stored and found as plain text, and a crafted name finds nobody.

use parameters::{add_user, create_tables, find_by_username};
use rusqlite::Connection;

/// Names that a string-formatted query would run as SQL.
const HOSTILE_NAMES: [&str; 5] = [
    "o'brien",
    "' OR '1'='1",
    "x'); DROP TABLE users; --",
    "\" OR \"\"=\"",
    "%_*",
];

fn database() -> Connection {
    let conn = Connection::open_in_memory().expect("an in-memory database");
    create_tables(&conn).expect("the users table");
    conn
}

/// One line per lookup: what was asked, and what came back.
fn lookup(conn: &Connection, username: &str) -> String {
    match find_by_username(conn, username) {
        Ok(Some(user)) => format!("{username:?} -> #{} {:?} <{}>", user.id, user.username, user.email),
        Ok(None) => format!("{username:?} -> nobody"),
        Err(error) => format!("{username:?} -> error: {error}"),
    }
}

#[test]
fn hostile_names_are_stored_and_found_verbatim() {
    let conn = database();
    let mut report = String::new();
    for (n, name) in HOSTILE_NAMES.iter().enumerate() {
        let email = format!("user{n}@example.com");
        match add_user(&conn, name, &email) {
            Ok(id) => report += &format!("added {name:?} as #{id}\n"),
            Err(error) => report += &format!("adding {name:?} failed: {error}\n"),
        }
    }
    for name in HOSTILE_NAMES {
        report += &lookup(&conn, name);
        report.push('\n');
    }
    insta::assert_snapshot!("hostile_names", report);
}

#[test]
fn a_crafted_name_finds_nobody() {
    let conn = database();
    add_user(&conn, "john_doe", "john@example.com").expect("an ordinary user");
    add_user(&conn, "ada", "ada@example.org").expect("an ordinary user");

    let report = ["john_doe", "' OR '1'='1", "nobody' OR username LIKE '%", "ada' --"]
        .map(|name| lookup(&conn, name))
        .join("\n");
    insta::assert_snapshot!("crafted_lookups", report);
}
