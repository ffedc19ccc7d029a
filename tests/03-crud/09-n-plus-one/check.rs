//! The check for `n-plus-one`: both ways list the same 25 posts with their
//! authors, and SQLite's own trace counts the statements each way ran.
//!
//! To see every statement, run `cargo test -p n-plus-one -- --nocapture`.

use std::cell::RefCell;
use std::path::Path;

use course_support::snapshot;
use n_plus_one::{PostWithAuthor, posts_joined, posts_lazily};
use rusqlite::Connection;
use rusqlite::trace::{TraceEvent, TraceEventCodes};

/// A fresh in-memory database with the crate's migrations, 5 users and 25
/// posts: post `n` is by user `(n - 1) % 5 + 1`.
///
/// SQLite is also asked to return the rows of a `SELECT` without an
/// `ORDER BY` in reverse (`PRAGMA reverse_unordered_selects`): an order left
/// to chance then shows up as a wrong order.
fn database() -> Connection {
    let conn = Connection::open_in_memory().expect("an in-memory database");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    for migration in schema_db::up_migrations(&dir).expect("the migrations") {
        let sql = std::fs::read_to_string(&migration).expect("a migration file");
        conn.execute_batch(&sql).expect("the migration applies");
    }
    conn.execute_batch(
        "INSERT INTO users (id, username, email) VALUES
            (1, 'john_doe', 'john@example.com'),
            (2, 'ada', 'ada@example.org'),
            (3, 'grace', 'grace@example.net'),
            (4, 'linus', 'linus@example.com'),
            (5, 'margaret', 'margaret@example.org');
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 25)
         INSERT INTO posts (id, title, content, user_id)
         SELECT i, 'Post ' || i, 'Content ' || i, (i - 1) % 5 + 1 FROM n;
         PRAGMA reverse_unordered_selects = ON;",
    )
    .expect("the seed data");
    conn
}

thread_local! {
    /// Every statement SQLite started on this thread, with its values.
    static STATEMENTS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// SQLite calls this as each statement starts to run. A plain `fn`, as
/// `trace_v2` wants; the test's thread is the one running the statements.
fn record(event: TraceEvent<'_>) {
    if let TraceEvent::Stmt(statement, sql) = event {
        let text = statement.expanded_sql().unwrap_or_else(|| sql.to_string());
        STATEMENTS.with(|log| log.borrow_mut().push(text));
    }
}

/// Runs `list` with the trace on; returns its rows and the statements it ran.
fn traced(
    conn: &Connection,
    list: fn(&Connection) -> rusqlite::Result<Vec<PostWithAuthor>>,
) -> (Vec<PostWithAuthor>, Vec<String>) {
    STATEMENTS.with(|log| log.borrow_mut().clear());
    conn.trace_v2(TraceEventCodes::SQLITE_TRACE_STMT, Some(record));
    let rows = list(conn).expect("the list");
    conn.trace_v2(TraceEventCodes::empty(), None);
    (rows, STATEMENTS.with(|log| log.take()))
}

/// How many statements, and how many different SQL texts once the values
/// are set aside (the trace shows them in place of each `?`).
fn summary(way: &str, statements: &[String], sql_of: impl Fn(&str) -> String) -> String {
    let mut texts: Vec<String> = statements.iter().map(|s| sql_of(s)).collect();
    texts.sort();
    texts.dedup();
    println!("--- {way}: {}", plural(statements.len(), "statement"));
    for statement in statements {
        println!("{statement}");
    }
    format!(
        "{way}: {}, {}",
        plural(statements.len(), "statement"),
        plural(texts.len(), "different SQL text")
    )
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// The statement with every number taken out: `… WHERE id = 3` and
/// `… WHERE id = 4` are one SQL text run twice.
fn without_numbers(statement: &str) -> String {
    statement.chars().filter(|c| !c.is_ascii_digit()).collect()
}

#[test]
fn both_ways_list_the_same_posts_and_authors() {
    let conn = database();
    let (lazy, _) = traced(&conn, posts_lazily);
    let (joined, _) = traced(&conn, posts_joined);
    assert_eq!(lazy, joined, "the two ways must return the same rows");
    let listing: String = joined
        .iter()
        .map(|p| format!("#{} {} by {}\n", p.id, p.title, p.author))
        .collect();
    snapshot!(
        "posts_with_authors",
        "the list both ways return, one post a line, by id",
        &listing,
    );
}

#[test]
fn the_lazy_way_runs_one_statement_per_post() {
    let conn = database();
    let (lazy_rows, lazy) = traced(&conn, posts_lazily);
    let (joined_rows, joined) = traced(&conn, posts_joined);
    let report = format!(
        "{} posts\n{}\n{}\n",
        lazy_rows.len().max(joined_rows.len()),
        summary("lazily", &lazy, without_numbers),
        summary("joined", &joined, without_numbers),
    );
    snapshot!(
        "statement_counts",
        "how many statements each way ran, and how many different SQL texts once the numbers are taken out",
        &report,
    );
}
