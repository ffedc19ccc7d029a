//! The check for `transactions`: a user with posts is written whole, a failed
//! write leaves no partial rows, and a dropped transaction leaves nothing.

use course_support::snapshot;
use rusqlite::Connection;
use transactions::{add_user_with_posts, count_if_added, create_tables};

fn database() -> Connection {
    let conn = Connection::open_in_memory().expect("an in-memory database");
    create_tables(&conn).expect("the tables");
    conn
}

/// Every user with the titles of their posts, one line per user.
fn contents(conn: &Connection) -> String {
    let mut statement = conn
        .prepare(
            "SELECT u.username, coalesce(group_concat(p.title, ' | '), '')
             FROM users u LEFT JOIN posts p ON p.user_id = u.id
             GROUP BY u.id ORDER BY u.id",
        )
        .expect("a valid query");
    let rows = statement
        .query_map([], |row| {
            Ok(format!("{}: [{}]", row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })
        .expect("rows");
    let lines: Vec<String> = rows.map(|row| row.expect("a row")).collect();
    let posts: i64 = conn
        .query_row("SELECT count(*) FROM posts", [], |row| row.get(0))
        .expect("a count");
    format!("{}\n(posts in all: {posts})\n", lines.join("\n"))
}

#[test]
fn a_user_and_posts_are_committed_together() {
    let mut conn = database();
    let id = add_user_with_posts(
        &mut conn,
        "john_doe",
        "john@example.com",
        &["First Post", "Second Post"],
    )
    .expect("a valid user with valid posts");
    assert_eq!(id, 1);
    snapshot!(
        "committed",
        "Every user with the titles of their posts after one user was added with two posts.",
        &contents(&conn)
    );
}

#[test]
fn a_failing_post_leaves_no_partial_rows() {
    let mut conn = database();
    add_user_with_posts(&mut conn, "john_doe", "john@example.com", &["First Post"]).expect("a valid user");

    // The second title is empty, which the CHECK constraint refuses.
    let error =
        add_user_with_posts(&mut conn, "ada", "ada@example.org", &["Notes", ""]).expect_err("an empty title must fail");
    // The username is taken: the very first insert fails.
    let taken =
        add_user_with_posts(&mut conn, "john_doe", "other@example.com", &[]).expect_err("a taken username must fail");

    let report = format!("error: {error}\nerror: {taken}\n\n{}", contents(&conn));
    snapshot!(
        "rolled_back",
        "The errors of two failed calls and then every user with the titles of their posts.",
        &report
    );
}

#[test]
fn a_dropped_transaction_keeps_nothing() {
    let mut conn = database();
    add_user_with_posts(&mut conn, "john_doe", "john@example.com", &[]).expect("a valid user");

    let would_be = count_if_added(&mut conn, "ada", "ada@example.org").expect("a count");
    assert_eq!(would_be, 2, "inside the transaction, ada is there");
    let again = count_if_added(&mut conn, "ada", "ada@example.org").expect("a second count");
    assert_eq!(again, 2, "ada was not kept, so she can be added again");
    // The user really is added inside the transaction: a taken username fails
    // there as it would anywhere else.
    let taken = count_if_added(&mut conn, "john_doe", "other@example.com")
        .expect_err("john_doe is taken, so adding him fails even in a transaction that is never kept");

    let report = format!("error: {taken}\n\n{}", contents(&conn));
    snapshot!(
        "after_dropped",
        "The error for counting with a taken username and then every user with the titles of their posts.",
        &report
    );
}
