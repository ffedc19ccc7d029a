//! What the workbook's end-to-end tests share: the course's root, the
//! tools a test needs, and a temporary copy of the course to work in.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, MutexGuard, PoisonError};

pub const FIRST: &str = "00-getting-started/01-first-check";

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace root")
        .to_path_buf()
}

/// A reference solution's program, built as the root `cargo test` builds
/// it. Cargo builds a package's programs for its integration tests, so this
/// builds one of them, `test`, from the root with no `--package`: the same
/// selection as the root `cargo test`, whose dependencies, with the same
/// features, are then not built a second time.
pub fn reference_program(test: &str, program: &str) -> PathBuf {
    let root = root();
    let status = Command::new(workbook::check::cargo())
        .current_dir(&root)
        .args(["test", "--no-run", "--quiet", "--test", test])
        .status()
        .expect("cargo runs");
    assert!(status.success(), "{program} builds");
    std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| root.join("target"), PathBuf::from)
        .join("debug")
        .join(program)
}

/// Whether a tool is there; when it is not, the test skips (or fails, when
/// WORKBOOK_REQUIRE_INTERACTIVE is set).
pub fn have(tool: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if !found {
        if std::env::var_os("WORKBOOK_REQUIRE_INTERACTIVE").is_some() {
            panic!("{tool} is required here (WORKBOOK_REQUIRE_INTERACTIVE is set) but not installed");
        }
        let _ = writeln!(
            std::io::stderr(),
            "skipped: {tool} is not installed (see workbook/tests/interactive.rs)"
        );
    }
    found
}

/// A copy of the course's tracked files in a fresh git repository, so the
/// runner can work, reset and record progress without touching the real one.
pub struct CourseCopy {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
    pub target: PathBuf,
    _target_in_use: MutexGuard<'static, ()>,
}

/// Copies share one target folder, so that what one builds the next reuses.
/// Their builds have the same names there (cargo names a member's build by
/// its path inside the workspace), so two copies checking at once would
/// overwrite each other's check binaries: a copy holds this lock while it
/// lives, and the tests of one binary that work in copies take turns.
static TARGET_IN_USE: Mutex<()> = Mutex::new(());

impl CourseCopy {
    pub fn new() -> CourseCopy {
        let target_in_use = TARGET_IN_USE.lock().unwrap_or_else(PoisonError::into_inner);
        let dir = tempfile::tempdir().expect("a temporary folder");
        let copy = dir.path().join("course");
        let listing = Command::new("git")
            .current_dir(root())
            .args(["ls-files", "-z", "--cached", "--others", "--exclude-standard"])
            .output()
            .expect("git lists the course's files");
        for name in listing.stdout.split(|&b| b == 0).filter(|name| !name.is_empty()) {
            let name = String::from_utf8_lossy(name).into_owned();
            let (from, to) = (root().join(&name), copy.join(&name));
            if !from.is_file() {
                continue;
            }
            std::fs::create_dir_all(to.parent().expect("a parent")).expect("folders");
            std::fs::copy(&from, &to).expect("a copied file");
        }
        // The starters as shipped, whatever state the real ones are in.
        for exercise in workbook::Course::load(&root()).expect("the course").exercises() {
            let dir = exercise.exercise_dir();
            let shipped = Command::new("git")
                .current_dir(root())
                .args(["archive", "HEAD", &dir.to_string_lossy()])
                .output()
                .expect("git archive");
            if shipped.status.success() && !shipped.stdout.is_empty() {
                let mut tar = Command::new("tar")
                    .current_dir(&copy)
                    // -m: the files get the time of now, not of the commit, so cargo
                    // sees them as newer than any earlier build.
                    .args(["-xmf", "-"])
                    .stdin(Stdio::piped())
                    .spawn()
                    .expect("tar");
                tar.stdin
                    .take()
                    .expect("stdin")
                    .write_all(&shipped.stdout)
                    .expect("tar input");
                tar.wait().expect("tar ends");
            }
        }
        for args in [
            vec!["init", "-q"],
            vec!["add", "-A"],
            vec![
                "-c",
                "user.name=workbook",
                "-c",
                "user.email=workbook@localhost",
                "commit",
                "-q",
                "-m",
                "course",
            ],
        ] {
            let status = Command::new("git")
                .current_dir(&copy)
                .args(&args)
                .status()
                .expect("git runs");
            assert!(status.success(), "git {args:?} in the copy");
        }
        // A target folder of its own: cargo names a workspace member's build
        // by its path inside the workspace, so a copy building in the real
        // target folder would overwrite the real starters' builds with its
        // solved ones.
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| root().join("target"))
            .join("interactive");
        CourseCopy {
            _dir: dir,
            root: copy,
            target,
            _target_in_use: target_in_use,
        }
    }

    /// The workbook's command in the copy, building in the copy's target
    /// folder, with none of the caller's settings that change what it does.
    pub fn workbook(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_workbook"));
        command
            .args(args)
            .current_dir(&self.root)
            .env("CARGO_TARGET_DIR", &self.target)
            .env_remove("WORKBOOK_REQUIRE_INTERACTIVE")
            .env_remove("WORKBOOK_LANG");
        command
    }

    /// Solves the first exercise by writing its solution into the starter.
    pub fn solve_first(&self) {
        let solution = root().join("solutions").join(FIRST).join("src/lib.rs");
        std::fs::copy(solution, self.root.join("exercises").join(FIRST).join("src/lib.rs")).expect("solved");
    }
}
