// A struct whose field type does not match the column: `users.id` is an
// INTEGER, so it cannot fill a `String`.
#[allow(dead_code)]
struct User {
    id: String,
    username: String,
}

#[allow(dead_code)]
async fn first_user(pool: &sqlx::SqlitePool) -> Result<User, sqlx::Error> {
    sqlx::query_as!(User, "SELECT id, username FROM users LIMIT 1")
        .fetch_one(pool)
        .await
}

fn main() {}
