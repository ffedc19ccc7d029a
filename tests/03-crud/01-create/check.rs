//! The check for `create`: a new row comes back from its `INSERT … RETURNING`
//! as stored, and every refused create is a typed error that stored nothing.

use create::{CreatePostError, CreateUserError, NewPost, NewUser, Post, User, create_post, create_user};
use sqlx::sqlite::SqlitePoolOptions;
use sqlx::{Row, SqlitePool};

/// A fresh in-memory database with the crate's migrations and no rows.
/// One connection, since each in-memory connection is a database of its own.
async fn database() -> SqlitePool {
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect("sqlite::memory:")
        .await
        .expect("an in-memory database");
    sqlx::migrate!().run(&pool).await.expect("the migrations apply");
    pool
}

fn new_user(username: &str, email: &str) -> NewUser {
    NewUser {
        username: username.to_string(),
        email: email.to_string(),
    }
}

fn new_post(title: &str, content: &str) -> NewPost {
    NewPost {
        title: title.to_string(),
        content: content.to_string(),
    }
}

/// Every user and every post in the database, one line each.
async fn stored(pool: &SqlitePool) -> String {
    let mut out = String::from("users\n");
    for row in sqlx::query("SELECT id, username, email FROM users ORDER BY id")
        .fetch_all(pool)
        .await
        .expect("the users")
    {
        let (id, username, email): (i64, String, String) = (row.get(0), row.get(1), row.get(2));
        out += &format!("  #{id} {username} <{email}>\n");
    }
    out += "posts\n";
    for row in sqlx::query("SELECT id, title, user_id FROM posts ORDER BY id")
        .fetch_all(pool)
        .await
        .expect("the posts")
    {
        let (id, title, user_id): (i64, String, i64) = (row.get(0), row.get(1), row.get(2));
        out += &format!("  #{id} {title:?} by user #{user_id}\n");
    }
    out
}

/// A time as SQLite's `strftime('%Y-%m-%d %H:%M:%S', 'now')` writes it.
fn is_timestamp(text: &str) -> bool {
    text.len() == 19
        && text.char_indices().all(|(at, c)| match at {
            4 | 7 => c == '-',
            10 => c == ' ',
            13 | 16 => c == ':',
            _ => c.is_ascii_digit(),
        })
}

#[tokio::test]
async fn new_rows_come_back_from_returning() {
    let pool = database().await;
    let john = create_user(&pool, &new_user("john_doe", "john@example.com"))
        .await
        .expect("a valid user");
    let ada = create_user(&pool, &new_user("ada", "ada@example.org"))
        .await
        .expect("a valid user");
    let first = create_post(&pool, john.id, &new_post("First Post", "Hello World!"))
        .await
        .expect("a valid post");
    let notes = create_post(&pool, ada.id, &new_post("Notes on engines", "The analytical one."))
        .await
        .expect("a valid post");

    // What came back is what was stored, `created_at` included.
    for user in [&john, &ada] {
        let row = sqlx::query("SELECT username, email FROM users WHERE id = ?")
            .bind(user.id)
            .fetch_one(&pool)
            .await
            .expect("the returned id is stored");
        assert_eq!(
            (row.get::<String, _>(0), row.get::<String, _>(1)),
            (user.username.clone(), user.email.clone())
        );
    }
    let mut posts = Vec::new();
    for post in [first, notes] {
        let row = sqlx::query("SELECT title, content, user_id, created_at FROM posts WHERE id = ?")
            .bind(post.id)
            .fetch_one(&pool)
            .await
            .expect("the returned id is stored");
        let stored: (String, String, i64, String) = (row.get(0), row.get(1), row.get(2), row.get(3));
        assert_eq!(
            stored,
            (
                post.title.clone(),
                post.content.clone(),
                post.user_id,
                post.created_at.clone()
            ),
            "the post that came back differs from the one stored"
        );
        assert!(
            is_timestamp(&post.created_at),
            "created_at should be a time, not {:?}",
            post.created_at
        );
        // The time changes with every run: the snapshot shows where it came from.
        posts.push(Post {
            created_at: "(now, set by the database)".to_string(),
            ..post
        });
    }

    let users: Vec<User> = vec![john, ada];
    insta::assert_debug_snapshot!("created", (users, posts));
}

fn user_outcome(result: Result<User, CreateUserError>) -> String {
    match result {
        Ok(user) => format!("created #{}", user.id),
        Err(error) => {
            let variant = match &error {
                CreateUserError::UsernameTaken(_) => "UsernameTaken",
                CreateUserError::EmailTaken(_) => "EmailTaken",
                CreateUserError::Invalid { .. } => "Invalid",
                CreateUserError::Database(_) => "Database",
            };
            format!("{variant}: {error}")
        }
    }
}

fn post_outcome(result: Result<Post, CreatePostError>) -> String {
    match result {
        Ok(post) => format!("created #{}", post.id),
        Err(error) => {
            let variant = match &error {
                CreatePostError::UnknownAuthor(_) => "UnknownAuthor",
                CreatePostError::Invalid { .. } => "Invalid",
                CreatePostError::Database(_) => "Database",
            };
            format!("{variant}: {error}")
        }
    }
}

#[tokio::test]
async fn refused_creates_are_typed_errors_and_store_nothing() {
    let pool = database().await;
    let john = create_user(&pool, &new_user("john_doe", "john@example.com"))
        .await
        .expect("a valid user");
    create_user(&pool, &new_user("ada", "ada@example.org"))
        .await
        .expect("a valid user");
    create_post(&pool, john.id, &new_post("First Post", "Hello World!"))
        .await
        .expect("a valid post");

    let long_name = "x".repeat(81);
    let long_email = format!("{}@example.com", "n".repeat(120));
    let users = [
        (
            "\"john_doe\" <other@example.com>",
            new_user("john_doe", "other@example.com"),
        ),
        ("\"johnny\" <john@example.com>", new_user("johnny", "john@example.com")),
        ("\"ada\" <john@example.com>", new_user("ada", "john@example.com")),
        ("\"\" <empty@example.com>", new_user("", "empty@example.com")),
        (
            "\"x\" * 81 <long@example.com>",
            new_user(&long_name, "long@example.com"),
        ),
        (
            "\"nobody\" <nobody.example.com>",
            new_user("nobody", "nobody.example.com"),
        ),
        ("\"nobody\" <nobody@>", new_user("nobody", "nobody@")),
        (
            "\"nobody\" <\"n\" * 120 + \"@example.com\">",
            new_user("nobody", &long_email),
        ),
    ];
    let mut report = String::new();
    for (label, user) in &users {
        report += &format!("user {label}\n  -> {}\n", user_outcome(create_user(&pool, user).await));
    }
    let posts = [
        ("\"Orphan\" by user #99", 99, new_post("Orphan", "Nobody wrote this.")),
        ("\"\" by user #1", john.id, new_post("", "No title.")),
        (
            "\"t\" * 101 by user #1",
            john.id,
            new_post(&"t".repeat(101), "Too long a title."),
        ),
    ];
    for (label, author, post) in &posts {
        report += &format!(
            "post {label}\n  -> {}\n",
            post_outcome(create_post(&pool, *author, post).await)
        );
    }

    // Every attempt failed, so the database holds what it held before them.
    report += &format!("\n{}", stored(&pool).await);

    // Any other failure is passed on as it is: here, a pool that is closed.
    pool.close().await;
    let closed = create_user(&pool, &new_user("grace", "grace@example.com")).await;
    report += &format!(
        "\nafter pool.close():\nuser \"grace\" <grace@example.com>\n  -> {}\n",
        user_outcome(closed)
    );

    insta::assert_snapshot!("refused", report);
}
