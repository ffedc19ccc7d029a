//! The starters as the course ships them, read from git: whether a starter is
//! still untouched, and restoring it (after a backup) when the learner asks.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::files::files_under;
use crate::progress::STATE_DIR;

/// Why the shipped version of an exercise could not be read or restored.
#[derive(Debug, thiserror::Error)]
pub enum PristineError {
    #[error("this folder is not a git checkout, so the shipped starters cannot be read back")]
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

fn io(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> PristineError {
    let path = path.to_path_buf();
    move |source| PristineError::Io { action, path, source }
}

fn git(root: &Path, args: &[&str]) -> Result<Vec<u8>, PristineError> {
    let output = Command::new("git")
        .current_dir(root)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|_| PristineError::NotGit)?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(PristineError::Git {
            args: args.join(" "),
            message: String::from_utf8_lossy(&output.stderr).trim().to_string(),
        })
    }
}

/// The commit that holds the course as shipped: the branch the learner cloned
/// from (so their own commits do not count), or else `HEAD`.
pub fn reference(root: &Path) -> Result<String, PristineError> {
    git(root, &["rev-parse", "--is-inside-work-tree"]).map_err(|_| PristineError::NotGit)?;
    for candidate in ["@{upstream}", "HEAD"] {
        if let Ok(out) = git(root, &["rev-parse", "--verify", "--quiet", candidate]) {
            return Ok(String::from_utf8_lossy(&out).trim().to_string());
        }
    }
    Err(PristineError::NotGit)
}

/// Whether the files of `dir` (relative to `root`) are as in `reference`.
pub fn is_pristine(root: &Path, reference: &str, dir: &Path) -> Result<bool, PristineError> {
    let dir = dir.to_string_lossy();
    let status = Command::new("git")
        .current_dir(root)
        .args(["diff", "--quiet", reference, "--", &dir])
        .stdin(Stdio::null())
        .status()
        .map_err(|_| PristineError::NotGit)?;
    Ok(status.success())
}

/// Saves every file of `dir` under `.workbook/backups/<name>-<time>/`, then
/// puts back the files of `dir` as in `reference`. Returns the backup folder.
/// Nothing is changed unless the backup was made in full.
pub fn restore(root: &Path, reference: &str, dir: &Path, name: &str) -> Result<PathBuf, PristineError> {
    let listing = git(
        root,
        &[
            "ls-tree",
            "-r",
            "-z",
            "--name-only",
            reference,
            "--",
            &dir.to_string_lossy(),
        ],
    )?;
    let shipped: Vec<PathBuf> = listing
        .split(|&b| b == 0)
        .filter(|name| !name.is_empty())
        .map(|name| PathBuf::from(String::from_utf8_lossy(name).into_owned()))
        .collect();
    if shipped.is_empty() {
        return Err(PristineError::Git {
            args: format!("ls-tree {reference} -- {}", dir.display()),
            message: "the course's git history has no files in this folder".into(),
        });
    }
    // Read every shipped file before touching anything.
    let mut contents = Vec::new();
    for path in &shipped {
        let spec = format!("{reference}:{}", path.to_string_lossy());
        contents.push((path, git(root, &["show", &spec])?));
    }

    let backup = root
        .join(STATE_DIR)
        .join("backups")
        .join(format!("{name}-{}", timestamp()));
    let current = files_under(&root.join(dir));
    for file in &current {
        let relative = file.strip_prefix(root).unwrap_or(file);
        let target = backup.join(relative);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(io("cannot create", parent))?;
        }
        std::fs::copy(file, &target).map_err(io("cannot back up", file))?;
    }

    for file in &current {
        let relative = file.strip_prefix(root).unwrap_or(file);
        if !shipped.iter().any(|path| path == relative) {
            std::fs::remove_file(file).map_err(io("cannot remove", file))?;
        }
    }
    for (path, bytes) in contents {
        let target = root.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(io("cannot create", parent))?;
        }
        std::fs::write(&target, bytes).map_err(io("cannot write", &target))?;
    }
    Ok(backup)
}

/// The time now as `YYYYMMDD-HHMMSS`, in UTC.
fn timestamp() -> String {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (year, month, day) = civil_from_days(days as i64);
    format!(
        "{year:04}{month:02}{day:02}-{:02}{:02}{:02}",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// The calendar date of a day counted from 1970-01-01 (Howard Hinnant's
/// well-known algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_become_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_781), (2026, 11, 24));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    fn run(dir: &Path, args: &[&str]) {
        let status = Command::new("git")
            .current_dir(dir)
            .args(args)
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    }

    #[test]
    fn restore_backs_up_then_brings_back_the_shipped_files() {
        let root = tempfile::tempdir().expect("a folder");
        let root = root.path();
        let crate_dir = root.join("exercises/00-a/01-b");
        std::fs::create_dir_all(crate_dir.join("src")).expect("folders");
        std::fs::write(crate_dir.join("src/lib.rs"), "// starter\n").expect("written");
        run(root, &["init", "-q"]);
        run(root, &["add", "."]);
        run(
            root,
            &[
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "commit",
                "-q",
                "-m",
                "course",
            ],
        );

        let reference = reference(root).expect("a reference commit");
        let dir = Path::new("exercises/00-a/01-b");
        assert!(is_pristine(root, &reference, dir).expect("diff runs"));

        std::fs::write(crate_dir.join("src/lib.rs"), "// my work\n").expect("written");
        std::fs::write(crate_dir.join("src/extra.rs"), "// more work\n").expect("written");
        assert!(!is_pristine(root, &reference, dir).expect("diff runs"));

        let backup = restore(root, &reference, dir, "b").expect("restored");
        assert_eq!(
            std::fs::read_to_string(crate_dir.join("src/lib.rs")).expect("read"),
            "// starter\n"
        );
        assert!(
            !crate_dir.join("src/extra.rs").exists(),
            "files the course does not ship are removed"
        );
        let saved = backup.join("exercises/00-a/01-b/src");
        assert_eq!(
            std::fs::read_to_string(saved.join("lib.rs")).expect("backup"),
            "// my work\n"
        );
        assert_eq!(
            std::fs::read_to_string(saved.join("extra.rs")).expect("backup"),
            "// more work\n"
        );
        assert!(is_pristine(root, &reference, dir).expect("diff runs"));
    }
}
