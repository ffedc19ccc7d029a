//! The check for `create`: a new row comes back from its `INSERT … RETURNING`
//! as stored, values at the limits are accepted, every refused create is a
//! typed error that stored nothing, and a failure that is none of the
//! planned ones is passed on as `Database`.

use course_support::{db, snapshot};
use create::{CreatePostError, CreateUserError, NewPost, NewUser, Post, User, create_post, create_user};
use sqlx::{Row, SqlitePool};

/// A fresh in-memory database ([`db::memory`]) with the crate's migrations
/// and no rows.
async fn database() -> SqlitePool {
    let pool = db::memory().await;
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
        posts.push(post);
    }

    let mut report = String::from("users, as create_user returned them:\n");
    for user in [&john, &ada] {
        report += &format!("  {user:?}\n");
    }
    report += "posts, as create_post returned them:\n";
    for post in &posts {
        // The time changes with every run: the snapshot shows where it came from.
        let post = Post {
            created_at: "(now, set by the database)".to_string(),
            ..post.clone()
        };
        report += &format!("  {post:?}\n");
    }
    snapshot!(
        "created",
        "two users and a post by each, as create_user and create_post returned them",
        &report,
    );
}

#[tokio::test]
async fn values_at_the_limits_are_accepted() {
    let pool = database().await;
    // 80 and 120 characters, the most the rules allow; `é` is one character
    // and two bytes, as SQLite's length() counts it too.
    let email_120 = format!("{}@example.com", "n".repeat(108));
    let users = [
        (
            "\"x\" * 80 <\"n\" * 108 + \"@example.com\">",
            new_user(&"x".repeat(80), &email_120),
        ),
        ("\"é\" * 80 <é@example.com>", new_user(&"é".repeat(80), "é@example.com")),
        ("\"a\" <a@b>", new_user("a", "a@b")),
    ];
    let mut report = String::new();
    for (label, user) in &users {
        report += &format!("user {label}\n  -> {}\n", user_outcome(create_user(&pool, user).await));
    }
    let posts = [
        ("\"t\" * 100 by user #1", new_post(&"t".repeat(100), "A long title.")),
        (
            "\"é\" * 100 by user #1",
            new_post(&"é".repeat(100), "A long title, in two-byte letters."),
        ),
        ("\"T\" by user #1", new_post("T", "A short title.")),
    ];
    for (label, post) in &posts {
        report += &format!(
            "post {label}\n  -> {}\n",
            post_outcome(create_post(&pool, 1, post).await)
        );
    }
    snapshot!(
        "at_the_limits",
        "users and posts whose values are as long, or as short, as the rules allow: each is created",
        &report,
    );
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
    let long_email = format!("{}@example.com", "n".repeat(109));
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
            "\"é\" * 81 <long@example.com>",
            new_user(&"é".repeat(81), "long@example.com"),
        ),
        (
            "\"nobody\" <nobody.example.com>",
            new_user("nobody", "nobody.example.com"),
        ),
        ("\"nobody\" <nobody@>", new_user("nobody", "nobody@")),
        ("\"nobody\" <@example.com>", new_user("nobody", "@example.com")),
        (
            "\"nobody\" <\"n\" * 109 + \"@example.com\">",
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
    snapshot!(
        "refused",
        "creates that must fail, each with the error it got, then every row in the database",
        &report,
    );
}

#[tokio::test]
async fn other_failures_are_passed_on_as_database() {
    let pool = database().await;
    let john = create_user(&pool, &new_user("john_doe", "john@example.com"))
        .await
        .expect("a valid user");

    // A database that refuses every write, as a read-only copy or a full
    // disk would: the error is none of the planned ones, even for a username
    // that is taken and an author who exists.
    sqlx::raw_sql("PRAGMA query_only = ON")
        .execute(&pool)
        .await
        .expect("the pragma");
    let mut report = String::from("with PRAGMA query_only = ON:\n");
    for (label, user) in [
        (
            "\"john_doe\" <other@example.com>",
            new_user("john_doe", "other@example.com"),
        ),
        ("\"grace\" <grace@example.com>", new_user("grace", "grace@example.com")),
    ] {
        report += &format!("user {label}\n  -> {}\n", user_outcome(create_user(&pool, &user).await));
    }
    let post = create_post(&pool, john.id, &new_post("Second Post", "Read-only.")).await;
    report += &format!("post \"Second Post\" by user #1\n  -> {}\n", post_outcome(post));

    // And a pool that is closed.
    pool.close().await;
    let closed = create_user(&pool, &new_user("grace", "grace@example.com")).await;
    report += &format!(
        "\nafter pool.close():\nuser \"grace\" <grace@example.com>\n  -> {}\n",
        user_outcome(closed)
    );
    snapshot!(
        "other_failures",
        "creates that fail for a reason no variant but Database names: a database that refuses writes, a closed pool",
        &report,
    );
}
