// `RETURNING id` with no override: the query plan does not show that `id` is
// never NULL, and the column is not declared NOT NULL, so sqlx makes it an
// `Option<i64>`, which is not the `i64` the function returns.
#[allow(dead_code)]
async fn add_post(pool: &sqlx::SqlitePool, user_id: i64, title: &str) -> Result<i64, sqlx::Error> {
    let row = sqlx::query!(
        "INSERT INTO posts (user_id, title, content) VALUES (?, ?, '') RETURNING id",
        user_id,
        title
    )
    .fetch_one(pool)
    .await?;
    let id: i64 = row.id;
    Ok(id)
}

fn main() {}
