//! The check for `pg-lost-update`: requests at once must not undo each
//! other. To make the race happen every time rather than now and then, the
//! check holds a lock on `posts` that lets reads through and stops writes,
//! until every request is waiting: each has read what it reads before any
//! of them writes.

use blog_pg::concurrent::{QuotaError, like_post, publish_within_quota};

#[path = "../support/db.rs"]
mod db;

use course_support::snapshot;
use db::at;

const FIXTURES: &str = "
    INSERT INTO users (username, email) VALUES ('ada', 'ada@example.com'), ('grace', 'grace@example.com');
    INSERT INTO posts (user_id, title, content, created_at) VALUES
        (1, 'Engines', 'On engines.', '2026-03-01 09:00:00+00'),
        (2, 'Compilers', 'On compilers.', '2026-03-02 09:00:00+00');";

async fn likes(pool: &sqlx::PgPool, id: i64) -> i64 {
    sqlx::query_scalar("SELECT likes FROM posts WHERE id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
        .expect("the likes")
}

#[tokio::test]
async fn like_post_counts_one_like_at_a_time() {
    let Some(test) = db::migrated().await else { return };
    sqlx::raw_sql(FIXTURES).execute(&test.pool).await.expect("the fixtures");
    let mut out = Vec::new();
    for id in [1, 1, 2, 1, 99] {
        out.push(format!(
            "like_post({id}) -> {:?}",
            like_post(&test.pool, id).await.expect("a like")
        ));
    }
    out.push(format!(
        "likes now: post 1 {}, post 2 {}",
        likes(&test.pool, 1).await,
        likes(&test.pool, 2).await
    ));
    snapshot!(
        "likes",
        "like_post called one after the other: each call gives back the post's likes after it, and None for a \
         post that does not exist.",
        &out.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn ten_likes_at_once_are_ten_likes() {
    let Some(test) = db::migrated().await else { return };
    sqlx::raw_sql(FIXTURES).execute(&test.pool).await.expect("the fixtures");
    let tasks = (0..10)
        .map(|_| {
            let pool = test.pool.clone();
            async move { like_post(&pool, 1).await.map_err(|e| e.to_string()) }
        })
        .collect();
    let mut returned = db::with_writes_held(&test, "LOCK TABLE posts IN SHARE MODE", 10, tasks).await;
    returned.sort();
    let now = likes(&test.pool, 1).await;
    snapshot!(
        "likes_at_once",
        "Ten requests liking post 1 at once: the likes each call gave back, sorted, then the likes the post \
         has after them. None of the ten may be lost.",
        &format!("{returned:?}\nlikes now: {now}")
    );
}

fn outcome(result: &Result<blog_pg::models::Post, QuotaError>) -> String {
    match result {
        Ok(post) => format!("published {:?} at {}", post.title, post.created_at),
        Err(QuotaError::Reached(quota)) => format!("refused: the quota of {quota} is reached"),
        Err(QuotaError::Database(e)) => format!("failed: {e}"),
    }
}

#[tokio::test]
async fn the_quota_counts_the_last_24_hours_of_one_author() {
    let Some(test) = db::migrated().await else { return };
    sqlx::raw_sql(FIXTURES).execute(&test.pool).await.expect("the fixtures");
    let mut out = Vec::new();
    // Ada's post of March 1st, 09:00 counts until March 2nd, 09:00.
    for (title, day, hour) in [
        ("One", 1, 20),
        ("Two", 2, 8),
        ("Three", 2, 9),
        ("Four", 2, 10),
        ("Five", 2, 21),
    ] {
        let result = publish_within_quota(&test.pool, 1, title, "Text.", at(day, hour), 2).await;
        out.push(format!("ada, {title}, March {day} {hour}:00: {}", outcome(&result)));
    }
    let result = publish_within_quota(&test.pool, 2, "Grace's", "Text.", at(2, 10), 2).await;
    out.push(format!("grace, March 2 10:00: {}", outcome(&result)));
    snapshot!(
        "quota",
        "publish_within_quota with a quota of 2 posts in 24 hours, one call after the other: Ada already has \
         a post at March 1st 09:00; Grace's posts are counted apart from Ada's.",
        &out.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn eight_posts_at_once_stay_within_the_quota() {
    let Some(test) = db::migrated().await else { return };
    sqlx::raw_sql(FIXTURES).execute(&test.pool).await.expect("the fixtures");
    let tasks = (0..8)
        .map(|n| {
            let pool = test.pool.clone();
            async move {
                outcome(&publish_within_quota(&pool, 2, &format!("Post {n}"), "Text.", at(3, 12), 3).await)
                    .split(" \"")
                    .next()
                    .unwrap_or_default()
                    .to_string()
            }
        })
        .collect();
    let mut outcomes = db::with_writes_held(&test, "LOCK TABLE posts IN SHARE MODE", 8, tasks).await;
    outcomes.sort();
    let posts: i64 = sqlx::query_scalar("SELECT count(*) FROM posts WHERE user_id = 2")
        .fetch_one(&test.pool)
        .await
        .expect("a count");
    snapshot!(
        "quota_at_once",
        "Eight requests from Grace at once, on March 3rd at noon, with a quota of 3: what each request got, \
         sorted, then how many posts she has (one of them from March 2nd, out of the 24 hours). Never more \
         than the quota.",
        &format!("{}\nposts by grace now: {posts}", outcomes.join("\n"))
    );
}
