//! The benchmark of `many-writes`: the same rows written with one commit
//! each, then all in one transaction, on a database file with SQLite's
//! default settings, so that every commit costs what it really costs.
//!
//! ```sh
//! cargo run --release -p many-writes-solution --features bench --example bench           # 100,000 rows
//! cargo run --release -p many-writes-solution --features bench --example bench -- 5000   # a quick run
//! ```
//!
//! The files go to the system's temporary folder (set `TMPDIR` to measure
//! another disk) and are deleted at the end.

use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::Connection;

const DEFAULT_ROWS: u64 = 100_000;
const INSERT: &str = "INSERT INTO posts (user_id, title, content) VALUES (1, ?1, ?2)";

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// A new database file with the chapter's schema and one user.
fn database(dir: &Path, name: &str) -> Result<Connection> {
    let path = dir.join(name);
    schema_db::apply(&Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations"), &path)?;
    let conn = Connection::open(&path)?;
    conn.execute(
        "INSERT INTO users (id, username, email) VALUES (1, 'bench', 'bench@example.com')",
        [],
    )?;
    Ok(conn)
}

/// Outside a transaction, SQLite wraps each statement in one of its own:
/// every row is a commit, and every commit waits for the disk.
fn one_commit_per_row(conn: &Connection, rows: u64) -> Result<Duration> {
    let start = Instant::now();
    let mut statement = conn.prepare(INSERT)?;
    for i in 0..rows {
        statement.execute((format!("Post {i}"), "Some content."))?;
    }
    Ok(start.elapsed())
}

/// Every row inside one transaction, through one prepared statement: one
/// commit at the end.
fn one_transaction(conn: &mut Connection, rows: u64) -> Result<Duration> {
    let start = Instant::now();
    let tx = conn.transaction()?;
    {
        let mut statement = tx.prepare(INSERT)?;
        for i in 0..rows {
            statement.execute((format!("Post {i}"), "Some content."))?;
        }
    }
    tx.commit()?;
    Ok(start.elapsed())
}

fn count(conn: &Connection) -> Result<u64> {
    let n: i64 = conn.query_row("SELECT count(*) FROM posts", [], |row| row.get(0))?;
    Ok(u64::try_from(n)?)
}

fn main() -> Result<()> {
    let rows = match std::env::args().nth(1) {
        None => DEFAULT_ROWS,
        Some(arg) => arg
            .parse()
            .map_err(|_| format!("the argument is a number of rows, not {arg:?}"))?,
    };
    let dir = tempfile::tempdir()?;

    let mut fast = database(dir.path(), "one-transaction.db")?;
    let journal: String = fast.query_row("PRAGMA journal_mode", [], |row| row.get(0))?;
    let synchronous: i64 = fast.query_row("PRAGMA synchronous", [], |row| row.get(0))?;
    println!("{rows} rows into posts, in {}", dir.path().display());
    println!("journal_mode = {journal}, synchronous = {synchronous} (SQLite's defaults)\n");

    let batched = one_transaction(&mut fast, rows)?;
    assert_eq!(count(&fast)?, rows, "every row was kept");
    println!(
        "one transaction, one prepared statement: {:>9.3} s",
        batched.as_secs_f64()
    );

    println!("one commit per row (this is the slow half)...");
    let slow = database(dir.path(), "one-commit-per-row.db")?;
    let each = one_commit_per_row(&slow, rows)?;
    assert_eq!(count(&slow)?, rows, "every row was kept");
    println!("one commit per row:                      {:>9.3} s", each.as_secs_f64());

    let per_second = |d: Duration| rows as f64 / d.as_secs_f64();
    println!(
        "\n{:.0} rows/s against {:.0} rows/s: one transaction is {:.0} times faster",
        per_second(batched),
        per_second(each),
        each.as_secs_f64() / batched.as_secs_f64()
    );
    Ok(())
}
