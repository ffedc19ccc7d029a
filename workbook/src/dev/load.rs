//! `cargo workbook dev load`: the reference blog under load, on this
//! machine's loopback address. It seeds a temporary database with the blog's
//! own `seed` command, starts the release build of the blog on it, drives
//! each read route and then a write mix from several connections, and prints
//! requests per second with the median and 99th percentile of the latency.
//!
//! The client is a few threads with keep-alive connections (ureq), not
//! `wrk`: it needs nothing installed, and each run is bounded in time and in
//! requests, so it always stops by itself.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context;

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
    /// Keep the seeded database in this file (it is reused when it exists).
    #[arg(long)]
    pub database: Option<PathBuf>,
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

/// The blog, started on a free loopback port; stopped when dropped.
struct Blog {
    child: Child,
    url: String,
}

impl Drop for Blog {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Builds the release blog and returns its binary.
fn build_blog(root: &Path) -> anyhow::Result<PathBuf> {
    let status = Command::new(crate::check::cargo())
        .current_dir(root)
        .args(["build", "--release", "--quiet", "--package", "blog-solution"])
        .status()
        .context("cannot run cargo")?;
    anyhow::ensure!(status.success(), "the release blog does not build");
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    Ok(target.join("release").join("blog-solution"))
}

fn start_blog(binary: &Path, database: &Path) -> anyhow::Result<Blog> {
    let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let child = Command::new(binary)
        .arg("--database-url")
        .arg(format!("sqlite:{}", database.display()))
        .env("BIND_ADDR", format!("127.0.0.1:{port}"))
        .env("SECRET_KEY", "a secret of the load test, long enough for the blog")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .context("cannot start the blog")?;
    let blog = Blog {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    let started = Instant::now();
    while ureq::get(&format!("{}/health", blog.url)).call().is_err() {
        anyhow::ensure!(
            started.elapsed() < Duration::from_secs(30),
            "the blog did not answer /health"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(blog)
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

/// Seeds (or reuses) the database, starts the blog and measures each route.
pub fn run(root: &Path, options: &LoadOptions) -> anyhow::Result<Vec<RouteLoad>> {
    let binary = build_blog(root)?;
    let dir = tempfile::tempdir()?;
    let database = options.database.clone().unwrap_or_else(|| dir.path().join("blog.db"));
    if !database.exists() {
        let seeded = Command::new(&binary)
            .arg("--database-url")
            .arg(format!("sqlite:{}", database.display()))
            .args(["seed", "--posts", &options.posts.to_string()])
            .env("SECRET_KEY", "a secret of the load test, long enough for the blog")
            .stdout(Stdio::null())
            .status()
            .context("cannot seed the database")?;
        anyhow::ensure!(seeded.success(), "seeding failed");
    }
    let blog = start_blog(&binary, &database)?;
    let middle = (options.posts / 2).max(1);
    let ids: Vec<usize> = (0..64)
        .map(|i| 1 + (middle + i * 7919) % options.posts.max(1))
        .collect();
    let gets = |paths: Vec<String>| paths.into_iter().map(Request::Get).collect::<Vec<_>>();
    let last_page = (options.posts / 10).max(1);
    let routes: Vec<(&str, Vec<Request>)> = vec![
        ("/", gets(vec!["/".into()])),
        (
            "/?page=N",
            gets((0..64).map(|i| format!("/?page={}", 2 + i * last_page / 64)).collect()),
        ),
        ("/post/{id}", gets(ids.iter().map(|id| format!("/post/{id}")).collect())),
        (
            "/user/{name}",
            gets(vec!["/user/ada".into(), "/user/grace".into(), "/user/ken".into()]),
        ),
        (
            "/?q=word",
            gets(vec!["/?q=rust".into(), "/?q=database".into(), "/?q=notes".into()]),
        ),
        ("/api/posts", gets(vec!["/api/posts".into()])),
        (
            "/api/posts?page=N",
            gets(
                (0..64)
                    .map(|i| format!("/api/posts?page={}", 2 + i * last_page / 64))
                    .collect(),
            ),
        ),
        (
            "/api/posts/{id}",
            gets(ids.iter().map(|id| format!("/api/posts/{id}")).collect()),
        ),
        ("/health", gets(vec!["/health".into()])),
        ("POST /api/posts", vec![Request::Create]),
    ];
    let figures = routes
        .into_iter()
        .map(|(name, requests)| drive(&blog.url, name, &requests, options))
        .collect();
    drop(blog);
    Ok(figures)
}

/// The figures as a Markdown table.
pub fn table(figures: &[RouteLoad], options: &LoadOptions) -> String {
    let mut out = format!(
        "{} posts, {} connections, {} s a route\n\n| route | req/s | p50 | p99 | errors |\n|---|---|---|---|---|\n",
        options.posts, options.connections, options.seconds
    );
    for figure in figures {
        out += &format!(
            "| `{}` | {:.0} | {:.2} ms | {:.2} ms | {} |\n",
            figure.route,
            figure.per_second,
            figure.p50.as_secs_f64() * 1000.0,
            figure.p99.as_secs_f64() * 1000.0,
            figure.errors
        );
    }
    out
}
