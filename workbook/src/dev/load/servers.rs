//! The blogs under load: each one built in release, seeded with the same
//! number of posts, and started on a free loopback port. Chapter 4's blog
//! runs on a SQLite file; chapter 5's on a PostgreSQL server, a throwaway
//! one (`pg-server`) or the one in `WORKBOOK_POSTGRES_URL`.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context;

use super::LoadOptions;

/// The database on a given PostgreSQL server that the load seeds (and
/// replaces): never the database named in the URL.
const PG_DATABASE: &str = "workbook_load";

/// The blog's secret key; only chapter 4's reads it.
const SECRET_KEY: &str = "a secret of the load test, long enough for the blog";

/// A blog to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Chapter 4's blog, `blog-solution`, on a SQLite file.
    Sqlite,
    /// Chapter 5's JSON API, `blog-pg-solution`, on a PostgreSQL server.
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }

    /// The package, and so the binary.
    fn package(self) -> &'static str {
        match self {
            Backend::Sqlite => "blog-solution",
            Backend::Postgres => "blog-pg-solution",
        }
    }
}

/// A blog serving on the loopback address, with what it runs on. Dropping
/// it stops the blog, then its database (a throwaway server, a temporary
/// folder).
pub struct Running {
    pub url: String,
    /// What the data is on, for the table's heading.
    pub database: String,
    child: Child,
    _server: Option<pg_server::Server>,
    _folder: tempfile::TempDir,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Builds `backend`'s blog, seeds its database with `options.posts` posts
/// and starts it.
pub fn start(root: &Path, backend: Backend, options: &LoadOptions) -> anyhow::Result<Running> {
    let binary = match (&options.sqlite_blog, backend) {
        (Some(binary), Backend::Sqlite) => binary.clone(),
        _ => build(root, backend)?,
    };
    let folder = tempfile::tempdir()?;
    let (server, url, database) = match backend {
        Backend::Sqlite => {
            let file = options
                .database
                .clone()
                .unwrap_or_else(|| folder.path().join("blog.db"));
            let url = format!("sqlite:{}", file.display());
            if !file.exists() {
                seed(&binary, &url, options.posts, false)?;
            }
            (None, url, "a file".to_string())
        }
        Backend::Postgres => {
            let server = pg_server::Server::start_durable().context("no PostgreSQL server for the load")?;
            let url = server.url(PG_DATABASE);
            seed(&binary, &url, options.posts, true)?;
            let database = match &server {
                pg_server::Server::Throwaway(_) => "a throwaway server with PostgreSQL's default settings".to_string(),
                pg_server::Server::Given(_) => {
                    format!("the database {PG_DATABASE} on the server in {}", pg_server::URL_VAR)
                }
            };
            (Some(server), url, database)
        }
    };
    let (child, url) = serve(&binary, &url)?;
    Ok(Running {
        url,
        database,
        child,
        _server: server,
        _folder: folder,
    })
}

/// Builds the release blog and returns its binary.
fn build(root: &Path, backend: Backend) -> anyhow::Result<PathBuf> {
    let status = Command::new(crate::check::cargo())
        .current_dir(root)
        .args(["build", "--release", "--quiet", "--package", backend.package()])
        .status()
        .context("cannot run cargo")?;
    anyhow::ensure!(status.success(), "the release build of {} fails", backend.package());
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    Ok(target.join("release").join(backend.package()))
}

/// Fills the database at `url` with the blog's own `seed` command;
/// `replace` lets it replace what a database holds already.
fn seed(binary: &Path, url: &str, posts: usize, replace: bool) -> anyhow::Result<()> {
    let mut command = Command::new(binary);
    command
        .args(["--database-url", url, "seed", "--posts", &posts.to_string()])
        .env("SECRET_KEY", SECRET_KEY)
        .stdout(Stdio::null());
    if replace {
        command.arg("--force");
    }
    let seeded = command.status().context("cannot seed the database")?;
    anyhow::ensure!(seeded.success(), "seeding failed");
    Ok(())
}

/// Starts the blog on a free loopback port and waits for its `/health`.
fn serve(binary: &Path, database_url: &str) -> anyhow::Result<(Child, String)> {
    let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let mut child = Command::new(binary)
        .args(["--database-url", database_url])
        .env("BIND_ADDR", format!("127.0.0.1:{port}"))
        .env("SECRET_KEY", SECRET_KEY)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .context("cannot start the blog")?;
    let url = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    while ureq::get(&format!("{url}/health")).call().is_err() {
        if started.elapsed() > Duration::from_secs(30) || child.try_wait().is_ok_and(|status| status.is_some()) {
            let _ = child.kill();
            let _ = child.wait();
            anyhow::bail!("the blog did not answer /health");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok((child, url))
}
