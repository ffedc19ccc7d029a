//! `cargo workbook doctor`: what this machine has for the course, with the
//! one-line fix for whatever is missing.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::shipped::Shipped;

/// The variable that names a PostgreSQL server for the checks to use
/// instead of starting one of their own.
pub const POSTGRES_URL_VAR: &str = pg_server::URL_VAR;

/// One thing the doctor looked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub what: &'static str,
    /// What was found, or `None` when it is missing.
    pub found: Option<String>,
    /// How to get it, in one line.
    pub fix: &'static str,
    /// Whether the course cannot be done without it.
    pub required: bool,
}

/// The first line a command prints for `--version`, when it runs.
fn version(program: &Path, flag: &str) -> Option<String> {
    let output = Command::new(program)
        .arg(flag)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&output.stdout);
    output
        .status
        .success()
        .then(|| text.lines().next().unwrap_or_default().trim().to_string())
}

// The finder lives with the throwaway server that the PostgreSQL chapter's
// checks start, so that the doctor and the checks agree on what is installed.
pub use pg_server::{POSTGRES_FOLDERS, find_program};

/// Everything the doctor looks for on this machine.
pub fn examine(root: &Path) -> Vec<Finding> {
    let rustc = std::env::var_os("RUSTC").map_or_else(|| PathBuf::from("rustc"), PathBuf::from);
    let git = find_program("git", &[]).and_then(|git| version(&git, "--version"));
    let git = git.map(|version| match Shipped::open(root).commit() {
        Some(_) => version,
        None => format!("{version}, but this copy of the course is not a git checkout (reset cannot work)"),
    });
    let postgres = match std::env::var(POSTGRES_URL_VAR) {
        Ok(url) if !url.trim().is_empty() => Some(format!("the server in {POSTGRES_URL_VAR}")),
        _ => pg_server::find_initdb()
            .and_then(|initdb| version(&initdb, "--version").map(|v| format!("{v} ({})", initdb.display()))),
    };
    let program = |name: &str| find_program(name, &[]).and_then(|path| version(&path, "--version"));
    let chromium = find_program("chromium", &[])
        .or_else(|| find_program("chromium-browser", &[]))
        .and_then(|path| version(&path, "--version"));
    vec![
        Finding {
            what: "Rust toolchain",
            found: version(&rustc, "--version"),
            fix: "install Rust 1.95 or newer from https://rustup.rs",
            required: true,
        },
        Finding {
            what: "git",
            found: git,
            fix: "install git (Debian/Ubuntu: sudo apt install git; macOS: xcode-select --install)",
            required: true,
        },
        Finding {
            what: "PostgreSQL server (chapter 5)",
            found: postgres,
            fix: pg_server::INSTALL,
            required: false,
        },
        Finding {
            what: "Chromium (the course's browser tests)",
            found: chromium,
            fix: "Debian/Ubuntu: sudo apt install chromium",
            required: false,
        },
        Finding {
            what: "ChromeDriver (the course's browser tests)",
            found: program("chromedriver"),
            fix: "Debian/Ubuntu: sudo apt install chromium-driver",
            required: false,
        },
        Finding {
            what: "tmux (the course's terminal tests)",
            found: find_program("tmux", &[]).and_then(|path| version(&path, "-V")),
            fix: "Debian/Ubuntu: sudo apt install tmux; macOS: brew install tmux",
            required: false,
        },
    ]
}

/// The findings as the learner reads them.
pub fn report(findings: &[Finding]) -> String {
    let mut out = String::new();
    for finding in findings {
        out += &match &finding.found {
            Some(found) => format!("✓ {}: {found}\n", finding.what),
            None => format!("✗ {}: not found. To get it: {}\n", finding.what, finding.fix),
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_tool_comes_with_its_fix() {
        let text = report(&[Finding {
            what: "tmux",
            found: None,
            fix: "sudo apt install tmux",
            required: false,
        }]);
        assert_eq!(text, "✗ tmux: not found. To get it: sudo apt install tmux\n");
    }
}
