//! The learner's progress: the last verdict of each exercise, kept by slug in
//! a small SQLite database, so exercises added or removed later do no harm.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::check::Verdict;
use crate::course::{Course, Exercise, WORK_DIRS};
use crate::files::files_under;

/// The folder, under the workspace root, where the runner keeps its files.
pub const STATE_DIR: &str = ".workbook";

/// The last check of one exercise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub verdict: Verdict,
    pub output: String,
    /// When it ran, in seconds since 1970.
    pub checked_at: i64,
    /// The fingerprint of the exercise's sources when it ran.
    pub fingerprint: String,
}

/// Where an exercise stands, for the learner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    NotStarted,
    Failing,
    /// It passed, and its sources have not changed since.
    Passed,
    /// It passed, but its sources changed since: it needs a new check.
    Changed,
}

impl Status {
    /// How the status reads in a list.
    pub fn label(self) -> &'static str {
        match self {
            Status::NotStarted => "not started",
            Status::Failing => "failing",
            Status::Passed => "passed",
            Status::Changed => "changed",
        }
    }

    /// Its name in the live book's API.
    pub fn name(self) -> &'static str {
        match self {
            Status::NotStarted => "not-started",
            Status::Failing => "failing",
            Status::Passed => "passed",
            Status::Changed => "changed",
        }
    }

    /// Its mark in a list: ✓ passed, ✗ failing, ~ changed since it passed,
    /// · not started.
    pub fn mark(self) -> &'static str {
        match self {
            Status::Passed => "✓",
            Status::Failing => "✗",
            Status::Changed => "~",
            Status::NotStarted => "·",
        }
    }
}

/// The progress database.
pub struct Progress {
    conn: Connection,
    /// What went wrong with the database on disk, when something did: it was
    /// damaged and replaced, or it cannot be written. Say it once.
    pub notice: Option<String>,
}

impl Progress {
    /// The database's path for the course at `root`.
    pub fn path(root: &Path) -> PathBuf {
        root.join(STATE_DIR).join("progress.db")
    }

    /// Opens (creating if needed) the progress database of the course at
    /// `root`. It never fails: a damaged database is moved aside and a new
    /// one started; one that cannot be written is read only; and without
    /// either, progress lives in memory for this run. Each case leaves a
    /// `notice`.
    pub fn open(root: &Path) -> Progress {
        let path = Progress::path(root);
        if let Some(dir) = path.parent() {
            // If the folder cannot be made, opening the file reports it.
            let _ = std::fs::create_dir_all(dir);
        }
        let shown = path.strip_prefix(root).unwrap_or(&path).display().to_string();
        match Connection::open(&path).and_then(Progress::with_connection) {
            Ok(progress) => return progress,
            Err(error) if is_damaged(&error) => {
                let aside = path.with_file_name(format!(
                    "progress-damaged-{}.db",
                    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
                ));
                if std::fs::rename(&path, &aside).is_ok()
                    && let Ok(mut progress) = Connection::open(&path).and_then(Progress::with_connection)
                {
                    progress.notice = Some(format!(
                        "{shown} was damaged ({error}); it was moved to {} and a new one started: \
                         exercises count as passed again once checked.",
                        aside.strip_prefix(root).unwrap_or(&aside).display()
                    ));
                    return progress;
                }
            }
            Err(_) => {}
        }
        let read_only = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).and_then(|conn| {
            conn.query_row("SELECT count(*) FROM checks", [], |row| row.get::<_, i64>(0))?;
            Ok(conn)
        });
        if let Ok(conn) = read_only {
            return Progress {
                conn,
                notice: Some(format!(
                    "{shown} cannot be written: verdicts are shown but not kept (check the file's permissions)."
                )),
            };
        }
        let mut progress = Progress::in_memory().expect("an in-memory database always opens");
        progress.notice = Some(format!(
            "{shown} cannot be opened: progress is kept for this run only (check the folder's permissions)."
        ));
        progress
    }

    /// A progress database that lives in memory, for tests.
    pub fn in_memory() -> rusqlite::Result<Progress> {
        Progress::with_connection(Connection::open_in_memory()?)
    }

    fn with_connection(conn: Connection) -> rusqlite::Result<Progress> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS checks (
                slug        TEXT PRIMARY KEY,
                verdict     TEXT NOT NULL,
                output      TEXT NOT NULL,
                checked_at  INTEGER NOT NULL,
                fingerprint TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS hints (
                slug  TEXT PRIMARY KEY,
                shown INTEGER NOT NULL
            );",
        )?;
        Ok(Progress { conn, notice: None })
    }

    /// Keeps the verdict of a check that just ran.
    pub fn record(&self, slug: &str, verdict: Verdict, output: &str, fingerprint: &str) -> rusqlite::Result<()> {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        self.conn.execute(
            "INSERT INTO checks (slug, verdict, output, checked_at, fingerprint)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (slug) DO UPDATE SET
                verdict = excluded.verdict, output = excluded.output,
                checked_at = excluded.checked_at, fingerprint = excluded.fingerprint",
            (slug, verdict.as_str(), output, now, fingerprint),
        )?;
        Ok(())
    }

    /// The last check of `slug`, if it was ever checked.
    pub fn get(&self, slug: &str) -> rusqlite::Result<Option<Record>> {
        self.conn
            .query_row(
                "SELECT verdict, output, checked_at, fingerprint FROM checks WHERE slug = ?1",
                [slug],
                record_from_row,
            )
            .optional()
            .map(Option::flatten)
    }

    /// Every record, by slug. Slugs the course no longer has are simply unused.
    pub fn all(&self) -> rusqlite::Result<HashMap<String, Record>> {
        let mut statement = self
            .conn
            .prepare("SELECT slug, verdict, output, checked_at, fingerprint FROM checks")?;
        let rows = statement.query_map([], |row| {
            let slug: String = row.get(0)?;
            let record = record_from_offset(row, 1)?;
            Ok(record.map(|record| (slug, record)))
        })?;
        rows.filter_map(Result::transpose).collect()
    }

    /// How many steps of the hints of `slug` the learner has seen.
    pub fn hints_shown(&self, slug: &str) -> rusqlite::Result<usize> {
        let shown: Option<i64> = self
            .conn
            .query_row("SELECT shown FROM hints WHERE slug = ?1", [slug], |row| row.get(0))
            .optional()?;
        Ok(shown.map_or(0, |n| usize::try_from(n).unwrap_or(0)))
    }

    /// Keeps that the learner has seen `shown` steps of the hints of `slug`.
    pub fn set_hints_shown(&self, slug: &str, shown: usize) -> rusqlite::Result<()> {
        self.conn.execute(
            "INSERT INTO hints (slug, shown) VALUES (?1, ?2)
             ON CONFLICT (slug) DO UPDATE SET shown = max(shown, excluded.shown)",
            (slug, i64::try_from(shown).unwrap_or(i64::MAX)),
        )?;
        Ok(())
    }

    /// Forgets the verdict of `slug`, as after a reset.
    pub fn forget(&self, slug: &str) -> rusqlite::Result<()> {
        self.conn.execute("DELETE FROM checks WHERE slug = ?1", [slug])?;
        Ok(())
    }
}

fn record_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Option<Record>> {
    record_from_offset(row, 0)
}

/// Reads a record from the columns starting at `at`. A verdict this version
/// does not know (written by a newer runner) reads as no record.
fn record_from_offset(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Option<Record>> {
    let verdict: String = row.get(at)?;
    Ok(Verdict::parse(&verdict).map(|verdict| Record {
        verdict,
        output: row.get(at + 1).unwrap_or_default(),
        checked_at: row.get(at + 2).unwrap_or_default(),
        fingerprint: row.get(at + 3).unwrap_or_default(),
    }))
}

/// Whether an error says the database file is not a database, or is damaged.
fn is_damaged(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt)
    )
}

/// Where an exercise stands, given its last record and its sources now.
pub fn status(record: Option<&Record>, fingerprint_now: &str) -> Status {
    match record {
        None => Status::NotStarted,
        Some(record) if record.verdict != Verdict::Passed => Status::Failing,
        Some(record) if record.fingerprint == fingerprint_now => Status::Passed,
        Some(_) => Status::Changed,
    }
}

/// The files a verdict of `exercise` depends on: its crate's work folders
/// and manifest, its check with the snapshots, the support files of its
/// chapter's checks and the checks' support crate. For a step of a shared
/// crate, the files of the steps after it are left out: work on a later
/// step does not undo an earlier step's pass.
pub fn fingerprinted_files(course: &Course, exercise: &Exercise) -> Vec<PathBuf> {
    let root = &course.root;
    let dir = root.join(exercise.exercise_dir());
    let later_steps: Vec<PathBuf> = course
        .exercises()
        .skip_while(|e| e.slug != exercise.slug)
        .skip(1)
        .filter(|e| e.shared_crate.is_some() && e.shared_crate == exercise.shared_crate)
        .flat_map(|e| e.files.iter().map(|file| dir.join(file)))
        .collect();
    let mut files: Vec<PathBuf> = WORK_DIRS
        .iter()
        .flat_map(|work| files_under(&dir.join(work)))
        .filter(|file| !later_steps.contains(file))
        .collect();
    files.push(dir.join("Cargo.toml"));
    files.extend(files_under(&root.join(exercise.tests_dir())));
    files.extend(files_under(
        &root.join("tests").join(&exercise.chapter_dir).join("support"),
    ));
    files.extend(files_under(&root.join(crate::course::SUPPORT_CRATE)));
    files
}

/// A fingerprint of what a verdict depends on ([`fingerprinted_files`]): it
/// changes when the learner edits their code, or the check and its
/// snapshots. FNV-1a, stable across versions.
pub fn fingerprint(course: &Course, exercise: &Exercise) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for file in fingerprinted_files(course, exercise) {
        let name = file
            .strip_prefix(&course.root)
            .unwrap_or(&file)
            .to_string_lossy()
            .into_owned();
        let contents = std::fs::read(&file).unwrap_or_default();
        for byte in name.bytes().chain([0]).chain(contents).chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_verdict_of_each_slug_is_kept() {
        let progress = Progress::in_memory().expect("a database");
        progress
            .record("connection", Verdict::Failed, "boom", "aa")
            .expect("recorded");
        progress
            .record("connection", Verdict::Passed, "ok", "bb")
            .expect("recorded");
        progress
            .record("pool", Verdict::CompileError, "E0308", "cc")
            .expect("recorded");

        let record = progress.get("connection").expect("read").expect("a record");
        assert_eq!((record.verdict, record.output.as_str()), (Verdict::Passed, "ok"));
        assert_eq!(progress.all().expect("all").len(), 2);
        progress.forget("pool").expect("forgotten");
        assert_eq!(progress.get("pool").expect("read"), None);
    }

    #[test]
    fn status_follows_the_verdict_and_the_sources() {
        let record = |verdict| Record {
            verdict,
            output: String::new(),
            checked_at: 0,
            fingerprint: "f1".into(),
        };
        assert_eq!(status(None, "f1"), Status::NotStarted);
        assert_eq!(status(Some(&record(Verdict::TimedOut)), "f1"), Status::Failing);
        assert_eq!(status(Some(&record(Verdict::Passed)), "f1"), Status::Passed);
        assert_eq!(status(Some(&record(Verdict::Passed)), "f2"), Status::Changed);
    }

    #[test]
    fn a_damaged_store_is_moved_aside_and_started_anew() {
        let root = tempfile::tempdir().expect("a folder");
        let path = Progress::path(root.path());
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
        std::fs::write(&path, b"this is not a database, and never was: ".repeat(200)).expect("written");
        let progress = Progress::open(root.path());
        let notice = progress.notice.clone().expect("a notice");
        assert!(
            notice.contains("was damaged") && notice.contains("moved to"),
            "{notice}"
        );
        progress
            .record("x", Verdict::Passed, "ok", "f")
            .expect("a new store works");
        let aside = std::fs::read_dir(path.parent().expect("a parent"))
            .expect("the folder")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("progress-damaged-"))
            .count();
        assert_eq!(aside, 1, "the damaged file is kept aside, not deleted");
        assert_eq!(Progress::open(root.path()).notice, None, "once replaced, all is well");
    }

    #[test]
    fn an_unknown_verdict_reads_as_no_record() {
        let progress = Progress::in_memory().expect("a database");
        progress
            .conn
            .execute("INSERT INTO checks VALUES ('x', 'someday', '', 0, '')", [])
            .expect("inserted");
        assert_eq!(progress.get("x").expect("read"), None);
        assert!(progress.all().expect("all").is_empty());
    }
}
