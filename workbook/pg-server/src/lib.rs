//! A PostgreSQL server for the course's checks.
//!
//! The checks of the PostgreSQL chapter run against a real server, never a
//! mock. Each check process gets one: the server named in
//! `WORKBOOK_POSTGRES_URL` when a learner runs their own, or else a
//! throwaway server started from the installed PostgreSQL programs
//! (`initdb`, `pg_ctl`), in a temporary folder, and removed when the process
//! ends. The checks make a fresh database on it for each test.
//!
//! Without a server, a learner's check stops at once with one line that
//! says what is missing and how to install it; the reference solutions'
//! checks, which the root `cargo test` runs, skip with one line instead,
//! unless `WORKBOOK_REQUIRE_POSTGRES` is set (CI sets it).

mod find;
mod throwaway;

use std::io::Write;
use std::sync::{Once, OnceLock};

pub use find::{POSTGRES_FOLDERS, find_initdb, find_program};
pub use throwaway::Throwaway;

/// The variable that names a PostgreSQL server for the checks to use
/// instead of starting one of their own.
pub const URL_VAR: &str = "WORKBOOK_POSTGRES_URL";

/// The variable that makes a missing server a failure of the reference
/// solutions' checks too, instead of a skip.
pub const REQUIRE_VAR: &str = "WORKBOOK_REQUIRE_POSTGRES";

/// How to get a server, in one line.
pub const INSTALL: &str = "Debian/Ubuntu: sudo apt install postgresql; macOS: brew install postgresql@17; \
                           Windows: the installer from postgresql.org; or name a server of yours in \
                           WORKBOOK_POSTGRES_URL";

/// Why there is no server.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("PostgreSQL's server programs (initdb and pg_ctl) are not installed")]
    NotInstalled,
    #[error("a throwaway server is started on Linux and macOS only")]
    Unsupported,
    #[error("as root, the server must run as the `postgres` user, and this system has none")]
    NoServerUser,
    #[error("as root, the server is started with `runuser`, and this system has none")]
    NoRunuser,
    #[error("initdb failed: {0}")]
    Init(String),
    #[error("the throwaway server did not start: {0}")]
    Start(String),
    #[error("the throwaway server could not be prepared: {0}")]
    Io(#[from] std::io::Error),
}

/// A server to make databases on.
#[derive(Debug)]
pub enum Server {
    /// One this process started, removed when it ends.
    Throwaway(Throwaway),
    /// The learner's own, from `WORKBOOK_POSTGRES_URL`.
    Given(String),
}

impl Server {
    /// The server in `WORKBOOK_POSTGRES_URL`, or else a new throwaway one.
    pub fn start() -> Result<Server, ServerError> {
        match std::env::var(URL_VAR) {
            Ok(url) if !url.trim().is_empty() => Ok(Server::Given(url.trim().to_string())),
            _ => Throwaway::start().map(Server::Throwaway),
        }
    }

    /// As [`Server::start`], but a throwaway server keeps PostgreSQL's
    /// default durability: for measurements (`cargo workbook dev load`).
    pub fn start_durable() -> Result<Server, ServerError> {
        match std::env::var(URL_VAR) {
            Ok(url) if !url.trim().is_empty() => Ok(Server::Given(url.trim().to_string())),
            _ => Throwaway::start_durable().map(Server::Throwaway),
        }
    }

    /// The URL of `database` on this server.
    pub fn url(&self, database: &str) -> String {
        match self {
            Server::Throwaway(server) => server.url(database),
            Server::Given(url) => with_database(url, database),
        }
    }

    /// The URL of the database to connect to when creating others: the one
    /// in `WORKBOOK_POSTGRES_URL`, or `postgres`.
    pub fn admin_url(&self) -> String {
        match self {
            Server::Throwaway(server) => server.url("postgres"),
            Server::Given(url) => url.clone(),
        }
    }

    /// What the server is, for a message.
    pub fn describe(&self) -> String {
        match self {
            Server::Throwaway(server) => format!("a throwaway server in {}", server.folder().display()),
            Server::Given(_) => format!("the server in {URL_VAR}"),
        }
    }
}

/// `url` with its database (the path) replaced by `database`.
fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let authority_at = base.find("://").map_or(0, |at| at + 3);
    let base = match base[authority_at..].find('/') {
        Some(slash) => &base[..authority_at + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{base}/{database}?{query}"),
        None => format!("{base}/{database}"),
    }
}

static SHARED: OnceLock<Result<Server, ServerError>> = OnceLock::new();

/// The one server of this process, started on first use. A throwaway server
/// is stopped and removed when the process exits.
pub fn shared() -> Result<&'static Server, &'static ServerError> {
    SHARED
        .get_or_init(|| {
            let server = Server::start();
            if let Ok(Server::Throwaway(_)) = &server {
                stop_at_exit();
            }
            server
        })
        .as_ref()
}

/// Statics are never dropped: the shared server is stopped by a function
/// the C library calls when the process exits (after `main` returns, or on
/// `std::process::exit`, which is how the test harness ends).
fn stop_at_exit() {
    extern "C" fn stop_shared() {
        if let Some(Ok(Server::Throwaway(server))) = SHARED.get() {
            server.stop();
        }
    }
    unsafe extern "C" {
        fn atexit(callback: extern "C" fn()) -> std::ffi::c_int;
    }
    // SAFETY: `stop_shared` is a plain function that lives as long as the
    // process, which is all `atexit` asks of it.
    unsafe {
        atexit(stop_shared);
    }
}

/// Whether `WORKBOOK_REQUIRE_POSTGRES` is set (to anything but `0`).
pub fn required() -> bool {
    std::env::var(REQUIRE_VAR).is_ok_and(|value| !value.trim().is_empty() && value.trim() != "0")
}

/// The server for a check of `package` (pass `env!("CARGO_PKG_NAME")`).
///
/// Without a server: a reference solution's check (`…-solution`) skips with
/// one line and `None`, unless [`REQUIRE_VAR`] is set; any other check, a
/// learner's, stops the process at once with one line saying what is
/// missing and how to get it. So a starter never passes for want of a
/// server, and the root `cargo test` stays green on a machine without one.
pub fn for_checks(package: &str) -> Option<&'static Server> {
    static SKIPPED: Once = Once::new();
    match shared() {
        Ok(server) => Some(server),
        Err(error) if package.ends_with("-solution") && !required() => {
            SKIPPED.call_once(|| {
                say(&format!(
                    "skipped: the checks of {package} need a PostgreSQL server: {error} \
                     ({REQUIRE_VAR}=1 makes this a failure)"
                ))
            });
            None
        }
        Err(error) => {
            say(&format!(
                "error: this check needs a PostgreSQL server: {error}. To get one: {INSTALL}."
            ));
            std::process::exit(1)
        }
    }
}

/// Prints past the test harness's capture, so the line shows on a green run.
fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_given_url_gets_another_database() {
        let cases = [
            (
                "postgres://me:pw@db.example:5433/blog",
                "postgres://me:pw@db.example:5433/t1",
            ),
            ("postgres://me@localhost", "postgres://me@localhost/t1"),
            (
                "postgresql:///blog?host=/var/run/postgresql",
                "postgresql:///t1?host=/var/run/postgresql",
            ),
            (
                "postgres://me@h/blog?sslmode=require",
                "postgres://me@h/t1?sslmode=require",
            ),
        ];
        for (given, wanted) in cases {
            assert_eq!(with_database(given, "t1"), wanted, "{given}");
        }
    }
}
