//! The check for `pool`: the pool's connections report their settings back
//! through SQLite's pragmas, even over options that said otherwise; the
//! database enforces foreign keys; and two writers share the one write lock.

use std::time::Duration;

use course_support::snapshot;
use pool::{BUSY_TIMEOUT, configure, connect};
use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};

async fn pool_in(dir: &tempfile::TempDir) -> SqlitePool {
    let url = format!("sqlite:{}", dir.path().join("blog.db").display());
    connect(&url, 4)
        .await
        .expect("the pool should open and create the file")
}

/// Runs a query that returns one value, on one of the pool's connections.
async fn scalar<T>(pool: &SqlitePool, sql: &'static str) -> T
where
    T: for<'r> sqlx::Decode<'r, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite> + Send + Unpin,
{
    sqlx::query_scalar(sql).fetch_one(pool).await.expect("a pragma's value")
}

/// The three settings, as a connection of `pool` reports them.
async fn settings(pool: &SqlitePool) -> String {
    let foreign_keys: i64 = scalar(pool, "PRAGMA foreign_keys").await;
    let journal_mode: String = scalar(pool, "PRAGMA journal_mode").await;
    let busy_timeout: i64 = scalar(pool, "PRAGMA busy_timeout").await;
    format!("foreign_keys = {foreign_keys}\njournal_mode = {journal_mode}\nbusy_timeout = {busy_timeout} ms\n")
}

#[tokio::test]
async fn connections_report_their_settings() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let pool = pool_in(&dir).await;
    assert!(dir.path().join("blog.db").exists(), "connect should create the file");

    let report = settings(&pool).await + &format!("max_connections = {}\n", pool.options().get_max_connections());
    snapshot!(
        "settings",
        "What a connection reports in a pool that connect opened with at most 4 connections.",
        &report
    );
}

#[tokio::test]
async fn configure_sets_everything_whatever_the_options_said() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("other.db");
    // Options that say the opposite of every setting: `configure` must not
    // count on sqlx's defaults, since the options it gets may have changed them.
    let contrary = SqliteConnectOptions::new()
        .filename(&path)
        .create_if_missing(false)
        .foreign_keys(false)
        .journal_mode(SqliteJournalMode::Delete)
        .busy_timeout(Duration::ZERO);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(configure(contrary))
        .await
        .expect("configure should ask for a missing file to be created");
    assert!(path.exists(), "configure should ask for a missing file to be created");
    snapshot!(
        "configured",
        "What a connection reports after configure was given options that turn each setting the other way.",
        &settings(&pool).await,
    );
}

#[tokio::test]
async fn foreign_keys_are_enforced() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let pool = pool_in(&dir).await;
    sqlx::raw_sql(
        "CREATE TABLE users (id INTEGER PRIMARY KEY);
         CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id));",
    )
    .execute(&pool)
    .await
    .expect("the tables");

    let error = sqlx::query("INSERT INTO posts (user_id) VALUES (42)")
        .execute(&pool)
        .await
        .expect_err("a post by a user who does not exist must be refused");
    snapshot!(
        "orphan_post",
        "The error for a post whose user does not exist.",
        &error.to_string()
    );
}

#[tokio::test]
async fn a_file_that_cannot_be_created_is_an_error() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let url = format!("sqlite:{}", dir.path().join("no-such-folder").join("blog.db").display());
    let error = connect(&url, 1).await.expect_err("SQLite creates files, not folders");
    snapshot!(
        "missing_folder",
        "The error for a database file in a folder that does not exist.",
        &error.to_string(),
    );
}

/// A pool on a fresh file, with an empty `notes` table.
async fn notes_in(dir: &tempfile::TempDir) -> SqlitePool {
    let pool = pool_in(dir).await;
    sqlx::query("CREATE TABLE notes (body TEXT NOT NULL)")
        .execute(&pool)
        .await
        .expect("the notes table");
    pool
}

#[tokio::test]
async fn writers_that_begin_immediate_take_turns() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let pool = notes_in(&dir).await;

    // The first writer takes the write lock and keeps it for a moment.
    let mut first = pool.begin_with("BEGIN IMMEDIATE").await.expect("the write lock");
    sqlx::query("INSERT INTO notes VALUES ('first')")
        .execute(&mut *first)
        .await
        .expect("the first write");
    // The second asks for the lock meanwhile: it waits, up to the busy timeout.
    let second = tokio::spawn({
        let pool = pool.clone();
        async move {
            let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
            sqlx::query("INSERT INTO notes VALUES ('second')")
                .execute(&mut *tx)
                .await?;
            tx.commit().await
        }
    });
    tokio::time::sleep(BUSY_TIMEOUT / 10).await;
    first.commit().await.expect("the first writer commits");
    second
        .await
        .expect("the second writer's task")
        .expect("the second writer waits for the lock, then commits");

    let notes: i64 = scalar(&pool, "SELECT count(*) FROM notes").await;
    assert_eq!(notes, 2, "both writes are kept");
}

#[tokio::test]
async fn a_transaction_that_reads_first_cannot_wait() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let pool = notes_in(&dir).await;

    // A plain BEGIN takes no lock; the first SELECT fixes what this
    // transaction sees.
    let mut reader = pool.begin().await.expect("a transaction");
    let _: i64 = sqlx::query_scalar("SELECT count(*) FROM notes")
        .fetch_one(&mut *reader)
        .await
        .expect("a read");
    // Another connection writes and commits.
    sqlx::query("INSERT INTO notes VALUES ('meanwhile')")
        .execute(&pool)
        .await
        .expect("another connection writes");
    // Now the first transaction's view is out of date, and its write is
    // refused at once: waiting would not make what it read current.
    let error = sqlx::query("INSERT INTO notes VALUES ('too late')")
        .execute(&mut *reader)
        .await
        .expect_err("a transaction that read before another's commit cannot write");
    snapshot!(
        "read_then_write",
        "The error for a write in a transaction that read before another connection committed.",
        &error.to_string(),
    );
}
