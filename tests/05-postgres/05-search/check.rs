//! The check for `pg-search`: `titles_containing` matches a fragment of a
//! title in any case and takes `%` and `_` literally; `search_posts` finds
//! published posts by their words, stemmed, with the search box's syntax,
//! best first; the search column is kept by the server and indexed with GIN.

use blog_pg::search::{search_posts, titles_containing};
use course_support::snapshot;

#[path = "../support/db.rs"]
mod db;

const FIXTURES: &str = "
    INSERT INTO users (username, email) VALUES ('ada', 'ada@example.com'), ('grace', 'grace@example.com');
    INSERT INTO posts (user_id, title, content, published, created_at) VALUES
        (1, 'Connection pools', 'A pool keeps connections open between requests.', true, '2026-03-01 09:00:00+00'),
        (2, 'Why SQLite is enough', 'One file, no server: SQLite runs inside the app.', true, '2026-03-02 09:00:00+00'),
        (1, 'Moving to PostgreSQL', 'When many writers run at once, a server pools them better than a file.', true, '2026-03-03 09:00:00+00'),
        (2, '100% uptime', 'Nobody has it. Plan for the server to restart.', true, '2026-03-04 09:00:00+00'),
        (1, 'snake_case names', 'Columns in snake_case read well in SQL and in Rust.', true, '2026-03-05 09:00:00+00'),
        (2, 'Running migrations', 'The app runs its migrations when it starts; one instance at a time.', true, '2026-03-06 09:00:00+00'),
        (1, 'A draft about pools', 'Pools, pools, pools: not ready yet.', false, '2026-03-07 09:00:00+00'),
        (2, 'Caching', 'A cache in front of the database; connection pooling behind it.', true, '2026-03-08 09:00:00+00');";

#[tokio::test]
async fn titles_containing_ignores_case_and_takes_the_fragment_literally() {
    let Some(test) = db::migrated().await else { return };
    sqlx::raw_sql(FIXTURES).execute(&test.pool).await.expect("the fixtures");
    let mut out = Vec::new();
    for fragment in ["sql", "POOL", "100%", "%", "_", "e_c", "", "nothing like it"] {
        let found = titles_containing(&test.pool, fragment).await.expect("a search");
        out.push(format!("{fragment:?} -> {found:?}"));
    }
    snapshot!(
        "titles",
        "titles_containing for each fragment: the ids and titles found, by id. Case does not matter; % and _ \
         are characters like the others.",
        &out.join("\n")
    );
}

#[tokio::test]
async fn search_posts_ranks_what_it_finds() {
    let Some(test) = db::migrated().await else { return };
    sqlx::raw_sql(FIXTURES).execute(&test.pool).await.expect("the fixtures");
    let mut out = String::new();
    for query in [
        "pool",
        "pooling",
        "server",
        "\"connection pool\"",
        "sqlite or postgresql",
        "server -sqlite",
        "run",
        "the",
        "",
        "nothing here",
    ] {
        let hits = search_posts(&test.pool, query, 10).await.expect("a search");
        out += &format!("{query:?}:\n");
        for hit in hits {
            out += &format!("  {:.4} {} {:?}\n", hit.rank, hit.id, hit.title);
        }
    }
    let two = search_posts(&test.pool, "pool", 2).await.expect("a search");
    out += &format!(
        "\"pool\", at most 2: {:?}\n",
        two.iter().map(|h| h.id).collect::<Vec<_>>()
    );
    snapshot!(
        "search",
        "search_posts for each query, at most 10 hits: rank, id and title, best first, the later id first \
         among equal ranks. Words are stemmed (pooling finds pool), a title weighs more than the content, \
         drafts are not found, and the search box's syntax works: \"a phrase\", or, -word.",
        &out
    );
}

#[tokio::test]
async fn the_search_column_is_generated_and_indexed() {
    let Some(test) = db::migrated().await else { return };
    sqlx::raw_sql(FIXTURES).execute(&test.pool).await.expect("the fixtures");
    let column: Option<(String, String)> = sqlx::query_as(
        "SELECT data_type::text, is_generated::text FROM information_schema.columns
         WHERE table_name = 'posts' AND column_name = 'search'",
    )
    .fetch_optional(&test.pool)
    .await
    .expect("the column");
    assert_eq!(
        column,
        Some(("tsvector".to_string(), "ALWAYS".to_string())),
        "posts.search is a tsvector column GENERATED ALWAYS AS (…) STORED"
    );

    // An edit changes what is found: the server computes the column again.
    sqlx::query("UPDATE posts SET title = 'Replicas' WHERE id = 1")
        .execute(&test.pool)
        .await
        .expect("an edit");
    let found: Vec<i64> = search_posts(&test.pool, "replica", 10)
        .await
        .expect("a search")
        .iter()
        .map(|hit| hit.id)
        .collect();
    assert_eq!(found, [1], "an edited title is found by its new words");

    // With sequential scans discouraged, the planner shows whether an index
    // can answer a full-text match on the column.
    let mut conn = test.pool.acquire().await.expect("a connection");
    sqlx::query("SET enable_seqscan = off")
        .execute(&mut *conn)
        .await
        .expect("set");
    let plan: Vec<String> =
        sqlx::query_scalar("EXPLAIN SELECT id FROM posts WHERE search @@ websearch_to_tsquery('english', 'pool')")
            .fetch_all(&mut *conn)
            .await
            .expect("a plan");
    let plan = plan.join("\n");
    assert!(
        plan.contains("Index Scan on posts_search"),
        "a GIN index named posts_search on posts (search) answers the match:\n{plan}"
    );
}
