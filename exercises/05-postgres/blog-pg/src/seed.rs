//! Demo data for trying the server and for load tests: `blog-pg seed
//! --posts N`. Given: the steps do not use it.
//!
//! The server makes the rows itself: one `INSERT … SELECT` a table, the
//! posts from `generate_series(1, N)`, so a million posts are one statement
//! and one round trip, not a million. Each value comes from the row's number
//! by plain arithmetic, so the same N always gives the same data.

use sqlx::PgPool;

/// Why seeding did not happen.
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("the database already has {0} posts: pass --force to replace everything in it")]
    NotEmpty(i64),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeedReport {
    pub users: i64,
    pub posts: i64,
    pub comments: i64,
    pub tags: i64,
}

impl std::fmt::Display for SeedReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} users, {} posts, {} comments, {} tags",
            self.users, self.posts, self.comments, self.tags
        )
    }
}

const USERS: [&str; 8] = [
    "ada", "grace", "linus", "barbara", "ken", "margaret", "dennis", "john_doe",
];

const TAGS: [&str; 12] = [
    "rust",
    "postgresql",
    "web",
    "flask",
    "python",
    "databases",
    "async",
    "testing",
    "performance",
    "design",
    "tools",
    "notes",
];

const OPENERS: [&str; 10] = [
    "Notes on",
    "A week with",
    "Why I like",
    "Getting started with",
    "Lessons from",
    "Thoughts on",
    "Debugging",
    "Five facts about",
    "The trouble with",
    "A short guide to",
];

const SUBJECTS: [&str; 16] = [
    "PostgreSQL",
    "async Rust",
    "connection pools",
    "migrations",
    "full-text search",
    "templates",
    "error handling",
    "transactions",
    "indexes",
    "lifetimes",
    "the borrow checker",
    "row locks",
    "Flask",
    "axum",
    "sqlx",
    "pagination",
];

const SENTENCES: [&str; 12] = [
    "I started with a small example and kept it running while I changed one thing at a time.",
    "The compiler pointed at the line before I had even run the program.",
    "Most of the work was reading the error message slowly.",
    "A transaction made the two writes one, which was the whole point.",
    "The query was fast once the index matched the ORDER BY.",
    "Tests on a fresh database each time kept the results honest.",
    "I measured before and after, and the numbers surprised me.",
    "The Flask version was shorter; the Rust version told me more about what could fail.",
    "The server refused the bad row and named the constraint it broke.",
    "The pool handed out connections and I stopped thinking about them.",
    "Two requests at once taught me more than a hundred one after the other.",
    "Next time I will write the migration first.",
];

const COMMENTS: [&str; 10] = [
    "Thanks, this helped.",
    "I had the same problem last week.",
    "Could you share the benchmark?",
    "Nice write-up!",
    "What about SQLite?",
    "This matches what I saw.",
    "I would add an index on that column too.",
    "Great explanation of the trade-offs.",
    "Bookmarked.",
    "Did you try it with more connections?",
];

/// Replaces the content of the database with `posts` demo posts and their
/// users, comments and tags, in one transaction, then vacuums and analyzes
/// it. Refuses a database that has posts, unless `force`.
pub async fn seed(pool: &PgPool, posts: i64, force: bool) -> Result<SeedReport, SeedError> {
    let existing: i64 = sqlx::query_scalar("SELECT count(*) FROM posts").fetch_one(pool).await?;
    if existing > 0 && !force {
        return Err(SeedError::NotEmpty(existing));
    }
    let mut tx = pool.begin().await?;
    // RESTART IDENTITY: the ids start again at 1, so the posts are 1 to N.
    sqlx::query("TRUNCATE users, posts, comments, tags, post_tags RESTART IDENTITY")
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO users (username, email) SELECT name, name || '@example.com' FROM unnest($1::text[]) AS name",
    )
    .bind(&USERS[..])
    .execute(&mut *tx)
    .await?;
    sqlx::query("INSERT INTO tags (name) SELECT unnest($1::text[])")
        .bind(&TAGS[..])
        .execute(&mut *tx)
        .await?;
    // Post i: author 1 + i % 8, a title of an opener and a subject, two to
    // six sentences, about two hours after post i - 1.
    sqlx::query(
        "INSERT INTO posts (user_id, title, content, created_at)
         SELECT 1 + i % $2,
                ($3::text[])[1 + i * 7 % cardinality($3)] || ' ' || ($4::text[])[1 + i * 11 % cardinality($4)],
                (SELECT string_agg(($5::text[])[1 + (i * 7 + k * 5) % cardinality($5)], ' ')
                 FROM generate_series(1, 2 + i % 5) AS k),
                timestamptz '2023-01-01 08:00:00+00' + i * interval '2 hours' + i % 7 * interval '9 minutes'
         FROM generate_series(1, $1::bigint) AS i",
    )
    .bind(posts)
    .bind(USERS.len() as i64)
    .bind(&OPENERS[..])
    .bind(&SUBJECTS[..])
    .bind(&SENTENCES[..])
    .execute(&mut *tx)
    .await?;
    // Zero to four comments a post, 17 minutes apart.
    let comments = sqlx::query(
        "INSERT INTO comments (post_id, content, created_at)
         SELECT p.id, ($1::text[])[1 + (p.id + k) % cardinality($1)], p.created_at + k * interval '17 minutes'
         FROM posts p CROSS JOIN LATERAL generate_series(1, p.id * 3 % 5) AS k",
    )
    .bind(&COMMENTS[..])
    .execute(&mut *tx)
    .await?
    .rows_affected();
    // Zero to three tags a post, never the same one twice: the steps of 7
    // over 12 tags land on three different ones.
    sqlx::query(
        "INSERT INTO post_tags (post_id, tag_id)
         SELECT p.id, 1 + (p.id * 5 + k * 7) % $1 FROM posts p CROSS JOIN LATERAL generate_series(1, p.id % 4) AS k",
    )
    .bind(TAGS.len() as i64)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    // Fresh statistics, so that the first queries are planned for N rows,
    // and the new rows marked visible to all, as a settled database's are:
    // a measurement then starts from the state a live blog is in, and the
    // server's own vacuum does not start in the middle of it.
    sqlx::query("VACUUM ANALYZE").execute(pool).await?;
    Ok(SeedReport {
        users: USERS.len() as i64,
        posts,
        comments: comments as i64,
        tags: TAGS.len() as i64,
    })
}
