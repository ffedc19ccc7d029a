//! The check for `pg-errors`: the server's refusals become typed errors,
//! told apart by SQLSTATE and constraint, and a refused insert leaves
//! nothing behind.

use blog_pg::errors::{StoreError, add_comment, classify, create_user};

#[path = "../support/db.rs"]
mod db;

use course_support::snapshot;
use db::at;

const FIXTURES: &str = "
    INSERT INTO users (username, email) VALUES ('ada', 'ada@example.com');
    INSERT INTO posts (user_id, title, content, created_at) VALUES (1, 'Engines', 'On engines.', '2026-03-01 09:00:00+00');";

/// What a call gave back: what was stored (without the id the server
/// counted out), or the error, with the server's SQLSTATE when it has one.
fn said<T: Stored>(result: Result<T, StoreError>) -> String {
    match result {
        Ok(value) => format!("Ok: {}", value.stored()),
        Err(StoreError::Database(sqlx::Error::Database(e))) => {
            format!("Database (SQLSTATE {}): {}", e.code().unwrap_or_default(), e.message())
        }
        Err(StoreError::Database(e)) => format!("Database: {e}"),
        Err(error) => format!("{error:?}: {error}"),
    }
}

trait Stored {
    fn stored(&self) -> String;
}

impl Stored for blog_pg::models::User {
    fn stored(&self) -> String {
        format!("user {:?} <{}>", self.username, self.email)
    }
}

impl Stored for blog_pg::models::Comment {
    fn stored(&self) -> String {
        format!(
            "comment {:?} on post {} at {}",
            self.content, self.post_id, self.created_at
        )
    }
}

impl Stored for () {
    fn stored(&self) -> String {
        String::new()
    }
}

#[tokio::test]
async fn create_user_names_what_was_refused() {
    let Some(test) = db::migrated().await else { return };
    sqlx::raw_sql(FIXTURES).execute(&test.pool).await.expect("the fixtures");
    let mut out = Vec::new();
    for (username, email) in [
        ("grace", "grace@example.com"),
        ("ada", "other@example.com"),
        ("other", "ada@example.com"),
        ("Not Valid", "nv@example.com"),
        ("short_email", "a@"),
        ("linus", "linus@example.com"),
    ] {
        let result = create_user(&test.pool, username, email).await;
        out.push(format!("create_user({username:?}, {email:?}) -> {}", said(result)));
    }
    let users: Vec<String> = sqlx::query_scalar("SELECT username FROM users ORDER BY id")
        .fetch_all(&test.pool)
        .await
        .expect("the users");
    out.push(format!("users now: {users:?}"));
    snapshot!(
        "users",
        "create_user with good and bad input, one after the other: the user made, or the typed error with \
         its message; then the users stored. A refused user is not stored.",
        &out.join("\n")
    );
}

#[tokio::test]
async fn add_comment_names_what_was_refused() {
    let Some(test) = db::migrated().await else { return };
    sqlx::raw_sql(FIXTURES).execute(&test.pool).await.expect("the fixtures");
    let mut out = Vec::new();
    for (post, content) in [(1, "Well put."), (42, "Hello?"), (1, ""), (1, "Indeed.")] {
        let result = add_comment(&test.pool, post, content, at(2, 12)).await;
        out.push(format!("add_comment({post}, {content:?}) -> {}", said(result)));
    }
    snapshot!(
        "comments",
        "add_comment with good and bad input: the comment stored, or the typed error with its message.",
        &out.join("\n")
    );
}

#[tokio::test]
async fn other_errors_stay_database_errors() {
    let Some(test) = db::migrated().await else { return };
    sqlx::raw_sql(FIXTURES).execute(&test.pool).await.expect("the fixtures");
    let mut out = Vec::new();
    // Errors with no SQLSTATE to read, or one that is not about a constraint.
    let missing = sqlx::query("SELECT * FROM posts WHERE id = 99")
        .fetch_one(&test.pool)
        .await
        .expect_err("no row");
    out.push(format!("no row: {}", said::<()>(Err(classify(missing)))));
    let bad_sql = sqlx::query("SELEKT 1")
        .execute(&test.pool)
        .await
        .expect_err("a syntax error");
    out.push(format!("a syntax error: {}", said::<()>(Err(classify(bad_sql)))));
    let by_zero = sqlx::query("SELECT 1 / 0")
        .execute(&test.pool)
        .await
        .expect_err("a division by zero");
    out.push(format!("a division by zero: {}", said::<()>(Err(classify(by_zero)))));
    // A unique value taken in another table is not a taken username.
    let tag = sqlx::query("INSERT INTO tags (name) VALUES ('x'), ('x')")
        .execute(&test.pool)
        .await
        .expect_err("a tag twice");
    out.push(format!("a tag twice: {}", said::<()>(Err(classify(tag)))));
    // A foreign key of another table is not a missing post.
    let post = sqlx::query("INSERT INTO posts (user_id, title, content) VALUES (99, 'T', 'C')")
        .execute(&test.pool)
        .await
        .expect_err("a post by nobody");
    out.push(format!("a post by nobody: {}", said::<()>(Err(classify(post)))));
    test.pool.close().await;
    let closed = create_user(&test.pool, "late", "late@example.com").await;
    out.push(format!("a closed pool: {}", said(closed)));
    snapshot!(
        "others",
        "Errors that are not one of the typed refusals stay StoreError::Database, with sqlx's message.",
        &out.join("\n")
    );
}
