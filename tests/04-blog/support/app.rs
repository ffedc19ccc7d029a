//! Shared by the checks of the blog: a fresh app on a fresh database, the
//! requests a browser or an API client would send, and answers written out
//! as text that reads well in a snapshot.
//!
//! A check uses it with `#[path = "../support/app.rs"] mod app;` and names,
//! at its root, the earlier steps it builds on:
//! `const BUILDS_ON: &[app::Step] = &[app::Step::Schema, app::Step::PostPage];`.
//! Every `TestApp` tries those steps first, in order, and the first one still
//! unfinished stops the check at once with a message that names its step and
//! file. A check that builds on step 1 runs on the database that step 1's
//! `connect` opens; the rows of every check are inserted with plain SQL, not
//! with the code of any step.

#![allow(dead_code)]

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::str::FromStr;
use std::task::Poll;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use blog::config::cookie_key;
use blog::validate::{NewPost, PostInput};
use blog::{AppState, Clock, create_app};
use chrono::{NaiveDate, NaiveDateTime};
use http_body_util::BodyExt;
use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use tower::ServiceExt;

/// `snapshot!(name, description, value)`, from the course's support crate:
/// the checks of the blog take it from here with the rest.
pub(crate) use course_support::snapshot;

/// An earlier step of the blog that a check builds on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Schema,
    List,
    PostPage,
    Create,
    Comments,
    EditDelete,
    PagesSearch,
}

impl Step {
    /// How the message that stops a check names the step.
    fn name(self) -> &'static str {
        match self {
            Step::Schema => "step 1, blog-schema",
            Step::List => "step 2, blog-list",
            Step::PostPage => "step 3, blog-post-page",
            Step::Create => "step 4, blog-create",
            Step::Comments => "step 5, blog-comments",
            Step::EditDelete => "step 6, blog-edit-delete",
            Step::PagesSearch => "step 7, blog-pages-search",
        }
    }
}

/// Runs `work` with a panic in it caught (a `todo!()` still there): `Err`
/// with the panic's message.
async fn attempt<T>(work: impl Future<Output = T>) -> Result<T, String> {
    let mut work = std::pin::pin!(work);
    std::future::poll_fn(
        |cx| match std::panic::catch_unwind(AssertUnwindSafe(|| work.as_mut().poll(cx))) {
            Ok(Poll::Ready(value)) => Poll::Ready(Ok(value)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(payload) => Poll::Ready(Err(payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|text| text.to_string()))
                .unwrap_or_else(|| "a panic without a message".to_string()))),
        },
    )
    .await
}

/// What a caught panic says about the function that panicked.
fn unfinished(panic: &str) -> String {
    if panic.starts_with("not yet implemented") {
        "is still todo!()".to_string()
    } else {
        format!("panics: {panic}")
    }
}

/// Stops the check: `step` comes first, and `what` in `file` is not done.
fn finish_first(step: Step, file: &str, what: &str, problem: &str) -> ! {
    panic!("finish {} ({file}), first: {what} {problem}", step.name())
}

/// The secret the checks sign cookies with.
pub const SECRET: &str = "the secret key of the blog's checks, 32 bytes or more";

/// Three users, three posts (1 and 3 by ada, 2 by grace), three comments,
/// three tags.
pub const FIXTURES: &str = "
    INSERT INTO users (id, username, email) VALUES
        (1, 'ada', 'ada@example.org'),
        (2, 'grace', 'grace@example.net'),
        (3, 'john_doe', 'john@example.com');
    INSERT INTO posts (id, user_id, title, content, created_at, updated_at) VALUES
        (1, 1, 'Hello World', 'My first post.', '2024-01-01 09:00:00', NULL),
        (2, 2, 'Notes on compilers', 'They read what we write.', '2024-01-02 09:00:00', NULL),
        (3, 1, 'Rust''s ownership', 'Who frees what, and when.', '2024-01-03 09:00:00', NULL);
    INSERT INTO comments (id, post_id, content, created_at) VALUES
        (1, 1, 'Welcome, Ada!', '2024-01-01 10:00:00'),
        (2, 1, 'Nice first post.', '2024-01-01 11:30:00'),
        (3, 3, 'What about Rc?', '2024-01-03 12:00:00');
    INSERT INTO tags (id, name) VALUES (1, 'intro'), (2, 'rust'), (3, 'compilers');
    INSERT INTO post_tags (post_id, tag_id) VALUES (1, 1), (2, 3), (3, 2), (3, 1);
";

/// "Now", as the app's clock says in every check.
pub fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2024, 5, 1)
        .and_then(|day| day.and_hms_opt(12, 0, 0))
        .expect("a valid date")
}

/// A pool on a file in `dir`: foreign keys, WAL and a busy timeout, as the
/// blog's own pool has them.
pub async fn pool_in(dir: &tempfile::TempDir) -> SqlitePool {
    let options = SqliteConnectOptions::from_str(&format!("sqlite:{}", dir.path().join("blog.db").display()))
        .expect("a valid URL")
        .create_if_missing(true)
        .foreign_keys(true)
        .journal_mode(SqliteJournalMode::Wal)
        .busy_timeout(Duration::from_secs(10));
    SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await
        .expect("a database in a temporary folder")
}

/// The blog on a fresh database of its own.
pub struct TestApp {
    pub pool: SqlitePool,
    pub router: Router,
    /// The folder of the database, removed when the last owner is dropped.
    _dir: Option<tempfile::TempDir>,
}

impl TestApp {
    /// A migrated database with no rows, after the steps the check builds
    /// on (`BUILDS_ON`) were tried: with step 1, `connect` opens it.
    pub async fn empty() -> TestApp {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let pool = if crate::BUILDS_ON.contains(&Step::Schema) {
            let url = format!("sqlite:{}", dir.path().join("blog.db").display());
            match attempt(blog::db::connect(&url)).await {
                Ok(Ok(pool)) => pool,
                Ok(Err(error)) => finish_first(Step::Schema, "src/db.rs", "`connect`", &format!("fails: {error}")),
                Err(panic) => finish_first(Step::Schema, "src/db.rs", "`connect`", &unfinished(&panic)),
            }
        } else {
            let pool = pool_in(&dir).await;
            sqlx::migrate!().run(&pool).await.expect("the migrations apply");
            pool
        };
        let key = cookie_key(SECRET).expect("a long enough secret");
        let router = create_app(AppState::new(pool.clone(), key, Clock::Fixed(now())));
        let app = TestApp {
            pool,
            router,
            _dir: Some(dir),
        };
        for step in crate::BUILDS_ON {
            app.try_step(*step).await;
        }
        app
    }

    /// Calls what `step` wrote, on this empty database, and stops the check
    /// at the first piece still unfinished. Nothing is written: every call
    /// finds no post, or a foreign key refuses it and it is rolled back.
    async fn try_step(&self, step: Step) {
        use blog::models::{find_post, find_user};
        use blog::pages::comments::insert_comment;
        use blog::pages::create::{insert_post, save_tags};
        use blog::pages::edit::{delete_post, update_post};
        use blog::pages::listing::{Filter, count_posts, find_posts, page_number, search_phrase};
        use blog::validate::{parse_tags, validate};
        let probe = NewPost {
            title: "Probe".to_string(),
            content: "Never stored.".to_string(),
            user_id: 1,
            tags: Vec::new(),
        };
        let pool = &self.pool;
        match step {
            Step::Schema => {
                let file = "src/models.rs";
                if let Err(error) = self.call(step, file, "find_user", find_user(pool, "ada")).await {
                    finish_first(step, file, "`find_user`", &format!("fails: {error}"));
                }
                if let Err(error) = self.call(step, file, "find_post", find_post(pool, 1)).await {
                    finish_first(step, file, "`find_post`", &format!("fails: {error}"));
                }
            }
            Step::List => self.visit(step, "src/pages/list.rs", Method::GET, "/", &[]).await,
            Step::PostPage => self.visit(step, "src/pages/post.rs", Method::GET, "/post/1", &[]).await,
            Step::Create => {
                let file = "src/validate.rs";
                let _ = self.call(step, file, "parse_tags", async { parse_tags("probe") }).await;
                let _ = self
                    .call(step, file, "validate", validate(pool, &PostInput::default()))
                    .await;
                let file = "src/pages/create.rs";
                let _ = self
                    .call(step, file, "insert_post", insert_post(pool, &probe, now()))
                    .await;
                let tags = ["probe".to_string()];
                let save = async {
                    let mut tx = pool.begin().await?;
                    save_tags(&mut tx, 1, &tags).await
                };
                let _ = self.call(step, file, "save_tags", save).await;
                self.visit(step, file, Method::POST, "/post/create", &[]).await;
            }
            Step::Comments => {
                let file = "src/pages/comments.rs";
                let insert = insert_comment(pool, 1, "Never stored.", now());
                let _ = self.call(step, file, "insert_comment", insert).await;
                let form = [("content", "Never stored.")];
                self.visit(step, file, Method::POST, "/post/1/comment", &form).await;
            }
            Step::EditDelete => {
                let file = "src/pages/edit.rs";
                let _ = self
                    .call(step, file, "update_post", update_post(pool, 1, &probe, now()))
                    .await;
                let _ = self.call(step, file, "delete_post", delete_post(pool, 1)).await;
                self.visit(step, file, Method::GET, "/post/1/edit", &[]).await;
                self.visit(step, file, Method::POST, "/post/1/edit", &[]).await;
                self.visit(step, file, Method::POST, "/post/1/delete", &[]).await;
            }
            Step::PagesSearch => {
                let file = "src/pages/listing.rs";
                let _ = self
                    .call(step, file, "page_number", async { page_number(Some("1")) })
                    .await;
                self.call(step, file, "search_phrase", async { search_phrase("100%") })
                    .await;
                let _ = self
                    .call(step, file, "count_posts", count_posts(pool, &Filter::All))
                    .await;
                let _ = self
                    .call(step, file, "find_posts", find_posts(pool, &Filter::default(), 1, 10))
                    .await;
                self.visit(step, file, Method::GET, "/?page=1&q=probe", &[]).await;
                self.visit(step, file, Method::GET, "/user/ada", &[]).await;
            }
        }
    }

    /// Awaits `work` with a panic in it caught: a panic stops the check,
    /// naming `step`, `file` and the function `name`.
    async fn call<T>(&self, step: Step, file: &str, name: &str, work: impl Future<Output = T>) -> T {
        attempt(work)
            .await
            .unwrap_or_else(|panic| finish_first(step, file, &format!("`{name}`"), &unfinished(&panic)))
    }

    /// Sends `method uri` (with the form `fields`, for a POST): a panic in
    /// its handler stops the check, naming `step` and `file`.
    async fn visit(&self, step: Step, file: &str, method: Method, uri: &str, fields: &[(&str, &str)]) {
        let label = format!("`{method} {uri}`");
        let request = if method == Method::GET {
            request(method, uri, None, None, Vec::new())
        } else {
            let body = form_body(fields).into_bytes();
            request(method, uri, Some("application/x-www-form-urlencoded"), None, body)
        };
        if let Err(panic) = attempt(self.router.clone().oneshot(request)).await {
            let problem = match panic.strip_prefix("not yet implemented") {
                Some(rest) => format!("still reaches a todo!() (\"{}\")", rest.trim_start_matches(": ")),
                None => format!("panics: {panic}"),
            };
            finish_first(step, file, &label, &problem);
        }
    }

    /// Another handle on the same app and database, for a task of its own.
    /// The first `TestApp` keeps the database's folder.
    pub fn sharing(router: Router, pool: SqlitePool) -> TestApp {
        TestApp {
            pool,
            router,
            _dir: None,
        }
    }

    /// A migrated database with `FIXTURES` in it.
    pub async fn with_fixtures() -> TestApp {
        TestApp::with_sql(FIXTURES).await
    }

    /// A migrated database with the rows that `sql` inserts.
    pub async fn with_sql(sql: &'static str) -> TestApp {
        let app = TestApp::empty().await;
        app.exec(sql).await;
        app
    }

    /// Runs `sql` (statements separated by `;`) on the database.
    pub async fn exec(&self, sql: &'static str) {
        sqlx::raw_sql(sql).execute(&self.pool).await.expect("the SQL runs");
    }

    /// Sends `request` to the app, as a server would.
    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("the router never fails");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.expect("a body").to_bytes();
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// `GET uri`.
    pub async fn get(&self, uri: &str) -> Reply {
        self.send(request(Method::GET, uri, None, None, Vec::new())).await
    }

    /// `GET uri` with a `Cookie` header, as a browser sends after a redirect.
    pub async fn get_with_cookie(&self, uri: &str, cookie: &str) -> Reply {
        self.send(request(Method::GET, uri, None, Some(cookie), Vec::new()))
            .await
    }

    /// `POST uri` with an HTML form's fields.
    pub async fn post_form(&self, uri: &str, fields: &[(&str, &str)]) -> Reply {
        let body = form_body(fields);
        self.send(request(
            Method::POST,
            uri,
            Some("application/x-www-form-urlencoded"),
            None,
            body.into_bytes(),
        ))
        .await
    }

    /// `method uri` with this content type and these bytes.
    pub async fn raw(&self, method: Method, uri: &str, content_type: Option<&str>, body: Vec<u8>) -> Reply {
        self.send(request(method, uri, content_type, None, body)).await
    }

    /// `method uri` with a JSON body.
    pub async fn json(&self, method: Method, uri: &str, body: &serde_json::Value) -> Reply {
        let bytes = serde_json::to_vec(body).expect("JSON");
        self.raw(method, uri, Some("application/json"), bytes).await
    }

    /// Follows a redirect as a browser does: `GET` its `Location`, sending
    /// back the cookie it set.
    pub async fn follow(&self, reply: &Reply) -> Reply {
        let location = reply.location().expect("a redirect has a Location");
        match reply.cookie() {
            Some(cookie) => self.get_with_cookie(location, &cookie).await,
            None => self.get(location).await,
        }
    }

    /// What someone who sent the request sees: for a redirect, the flash
    /// messages of the page it leads to; for a page, its flash messages, its
    /// field errors or its error message; for JSON, the JSON on one line.
    pub async fn seen(&self, reply: &Reply) -> String {
        if reply.status.is_redirection() {
            let next = self.follow(reply).await;
            let location = reply.location().unwrap_or_default();
            let flashes = next.notices();
            return if flashes.is_empty() {
                format!("sent to {location}")
            } else {
                format!("sent to {location}: {flashes}")
            };
        }
        reply.notices()
    }

    /// The number of rows of each table, on one line.
    pub async fn counts(&self) -> String {
        let mut out = Vec::new();
        for (table, sql) in [
            ("users", "SELECT count(*) FROM users"),
            ("posts", "SELECT count(*) FROM posts"),
            ("comments", "SELECT count(*) FROM comments"),
            ("tags", "SELECT count(*) FROM tags"),
            ("post_tags", "SELECT count(*) FROM post_tags"),
        ] {
            let n: i64 = sqlx::query_scalar(sql).fetch_one(&self.pool).await.expect("a count");
            out.push(format!("{table} {n}"));
        }
        out.join(", ")
    }

    /// Every post with its tags, and every comment, one line each: what a
    /// write left in the database.
    pub async fn dump(&self) -> String {
        let mut out = String::new();
        let posts: Vec<(i64, String, String, String, String, Option<String>, String)> = sqlx::query_as(
            "SELECT p.id, u.username, p.title, p.content, p.created_at, p.updated_at,
                    coalesce((SELECT group_concat(name, ',') FROM
                        (SELECT t.name FROM tags t JOIN post_tags pt ON pt.tag_id = t.id
                         WHERE pt.post_id = p.id ORDER BY t.name)), '')
             FROM posts p JOIN users u ON u.id = p.user_id ORDER BY p.id",
        )
        .fetch_all(&self.pool)
        .await
        .expect("the posts");
        for (id, author, title, content, created, updated, tags) in posts {
            out += &format!(
                "post {id} by {author}: {title:?} / {:?} / created {created}, updated {} / tags [{tags}]\n",
                shorten(&content),
                updated.as_deref().unwrap_or("never"),
            );
        }
        let comments: Vec<(i64, i64, String, String)> =
            sqlx::query_as("SELECT id, post_id, content, created_at FROM comments ORDER BY id")
                .fetch_all(&self.pool)
                .await
                .expect("the comments");
        for (id, post_id, content, created) in comments {
            out += &format!("comment {id} on post {post_id}: {:?} / {created}\n", shorten(&content));
        }
        let tags: Vec<String> = sqlx::query_scalar("SELECT name FROM tags ORDER BY id")
            .fetch_all(&self.pool)
            .await
            .expect("the tags");
        out += &format!("tags: {}\n", tags.join(", "));
        out
    }
}

/// A request with an optional content type, cookie and body.
pub fn request(
    method: Method,
    uri: &str,
    content_type: Option<&str>,
    cookie: Option<&str>,
    body: Vec<u8>,
) -> Request<Body> {
    let mut builder = Request::builder().method(method).uri(uri);
    if let Some(content_type) = content_type {
        builder = builder.header(header::CONTENT_TYPE, content_type);
    }
    if let Some(cookie) = cookie {
        builder = builder.header(header::COOKIE, cookie);
    }
    builder.body(Body::from(body)).expect("a valid request")
}

/// Fields encoded as a browser encodes a form.
pub fn form_body(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(name, value)| format!("{}={}", encode(name), encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

fn encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => out.push(char::from(byte)),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// A long text as its start and its length, for one line of a snapshot.
pub fn shorten(text: &str) -> String {
    let count = text.chars().count();
    if count > 60 {
        format!("{}… ({count} characters)", text.chars().take(20).collect::<String>())
    } else {
        text.to_string()
    }
}

/// An answer of the app.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn location(&self) -> Option<&str> {
        self.headers.get(header::LOCATION).and_then(|value| value.to_str().ok())
    }

    /// The `flash=…` pair of a `Set-Cookie` that sets the flash cookie, to
    /// send back as a `Cookie` header; `None` if there is none, or if it
    /// removes the cookie.
    pub fn cookie(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .filter(|value| value.starts_with("flash=") && !value.contains("Max-Age=0"))
            .find_map(|value| value.split(';').next().map(str::to_string))
    }

    /// The `Set-Cookie` headers without their values and dates, which are
    /// not the point: `flash set; HttpOnly; SameSite=Lax; Path=/`.
    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .map(|value| {
                let mut parts = value.split(';').map(str::trim);
                let name = parts.next().unwrap_or_default().split('=').next().unwrap_or_default();
                let attributes: Vec<&str> = parts
                    .filter(|part| !part.starts_with("Expires=") && !part.starts_with("Max-Age="))
                    .collect();
                let action = if value.contains("Max-Age=0") { "removed" } else { "set" };
                format!("{name} {action}; {}", attributes.join("; "))
            })
            .collect()
    }

    /// The part of an HTML page inside `<main>`, each line trimmed, blank
    /// lines left out.
    pub fn main(&self) -> String {
        let start = self.body.find("<main>").unwrap_or(0);
        let end = self
            .body
            .find("</main>")
            .map_or(self.body.len(), |at| at + "</main>".len());
        self.body[start..end.max(start)]
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// A JSON body, pretty-printed.
    pub fn pretty_json(&self) -> String {
        match serde_json::from_str::<serde_json::Value>(&self.body) {
            Ok(value) => serde_json::to_string_pretty(&value).expect("JSON"),
            Err(_) => format!("(not JSON) {}", self.body),
        }
    }

    fn is_json(&self) -> bool {
        self.headers
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.starts_with("application/json"))
    }

    /// The status, the headers that matter, then the body: the inside of
    /// `<main>` for a page, pretty JSON for the API.
    pub fn show(&self) -> String {
        let mut out = format!("status: {}\n", self.status);
        if let Some(location) = self.location() {
            out += &format!("location: {location}\n");
        }
        for cookie in self.set_cookies() {
            out += &format!("set-cookie: {cookie}\n");
        }
        if !self.body.is_empty() {
            let content_type = self
                .headers
                .get(header::CONTENT_TYPE)
                .and_then(|value| value.to_str().ok())
                .unwrap_or("(none)");
            out += &format!("content-type: {content_type}\n\n");
            out += &if self.is_json() {
                self.pretty_json()
            } else {
                self.main()
            };
            out.push('\n');
        }
        out
    }

    /// The messages of a page (flashes, field errors, the error page's
    /// text) on one line; the JSON of an API answer on one line; the body's
    /// start for anything else.
    pub fn notices(&self) -> String {
        if self.body.is_empty() {
            return "(no body)".to_string();
        }
        if self.is_json() {
            return json_notices(&self.body);
        }
        if !self.body.contains("<main>") {
            return format!("plain text: {}", shorten(&self.body));
        }
        let notices: Vec<String> = self
            .main()
            .lines()
            .filter(|line| {
                ["class=\"flash", "class=\"field-error\"", "class=\"error-"]
                    .iter()
                    .any(|marker| line.contains(marker))
            })
            .map(strip_tags)
            .collect();
        if notices.is_empty() {
            "no message".to_string()
        } else {
            notices.join(" | ")
        }
    }
}

/// An API error as its message and its fields' messages; any other JSON on
/// one line.
fn json_notices(body: &str) -> String {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(body) else {
        return format!("not JSON: {}", shorten(body));
    };
    let Some(error) = value.get("error").and_then(|error| error.as_str()) else {
        return shorten(&value.to_string());
    };
    let mut out = format!("error: {error}");
    if let Some(fields) = value.get("fields").and_then(|fields| fields.as_object()) {
        for (field, message) in fields {
            out += &format!(" | {field}: {}", message.as_str().unwrap_or_default());
        }
    }
    out
}

/// The text of an HTML line as a browser shows it: without its tags, with
/// its entities decoded.
pub fn strip_tags(line: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in line.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    // The entities minijinja writes, read back as a browser shows them.
    out.trim()
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x2f;", "/")
        .replace("&amp;", "&")
}

/// One line of a table of bad inputs: what was sent, the status, and what
/// the sender saw. The row counts must not move: nothing stored or changed.
pub async fn bad_input_row(app: &TestApp, name: &str, reply: Reply, before: &str) -> String {
    let seen = app.seen(&reply).await;
    let after = app.counts().await;
    assert_eq!(before, after, "{name}: the database changed");
    assert!(
        !reply.status.is_server_error(),
        "{name}: a server error, {}",
        reply.status
    );
    format!("{name}\n  -> {} -> {seen}\n", reply.status)
}
