//! The check for `parameters`: names that break SQL built with `format!` are
//! stored and found as plain text, a crafted name finds nobody, an error stays
//! an error, and no value is ever part of the SQL text.

use std::cell::RefCell;

use course_support::snapshot;
use parameters::{add_user, create_tables, find_by_username};
use rusqlite::Connection;
use rusqlite::trace::{TraceEvent, TraceEventCodes};

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
    snapshot!(
        "hostile_names",
        "Five hostile names added and then looked up; each line shows what was asked and what came back.",
        &report,
    );
}

#[test]
fn a_crafted_name_finds_nobody() {
    let conn = database();
    add_user(&conn, "john_doe", "john@example.com").expect("an ordinary user");
    add_user(&conn, "ada", "ada@example.org").expect("an ordinary user");

    let asked = [
        "john_doe",
        "' OR '1'='1",
        "nobody' OR username LIKE '%",
        "ada' --",
        "%",
        "JOHN_DOE",
    ];
    let report = asked.map(|name| lookup(&conn, name)).join("\n");
    snapshot!(
        "crafted_lookups",
        "Lookups after john_doe and ada were added; each line shows what was asked and what came back.",
        &report,
    );
}

#[test]
fn a_failed_query_is_an_error_not_nobody() {
    let conn = database();
    conn.execute_batch("DROP TABLE users").expect("the table dropped");
    let answer = find_by_username(&conn, "john_doe");
    assert!(
        matches!(answer, Err(ref error) if error.to_string().contains("no such table: users")),
        "with no users table, the lookup must fail with `no such table: users`, not answer {answer:?}"
    );
}

thread_local! {
    /// The SQL text of every statement run on this thread, as SQLite saw it.
    static STATEMENTS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

fn record(event: TraceEvent<'_>) {
    if let TraceEvent::Stmt(_, sql) = event {
        STATEMENTS.with(|statements| statements.borrow_mut().push(sql.to_string()));
    }
}

#[test]
fn no_value_is_ever_part_of_the_sql() {
    let conn = database();
    conn.trace_v2(TraceEventCodes::SQLITE_TRACE_STMT, Some(record));
    add_user(&conn, "john_doe", "john@example.com").expect("an ordinary user");
    find_by_username(&conn, "john_doe").expect("a lookup");
    find_by_username(&conn, "nobody").expect("a lookup");

    let statements = STATEMENTS.with(|statements| statements.take());
    assert!(
        !statements.is_empty(),
        "the functions run their SQL on the connection they are given"
    );
    for sql in &statements {
        for value in ["john_doe", "john@example.com", "nobody"] {
            assert!(
                !sql.contains(value),
                "the SQL text {sql:?} contains the value {value:?}: pass it as a parameter instead"
            );
        }
    }
}
