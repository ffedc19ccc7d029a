//! The check for `blog-schema`: `connect` opens a pool on a new database
//! file, with foreign keys, WAL and a busy timeout, and applies the blog's
//! migrations once; `find_user` and `find_post` read rows into the models;
//! and the blog's program starts on that pool, with settings that never
//! show a secret.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use blog::config::{Config, cookie_key};
use blog::db::{MAX_CONNECTIONS, connect};
use blog::models::{find_post, find_user};
use blog::{AppState, Clock, create_app};

#[path = "../support/app.rs"]
mod app;

use app::snapshot;
use course_support::schema;

/// This is the first step: it builds on none.
const BUILDS_ON: &[app::Step] = &[];

fn url_in(dir: &tempfile::TempDir) -> String {
    format!("sqlite:{}", dir.path().join("new.db").display())
}

#[tokio::test]
async fn connect_creates_the_database_with_the_blogs_schema() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let pool = connect(&url_in(&dir))
        .await
        .expect("connect creates the file and migrates it");
    assert!(dir.path().join("new.db").is_file(), "the database file was created");
    let report = format!(
        "{}applied: {:?}\n",
        schema::describe(&pool).await,
        schema::applied_versions(&pool).await
    );
    snapshot!(
        "schema",
        "Every table, column, index and foreign key of a new database that connect opened, and the migrations it applied.",
        report
    );
}

#[tokio::test]
async fn every_connection_is_set_up_for_a_web_app() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let pool = connect(&url_in(&dir)).await.expect("a pool");
    let mut lines = vec![format!(
        "the pool opens at most {} connections",
        pool.options().get_max_connections()
    )];
    // Several connections at once, so that more than the first is asked.
    let mut held = Vec::new();
    for _ in 0..3 {
        let mut conn = pool.acquire().await.expect("a connection");
        let (foreign_keys, journal_mode, busy_timeout): (i64, String, i64) = sqlx::query_as(
            "SELECT (SELECT foreign_keys FROM pragma_foreign_keys),
                    (SELECT journal_mode FROM pragma_journal_mode),
                    (SELECT timeout FROM pragma_busy_timeout)",
        )
        .fetch_one(&mut *conn)
        .await
        .expect("the pragmas");
        lines.push(format!(
            "foreign_keys={foreign_keys} journal_mode={journal_mode} busy_timeout={busy_timeout}ms"
        ));
        held.push(conn);
    }
    assert_eq!(pool.options().get_max_connections(), MAX_CONNECTIONS, "the pool's size");
    snapshot!(
        "pragmas",
        "The pool's size, then the settings of three connections of connect's pool, held at once.",
        lines.join("\n")
    );
}

#[tokio::test]
async fn connecting_again_keeps_the_data_and_applies_nothing_twice() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let pool = connect(&url_in(&dir)).await.expect("the first start");
    sqlx::raw_sql(app::FIXTURES).execute(&pool).await.expect("the fixtures");
    pool.close().await;

    let pool = connect(&url_in(&dir)).await.expect("the second start");
    let posts: i64 = sqlx::query_scalar("SELECT count(*) FROM posts")
        .fetch_one(&pool)
        .await
        .expect("a count");
    let migrations: i64 = sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations")
        .fetch_one(&pool)
        .await
        .expect("a count");
    assert_eq!((posts, migrations), (3, 5), "3 posts kept, 5 migrations recorded once");
}

#[tokio::test]
async fn the_models_are_read_with_checked_queries() {
    let app = app::TestApp::with_fixtures().await;
    let mut out = String::new();
    // A username is matched exactly: not by case, and not as a pattern.
    for username in ["ada", "grace", "nobody", "ADA", "ad%", "_da", "' OR '1'='1"] {
        let found = find_user(&app.pool, username).await.expect("a query that runs");
        out += &format!("find_user({username:?}) = {found:?}\n");
    }
    app.exec("UPDATE posts SET updated_at = '2024-01-04 08:30:00' WHERE id = 3")
        .await;
    for id in [3, 2, 99] {
        let found = find_post(&app.pool, id).await.expect("a query that runs");
        out += &format!("find_post({id}) = {found:?}\n");
    }
    snapshot!(
        "models",
        "What find_user and find_post return, one call a line, on the three users and three posts of the fixtures (post 3 edited).",
        out
    );
}

#[tokio::test]
async fn the_schema_refuses_what_the_blog_must_never_store() {
    let app = app::TestApp::with_fixtures().await;
    let attempts: [(&str, &'static str); 6] = [
        (
            "a post by no user",
            "INSERT INTO posts (user_id, title, content, created_at) VALUES (99, 'T', 'C', '2024-01-01')",
        ),
        (
            "an empty title",
            "INSERT INTO posts (user_id, title, content, created_at) VALUES (1, '', 'C', '2024-01-01')",
        ),
        (
            "a comment on no post",
            "INSERT INTO comments (post_id, content, created_at) VALUES (99, 'Hi', '2024-01-01')",
        ),
        ("a second tag 'rust'", "INSERT INTO tags (name) VALUES ('rust')"),
        (
            "a username with a space",
            "INSERT INTO users (username, email) VALUES ('john doe', 'jd@example.com')",
        ),
        (
            "a second user 'ada'",
            "INSERT INTO users (username, email) VALUES ('ada', 'other@example.com')",
        ),
    ];
    let mut out = String::new();
    for (name, sql) in attempts {
        let error = sqlx::query(sql).execute(&app.pool).await.expect_err(name);
        out += &format!("{name}: {error}\n");
    }
    app.exec("DELETE FROM posts WHERE id = 1").await;
    out += &format!("after deleting post 1: {}\n", app.counts().await);
    snapshot!(
        "refused",
        "The error for each of six rows the schema must refuse, then the rows left once post 1 is deleted.",
        out
    );
}

#[tokio::test]
async fn the_app_runs_on_the_pool_connect_opens() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let pool = connect(&url_in(&dir)).await.expect("a pool");
    let key = cookie_key(app::SECRET).expect("a key");
    let app = app::TestApp::sharing(
        create_app(AppState::new(pool.clone(), key, Clock::Fixed(app::now()))),
        pool.clone(),
    );
    let up = app.get("/health").await.show();
    pool.close().await;
    let down = app.get("/health").await.show();
    snapshot!(
        "health",
        "GET /health on the app built on connect's pool: first with the pool open, then once it is closed.",
        format!("{up}\n--- once the pool is closed ---\n{down}")
    );
}

#[tokio::test]
async fn the_demo_data_is_the_same_every_time() {
    use blog::seed::seed;
    let first = app::TestApp::empty().await;
    let report = seed(&first.pool, 25, false).await.expect("an empty database is seeded");
    let refused = seed(&first.pool, 25, false)
        .await
        .expect_err("a database with posts is refused");
    let second = app::TestApp::empty().await;
    seed(&second.pool, 25, false)
        .await
        .expect("an empty database is seeded");
    assert_eq!(
        first.dump().await,
        second.dump().await,
        "the same --posts gives the same data"
    );
    seed(&first.pool, 25, true).await.expect("--force replaces the data");
    assert_eq!(first.dump().await, second.dump().await, "and again after --force");
    let small = app::TestApp::empty().await;
    seed(&small.pool, 4, false).await.expect("an empty database is seeded");
    snapshot!(
        "seed",
        "seed with 25 posts: its report, its refusal of a database with posts, the rows; then every row that seed writes for 4 posts.",
        format!(
            "{report}\n{refused}\n{}\n\n--- seed --posts 4 ---\n{}",
            first.counts().await,
            small.dump().await
        )
    );
}

// The settings and the program. `Config` and `main.rs` are given: these
// tests show what they promise, and that the program runs on your `connect`.

/// A secret key too short to be used, and a password: neither may ever be
/// printed.
const SHORT_SECRET: &str = "hunter2, far too short";
const PASSWORD: &str = "pa55:w@rd/?";

#[test]
fn settings_name_the_variable_and_never_show_a_secret() {
    let postgres = format!("postgres://blog:{PASSWORD}@db.example.com:5432/blog");
    let in_query = format!("postgres://db.example.com/blog?user=blog&password={PASSWORD}&sslmode=require");
    let cases: [(&str, &str, &str); 6] = [
        ("a short SECRET_KEY", "SECRET_KEY", SHORT_SECRET),
        ("a PostgreSQL URL with a password", "DATABASE_URL", &postgres),
        ("a password in the query", "DATABASE_URL", &in_query),
        (
            "a URL without a password",
            "DATABASE_URL",
            "postgres://db.example.com/blog",
        ),
        ("a BIND_ADDR that is not an address", "BIND_ADDR", "localhost"),
        ("nothing set: every default", "", ""),
    ];
    let mut out = String::new();
    for (what, name, value) in cases {
        let config = Config::from_lookup(|wanted| (wanted == name).then(|| value.to_string()));
        let shown = match config {
            Ok(config) => format!("{config:?}"),
            Err(error) => format!("error: {error}"),
        };
        assert!(
            !shown.contains(SHORT_SECRET) && !shown.contains(PASSWORD),
            "{what}: a secret is shown in {shown:?}"
        );
        out += &format!("{what}\n  -> {shown}\n");
    }
    let secret = "a secret key of 32 bytes or more, and never shown";
    let config = Config::from_lookup(|name| (name == "SECRET_KEY").then(|| secret.to_string())).expect("a good key");
    assert_eq!(config.secret_key, secret, "the key is read");
    let shown = format!("{config:?} / {config:#?}");
    assert!(!shown.contains(secret), "Debug shows the secret key: {shown}");
    out += &format!("a good SECRET_KEY, as Debug shows the Config\n  -> {config:?}\n");
    for key in [SHORT_SECRET, &"k".repeat(31), &"k".repeat(32)] {
        let shown = match cookie_key(key) {
            Ok(_) => "a key".to_string(),
            Err(error) => format!("error: {error}"),
        };
        assert!(!shown.contains(key), "cookie_key shows the secret: {shown}");
        out += &format!("cookie_key with a secret of {} bytes\n  -> {shown}\n", key.len());
    }
    snapshot!(
        "settings",
        "What the settings show for each value set in the environment, as an error or as the Config's Debug: never the secret key or a password.",
        out
    );
}

/// The blog's program, as cargo built it for this check.
fn program() -> Command {
    let path = option_env!("CARGO_BIN_EXE_blog")
        .or(option_env!("CARGO_BIN_EXE_blog-solution"))
        .expect("cargo builds the blog's program for its checks");
    let mut command = Command::new(path);
    command.env_clear();
    command
}

/// Runs the program to its end, or stops it after 20 seconds.
fn run(command: &mut Command) -> Output {
    let child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the program starts");
    let started = Instant::now();
    let mut child = child;
    while child.try_wait().expect("the program's status").is_none() {
        if started.elapsed() > Duration::from_secs(20) {
            child.kill().expect("the program stops");
            panic!("the program still runs after 20 seconds");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("the program's output")
}

/// The exit status, then what the program printed, line by line, with the
/// temporary folder written as `<dir>`. Each output it printed ends with a
/// newline.
fn outcome(output: &Output, dir: &tempfile::TempDir) -> String {
    let mut text = format!(
        "exit status: {}",
        if output.status.success() { "success" } else { "failure" }
    );
    for (name, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
        let printed = String::from_utf8_lossy(bytes);
        assert!(
            printed.is_empty() || printed.ends_with('\n'),
            "{name} ends with a newline: {printed:?}"
        );
        for line in printed.lines() {
            text += &format!("\n{name}: {line}");
        }
    }
    text.replace(&dir.path().display().to_string(), "<dir>")
}

#[test]
fn the_program_refuses_bad_settings_and_seeds_with_good_ones() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let demo = format!("sqlite:{}", dir.path().join("demo.db").display());
    let postgres = format!("postgres://blog:{PASSWORD}@db.example.com/blog");
    let cases: Vec<(&str, Vec<&str>, Vec<(&str, &str)>)> = vec![
        ("a short SECRET_KEY", vec![], vec![("SECRET_KEY", SHORT_SECRET)]),
        (
            "DATABASE_URL with a password",
            vec!["seed"],
            vec![("DATABASE_URL", postgres.as_str())],
        ),
        (
            "--database-url with a password",
            vec!["--database-url", &postgres, "seed"],
            vec![],
        ),
        (
            "seed --posts 3 into DATABASE_URL",
            vec!["seed", "--posts", "3"],
            vec![("DATABASE_URL", demo.as_str())],
        ),
        (
            "seed again, without --force",
            vec!["seed", "--posts", "3"],
            vec![("DATABASE_URL", demo.as_str())],
        ),
        (
            "seed --posts 0, --database-url winning over DATABASE_URL",
            vec!["--database-url", &demo, "seed", "--posts", "0", "--force"],
            vec![("DATABASE_URL", "postgres://elsewhere/blog")],
        ),
    ];
    let mut out = String::new();
    for (what, args, vars) in cases {
        let output = run(program().args(&args).envs(vars).current_dir(dir.path()));
        let shown = outcome(&output, &dir);
        assert!(
            !shown.contains(SHORT_SECRET) && !shown.contains(PASSWORD),
            "{what}: a secret is printed: {shown}"
        );
        let command = ["blog"].iter().chain(&args).copied().collect::<Vec<_>>().join(" ");
        let command = command.replace(&dir.path().display().to_string(), "<dir>");
        out += &format!("{what}: {command}\n  {}\n", shown.replace('\n', "\n  "));
    }
    // cargo gives the program the DATABASE_URL of build.rs (the schema
    // database of the checked queries): the program takes it as not set.
    if let Some(build_url) = option_env!("DATABASE_URL") {
        let output = run(program()
            .args(["seed", "--posts", "0"])
            .env("DATABASE_URL", build_url)
            .current_dir(dir.path()));
        assert!(
            dir.path().join("blog.db").is_file(),
            "the default database, blog.db, is made"
        );
        out += &format!(
            "DATABASE_URL as cargo sets it: blog seed --posts 0\n  {}\n",
            outcome(&output, &dir).replace('\n', "\n  ")
        );
    }
    snapshot!(
        "program",
        "What the program prints for each command line and environment: an error that names the setting, or what seed wrote.",
        out
    );
}

#[test]
fn the_program_serves_the_blog() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut child: Child = program()
        .env(
            "DATABASE_URL",
            format!("sqlite:{}", dir.path().join("served.db").display()),
        )
        .env("BIND_ADDR", "127.0.0.1:0")
        .env("SECRET_KEY", app::SECRET)
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the program starts");
    let stdout = child.stdout.take().expect("the program's output");
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = sender.send(line);
    });
    let line = receiver.recv_timeout(Duration::from_secs(20));
    let answer = line.as_ref().ok().and_then(|line| {
        let address = line.strip_prefix("The blog is at http://")?.split(' ').next()?;
        let mut stream = TcpStream::connect(address).ok()?;
        stream
            .write_all(b"GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            .ok()?;
        let mut answer = String::new();
        stream.read_to_string(&mut answer).ok()?;
        Some(answer)
    });
    child.kill().expect("the program stops");
    child.wait().expect("the program's status");
    let line = line.expect("the program says where it listens");
    let answer = answer.unwrap_or_else(|| panic!("no answer to GET /health after {line:?}"));
    assert!(line.ends_with(" (Ctrl+C stops it)\n"), "the first line: {line:?}");
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "GET /health: {answer:?}");
    assert!(
        answer.ends_with(r#"{"status":"ok","database":"reachable"}"#),
        "GET /health: {answer:?}"
    );
}

// What an operator sees: a setting the blog cannot start with stops it with
// a message that names the setting and its value and says what to do.

#[test]
fn the_program_says_what_to_do_about_a_database_or_address_it_cannot_use() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let url = |file: &str| format!("sqlite:{}", dir.path().join(file).display());
    let made = run(program()
        .args(["seed", "--posts", "0"])
        .env("DATABASE_URL", url("blog.db")));
    assert!(made.status.success(), "seed makes blog.db: {}", outcome(&made, &dir));
    let notes = "The notes of another program, in a file of its own: not a database.\n".repeat(4);
    std::fs::write(dir.path().join("notes.txt"), notes).expect("another program's file");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let taken = taken.local_addr().expect("its address").to_string();
    let cases: [(&str, &str, String); 6] = [
        ("a folder that does not exist", "DATABASE_URL", url("missing/blog.db")),
        (
            "a folder, not a file",
            "DATABASE_URL",
            format!("sqlite:{}", dir.path().display()),
        ),
        ("another program's file", "DATABASE_URL", url("notes.txt")),
        (
            "a password in the URL",
            "DATABASE_URL",
            format!("{}?password={PASSWORD}", url("blog.db")),
        ),
        (
            "the database opened read-only",
            "DATABASE_URL",
            format!("{}?mode=ro", url("blog.db")),
        ),
        ("an address another program listens on", "BIND_ADDR", taken.clone()),
    ];
    let mut out = String::new();
    for (what, name, value) in cases {
        let output = run(program()
            .env("DATABASE_URL", url("blog.db"))
            .env("BIND_ADDR", "127.0.0.1:0")
            .env("SECRET_KEY", app::SECRET)
            .env(name, &value)
            .current_dir(dir.path()));
        // The number of an OS error differs from one system to another.
        let shown = outcome(&output, &dir)
            .replace(&taken, "127.0.0.1:<port>")
            .replace("(os error 98)", "(os error N)")
            .replace("(os error 48)", "(os error N)");
        let value = blog::config::redact_url(&value)
            .replace(&dir.path().display().to_string(), "<dir>")
            .replace(&taken, "127.0.0.1:<port>");
        assert!(!output.status.success(), "{what}: the blog starts: {shown}");
        assert!(
            shown.contains(&format!("stderr: error: {name} is {value:?}, but ")),
            "{what}: the error names {name} and its value {value:?}: {shown}"
        );
        assert!(
            !shown.contains(PASSWORD) && !shown.contains(app::SECRET),
            "{what}: a secret is printed: {shown}"
        );
        out += &format!("{what}: {name}={value}\n  {}\n", shown.replace('\n', "\n  "));
    }
    snapshot!(
        "cannot-start",
        "What the program prints when it cannot use its database or its address: the setting, its value, what to do.",
        out
    );
}

#[test]
fn a_database_file_the_blog_may_not_write_stops_it() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("blog.db");
    let url = format!("sqlite:{}", file.display());
    let made = run(program().args(["seed", "--posts", "0"]).env("DATABASE_URL", &url));
    assert!(made.status.success(), "seed makes blog.db: {}", outcome(&made, &dir));
    let mut permissions = std::fs::metadata(&file).expect("the file's permissions").permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&file, permissions).expect("the file made read-only");
    if std::fs::OpenOptions::new().write(true).open(&file).is_ok() {
        // root may write a read-only file, and so may SQLite: nothing to
        // refuse. The `?mode=ro` case of the test above opens the file the
        // way SQLite opens a file it may not write, and is refused the same.
        eprintln!("not tried: this user may write a read-only file");
        return;
    }
    let output = run(program()
        .env("DATABASE_URL", &url)
        .env("BIND_ADDR", "127.0.0.1:0")
        .current_dir(dir.path()));
    let shown = outcome(&output, &dir);
    assert!(
        !output.status.success(),
        "the blog starts on a file it may not write: {shown}"
    );
    assert!(
        shown.contains("stderr: error: DATABASE_URL is \"sqlite:<dir>/blog.db\", but the blog may not write to "),
        "the error names DATABASE_URL, its value and the cause: {shown}"
    );
}

#[tokio::test]
async fn the_write_check_refuses_a_read_only_connection_and_changes_nothing() {
    use blog::config::{check_writable, database_error};
    // The check's own pool, not `connect`'s: this holds without step 1.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let pool = app::pool_in(&dir).await;
    let schema = "SELECT count(*) FROM sqlite_master";
    let before: i64 = sqlx::query_scalar(schema).fetch_one(&pool).await.expect("a count");
    check_writable(&pool)
        .await
        .expect("a database the blog may write passes");
    let after: i64 = sqlx::query_scalar(schema).fetch_one(&pool).await.expect("a count");
    assert_eq!(before, after, "the write check leaves nothing behind");
    pool.close().await;
    let url = format!("sqlite:{}?mode=ro", dir.path().join("blog.db").display());
    let read_only = sqlx::SqlitePool::connect(&url).await.expect("a read-only pool");
    let error = check_writable(&read_only)
        .await
        .expect_err("a read-only connection is refused");
    let shown = database_error(&url, &error).to_string();
    assert!(
        shown.starts_with(&format!("DATABASE_URL is {url:?}, but the blog may not write to ")),
        "the error names DATABASE_URL, its value and the cause: {shown}"
    );
}

#[tokio::test]
async fn each_start_up_error_says_what_went_wrong_and_what_to_do() {
    use blog::config::{bind_error, database_error};
    use sqlx::migrate::MigrateError;
    use std::io::{Error, ErrorKind};
    // SQLite's own errors, from the check's own pools: this holds without step 1.
    async fn error_of(url: &str) -> sqlx::Error {
        match sqlx::SqlitePool::connect(url).await {
            Err(error) => error,
            Ok(pool) => sqlx::query("SELECT count(*) FROM sqlite_master")
                .execute(&pool)
                .await
                .expect_err("SQLite refuses the file"),
        }
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    let url = |file: &str| format!("sqlite:{}", dir.path().join(file).display());
    let pool = sqlx::SqlitePool::connect(&format!("{}?mode=rwc", url("damaged.db")))
        .await
        .expect("a new database");
    sqlx::query("CREATE TABLE notes (text TEXT)")
        .execute(&pool)
        .await
        .expect("a table");
    pool.close().await;
    // The first page, but its header, overwritten: the schema is lost.
    let mut bytes = std::fs::read(dir.path().join("damaged.db")).expect("the database");
    bytes[100..1024].fill(0xff);
    std::fs::write(dir.path().join("damaged.db"), bytes).expect("the database damaged");
    std::fs::write(dir.path().join("notes.txt"), "Not a database.\n".repeat(10)).expect("a text file");
    let missing = format!("{}?mode=ro", url("missing.db"));
    // A database allowed two pages fills up as a full disk would.
    let pool = sqlx::SqlitePool::connect(&format!("{}?mode=rwc", url("full.db")))
        .await
        .expect("a new database");
    let full = sqlx::raw_sql("PRAGMA max_page_count = 2; CREATE TABLE a (x); CREATE TABLE b (x); CREATE TABLE c (x);")
        .execute(&pool)
        .await
        .expect_err("the database is full");
    let migration = |error| sqlx::Error::Migrate(Box::new(error));
    let cases = [
        (
            "a file that does not exist, opened with mode=ro",
            missing.clone(),
            error_of(&missing).await,
        ),
        (
            "a file that exists but cannot be opened (as a file of another user with no read access would be)",
            url("notes.txt"),
            error_of(&missing).await,
        ),
        ("a damaged file", url("damaged.db"), error_of(&url("damaged.db")).await),
        ("a full disk", url("full.db"), full),
        (
            "another program's file, found by a migration",
            url("notes.txt"),
            migration(MigrateError::Execute(error_of(&url("notes.txt")).await)),
        ),
        (
            "a migration this blog does not have",
            url("blog.db"),
            migration(MigrateError::VersionMissing(20990101000000)),
        ),
        (
            "a migration that failed part-way",
            url("blog.db"),
            migration(MigrateError::Dirty(5)),
        ),
        ("no connection in time", url("blog.db"), sqlx::Error::PoolTimedOut),
    ];
    let mut out = String::new();
    for (what, url, error) in cases {
        out += &format!("{what}\n  -> {}\n", database_error(&url, &error));
    }
    for (addr, kind) in [
        ("127.0.0.1:3000", ErrorKind::AddrInUse),
        ("192.0.2.1:3000", ErrorKind::AddrNotAvailable),
        ("0.0.0.0:80", ErrorKind::PermissionDenied),
        ("127.0.0.1:3000", ErrorKind::Other),
    ] {
        let addr = addr.parse().expect("an address");
        out += &format!(
            "BIND_ADDR and {kind:?}\n  -> {}\n",
            bind_error(addr, &Error::from(kind))
        );
    }
    snapshot!(
        "start-up-errors",
        "What the blog says for each error that stops it at start: the setting, its value, what is wrong and what to do.",
        out.replace(&dir.path().display().to_string(), "<dir>")
    );
}
