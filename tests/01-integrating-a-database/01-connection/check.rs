//! The check for `connection`: a database file is opened, given tables and a
//! row, closed, and opened again.

use connection::{count_users, create_tables, open, table_names};
use course_support::snapshot;

#[test]
fn tables_and_rows_outlive_the_connection() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("blog.db");

    let conn = open(&path).expect("open should create the database file");
    assert!(path.exists(), "open should create the file {}", path.display());
    create_tables(&conn).expect("the tables should be created");
    conn.execute(
        "INSERT INTO users (username, email) VALUES ('john_doe', 'john@example.com')",
        [],
    )
    .expect("a user can be added once the tables exist");
    drop(conn);

    let conn = open(&path).expect("the file should open again");
    create_tables(&conn).expect("creating the tables a second time should change nothing");
    let report = format!(
        "tables: {}\nusers after reopening: {}\n",
        table_names(&conn).expect("table names").join(", "),
        count_users(&conn).expect("a count of users"),
    );
    snapshot!(
        "reopened",
        "The tables and the count of users after the file was closed and opened again.",
        &report,
    );
}

#[test]
fn a_new_database_is_empty() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let conn = open(&dir.path().join("empty.db")).expect("open should create the file");

    assert_eq!(table_names(&conn).expect("table names"), Vec::<String>::new());
    let error = count_users(&conn).expect_err("there is no users table yet");
    snapshot!(
        "count_without_tables",
        "The error count_users gives on a new file before any table exists.",
        &error.to_string(),
    );

    create_tables(&conn).expect("the tables should be created");
    assert_eq!(
        count_users(&conn).expect("a count of users"),
        0,
        "new tables hold no users"
    );
}
