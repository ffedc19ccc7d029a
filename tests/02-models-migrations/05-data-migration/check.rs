//! The check for `data-migration`: migration 3 normalizes the emails of
//! existing users, and when it cannot, it changes nothing at all.

use course_support::{db, schema, snapshot};
use data_migration::{MIGRATOR, User, users};
use sqlx::SqlitePool;

/// A fresh in-memory database ([`db::memory`]) at version 2, holding the
/// users that `rows` inserts.
async fn at_version_2(rows: &'static str) -> SqlitePool {
    let pool = db::memory().await;
    MIGRATOR.run_to(2, &pool).await.expect("versions 1 and 2 apply");
    sqlx::raw_sql(rows).execute(&pool).await.expect("the users");
    pool
}

/// The users, one per line, then the applied versions.
async fn report(pool: &SqlitePool) -> String {
    let mut out = String::new();
    for User { id, username, email } in users(pool).await.expect("the users") {
        // `{:?}` puts the email in quotes, so spaces around it show.
        out += &format!("{id} {username} {email:?}\n");
    }
    out + &format!("applied: {:?}\n", schema::applied_versions(pool).await)
}

#[tokio::test]
async fn every_email_is_trimmed_and_lowercased() {
    // Only the emails change: a username keeps its capitals.
    let pool = at_version_2(
        "INSERT INTO users (id, username, email) VALUES
            (1, 'john_doe', '  John@Example.com '),
            (2, 'ada', 'ADA@Example.ORG'),
            (3, 'Grace', 'grace@example.net');",
    )
    .await;
    snapshot!(
        "before",
        "The users at version 2, each email in quotes so that spaces show.",
        &report(&pool).await,
    );

    if let Err(error) = MIGRATOR.run(&pool).await {
        panic!("migration 3 should apply to these users, but: {error}");
    }
    snapshot!(
        "normalized",
        "The users after migration 3: every email trimmed and in lower case.",
        &report(&pool).await,
    );
}

#[tokio::test]
async fn a_collision_undoes_the_whole_migration() {
    // Users 1 and 2 would change without trouble. User 3 would become
    // john@example.com, which user 2 has by then: the UNIQUE constraint fails.
    let pool = at_version_2(
        "INSERT INTO users (id, username, email) VALUES
            (1, 'ada', 'ADA@Example.ORG'),
            (2, 'john_doe', 'John@Example.com'),
            (3, 'johnny', ' john@example.com');",
    )
    .await;
    let before = report(&pool).await;

    let error = match MIGRATOR.run(&pool).await {
        Err(error) => error,
        Ok(()) => panic!("users 2 and 3 would share john@example.com, so migration 3 must fail, but it applied"),
    };
    snapshot!(
        "collision",
        "The error that run returns when two emails would become the same.",
        &error.to_string(),
    );

    let after = report(&pool).await;
    snapshot!(
        "untouched",
        "The users after the failed migration: every row as it was, version 3 not recorded.",
        &after,
    );
    assert!(
        after == before,
        "a failed migration must leave every row as it was, and its version unrecorded"
    );

    // Once the data is fixed by hand, the same migration simply runs again.
    sqlx::query("UPDATE users SET email = 'johnny@example.com' WHERE id = 3")
        .execute(&pool)
        .await
        .expect("a new address for johnny");
    if let Err(error) = MIGRATOR.run(&pool).await {
        panic!("with the collision gone, migration 3 should apply, but: {error}");
    }
    snapshot!(
        "after_fix",
        "The users once johnny's address is fixed and the migration runs again.",
        &report(&pool).await,
    );
}
