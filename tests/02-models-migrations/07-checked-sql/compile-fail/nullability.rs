// The types that sqlx infers for some columns on this schema, as the page's
// table lists them. Each value is given to a `()`, so the compiler names
// every column's type in its error.
#[allow(dead_code)]
async fn types(pool: &sqlx::SqlitePool) -> Result<(), sqlx::Error> {
    let row = sqlx::query!("SELECT username FROM users").fetch_one(pool).await?;
    let _: () = row.username;
    let row = sqlx::query!("SELECT count(*) AS n FROM users").fetch_one(pool).await?;
    let _: () = row.n;
    let row = sqlx::query!("SELECT max(id) AS m FROM users").fetch_one(pool).await?;
    let _: () = row.m;
    let row = sqlx::query!("SELECT id + 1 AS next FROM users").fetch_one(pool).await?;
    let _: () = row.next;
    let row = sqlx::query!("SELECT p.title FROM users u LEFT JOIN posts p ON p.user_id = u.id")
        .fetch_one(pool)
        .await?;
    let _: () = row.title;
    let row = sqlx::query!("INSERT INTO posts (user_id, title, content) VALUES (1, 'a', 'b') RETURNING id")
        .fetch_one(pool)
        .await?;
    let _: () = row.id;
    Ok(())
}

fn main() {}
