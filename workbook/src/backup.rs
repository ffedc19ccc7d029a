//! Backups of the learner's files, taken before anything replaces them: each
//! in a folder of its own under `.workbook/backups/`, named once and never
//! reused, so no backup is ever overwritten.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::files::files_under;
use crate::progress::STATE_DIR;
use crate::shipped::{ShippedError, io_error};

/// The folder that holds every backup, under the course's root.
pub fn backups_dir(root: &Path) -> PathBuf {
    root.join(STATE_DIR).join("backups")
}

/// A backup that was taken: its folder and the files in it, each relative to
/// the course's root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub dir: PathBuf,
    pub files: Vec<PathBuf>,
}

/// Copies every file of `dir` (relative to `root`) into a new backup folder
/// named after `name` and the time. The folder is created anew: two backups
/// in the same second get different names.
pub fn save(root: &Path, dir: &Path, name: &str) -> Result<Backup, ShippedError> {
    let parent = backups_dir(root);
    std::fs::create_dir_all(&parent).map_err(io_error("cannot create", &parent))?;
    let stamp = timestamp();
    let mut attempt = 1;
    let folder = loop {
        let candidate = parent.join(match attempt {
            1 => format!("{name}-{stamp}"),
            n => format!("{name}-{stamp}-{n}"),
        });
        match std::fs::create_dir(&candidate) {
            Ok(()) => break candidate,
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => attempt += 1,
            Err(error) => return Err(io_error("cannot create", &candidate)(error)),
        }
    };
    let mut files = Vec::new();
    for file in files_under(&root.join(dir)) {
        let relative = file.strip_prefix(root).unwrap_or(&file).to_path_buf();
        let target = folder.join(&relative);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(io_error("cannot create", parent))?;
        }
        std::fs::copy(&file, &target).map_err(io_error("cannot back up", &file))?;
        files.push(relative);
    }
    let dir = folder.strip_prefix(root).map(Path::to_path_buf).unwrap_or(folder);
    Ok(Backup { dir, files })
}

/// Every backup, newest first, relative to the course's root.
pub fn list(root: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(backups_dir(root)) else {
        return Vec::new();
    };
    let mut found: Vec<(SystemTime, PathBuf)> = entries
        .flatten()
        .filter(|entry| entry.path().is_dir())
        .map(|entry| {
            let created = entry.metadata().and_then(|m| m.modified()).unwrap_or(UNIX_EPOCH);
            let path = entry.path();
            (created, path.strip_prefix(root).map(Path::to_path_buf).unwrap_or(path))
        })
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| b.1.cmp(&a.1)));
    found.into_iter().map(|(_, path)| path).collect()
}

/// The crate folders (relative to the root) that a backup holds files of.
pub fn folders_in(root: &Path, backup: &Path, crate_dirs: &[PathBuf]) -> Vec<PathBuf> {
    let held = files_under(&root.join(backup));
    crate_dirs
        .iter()
        .filter(|dir| held.iter().any(|file| file.starts_with(root.join(backup).join(dir))))
        .cloned()
        .collect()
}

/// Makes `dir` (relative to the root) hold exactly `files` (paths relative
/// to the root, with their bytes): writes each, and removes the files of
/// `dir` that are not among them. Take a backup first.
pub fn replace_folder(root: &Path, dir: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<(), ShippedError> {
    for file in files_under(&root.join(dir)) {
        let relative = file.strip_prefix(root).unwrap_or(&file);
        if !files.iter().any(|(path, _)| path == relative) {
            std::fs::remove_file(&file).map_err(io_error("cannot remove", &file))?;
        }
    }
    for (path, bytes) in files {
        let target = root.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(io_error("cannot create", parent))?;
        }
        std::fs::write(&target, bytes).map_err(io_error("cannot write", &target))?;
    }
    Ok(())
}

/// The files of `dir` (relative to the root) as a backup holds them.
pub fn files_of(root: &Path, backup: &Path, dir: &Path) -> Result<Vec<(PathBuf, Vec<u8>)>, ShippedError> {
    let base = root.join(backup);
    files_under(&base.join(dir))
        .into_iter()
        .map(|file| {
            let bytes = std::fs::read(&file).map_err(io_error("cannot read", &file))?;
            Ok((file.strip_prefix(&base).unwrap_or(&file).to_path_buf(), bytes))
        })
        .collect()
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

    #[test]
    fn two_backups_in_one_second_never_share_a_folder() {
        let root = tempfile::tempdir().expect("a folder");
        let root = root.path();
        let dir = Path::new("exercises/00-a/01-b");
        std::fs::create_dir_all(root.join(dir).join("src")).expect("folders");
        std::fs::write(root.join(dir).join("src/lib.rs"), "first").expect("written");
        let first = save(root, dir, "b").expect("saved");
        std::fs::write(root.join(dir).join("src/lib.rs"), "second").expect("written");
        let second = save(root, dir, "b").expect("saved");
        assert_ne!(first.dir, second.dir);
        assert_eq!(first.files, [dir.join("src/lib.rs")]);
        let read = |backup: &Backup| std::fs::read_to_string(root.join(&backup.dir).join(dir).join("src/lib.rs"));
        assert_eq!(read(&first).expect("kept"), "first");
        assert_eq!(read(&second).expect("kept"), "second");
        assert_eq!(list(root).len(), 2);
    }

    #[test]
    fn a_folder_is_replaced_whole() {
        let root = tempfile::tempdir().expect("a folder");
        let root = root.path();
        let dir = Path::new("x");
        std::fs::create_dir_all(root.join("x/src")).expect("folders");
        std::fs::write(root.join("x/src/extra.rs"), "mine").expect("written");
        replace_folder(root, dir, &[(PathBuf::from("x/src/lib.rs"), b"shipped".to_vec())]).expect("replaced");
        assert!(!root.join("x/src/extra.rs").exists());
        assert_eq!(
            std::fs::read_to_string(root.join("x/src/lib.rs")).expect("read"),
            "shipped"
        );
    }
}
