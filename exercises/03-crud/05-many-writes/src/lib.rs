//! Writes that belong together: a post, its tags and the links between them,
//! kept all together or not at all.

use sqlx::SqlitePool;

// ANCHOR: models
/// A post to write: its title and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPost {
    pub title: String,
    pub content: String,
}
// ANCHOR_END: models

// ANCHOR: create_post_with_tags
/// Writes a post by `author_id`, each tag of `tags` (reusing a tag that
/// exists) and a link from the post to each tag: all of them, or nothing.
/// Returns the new post's id.
pub async fn create_post_with_tags(
    pool: &SqlitePool,
    author_id: i64,
    post: &NewPost,
    tags: &[&str],
) -> Result<i64, sqlx::Error> {
    // TODO: every statement below runs on the pool, and each is kept as soon
    // as it runs: a tag that fails leaves the post, the tags before it and
    // their links behind. Run them all in one transaction instead.
    let post_id = sqlx::query_scalar!(
        r#"INSERT INTO posts (user_id, title, content) VALUES (?, ?, ?) RETURNING id AS "id!""#,
        author_id,
        post.title,
        post.content
    )
    .fetch_one(pool)
    .await?;
    for name in tags {
        // A new name is inserted. A known one conflicts with the UNIQUE
        // name, and DO UPDATE writes that same name back: a real write of
        // the row (it counts as a change and fires UPDATE triggers) that
        // leaves every value as it was, and lets RETURNING give back the id
        // the tag already has. DO NOTHING would return no row at all.
        let tag_id = sqlx::query_scalar!(
            r#"INSERT INTO tags (name) VALUES (?)
               ON CONFLICT (name) DO UPDATE SET name = excluded.name
               RETURNING id AS "id!""#,
            name
        )
        .fetch_one(pool)
        .await?;
        // A tag named twice is linked once.
        sqlx::query!(
            "INSERT INTO post_tags (post_id, tag_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
            post_id,
            tag_id
        )
        .execute(pool)
        .await?;
    }
    Ok(post_id)
}
// ANCHOR_END: create_post_with_tags
