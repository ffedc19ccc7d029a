//! Demo data for trying the blog and for load tests: `blog seed --posts N`.
//! The data comes from a fixed pseudo-random sequence, so the same N always
//! gives the same users, posts, comments and tags, with the same ids.

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use sqlx::{QueryBuilder, Sqlite, SqlitePool};

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
    pub users: usize,
    pub posts: usize,
    pub comments: usize,
    pub tags: usize,
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
    "sqlite",
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
    "SQLite",
    "async Rust",
    "connection pools",
    "migrations",
    "flash messages",
    "templates",
    "error handling",
    "transactions",
    "indexes",
    "lifetimes",
    "the borrow checker",
    "WAL mode",
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
    "Escaping the user's text was one function and one test.",
    "The pool handed out connections and I stopped thinking about them.",
    "Every page escapes what it shows, so a title cannot become a script.",
    "Next time I will write the migration first.",
];

const COMMENTS: [&str; 10] = [
    "Thanks, this helped.",
    "I had the same problem last week.",
    "Could you share the benchmark?",
    "Nice write-up!",
    "What about PostgreSQL?",
    "This matches what I saw.",
    "I would add an index on that column too.",
    "Great explanation of the trade-offs.",
    "Bookmarked.",
    "Did you try it with more connections?",
];

/// How many rows one INSERT writes (five values each at most, well under
/// SQLite's limit of 32,766 values a statement).
const BATCH: usize = 500;

/// SplitMix64: a tiny pseudo-random generator with a fixed start.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// The first post's time; each next one is about two hours later.
fn start() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2023, 1, 1)
        .and_then(|day| day.and_hms_opt(8, 0, 0))
        .unwrap_or_default()
}

/// Replaces the content of the database with `posts` demo posts and their
/// users, comments and tags, in one transaction. Refuses a database that
/// has posts, unless `force`.
pub async fn seed(pool: &SqlitePool, posts: usize, force: bool) -> Result<SeedReport, SeedError> {
    let existing = sqlx::query_scalar!(r#"SELECT count(*) AS "n!: i64" FROM posts"#)
        .fetch_one(pool)
        .await?;
    if existing > 0 && !force {
        return Err(SeedError::NotEmpty(existing));
    }

    let mut tx = pool.begin().await?;
    // Comments and tag links go with their posts (ON DELETE CASCADE).
    sqlx::query!("DELETE FROM posts").execute(&mut *tx).await?;
    sqlx::query!("DELETE FROM tags").execute(&mut *tx).await?;
    sqlx::query!("DELETE FROM users").execute(&mut *tx).await?;

    for (index, name) in (1_i64..).zip(USERS) {
        let email = format!("{name}@example.com");
        sqlx::query!(
            "INSERT INTO users (id, username, email) VALUES (?, ?, ?)",
            index,
            name,
            email
        )
        .execute(&mut *tx)
        .await?;
    }
    for (index, name) in (1_i64..).zip(TAGS) {
        sqlx::query!("INSERT INTO tags (id, name) VALUES (?, ?)", index, name)
            .execute(&mut *tx)
            .await?;
    }

    // Every row is made first, from the fixed sequence, then written in
    // batches of multi-row INSERTs: far fewer round trips than one per row.
    let mut random = Sequence(0x5EED);
    let mut post_rows = Vec::with_capacity(posts);
    let mut comment_rows = Vec::new();
    let mut tag_rows = Vec::new();
    let mut at = start();
    for id in (1_i64..).take(posts) {
        let user_id = 1 + random.below(USERS.len()) as i64;
        let title = format!("{} {}", random.pick(&OPENERS), random.pick(&SUBJECTS));
        let paragraphs: Vec<String> = (0..1 + random.below(3))
            .map(|_| {
                (0..2 + random.below(3))
                    .map(|_| random.pick(&SENTENCES))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        at += TimeDelta::minutes(90 + random.below(60) as i64);
        post_rows.push((id, user_id, title, paragraphs.join("\n\n"), at));

        for minutes in (1..=random.below(5) as i64).map(|k| k * 17) {
            let comment_id = comment_rows.len() as i64 + 1;
            comment_rows.push((comment_id, id, random.pick(&COMMENTS), at + TimeDelta::minutes(minutes)));
        }

        let mut tagged = Vec::new();
        for _ in 0..random.below(4) {
            let tag_id = 1 + random.below(TAGS.len()) as i64;
            if !tagged.contains(&tag_id) {
                tagged.push(tag_id);
                tag_rows.push((id, tag_id));
            }
        }
    }

    for batch in post_rows.chunks(BATCH) {
        QueryBuilder::<Sqlite>::new("INSERT INTO posts (id, user_id, title, content, created_at) ")
            .push_values(batch, |mut row, (id, user_id, title, content, at)| {
                row.push_bind(*id)
                    .push_bind(*user_id)
                    .push_bind(title.clone())
                    .push_bind(content.clone())
                    .push_bind(*at);
            })
            .build()
            .execute(&mut *tx)
            .await?;
    }
    for batch in comment_rows.chunks(BATCH) {
        QueryBuilder::<Sqlite>::new("INSERT INTO comments (id, post_id, content, created_at) ")
            .push_values(batch, |mut row, (id, post_id, content, at)| {
                row.push_bind(*id)
                    .push_bind(*post_id)
                    .push_bind(*content)
                    .push_bind(*at);
            })
            .build()
            .execute(&mut *tx)
            .await?;
    }
    for batch in tag_rows.chunks(BATCH) {
        QueryBuilder::<Sqlite>::new("INSERT INTO post_tags (post_id, tag_id) ")
            .push_values(batch, |mut row, (post_id, tag_id)| {
                row.push_bind(*post_id).push_bind(*tag_id);
            })
            .build()
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;

    Ok(SeedReport {
        users: USERS.len(),
        posts,
        comments: comment_rows.len(),
        tags: TAGS.len(),
    })
}
