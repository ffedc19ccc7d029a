//! The throwaway server starts, and leaves nothing behind: when dropped,
//! and when its process is killed. Without PostgreSQL these tests skip
//! with one line, unless WORKBOOK_REQUIRE_POSTGRES is set.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use pg_server::{ServerError, Throwaway};

/// A throwaway server, or `None` (after one line) when this machine cannot
/// make one and nobody asked for it.
fn throwaway() -> Option<Throwaway> {
    match Throwaway::start() {
        Ok(server) => Some(server),
        Err(error @ (ServerError::NotInstalled | ServerError::Unsupported)) if !pg_server::required() => {
            eprintln!("skipped: {error}");
            None
        }
        Err(error) => panic!("{error}"),
    }
}

fn socket(folder: &Path) -> PathBuf {
    folder.join(".s.PGSQL.5432")
}

fn gone_within(folder: &Path, limit: Duration) -> bool {
    let started = Instant::now();
    while started.elapsed() < limit {
        if !folder.exists() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

#[test]
fn a_throwaway_server_listens_on_its_socket_and_goes_when_dropped() {
    let Some(server) = throwaway() else { return };
    let folder = server.folder().to_path_buf();
    assert!(socket(&folder).exists(), "the socket is in {}", folder.display());
    let url = server.url("postgres");
    assert!(
        url.starts_with("postgres://postgres@localhost:5432/postgres?host=/"),
        "{url}"
    );
    drop(server);
    assert!(!folder.exists(), "{} is removed", folder.display());
}

/// Run as a child by the next test: starts a server, says where, and waits
/// to be killed.
#[test]
#[ignore = "a helper the next test runs in a child process"]
fn child_that_starts_a_server_and_waits() {
    let server = Throwaway::start().expect("a server");
    println!("FOLDER={}", server.folder().display());
    std::thread::sleep(Duration::from_secs(60));
}

#[test]
fn a_killed_process_leaves_no_server_behind() {
    let Some(probe) = throwaway() else { return };
    drop(probe);
    let mut child = Command::new(std::env::current_exe().expect("this test binary"))
        .args([
            "--ignored",
            "--exact",
            "child_that_starts_a_server_and_waits",
            "--nocapture",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the child starts");
    let stdout = child.stdout.take().expect("piped");
    let folder = std::io::BufRead::lines(std::io::BufReader::new(stdout))
        .map_while(Result::ok)
        .find_map(|line| line.strip_prefix("FOLDER=").map(PathBuf::from))
        .expect("the child names its server's folder");
    assert!(socket(&folder).exists(), "the child's server runs");
    child.kill().expect("killed");
    child.wait().expect("reaped");
    assert!(
        gone_within(&folder, Duration::from_secs(10)),
        "the watchdog stops the server and removes {}",
        folder.display()
    );
}
