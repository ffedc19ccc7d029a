//! `cargo workbook dev load`: the reference blog under load, on this
//! machine's loopback address. It seeds a temporary database with the blog's
//! own `seed` command, starts the release build of the blog on it, drives
//! each read route and then a write mix from several connections, and prints
//! requests per second with the median and 99th percentile of the latency.
//! `--server postgres` does the same to chapter 5's JSON API on PostgreSQL,
//! and `--server both` runs one blog after the other and sets their figures
//! side by side, route by route.
//!
//! The client is a few threads with keep-alive connections (ureq), not
//! `wrk`: it needs nothing installed, and each run is bounded in time and in
//! requests, so it always stops by itself.

mod servers;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use servers::Backend;

/// How the load is made.
#[derive(Debug, Clone, clap::Args)]
pub struct LoadOptions {
    /// How many posts the database holds.
    #[arg(long, default_value_t = 10_000)]
    pub posts: usize,
    /// Seconds of load for each route.
    #[arg(long, default_value_t = 5)]
    pub seconds: u64,
    /// Connections at once (each a thread of the client).
    #[arg(long, default_value_t = 16)]
    pub connections: usize,
    /// Keep the seeded SQLite database in this file (it is reused when it
    /// exists). PostgreSQL is seeded afresh on every run.
    #[arg(long)]
    pub database: Option<PathBuf>,
    /// Which blog: chapter 4's on SQLite, chapter 5's on PostgreSQL (a
    /// throwaway server, or the one in WORKBOOK_POSTGRES_URL), or both.
    #[arg(long, value_enum, default_value_t = Servers::Sqlite)]
    pub server: Servers,
    /// Load this build of chapter 4's blog instead of building the
    /// reference: an earlier commit's release binary, to measure a change
    /// before and after.
    #[arg(long, value_name = "BINARY")]
    pub sqlite_blog: Option<PathBuf>,
    /// Load only the routes whose name contains this text (`POST` for the
    /// writes alone).
    #[arg(long, value_name = "TEXT")]
    pub only: Option<String>,
}

/// The blogs a run loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Servers {
    Sqlite,
    Postgres,
    Both,
}

impl Servers {
    fn backends(self) -> Vec<Backend> {
        match self {
            Servers::Sqlite => vec![Backend::Sqlite],
            Servers::Postgres => vec![Backend::Postgres],
            Servers::Both => vec![Backend::Sqlite, Backend::Postgres],
        }
    }
}

/// Each route's figures.
#[derive(Debug, Clone)]
pub struct RouteLoad {
    pub route: String,
    pub requests: usize,
    pub errors: usize,
    pub per_second: f64,
    pub p50: Duration,
    pub p99: Duration,
}

/// The most requests one route gets, whatever the time allows.
const MAX_REQUESTS: usize = 2_000_000;

/// A request of the load.
#[derive(Debug, Clone)]
enum Request {
    Get(String),
    /// A new post through the API.
    Create,
}

/// A route of the load: what each blog is asked (`None`: it has no such
/// route). Chapter 5's server has the JSON API only, and searches at
/// `/api/search`.
struct Route {
    sqlite: Option<(String, Vec<Request>)>,
    postgres: Option<(String, Vec<Request>)>,
}

impl Route {
    /// The same path on both blogs.
    fn both(name: &str, requests: Vec<Request>) -> Route {
        Route {
            sqlite: Some((name.to_string(), requests.clone())),
            postgres: Some((name.to_string(), requests)),
        }
    }

    /// A route of chapter 4's blog only: its HTML pages.
    fn sqlite(name: &str, requests: Vec<Request>) -> Route {
        Route {
            sqlite: Some((name.to_string(), requests)),
            postgres: None,
        }
    }

    fn on(&self, backend: Backend) -> Option<&(String, Vec<Request>)> {
        match backend {
            Backend::Sqlite => self.sqlite.as_ref(),
            Backend::Postgres => self.postgres.as_ref(),
        }
    }

    /// Its name on each blog that serves it.
    fn names(&self) -> impl Iterator<Item = &str> {
        [&self.sqlite, &self.postgres]
            .into_iter()
            .flatten()
            .map(|(name, _)| name.as_str())
    }
}

/// One route's figures on each blog loaded.
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub sqlite: Option<RouteLoad>,
    pub postgres: Option<RouteLoad>,
}

/// What a run measured.
#[derive(Debug, Clone)]
pub struct Measured {
    pub rows: Vec<Row>,
    /// What each blog ran on, in the order they ran.
    pub databases: Vec<(Backend, String)>,
}

/// Drives one list of requests (taken in turn) from `connections` threads
/// for `seconds`.
fn drive(url: &str, name: &str, requests: &[Request], options: &LoadOptions) -> RouteLoad {
    let deadline = Instant::now() + Duration::from_secs(options.seconds);
    let per_thread = MAX_REQUESTS / options.connections.max(1);
    let started = Instant::now();
    let threads: Vec<_> = (0..options.connections.max(1))
        .map(|thread| {
            let (url, requests) = (url.to_string(), requests.to_vec());
            std::thread::spawn(move || {
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .timeout_global(Some(Duration::from_secs(30)))
                    .build()
                    .into();
                let mut latencies = Vec::new();
                let mut errors = 0;
                let mut at = thread;
                while Instant::now() < deadline && latencies.len() < per_thread {
                    let sent = Instant::now();
                    let answer = match &requests[at % requests.len()] {
                        Request::Get(path) => agent.get(&format!("{url}{path}")).call(),
                        Request::Create => agent.post(&format!("{url}/api/posts")).send_json(serde_json::json!({
                            "title": format!("Load {thread}-{at}"),
                            "content": "Written by the load test.",
                            "author": "ada",
                            "tags": ["load"],
                        })),
                    };
                    latencies.push(sent.elapsed());
                    let ok = answer.is_ok_and(|mut response| {
                        let status = response.status().as_u16();
                        let _ = response.body_mut().read_to_vec();
                        status < 400
                    });
                    errors += usize::from(!ok);
                    at += options_step(thread);
                }
                (latencies, errors)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut errors = 0;
    for thread in threads {
        if let Ok((mine, failed)) = thread.join() {
            latencies.extend(mine);
            errors += failed;
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort();
    let at = |fraction: f64| {
        latencies
            .get(((latencies.len() as f64 * fraction) as usize).min(latencies.len().saturating_sub(1)))
            .copied()
            .unwrap_or_default()
    };
    RouteLoad {
        route: name.to_string(),
        requests: latencies.len(),
        errors,
        per_second: latencies.len() as f64 / elapsed,
        p50: at(0.50),
        p99: at(0.99),
    }
}

/// Threads walk the request list with different strides, so that they do
/// not ask for the same page at the same time.
fn options_step(thread: usize) -> usize {
    [1, 7, 13, 31][thread % 4]
}

/// The requests of each route, for a database of `posts` posts: the read
/// routes, then the writes, `POST /api/posts` from every connection.
fn routes(posts: usize) -> Vec<Route> {
    let middle = (posts / 2).max(1);
    let ids: Vec<usize> = (0..64).map(|i| 1 + (middle + i * 7919) % posts.max(1)).collect();
    let gets = |paths: Vec<String>| paths.into_iter().map(Request::Get).collect::<Vec<_>>();
    let last_page = (posts / 10).max(1);
    let pages = |prefix: &str| gets((0..64).map(|i| format!("{prefix}{}", 2 + i * last_page / 64)).collect());
    let words = ["rust", "database", "notes"];
    vec![
        Route::sqlite("/", gets(vec!["/".into()])),
        Route::sqlite("/?page=N", pages("/?page=")),
        Route::sqlite("/post/{id}", gets(ids.iter().map(|id| format!("/post/{id}")).collect())),
        Route::sqlite(
            "/user/{name}",
            gets(vec!["/user/ada".into(), "/user/grace".into(), "/user/ken".into()]),
        ),
        Route {
            sqlite: Some((
                "/?q=word".into(),
                gets(words.iter().map(|w| format!("/?q={w}")).collect()),
            )),
            postgres: Some((
                "/api/search?q=word".into(),
                gets(words.iter().map(|w| format!("/api/search?q={w}")).collect()),
            )),
        },
        Route::both("/api/posts", gets(vec!["/api/posts".into()])),
        Route::both("/api/posts?page=N", pages("/api/posts?page=")),
        Route::sqlite(
            "/api/posts?after=ID",
            gets(ids.iter().map(|id| format!("/api/posts?after={id}")).collect()),
        ),
        Route::both(
            "/api/posts/{id}",
            gets(ids.iter().map(|id| format!("/api/posts/{id}")).collect()),
        ),
        Route::both("/health", gets(vec!["/health".into()])),
        Route::both("POST /api/posts", vec![Request::Create]),
    ]
}

/// The routes whose name on either blog contains `only`; all without it.
fn chosen(mut routes: Vec<Route>, only: Option<&str>) -> Vec<Route> {
    if let Some(text) = only {
        routes.retain(|route| route.names().any(|name| name.contains(text)));
    }
    routes
}

/// Loads each blog the options name, one after the other (only one runs at
/// a time), and measures every route it serves.
pub fn run(root: &Path, options: &LoadOptions) -> anyhow::Result<Measured> {
    let routes = chosen(routes(options.posts), options.only.as_deref());
    let mut rows = vec![Row::default(); routes.len()];
    let mut databases = Vec::new();
    for backend in options.server.backends() {
        let blog = servers::start(root, backend, options)?;
        for (route, row) in routes.iter().zip(&mut rows) {
            let Some((name, requests)) = route.on(backend) else {
                continue;
            };
            let figure = Some(drive(&blog.url, name, requests, options));
            match backend {
                Backend::Sqlite => row.sqlite = figure,
                Backend::Postgres => row.postgres = figure,
            }
        }
        databases.push((backend, blog.database.clone()));
    }
    Ok(Measured { rows, databases })
}

/// The figures as a Markdown table: one blog's with the median, or both
/// side by side.
pub fn table(measured: &Measured, options: &LoadOptions) -> String {
    let mut out = format!(
        "{} posts, {} connections, {} s a route\n",
        options.posts, options.connections, options.seconds
    );
    for (backend, database) in &measured.databases {
        if *backend == Backend::Postgres {
            out += &format!("{}: {database}\n", backend.name());
        }
    }
    out += "\n";
    match options.server {
        Servers::Both => out += &side_by_side(&measured.rows),
        Servers::Sqlite | Servers::Postgres => {
            let figures = measured
                .rows
                .iter()
                .filter_map(|row| row.sqlite.as_ref().or(row.postgres.as_ref()));
            out += &one_blog(figures);
        }
    }
    out
}

fn one_blog<'a>(figures: impl Iterator<Item = &'a RouteLoad>) -> String {
    let mut out = "| route | req/s | p50 | p99 | errors |\n|---|---|---|---|---|\n".to_string();
    for figure in figures {
        out += &format!(
            "| `{}` | {:.0} | {} | {} | {} |\n",
            figure.route,
            figure.per_second,
            millis(figure.p50),
            millis(figure.p99),
            figure.errors
        );
    }
    out
}

/// Requests per second and p99 of each blog, a route a line; `—` where a
/// blog has no such route. The errors are SQLite's / PostgreSQL's.
fn side_by_side(rows: &[Row]) -> String {
    let mut out = "| route | SQLite req/s | SQLite p99 | PostgreSQL req/s | PostgreSQL p99 | errors |\n\
                   |---|---|---|---|---|---|\n"
        .to_string();
    let cells = |figure: Option<&RouteLoad>| match figure {
        Some(figure) => (
            format!("{:.0}", figure.per_second),
            millis(figure.p99),
            figure.errors.to_string(),
        ),
        None => ("—".into(), "—".into(), "—".into()),
    };
    for row in rows {
        let (sqlite, postgres) = (row.sqlite.as_ref(), row.postgres.as_ref());
        let route = match (sqlite, postgres) {
            (Some(a), Some(b)) if a.route != b.route => format!("`{}`, `{}`", a.route, b.route),
            _ => format!("`{}`", sqlite.or(postgres).map_or("", |figure| figure.route.as_str())),
        };
        let ((s_rate, s_p99, s_errors), (p_rate, p_p99, p_errors)) = (cells(sqlite), cells(postgres));
        out += &format!("| {route} | {s_rate} | {s_p99} | {p_rate} | {p_p99} | {s_errors} / {p_errors} |\n");
    }
    out
}

fn millis(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(route: &str, per_second: f64, p99_ms: u64) -> RouteLoad {
        RouteLoad {
            route: route.to_string(),
            requests: 100,
            errors: 0,
            per_second,
            p50: Duration::from_millis(1),
            p99: Duration::from_millis(p99_ms),
        }
    }

    #[test]
    fn both_blogs_share_a_line_a_route() {
        let rows = [
            Row {
                sqlite: Some(figure("/", 1500.0, 4)),
                postgres: None,
            },
            Row {
                sqlite: Some(figure("/?q=word", 400.0, 20)),
                postgres: Some(figure("/api/search?q=word", 900.4, 15)),
            },
            Row {
                sqlite: Some(figure("/health", 3800.0, 2)),
                postgres: Some(figure("/health", 3000.0, 5)),
            },
        ];
        let table = side_by_side(&rows);
        let lines: Vec<&str> = table.lines().skip(2).collect();
        assert_eq!(
            lines,
            [
                "| `/` | 1500 | 4.00 ms | — | — | 0 / — |",
                "| `/?q=word`, `/api/search?q=word` | 400 | 20.00 ms | 900 | 15.00 ms | 0 / 0 |",
                "| `/health` | 3800 | 2.00 ms | 3000 | 5.00 ms | 0 / 0 |",
            ]
        );
    }

    #[test]
    fn only_keeps_the_routes_whose_name_has_the_text() {
        let names = |only| {
            chosen(routes(1000), only)
                .iter()
                .flat_map(|route| route.names().map(str::to_string).collect::<Vec<_>>())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(Some("POST")), ["POST /api/posts", "POST /api/posts"]);
        assert_eq!(names(Some("search")), ["/?q=word", "/api/search?q=word"]);
        assert_eq!(names(None).len(), 17);
    }

    #[test]
    fn the_postgres_blog_is_asked_only_what_it_serves() {
        let routes = routes(1000);
        let served: Vec<&str> = routes
            .iter()
            .filter_map(|route| route.on(Backend::Postgres))
            .map(|(name, _)| name.as_str())
            .collect();
        assert_eq!(
            served,
            [
                "/api/search?q=word",
                "/api/posts",
                "/api/posts?page=N",
                "/api/posts/{id}",
                "/health",
                "POST /api/posts"
            ]
        );
        assert_eq!(
            routes
                .iter()
                .filter(|route| route.on(Backend::Sqlite).is_some())
                .count(),
            11
        );
    }
}
