//! The check for `injection`: hostile inputs against the search that pastes
//! its text into the SQL, each on a throwaway database, and then the same
//! inputs against the search that binds it, all on one database that must
//! come out untouched.

use course_support::{db, dump, snapshot};
use injection::{search_titles, search_titles_unsafe};
use sqlx::{Connection, SqlitePool};

/// The searching user: john_doe, who may search his own posts only.
const AUTHOR: i64 = 1;

/// A fresh in-memory database ([`db::memory`]) with the chapter's schema,
/// three users and their posts.
///
/// SQLite is also asked to return the rows of a `SELECT` without an
/// `ORDER BY` in reverse (`PRAGMA reverse_unordered_selects`): an order left
/// to chance then shows up as a wrong order.
async fn database() -> SqlitePool {
    let pool = db::memory().await;
    sqlx::migrate!().run(&pool).await.expect("the migrations apply");
    sqlx::raw_sql(
        r"INSERT INTO users (id, username, email) VALUES
            (1, 'john_doe', 'john@example.com'),
            (2, 'ada', 'ada@example.org'),
            (3, 'grace', 'grace@example.net');
         INSERT INTO posts (id, title, content, user_id, created_at) VALUES
            (1, 'Hello World', 'My first post.', 1, '2024-01-01 09:00:00'),
            (2, 'Rust''s ownership', 'Who frees what.', 1, '2024-01-02 09:00:00'),
            (3, '100% Rust', 'Every line.', 1, '2024-01-03 09:00:00'),
            (4, 'snake_case names', 'Or camelCase?', 1, '2024-01-04 09:00:00'),
            (5, 'Windows paths: C:\Users', 'Backslashes.', 1, '2024-01-05 09:00:00'),
            (6, 'Grüße aus Berlin', 'Unicode titles.', 1, '2024-01-06 09:00:00'),
            (7, 'Ada''s private draft', 'Not for john_doe''s eyes.', 2, '2024-01-07 09:00:00'),
            (8, 'Compilers', 'Grace''s notes.', 3, '2024-01-08 09:00:00');
         PRAGMA reverse_unordered_selects = ON;",
    )
    .execute(&pool)
    .await
    .expect("the seed data");
    pool
}

/// What a user might type in the search box, with a name for each.
fn hostile_inputs() -> Vec<(&'static str, String)> {
    [
        ("a plain word", "rust"),
        ("always true", "' OR '1'='1"),
        ("always true, the rest commented out", "%' OR 1=1 --"),
        ("a second statement", "'; DROP TABLE posts; --"),
        ("UNION: the users' emails", "%' UNION SELECT email FROM users --"),
        (
            "UNION: the table names",
            "%' UNION SELECT name FROM sqlite_schema WHERE type = 'table' --",
        ),
        ("an apostrophe", "Rust's"),
        ("double quotes", r#"" OR ""=""#),
        ("a backslash", r"\"),
        ("a percent sign", "%"),
        ("an underscore", "_"),
        ("unicode", "Grüße"),
        ("an empty string", ""),
    ]
    .into_iter()
    .map(|(name, input)| (name, input.to_string()))
    .chain([("10,000 characters", "a".repeat(10_000))])
    .collect()
}

/// An input as the snapshot shows it: as typed, or cut short if long.
fn shown(input: &str) -> String {
    if input.chars().count() > 80 {
        format!(
            "{}… ({} characters)",
            input.chars().take(10).collect::<String>(),
            input.chars().count()
        )
    } else {
        format!("[{input}]")
    }
}

fn outcome(result: &Result<Vec<String>, sqlx::Error>) -> String {
    match result {
        Ok(titles) if titles.is_empty() => "no rows".to_string(),
        Ok(titles) => format!("{} row(s): {}", titles.len(), titles.join(" | ")),
        Err(error) => format!("error: {error}"),
    }
}

/// Each table still there, with its number of rows.
async fn tables(pool: &SqlitePool) -> String {
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_schema
         WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY rowid",
    )
    .fetch_all(pool)
    .await
    .expect("the list of tables");
    let mut out = Vec::new();
    for table in names {
        let sql = match table.as_str() {
            "users" => "SELECT count(*) FROM users",
            "posts" => "SELECT count(*) FROM posts",
            "comments" => "SELECT count(*) FROM comments",
            "tags" => "SELECT count(*) FROM tags",
            "post_tags" => "SELECT count(*) FROM post_tags",
            _ => {
                out.push(format!("{table} ?"));
                continue;
            }
        };
        let rows: i64 = sqlx::query_scalar(sql).fetch_one(pool).await.expect("a count");
        out.push(format!("{table} {rows}"));
    }
    out.join(", ")
}

#[tokio::test]
async fn the_pasted_text_rewrites_the_unsafe_search() {
    let mut out = String::new();
    for (name, input) in hostile_inputs() {
        // A throwaway database per input: one of them drops a table.
        let pool = database().await;
        let result = search_titles_unsafe(&pool, AUTHOR, &input).await;
        out += &format!(
            "{name}: {}\n  returned: {}\n  tables after: {}\n",
            shown(&input),
            outcome(&result),
            tables(&pool).await
        );
    }
    snapshot!(
        "unsafe",
        "what search_titles_unsafe returns for each input, on a fresh database each time, and the tables left after it",
        &out,
    );
}

#[tokio::test]
async fn the_bound_text_stays_data() {
    // One database for every input: it must come out as it went in.
    let pool = database().await;
    let before = dump::dump(&pool).await;
    let own_titles: Vec<String> = sqlx::query_scalar("SELECT title FROM posts WHERE user_id = ? ORDER BY id")
        .bind(AUTHOR)
        .fetch_all(&pool)
        .await
        .expect("john_doe's titles");

    // sqlx keeps each connection's prepared statements, one per SQL text:
    // how many the searches add says how many different texts they ran.
    let prepared = || async {
        let conn = pool.acquire().await.expect("the pool's connection");
        conn.cached_statements_size()
    };
    let prepared_before = prepared().await;

    let mut out = String::new();
    for (name, input) in hostile_inputs() {
        let result = search_titles(&pool, AUTHOR, &input).await;
        // Only john_doe's own titles that contain the input itself, letters
        // compared as LIKE compares them: ASCII case is ignored.
        let literal: Vec<String> = own_titles
            .iter()
            .filter(|title| title.to_ascii_lowercase().contains(&input.to_ascii_lowercase()))
            .cloned()
            .collect();
        let verdict = match &result {
            Ok(titles) if *titles == literal => "only the literal matches",
            Ok(_) => "NOT the literal matches",
            Err(_) => "an error",
        };
        out += &format!(
            "{name}: {}\n  returned: {} ({verdict})\n",
            shown(&input),
            outcome(&result)
        );
    }
    let texts = prepared().await - prepared_before;
    let after = dump::dump(&pool).await;
    out += &format!(
        "\ndifferent SQL texts prepared for the {} searches: {texts}\n\
         the database is unchanged: {}\n\n{after}",
        hostile_inputs().len(),
        before == after
    );
    snapshot!(
        "safe",
        "what search_titles returns for each input, all on one database; how many SQL texts it prepared; every table after",
        &out,
    );
}
