//! The check for `pg-queries`: the blog's queries in PostgreSQL's dialect.
//! `insert_post` gives back the stored row with `RETURNING`; `list_posts`
//! pages through the published posts newest first, with authors and comment
//! counts; `tag_post` makes or reuses a tag with `ON CONFLICT`, even when
//! many requests tag at once.

use blog_pg::models::PostSummary;
use blog_pg::posts::{insert_post, list_posts, tag_post};

#[path = "../support/db.rs"]
mod db;

use course_support::snapshot;
use db::at;

/// Three authors and eight posts, one of them unpublished; two posts share
/// a time, so the id decides their order.
const FIXTURES: &str = "
    INSERT INTO users (username, email) VALUES
        ('ada', 'ada@example.com'), ('grace', 'grace@example.com'), ('linus', 'linus@example.com');
    INSERT INTO posts (user_id, title, content, created_at, published) VALUES
        (1, 'Engines', 'On engines.', '2026-03-01 09:00:00+00', true),
        (2, 'Compilers', 'On compilers.', '2026-03-02 09:00:00+00', true),
        (1, 'Notes', 'Some notes.', '2026-03-03 09:00:00+00', true),
        (3, 'Kernels', 'On kernels.', '2026-03-04 09:00:00+00', true),
        (2, 'A draft', 'Not yet.', '2026-03-09 09:00:00+00', false),
        (3, 'Patches', 'On patches.', '2026-03-05 09:00:00+00', true),
        (1, 'Looms', 'On looms.', '2026-03-05 09:00:00+00', true),
        (2, 'Bugs', 'On bugs.', '2026-03-06 09:00:00+00', true);
    INSERT INTO comments (post_id, content, created_at) VALUES
        (1, 'Well put.', '2026-03-01 10:00:00+00'), (1, 'Indeed.', '2026-03-01 11:00:00+00'),
        (7, 'Lovely.', '2026-03-05 10:00:00+00'), (8, 'Ha.', '2026-03-06 10:00:00+00'),
        (5, 'Hidden.', '2026-03-09 10:00:00+00');";

fn lines(page: &[PostSummary]) -> String {
    page.iter()
        .map(|p| {
            format!(
                "{} {:?} by {} at {}, {} comments",
                p.id, p.title, p.author, p.created_at, p.comment_count
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn insert_post_returns_the_stored_row() {
    let Some(test) = db::migrated().await else { return };
    sqlx::raw_sql(FIXTURES).execute(&test.pool).await.expect("the fixtures");
    let post = insert_post(&test.pool, 2, "Debugging", "Found a moth.", at(10, 14))
        .await
        .expect("a post is stored");
    snapshot!(
        "inserted",
        "The row insert_post gives back: the id the server counted out, the defaults it filled in \
         (published, likes, updated_at), and the time given.",
        &format!("{post:#?}")
    );
    let stored = blog_pg::models::find_post(&test.pool, post.id).await.expect("a query");
    assert_eq!(stored.as_ref(), Some(&post), "the row returned is the row stored");
}

#[tokio::test]
async fn list_posts_pages_through_the_published_posts() {
    let Some(test) = db::migrated().await else { return };
    sqlx::raw_sql(FIXTURES).execute(&test.pool).await.expect("the fixtures");
    let mut out = String::new();
    for page in 1..=4 {
        let posts = list_posts(&test.pool, page, 3).await.expect("a page");
        out += &format!("page {page}:\n{}\n", lines(&posts));
    }
    let all = list_posts(&test.pool, 1, 100).await.expect("one long page");
    out += &format!("all on one page:\n{}\n", lines(&all));
    snapshot!(
        "pages",
        "list_posts pages 1 to 4 at 3 posts a page, then every post on one page: published posts only, \
         newest first, the later id first at the same time, with the author and the number of comments.",
        &out
    );
}

#[tokio::test]
async fn list_posts_on_an_empty_blog_is_empty() {
    let Some(test) = db::migrated().await else { return };
    let posts = list_posts(&test.pool, 1, 10).await.expect("a page");
    assert_eq!(posts, [], "no posts, no lines");
}

async fn tags_of(pool: &sqlx::PgPool) -> String {
    let rows: Vec<(String, Vec<i64>)> = sqlx::query_as(
        "SELECT t.name, array_remove(array_agg(pt.post_id ORDER BY pt.post_id), NULL)
         FROM tags t LEFT JOIN post_tags pt ON pt.tag_id = t.id
         GROUP BY t.name ORDER BY t.name",
    )
    .fetch_all(pool)
    .await
    .expect("the tags");
    rows.iter()
        .map(|(name, posts)| format!("tag {name:?} on posts {posts:?}"))
        .collect::<Vec<_>>()
        .join("\n")
}

async fn tag_name(pool: &sqlx::PgPool, id: i64) -> String {
    sqlx::query_scalar("SELECT name FROM tags WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await
        .expect("a tag")
        .unwrap_or_else(|| format!("no tag has id {id}"))
}

#[tokio::test]
async fn tag_post_makes_a_tag_once_and_links_it_once() {
    let Some(test) = db::migrated().await else { return };
    sqlx::raw_sql(FIXTURES).execute(&test.pool).await.expect("the fixtures");
    let mut out = String::new();
    for (post, name) in [
        (1, "history"),
        (2, "  History "),
        (1, "HISTORY"),
        (2, "compilers"),
        (3, "history"),
    ] {
        let id = tag_post(&test.pool, post, name).await.expect("tagged");
        out += &format!(
            "tag_post({post}, {name:?}) -> the id of {:?}\n",
            tag_name(&test.pool, id).await
        );
    }
    out += &tags_of(&test.pool).await;
    snapshot!(
        "tags",
        "Whose id tag_post returns for each call, then every tag with the posts it is on: a name is trimmed \
         and in lowercase, a tag is made once, and a post tagged twice is linked once.",
        &out
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn requests_tagging_at_once_share_one_tag() {
    let Some(test) = db::migrated().await else { return };
    sqlx::raw_sql(FIXTURES).execute(&test.pool).await.expect("the fixtures");
    // Eight requests tag eight posts with the same new tag at once; each
    // has looked for the tag before any of them writes.
    let tasks = (1..=8)
        .map(|post| {
            let pool = test.pool.clone();
            async move { tag_post(&pool, post, "concurrency").await.map_err(|e| e.to_string()) }
        })
        .collect();
    let ids = db::with_writes_held(&test, "LOCK TABLE tags IN SHARE MODE", 8, tasks).await;
    let first = ids[0].clone();
    assert!(
        first.is_ok() && ids.iter().all(|id| id == &first),
        "eight requests at once get the one tag's id, and no error: {ids:?}"
    );
    let links: i64 = sqlx::query_scalar("SELECT count(*) FROM post_tags")
        .fetch_one(&test.pool)
        .await
        .expect("a count");
    assert_eq!(links, 8, "each post linked to the tag");
}
