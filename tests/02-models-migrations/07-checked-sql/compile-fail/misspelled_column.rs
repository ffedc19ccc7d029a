// A misspelled column in a checked query: sqlx asks the schema database while
// the crate compiles, and the compiler reports SQLite's answer.
#[allow(dead_code)]
async fn usernames(pool: &sqlx::SqlitePool) -> Result<Vec<String>, sqlx::Error> {
    let rows = sqlx::query!("SELECT usernme FROM users").fetch_all(pool).await?;
    Ok(rows.into_iter().map(|row| row.usernme).collect())
}

fn main() {}
