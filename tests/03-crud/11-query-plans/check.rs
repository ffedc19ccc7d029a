//! The check for `query-plans`: `plan` reads what SQLite says, an author's
//! pages and a day's posts are planned without reading every post or sorting,
//! and they still give the right posts in the right order.
//!
//! The plans are of the statements your functions really run: SQLite's trace
//! records each one's SQL, and `plan` explains it.

use std::cell::RefCell;
use std::path::Path;

use course_support::{posts_seed, snapshot};
use query_plans::{Cursor, Post, plan, posts_by, posts_on};
use rusqlite::Connection;
use rusqlite::trace::{TraceEvent, TraceEventCodes};

/// A fresh in-memory database with the crate's migrations (yours included)
/// and the chapter's 24 posts (`posts_seed` in `tests/support`).
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
    conn.execute_batch(posts_seed::SEED).expect("the seed data");
    conn.execute_batch("PRAGMA reverse_unordered_selects = ON")
        .expect("the pragma");
    conn
}

/// Adds 2,000 posts from 2022, by all five users: a blog that has been
/// running a while. SQLite plans a query the same way for 24 posts as for
/// millions (it has no statistics until `ANALYZE` runs), so these are here
/// to make the difference real, not to change the plan.
fn many_more_posts(conn: &Connection) {
    conn.execute_batch(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
         INSERT INTO posts (title, content, user_id, created_at)
         SELECT 'Archive ' || i, 'Old news.', i % 5 + 1,
                datetime('2022-01-01 00:00:00', '+' || (i * 15707) || ' seconds')
         FROM n;",
    )
    .expect("the archive posts");
}

/// Posts on both sides of the boundaries of 20 January 2024, when posts 7
/// and 8 were published in the same second, and of 28 February 2024.
fn posts_at_day_boundaries(conn: &Connection) {
    conn.execute_batch(
        "INSERT INTO posts (id, title, content, user_id, created_at) VALUES
            (25, 'Just before midnight', 'Late.', 4, '2024-01-19 23:59:59'),
            (26, 'On the stroke of midnight', 'Early.', 4, '2024-01-20 00:00:00'),
            (27, 'Last of the day', 'Late again.', 5, '2024-01-20 23:59:59'),
            (28, 'The next midnight', 'Early again.', 5, '2024-01-21 00:00:00'),
            (29, 'A leap day', 'Once in four years.', 3, '2024-02-29 00:00:00');",
    )
    .expect("the posts at the boundaries");
}

/// The ways the answers are checked: with the crate's indexes, with no index
/// on posts at all, and with indexes that keep the posts of one second by id
/// the other way round. Only an `ORDER BY` that names every column of the
/// order gives the same answer in all three.
const INDEXES: [&str; 3] = [
    "the migrations' indexes",
    "no index on posts",
    "indexes that order the ids the other way",
];

/// Replaces the migrations' indexes on posts as `indexes` says.
fn set_indexes(conn: &Connection, indexes: &str) {
    if indexes == INDEXES[0] {
        return;
    }
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'posts' AND sql IS NOT NULL")
        .expect("the query for the indexes")
        .query_map([], |row| row.get(0))
        .expect("the indexes")
        .collect::<rusqlite::Result<_>>()
        .expect("the index names");
    for name in names {
        conn.execute_batch(&format!("DROP INDEX \"{name}\""))
            .expect("the index is dropped");
    }
    if indexes == INDEXES[2] {
        conn.execute_batch(
            "CREATE INDEX reversed_created_at ON posts (created_at, id DESC);
             CREATE INDEX reversed_user_id_created_at ON posts (user_id, created_at, id DESC);",
        )
        .expect("the reversed indexes");
    }
}

thread_local! {
    /// The SQL of every statement SQLite started on this thread.
    static STATEMENTS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// SQLite calls this as each statement starts to run; `sql` is the text as
/// written, with its `?` placeholders.
fn record(event: TraceEvent<'_>) {
    if let TraceEvent::Stmt(_, sql) = event {
        STATEMENTS.with(|log| log.borrow_mut().push(sql.to_string()));
    }
}

/// Runs `f` with the trace on; returns the SQL of the statements it ran.
fn statements_of(conn: &Connection, f: impl FnOnce(&Connection) -> rusqlite::Result<Vec<Post>>) -> Vec<String> {
    STATEMENTS.with(|log| log.borrow_mut().clear());
    conn.trace_v2(TraceEventCodes::SQLITE_TRACE_STMT, Some(record));
    let result = f(conn);
    conn.trace_v2(TraceEventCodes::empty(), None);
    result.expect("the function runs");
    STATEMENTS.with(|log| log.take())
}

/// The plan of each statement `f` runs, through your `plan`. Fails with
/// `advice` when a step reads the whole posts table or sorts.
fn plans_of(
    conn: &Connection,
    call: &str,
    advice: &str,
    f: impl FnOnce(&Connection) -> rusqlite::Result<Vec<Post>>,
) -> String {
    let statements = statements_of(conn, f);
    assert!(!statements.is_empty(), "{call} ran no statement at all");
    let mut out = format!("{call}:\n");
    for sql in statements {
        let steps = plan(conn, &sql).expect("the plan");
        let shown = steps.iter().map(|s| format!("  {s}\n")).collect::<String>();
        for step in &steps {
            let why = if step.starts_with("SCAN ") {
                "reads the whole table, row after row"
            } else if step.contains("TEMP B-TREE") {
                "sorts the rows it found before it can give the first one"
            } else {
                continue;
            };
            panic!(
                "{call} is slow: its plan has `{step}`: it {why}, on every call, and the more posts \
                 there are, the longer that takes. Its plan:\n{shown}{advice}"
            );
        }
        out += &shown;
    }
    out
}

/// The parts of an answer: each line without indent, with the lines under it.
fn sections(answer: &str) -> impl Iterator<Item = String> {
    let mut parts: Vec<String> = Vec::new();
    for line in answer.lines() {
        match parts.last_mut() {
            Some(part) if line.starts_with(' ') => *part += &format!("{line}\n"),
            _ => parts.push(format!("{line}\n")),
        }
    }
    parts.into_iter()
}

fn lines(posts: &[Post]) -> String {
    if posts.is_empty() {
        return "  (none)\n".to_string();
    }
    posts
        .iter()
        .map(|p| format!("  #{} {} {}\n", p.id, p.created_at, p.title))
        .collect()
}

#[test]
fn plan_gives_the_detail_of_each_step() {
    let conn = database();
    let mut out = String::new();
    for sql in [
        "SELECT title FROM posts ORDER BY title",
        "SELECT title FROM posts WHERE id = ?1",
        "SELECT id FROM posts WHERE created_at >= ?1",
        "SELECT p.title, u.username FROM posts p JOIN users u ON u.id = p.user_id WHERE p.created_at >= ?1",
    ] {
        let steps = plan(&conn, sql).expect("the plan");
        out += &format!(
            "{sql}\n{}",
            steps.iter().map(|s| format!("  {s}\n")).collect::<String>()
        );
    }
    snapshot!(
        "plan",
        "four queries, each followed by what plan(conn, sql) returns for it, one step a line",
        &out,
    );
}

#[test]
fn the_pages_read_a_few_rows_without_sorting() {
    let conn = database();
    many_more_posts(&conn);
    let after = Cursor {
        created_at: "2024-02-07 15:00:00".to_string(),
        id: 13,
    };
    let by_author = "posts_by asks for one user's posts in the order `created_at DESC, id DESC`: \
                     the index posts_user_id_created_at in your migration should hold them in that order, \
                     after the column the query narrows on.";
    let on_day = "posts_on: a function around the column, such as `date(created_at)`, hides it from \
                  the index on posts (created_at, id). Compare the bare column with the day's bounds.";
    let mut out = plans_of(&conn, "posts_by(ada, no cursor, 5)", by_author, |c| {
        posts_by(c, 2, None, 5)
    });
    out += &plans_of(&conn, "posts_by(ada, after post 13, 5)", by_author, |c| {
        posts_by(c, 2, Some(&after), 5)
    });
    out += &plans_of(&conn, "posts_on(2024-01-20)", on_day, |c| posts_on(c, "2024-01-20"));
    snapshot!(
        "plans",
        "with 2,024 posts: the plan of each statement an author's page and a day's page run, one step a line",
        &out,
    );
}

#[test]
fn the_pages_give_the_right_posts_in_order() {
    let mut answers = Vec::new();
    for indexes in INDEXES {
        let conn = database();
        posts_at_day_boundaries(&conn);
        set_indexes(&conn, indexes);
        let mut out = String::new();
        for per_page in [3, 2] {
            out += &format!("posts_by(ada), {per_page} a page, each page after the last post of the one before:\n");
            let mut after: Option<Cursor> = None;
            for _ in 0..5 {
                let page = posts_by(&conn, 2, after.as_ref(), per_page).expect("a page");
                out += &lines(&page);
                out += "  --\n";
                match page.last() {
                    Some(last) => after = Some(last.cursor()),
                    None => break,
                }
            }
        }
        for day in [
            "2024-01-19",
            "2024-01-20",
            "2024-01-21",
            "2024-01-22",
            "2024-02-28",
            "2024-02-29",
        ] {
            let posts = posts_on(&conn, day).expect("a day's posts");
            out += &format!("posts_on({day}):\n{}", lines(&posts));
        }
        answers.push(out);
    }
    for (indexes, answer) in INDEXES.iter().zip(&answers).skip(1) {
        let differing = sections(&answers[0]).zip(sections(answer)).find(|(a, b)| a != b);
        if let Some((ours, theirs)) = differing {
            panic!(
                "the answers change with the indexes: an order that comes from an index is luck. Name every \
                 column of the order in the ORDER BY, the id last for posts of the same second.\n\
                 With {}:\n{ours}With {indexes}:\n{theirs}",
                INDEXES[0]
            );
        }
    }
    snapshot!(
        "answers",
        "ada's posts by pages of 3 and of 2, then the posts of six days; posts 7 and 8 share a second, \
         and posts 25 to 29 sit on the days' boundaries",
        &answers[0],
    );
}
