//! The check for `pg-schema`: the blog's tables in PostgreSQL's dialect
//! (identity keys, TEXT with CHECKs, real booleans, TIMESTAMPTZ), read back
//! from the server's catalog and tried with rows it must accept or refuse;
//! `connect` opens a pool with its limits and migrates, once, even when
//! several instances start at the same time.

use blog_pg::db::{ACQUIRE_TIMEOUT, IDLE_TIMEOUT, MAX_CONNECTIONS, connect};
use blog_pg::models::{find_post, find_user};

#[path = "../support/db.rs"]
mod db;

use course_support::snapshot;
use db::{at, sqlstate};

/// The tables of steps 1 to 4 as the catalog describes them: columns with
/// their types, nullability, defaults and identity; keys, foreign keys and
/// indexes. CHECKs are tried with rows instead, since they can be written
/// in many equal ways.
async fn describe(pool: &sqlx::PgPool) -> String {
    let columns: Vec<(String, String, String, String, Option<String>, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text,
                column_default::text, coalesce(identity_generation::text, '')
         FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name IN ('users', 'posts', 'comments', 'tags', 'post_tags')
           AND column_name <> 'search'
         ORDER BY table_name, ordinal_position",
    )
    .fetch_all(pool)
    .await
    .expect("the columns");
    let constraints: Vec<(String, String)> = sqlx::query_as(
        "SELECT c.conrelid::regclass::text, pg_get_constraintdef(c.oid)
         FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
         WHERE n.nspname = 'public' AND c.contype IN ('p', 'u', 'f')
         ORDER BY 1, 2",
    )
    .fetch_all(pool)
    .await
    .expect("the constraints");
    let indexes: Vec<(String, String)> = sqlx::query_as(
        "SELECT tablename::text, indexname::text || substring(indexdef from ' USING .*')
         FROM pg_indexes WHERE schemaname = 'public' AND indexname <> 'posts_search'
         ORDER BY 1, 2",
    )
    .fetch_all(pool)
    .await
    .expect("the indexes");

    let mut tables: Vec<String> = columns.iter().map(|c| c.0.clone()).collect();
    tables.dedup();
    let mut out = String::new();
    for table in tables {
        out += &format!("table {table}\n");
        for (_, column, kind, nullable, default, identity) in columns.iter().filter(|c| c.0 == table) {
            let mut line = format!("  {column} {kind}");
            if nullable == "NO" {
                line += " NOT NULL";
            }
            if !identity.is_empty() {
                line += &format!(" GENERATED {identity} AS IDENTITY");
            }
            if let Some(default) = default {
                line += &format!(" DEFAULT {default}");
            }
            out += &format!("{line}\n");
        }
        for (_, def) in constraints.iter().filter(|(t, _)| *t == table) {
            out += &format!("  {def}\n");
        }
        for (_, def) in indexes.iter().filter(|(t, _)| *t == table) {
            out += &format!("  index {def}\n");
        }
    }
    out
}

#[tokio::test]
async fn the_tables_have_postgresql_types() {
    let Some(test) = db::migrated().await else { return };
    snapshot!(
        "schema",
        "The blog's tables as the server's catalog lists them: each column's type, NOT NULL, identity and \
         default, then the keys, foreign keys and indexes of each table.",
        &describe(&test.pool).await,
    );
}

/// Runs `sql` in a transaction that is rolled back, so each try starts
/// from the same rows.
async fn attempt(pool: &sqlx::PgPool, sql: &'static str) -> String {
    let mut tx = pool.begin().await.expect("a transaction");
    let result = sqlx::raw_sql(sql)
        .execute(&mut *tx)
        .await
        .map(|done| format!("{} row", done.rows_affected()));
    let said = sqlstate(result);
    tx.rollback().await.expect("rolled back");
    said
}

const ADA: &str = "INSERT INTO users (username, email) VALUES ('ada', 'ada@example.com');
    INSERT INTO posts (user_id, title, content, created_at) VALUES (1, 'Engines', 'On engines.', '2026-03-01 10:00:00+00');
    INSERT INTO comments (post_id, content, created_at) VALUES (1, 'Well put.', '2026-03-01 11:00:00+00');
    INSERT INTO tags (name) VALUES ('maths');
    INSERT INTO post_tags (post_id, tag_id) VALUES (1, 1);";

#[tokio::test]
async fn the_server_accepts_good_rows_and_refuses_bad_ones() {
    let Some(test) = db::migrated().await else { return };
    sqlx::raw_sql(ADA)
        .execute(&test.pool)
        .await
        .expect("good rows are accepted");
    let cases: [(&str, &'static str); 16] = [
        (
            "a user",
            "INSERT INTO users (username, email) VALUES ('grace_1906', 'grace@example.com')",
        ),
        (
            "a username of 30 characters",
            "INSERT INTO users (username, email) VALUES ('abcdefghijklmnopqrstuvwxyz1234', 'g@x.org')",
        ),
        (
            "a username of 31 characters",
            "INSERT INTO users (username, email) VALUES ('abcdefghijklmnopqrstuvwxyz12345', 'g@x.org')",
        ),
        (
            "an empty username",
            "INSERT INTO users (username, email) VALUES ('', 'g@x.org')",
        ),
        (
            "a username with a capital",
            "INSERT INTO users (username, email) VALUES ('Grace', 'g@x.org')",
        ),
        (
            "a username with a space",
            "INSERT INTO users (username, email) VALUES ('grace h', 'g@x.org')",
        ),
        (
            "a taken username",
            "INSERT INTO users (username, email) VALUES ('ada', 'other@example.com')",
        ),
        (
            "a taken email",
            "INSERT INTO users (username, email) VALUES ('other', 'ada@example.com')",
        ),
        (
            "an email of 2 characters",
            "INSERT INTO users (username, email) VALUES ('other', 'a@')",
        ),
        (
            "an id chosen by the app",
            "INSERT INTO users (id, username, email) VALUES (7, 'other', 'o@x.org')",
        ),
        (
            "a post by nobody",
            "INSERT INTO posts (user_id, title, content) VALUES (99, 'T', 'C')",
        ),
        (
            "an empty title",
            "INSERT INTO posts (user_id, title, content) VALUES (1, '', 'C')",
        ),
        (
            "negative likes",
            "INSERT INTO posts (user_id, title, content, likes) VALUES (1, 'T', 'C', -1)",
        ),
        (
            "a comment on no post",
            "INSERT INTO comments (post_id, content) VALUES (99, 'Hello')",
        ),
        (
            "a tag of 31 characters",
            "INSERT INTO tags (name) VALUES ('abcdefghijklmnopqrstuvwxyz12345')",
        ),
        (
            "the same tag twice on a post",
            "INSERT INTO post_tags (post_id, tag_id) VALUES (1, 1)",
        ),
    ];
    let mut lines = Vec::new();
    for (what, sql) in cases {
        lines.push(format!("{what}: {}", attempt(&test.pool, sql).await));
    }
    snapshot!(
        "refused",
        "Each row tried against the schema, alone and rolled back after: accepted (with the number of rows \
         written) or refused, with the SQLSTATE and the constraint the server names.",
        &lines.join("\n"),
    );
}

#[tokio::test]
async fn defaults_are_filled_in_and_deletes_cascade() {
    let Some(test) = db::migrated().await else { return };
    sqlx::raw_sql(ADA).execute(&test.pool).await.expect("the rows");
    let (published, likes, recent, updated): (bool, i64, bool, Option<chrono::DateTime<chrono::Utc>>) = sqlx::query_as(
        "INSERT INTO posts (user_id, title, content) VALUES (1, 'Notes', 'Some notes.')
             RETURNING published, likes, created_at > now() - interval '1 minute', updated_at",
    )
    .fetch_one(&test.pool)
    .await
    .expect("a post with its defaults");
    assert!(published, "a new post is published unless said otherwise");
    assert_eq!(likes, 0, "a new post has no likes");
    assert!(recent, "created_at defaults to the time of the insert");
    assert_eq!(updated, None, "updated_at stays empty until an edit");

    sqlx::query("DELETE FROM users WHERE username = 'ada'")
        .execute(&test.pool)
        .await
        .expect("a user deleted");
    let left: (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM posts), (SELECT count(*) FROM comments),
                (SELECT count(*) FROM post_tags), (SELECT count(*) FROM tags)",
    )
    .fetch_one(&test.pool)
    .await
    .expect("counts");
    assert_eq!(
        left,
        (0, 0, 0, 1),
        "deleting a user deletes their posts, the posts' comments and tag links, and keeps the tags"
    );
}

#[tokio::test]
async fn the_models_read_the_rows() {
    let Some(test) = db::migrated().await else { return };
    sqlx::raw_sql(ADA).execute(&test.pool).await.expect("the rows");
    let user = find_user(&test.pool, "ada").await.expect("a query");
    let post = find_post(&test.pool, 1).await.expect("a query");
    let missing = find_post(&test.pool, 2).await.expect("a query");
    snapshot!(
        "models",
        "The given lookups reading a user and a post back: the types of the columns must be those the \
         structs hold (BIGINT as i64, BOOLEAN as bool, TIMESTAMPTZ as a UTC time).",
        &format!("{user:#?}\n{post:#?}\n{missing:?}"),
    );
    assert_eq!(
        post.map(|p| p.created_at),
        Some(at(1, 10)),
        "the time written is the time read back"
    );
}

#[tokio::test]
async fn connect_sets_the_pool_up_and_migrates_once() {
    let Some(test) = db::empty().await else { return };
    // Three instances of the app starting at once on a new database: sqlx's
    // migrator takes an advisory lock on the server, so one migrates and
    // the others wait, then find nothing left to do.
    let tasks: Vec<_> = (0..3).map(|_| tokio::spawn(connect_to(test.url.clone()))).collect();
    let mut pools = Vec::new();
    for task in tasks {
        pools.push(
            task.await
                .expect("the task ends")
                .expect("connect migrates a new database"),
        );
    }
    let options = pools[0].options();
    assert_eq!(
        (
            options.get_max_connections(),
            options.get_acquire_timeout(),
            options.get_idle_timeout()
        ),
        (MAX_CONNECTIONS, ACQUIRE_TIMEOUT, Some(IDLE_TIMEOUT)),
        "the pool's limits: MAX_CONNECTIONS, ACQUIRE_TIMEOUT and IDLE_TIMEOUT"
    );
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE '\\_sqlx%'
         ORDER BY 1",
    )
    .fetch_all(&pools[0])
    .await
    .expect("the tables");
    assert_eq!(tables, ["comments", "post_tags", "posts", "tags", "users"]);
    let versions: Vec<i64> = sqlx::query_scalar("SELECT version FROM _sqlx_migrations ORDER BY version")
        .fetch_all(&test.pool)
        .await
        .expect("the applied migrations");
    assert_eq!(versions, [1, 2, 3, 4, 5], "each migration applied once");
    for pool in pools {
        pool.close().await;
    }
}

async fn connect_to(url: String) -> Result<sqlx::PgPool, sqlx::Error> {
    connect(&url).await
}
