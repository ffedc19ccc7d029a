//! The course as it was shipped, read from git: which of the learner's
//! folders differ from it, the shipped files themselves, and a copy of the
//! whole course as shipped for the checks and the book to read.
//!
//! The shipped commit is the branch the learner cloned from (so their own
//! commits do not count), or else `HEAD`. Without git (a downloaded archive)
//! the files on disk are all there is, and every question is answered from
//! them.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::course::Course;
use crate::files::files_under;

/// Why the shipped course could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ShippedError {
    #[error("this folder is not a git checkout, so the course as shipped cannot be read back")]
    NotGit,
    #[error("git {args} failed: {message}")]
    Git { args: String, message: String },
    #[error("{action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
}

pub(crate) fn io_error(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> ShippedError {
    let path = path.to_path_buf();
    move |source| ShippedError::Io { action, path, source }
}

/// The course at `root` and the commit it was shipped as, when git knows it.
#[derive(Debug, Clone)]
pub struct Shipped {
    root: PathBuf,
    commit: Option<String>,
}

/// One file as shipped: its path from the course's root, and its bytes.
pub type ShippedFile = (PathBuf, Vec<u8>);

impl Shipped {
    /// Finds the shipped commit of the course at `root`; without git, the
    /// course on disk stands for itself.
    pub fn open(root: &Path) -> Shipped {
        Shipped {
            root: root.to_path_buf(),
            commit: shipped_commit(root).ok(),
        }
    }

    /// The shipped commit, or `None` when this is not a git checkout.
    pub fn commit(&self) -> Option<&str> {
        self.commit.as_deref()
    }

    /// The shipped commit, or the reason there is none.
    pub fn require_commit(&self) -> Result<&str, ShippedError> {
        self.commit().ok_or(ShippedError::NotGit)
    }

    /// Every path under `dir` (relative to the root) that differs from the
    /// shipped commit: changed, added, removed or new and untracked. Empty
    /// without git.
    pub fn changed_paths(&self, dir: &Path) -> BTreeSet<PathBuf> {
        let Some(commit) = self.commit() else {
            return BTreeSet::new();
        };
        let dir = dir.to_string_lossy();
        let mut paths = BTreeSet::new();
        let lists = [
            git(
                &self.root,
                &["diff", "--name-only", "-z", "--no-renames", commit, "--", &dir],
            ),
            git(
                &self.root,
                &["ls-files", "-z", "--others", "--exclude-standard", "--", &dir],
            ),
        ];
        for list in lists.into_iter().flatten() {
            paths.extend(nul_separated(&list));
        }
        paths
    }

    /// Whether anything under `dir` differs from the shipped commit.
    pub fn is_changed(&self, dir: &Path) -> bool {
        !self.changed_paths(dir).is_empty()
    }

    /// The files under `dir` (relative to the root) as shipped, with their
    /// bytes. Empty when the shipped commit has no such folder.
    pub fn files(&self, dir: &Path) -> Result<Vec<ShippedFile>, ShippedError> {
        let commit = self.require_commit()?;
        let listing = git(
            &self.root,
            &[
                "ls-tree",
                "-r",
                "-z",
                "--name-only",
                commit,
                "--",
                &dir.to_string_lossy(),
            ],
        )?;
        let names: Vec<PathBuf> = nul_separated(&listing).collect();
        let contents = cat_files(&self.root, commit, &names)?;
        Ok(names.into_iter().zip(contents).collect())
    }

    /// A copy of the course as shipped, in a temporary folder: `course.toml`,
    /// the book, the solutions and the checks as they are on disk (the
    /// learner does not edit them), and each starter as shipped when the
    /// learner changed it. The checks and the book read this copy, so that
    /// nothing a learner does to a starter can turn the course proof red or
    /// change what the book shows as the task.
    pub fn stage(&self, course: &Course) -> Result<Stage, ShippedError> {
        let dir = tempfile::Builder::new()
            .prefix("workbook-course-")
            .tempdir()
            .map_err(io_error("cannot create a temporary folder in", &std::env::temp_dir()))?;
        let stage_root = dir.path().join("course");
        let copy = |from: &Path| -> Result<(), ShippedError> {
            let relative = from.strip_prefix(&self.root).unwrap_or(from);
            write_file(
                &stage_root.join(relative),
                &std::fs::read(from).map_err(io_error("cannot read", from))?,
            )
        };
        copy(&self.root.join(crate::course::MANIFEST))?;
        for top in [
            crate::course::BOOK_DIR,
            crate::course::CATALOGS_DIR,
            "solutions",
            "tests",
        ] {
            for file in files_under(&self.root.join(top)) {
                copy(&file)?;
            }
        }
        let mut crates: Vec<PathBuf> = course.exercises().map(|e| e.exercise_dir()).collect();
        crates.dedup();
        let mut replaced = Vec::new();
        for crate_dir in crates {
            let shipped = if self.is_changed(&crate_dir) {
                self.files(&crate_dir)?
            } else {
                Vec::new()
            };
            if shipped.is_empty() {
                // Unchanged, or new since the shipped commit (a maintainer's
                // work in progress): the files on disk are the course.
                for file in files_under(&self.root.join(&crate_dir)) {
                    copy(&file)?;
                }
            } else {
                for (path, bytes) in shipped {
                    write_file(&stage_root.join(path), &bytes)?;
                }
                replaced.push(crate_dir);
            }
        }
        Ok(Stage {
            _dir: dir,
            root: stage_root,
            replaced,
        })
    }
}

/// A copy of the course as shipped; removed when dropped.
#[derive(Debug)]
pub struct Stage {
    _dir: tempfile::TempDir,
    /// The copy's root, where its `course.toml` is.
    pub root: PathBuf,
    /// The starter crates whose files came from git, because the learner's
    /// differ.
    pub replaced: Vec<PathBuf>,
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ShippedError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io_error("cannot create", parent))?;
    }
    std::fs::write(path, bytes).map_err(io_error("cannot write", path))
}

/// The commit the course was shipped as: the upstream branch, else `HEAD`.
fn shipped_commit(root: &Path) -> Result<String, ShippedError> {
    // The course must be the top of its own checkout: a course unpacked
    // inside some other repository has no shipped commit.
    let top = git(root, &["rev-parse", "--show-toplevel"]).map_err(|_| ShippedError::NotGit)?;
    let top = PathBuf::from(String::from_utf8_lossy(&top).trim());
    let same = |a: &Path, b: &Path| a.canonicalize().ok().is_some_and(|a| Some(a) == b.canonicalize().ok());
    if !same(&top, root) {
        return Err(ShippedError::NotGit);
    }
    for candidate in ["@{upstream}", "HEAD"] {
        if let Ok(out) = git(
            root,
            &["rev-parse", "--verify", "--quiet", &format!("{candidate}^{{commit}}")],
        ) {
            return Ok(String::from_utf8_lossy(&out).trim().to_string());
        }
    }
    Err(ShippedError::NotGit)
}

pub(crate) fn git(root: &Path, args: &[&str]) -> Result<Vec<u8>, ShippedError> {
    let output = Command::new("git")
        .current_dir(root)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|_| ShippedError::NotGit)?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(ShippedError::Git {
            args: args.join(" "),
            message: String::from_utf8_lossy(&output.stderr).trim().to_string(),
        })
    }
}

fn nul_separated(bytes: &[u8]) -> impl Iterator<Item = PathBuf> + '_ {
    bytes
        .split(|&b| b == 0)
        .filter(|name| !name.is_empty())
        .map(|name| PathBuf::from(String::from_utf8_lossy(name).into_owned()))
}

/// The contents of `names` at `commit`, in order, through one
/// `git cat-file --batch`.
fn cat_files(root: &Path, commit: &str, names: &[PathBuf]) -> Result<Vec<Vec<u8>>, ShippedError> {
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let failed = |message: String| ShippedError::Git {
        args: "cat-file --batch".into(),
        message,
    };
    let mut child = Command::new("git")
        .current_dir(root)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|_| ShippedError::NotGit)?;
    let mut stdin = child.stdin.take().ok_or_else(|| failed("no input".into()))?;
    let requests: String = names
        .iter()
        .map(|name| format!("{commit}:{}\n", name.to_string_lossy()))
        .collect();
    // Written from a thread, so that a full output pipe cannot block us.
    let writer = std::thread::spawn(move || stdin.write_all(requests.as_bytes()));
    let mut out = BufReader::new(child.stdout.take().ok_or_else(|| failed("no output".into()))?);
    let mut contents = Vec::with_capacity(names.len());
    for name in names {
        let mut header = String::new();
        out.read_line(&mut header).map_err(|e| failed(e.to_string()))?;
        let size: usize = header
            .split_whitespace()
            .nth(2)
            .and_then(|size| size.parse().ok())
            .ok_or_else(|| {
                failed(format!(
                    "{} is not in the course's history: {}",
                    name.display(),
                    header.trim()
                ))
            })?;
        let mut bytes = vec![0; size + 1];
        out.read_exact(&mut bytes).map_err(|e| failed(e.to_string()))?;
        bytes.truncate(size);
        contents.push(bytes);
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(contents)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn run_git(dir: &Path, args: &[&str]) {
        let status = Command::new("git")
            .current_dir(dir)
            .args(["-c", "user.name=t", "-c", "user.email=t@t"])
            .args(args)
            .stdout(Stdio::null())
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    }

    /// A git repository with one committed starter file.
    pub(crate) fn repository() -> tempfile::TempDir {
        let root = tempfile::tempdir().expect("a folder");
        let crate_dir = root.path().join("exercises/00-a/01-b");
        std::fs::create_dir_all(crate_dir.join("src")).expect("folders");
        std::fs::write(crate_dir.join("src/lib.rs"), "// starter\n").expect("written");
        run_git(root.path(), &["init", "-q"]);
        run_git(root.path(), &["add", "."]);
        run_git(root.path(), &["commit", "-q", "-m", "course"]);
        root
    }

    #[test]
    fn changes_new_files_and_deletions_all_count() {
        let root = repository();
        let root = root.path();
        let shipped = Shipped::open(root);
        let dir = Path::new("exercises/00-a/01-b");
        assert!(shipped.commit().is_some());
        assert!(!shipped.is_changed(dir));

        std::fs::write(root.join(dir).join("src/extra.rs"), "// new\n").expect("written");
        assert_eq!(
            shipped.changed_paths(dir),
            BTreeSet::from([dir.join("src/extra.rs")]),
            "an untracked file is a change"
        );
        std::fs::remove_file(root.join(dir).join("src/extra.rs")).expect("removed");
        std::fs::remove_file(root.join(dir).join("src/lib.rs")).expect("removed");
        assert!(shipped.is_changed(dir), "a deleted file is a change");

        let files = shipped.files(dir).expect("read from git");
        assert_eq!(files, [(dir.join("src/lib.rs"), b"// starter\n".to_vec())]);
    }

    #[test]
    fn without_git_the_files_on_disk_stand_for_the_course() {
        let root = tempfile::tempdir().expect("a folder");
        let shipped = Shipped::open(root.path());
        assert_eq!(shipped.commit(), None);
        assert!(!shipped.is_changed(Path::new("exercises")));
        assert!(matches!(
            shipped.files(Path::new("exercises")),
            Err(ShippedError::NotGit)
        ));
    }
}
