//! The learner's progress: the last verdict of each exercise, kept by slug in
//! a small SQLite database, so exercises added or removed later do no harm.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, OptionalExtension};

use crate::check::Verdict;
use crate::course::Exercise;
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
    /// A one-word label.
    pub fn label(self) -> &'static str {
        match self {
            Status::NotStarted => "not started",
            Status::Failing => "failing",
            Status::Passed => "passed",
            Status::Changed => "changed",
        }
    }
}

/// The progress database.
pub struct Progress {
    conn: Connection,
}

impl Progress {
    /// The database's path for the course at `root`.
    pub fn path(root: &Path) -> PathBuf {
        root.join(STATE_DIR).join("progress.db")
    }

    /// Opens (creating if needed) the progress database of the course at `root`.
    pub fn open(root: &Path) -> rusqlite::Result<Progress> {
        let path = Progress::path(root);
        if let Some(dir) = path.parent() {
            // If the folder cannot be made, opening the file reports it.
            let _ = std::fs::create_dir_all(dir);
        }
        Progress::with_connection(Connection::open(path)?)
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
        Ok(Progress { conn })
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

/// Where an exercise stands, given its last record and its sources now.
pub fn status(record: Option<&Record>, fingerprint_now: &str) -> Status {
    match record {
        None => Status::NotStarted,
        Some(record) if record.verdict != Verdict::Passed => Status::Failing,
        Some(record) if record.fingerprint == fingerprint_now => Status::Passed,
        Some(_) => Status::Changed,
    }
}

/// The folders of an exercise crate where the learner works.
pub const WORK_DIRS: [&str; 2] = ["src", "migrations"];

/// A fingerprint of the exercise's sources (its work folders and
/// `Cargo.toml`): it changes when the learner edits them. FNV-1a, stable
/// across versions.
pub fn fingerprint(root: &Path, exercise: &Exercise) -> String {
    let dir = root.join(exercise.exercise_dir());
    let mut files: Vec<PathBuf> = WORK_DIRS.iter().flat_map(|work| files_under(&dir.join(work))).collect();
    files.push(dir.join("Cargo.toml"));
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for file in files {
        let name = file.strip_prefix(&dir).unwrap_or(&file).to_string_lossy().into_owned();
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
