//! Watch mode, `cargo workbook` with no command: checks the exercise you work
//! on whenever you save it, serves the book beside it, and takes one-letter
//! commands on standard input.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use anyhow::Context;
use notify::event::{EventKind, ModifyKind};
use notify::{RecursiveMode, Watcher};

use crate::book;
use crate::check::{Options, Verdict};
use crate::course::WORK_DIRS;
use crate::course::{Course, Exercise};
use crate::live;
use crate::progress;
use crate::report::{self, progress_line};
use crate::session::Session;
use crate::translation::Language;

/// How long the file system must be quiet after a save before a check runs:
/// editors write a file in several steps.
pub const DEBOUNCE: Duration = Duration::from_millis(300);

/// How watch mode runs.
#[derive(Debug, Clone)]
pub struct WatchOptions {
    /// No file watching: Enter checks.
    pub manual: bool,
    /// Serve the book on this port; `None` for no book.
    pub port: Option<u16>,
    /// The longest a check may run.
    pub timeout: Duration,
    /// The language of the book it serves (the session's hints follow
    /// the session's own).
    pub language: Language,
}

/// What wakes watch mode up.
#[derive(Debug)]
enum Event {
    Line(String),
    InputClosed,
    Saved(Vec<PathBuf>),
    WatchError(String),
}

/// A command typed at the prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Check,
    Next,
    Hint,
    List,
    CheckAll,
    Reset,
    Quit,
    Unknown,
}

/// Reads a typed line as a command: Enter alone checks again.
pub fn parse_key(line: &str) -> Key {
    match line.trim().to_ascii_lowercase().as_str() {
        "" | "c" | "check" => Key::Check,
        "n" | "next" => Key::Next,
        "h" | "hint" => Key::Hint,
        "l" | "list" => Key::List,
        "a" | "all" => Key::CheckAll,
        "r" | "reset" => Key::Reset,
        "q" | "quit" | "exit" => Key::Quit,
        _ => Key::Unknown,
    }
}

/// The exercises whose work files (`src/`, `migrations/`) are among `paths`,
/// in course order, each once. A step of a shared crate is touched by its
/// own files; the crate's other files touch all its steps. Anything else
/// (build output, editor swap files, other folders) is ignored.
pub fn exercises_touched<'c>(course: &'c Course, paths: &[PathBuf]) -> Vec<&'c Exercise> {
    let owned_by_a_step = |exercise: &Exercise, path: &Path| {
        let dir = course.root.join(exercise.exercise_dir());
        course
            .exercises()
            .filter(|step| step.exercise_dir() == exercise.exercise_dir())
            .any(|step| step.files.iter().any(|file| dir.join(file) == path))
    };
    course
        .exercises()
        .filter(|exercise| {
            let dir = course.root.join(exercise.exercise_dir());
            paths.iter().any(|path| {
                is_work_file(&dir, path)
                    && (exercise.files.iter().any(|file| dir.join(file) == *path) || !owned_by_a_step(exercise, path))
            })
        })
        .collect()
}

fn is_work_file(crate_dir: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(crate_dir) else {
        return false;
    };
    let in_work_dir = WORK_DIRS.iter().any(|work| relative.starts_with(work));
    let source = path.extension().is_some_and(|ext| ext == "rs" || ext == "sql");
    in_work_dir && source
}

/// Whether a file event is a change of content. Reading a file (as every
/// check does, through the compiler) and touching its times are not: were
/// they, each check would start the next one.
pub fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

/// Gathers changed paths into batches: a batch is sent once no new path has
/// come for `quiet`, so an editor's save in several writes makes one check.
/// Returns when the sending side is gone.
pub fn debounce(paths: Receiver<PathBuf>, quiet: Duration, mut send: impl FnMut(Vec<PathBuf>)) {
    while let Ok(first) = paths.recv() {
        let mut batch = vec![first];
        loop {
            match paths.recv_timeout(quiet) {
                Ok(path) => {
                    if !batch.contains(&path) {
                        batch.push(path);
                    }
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => {
                    send(batch);
                    return;
                }
            }
        }
        send(batch);
    }
}

const PROMPT: &str = "[Enter] check  [n]ext  [h]int  [l]ist  [a]ll  [r]eset  [q]uit";

/// Runs watch mode until `q` or the end of standard input.
pub fn watch(session: Session, options: WatchOptions) -> anyhow::Result<()> {
    let root = session.course.root.clone();
    let server = match options.port {
        None => None,
        Some(port) => {
            let dest = book::build_dir(&root);
            if let Some(note) = book::build(&session.course, &dest, book::Solutions::Earned)? {
                say(&format!("Note: {note}."));
            }
            Some(live::Server::start(
                session.course.clone(),
                dest,
                port,
                options.language,
            )?)
        }
    };
    let (events, inbox) = mpsc::channel();
    read_lines(events.clone());
    // The watcher stops watching when dropped, so it lives until we return.
    let _watcher = if options.manual {
        None
    } else {
        Some(watch_files(&root, events)?)
    };
    let focus = session.named_or_current(None)?.slug.clone();
    let mut watch = Watch {
        check_options: Options {
            timeout: options.timeout,
            color: std::io::stdout().is_terminal(),
            show_progress: true,
        },
        session,
        server,
        focus,
        confirming_reset: false,
    };
    watch.welcome(options.manual);
    while let Ok(event) = inbox.recv() {
        let go_on = match event {
            Event::Saved(paths) => watch.on_save(&paths),
            Event::WatchError(error) => {
                say(&format!("File watching failed ({error}); press Enter to check."));
                true
            }
            Event::InputClosed => false,
            Event::Line(line) => watch.on_line(&line),
        };
        if !go_on {
            break;
        }
    }
    say(&format!("Bye. {}", progress_line(watch.session.passed())));
    Ok(())
}

/// Sends each line typed on standard input, then its end.
fn read_lines(events: mpsc::Sender<Event>) {
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { break };
            if events.send(Event::Line(line)).is_err() {
                return;
            }
        }
        let _ = events.send(Event::InputClosed);
    });
}

/// Watches the exercises folder and sends each debounced batch of saves.
fn watch_files(root: &Path, events: mpsc::Sender<Event>) -> anyhow::Result<notify::RecommendedWatcher> {
    let (changed, changes) = mpsc::channel();
    let problems = events.clone();
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| match result {
        Ok(event) if is_change(&event.kind) => {
            for path in event.paths {
                let _ = changed.send(path);
            }
        }
        Ok(_) => {}
        Err(error) => {
            let _ = problems.send(Event::WatchError(error.to_string()));
        }
    })
    .context("cannot watch files: try `cargo workbook --manual`")?;
    watcher
        .watch(&root.join("exercises"), RecursiveMode::Recursive)
        .context("cannot watch the exercises folder: try `cargo workbook --manual`")?;
    std::thread::spawn(move || {
        debounce(changes, DEBOUNCE, |paths| {
            let _ = events.send(Event::Saved(paths));
        })
    });
    Ok(watcher)
}

/// Watch mode's state: the exercise in focus, and whether a reset waits for
/// its answer. Each event and key has a method; each returns whether to go
/// on. Nothing that goes wrong in one ends watch mode: it is told, and the
/// prompt comes back.
struct Watch {
    session: Session,
    server: Option<live::Server>,
    check_options: Options,
    focus: String,
    confirming_reset: bool,
}

impl Watch {
    fn welcome(&mut self, manual: bool) {
        say(&format!(
            "Welcome to the workbook. {}",
            progress_line(self.session.passed())
        ));
        if let Some(server) = &self.server {
            say(&format!("The book is at {}", server.url()));
        }
        if manual {
            say("Manual mode: save your changes, then press Enter to check.");
        } else {
            say("Watching your exercises: every save checks again.");
        }
        self.check_focus();
    }

    /// A batch of saves: checks the exercise in focus if it was touched,
    /// else the first one touched. A save that leaves the sources as they
    /// were at the last check (an editor writing the same text) checks
    /// nothing.
    fn on_save(&mut self, paths: &[PathBuf]) -> bool {
        let session = &self.session;
        let touched: Vec<String> = exercises_touched(&session.course, paths)
            .into_iter()
            .filter(|exercise| {
                let last = session
                    .progress
                    .get(&exercise.slug)
                    .ok()
                    .flatten()
                    .map(|r| r.fingerprint);
                last != Some(progress::fingerprint(&session.course, exercise))
            })
            .map(|exercise| exercise.slug.clone())
            .collect();
        if !touched.contains(&self.focus) {
            let Some(first) = touched.first() else { return true };
            self.focus = first.clone();
        }
        self.check_focus();
        true
    }

    fn on_line(&mut self, line: &str) -> bool {
        if self.confirming_reset {
            self.confirming_reset = false;
            if matches!(line.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
                self.reset_focus();
            } else {
                say("Not reset.");
            }
            say(PROMPT);
            return true;
        }
        match parse_key(line) {
            Key::Check => self.check_focus(),
            Key::Next => self.next(),
            Key::Hint => self.hint(),
            Key::List => {
                say(&report::list(&self.session));
                say(PROMPT);
            }
            Key::CheckAll => self.check_all(),
            Key::Reset => self.ask_reset(),
            Key::Quit => return false,
            Key::Unknown => say(&format!("Unknown command {:?}. {PROMPT}", line.trim())),
        }
        true
    }

    fn exercise(&self) -> &Exercise {
        self.session
            .course
            .exercise(&self.focus)
            .expect("the focus is always an exercise of the course")
    }

    /// Checks the exercise in focus; when it passes, moves the focus on to
    /// the first exercise not yet passed, and says so.
    fn check_focus(&mut self) {
        let exercise = self.exercise();
        say(&format!("\nChecking {} …", exercise.slug));
        let outcome = match self.session.check(&[exercise], &self.check_options) {
            Ok(mut outcomes) => outcomes.remove(0),
            Err(error) => {
                say(&format!("The check could not run: {error:#}\n{PROMPT}"));
                return;
            }
        };
        say(&report::verdict(&self.session, exercise, &outcome, &self.check_options));
        if outcome.verdict == Verdict::Passed {
            match self.session.first_unpassed() {
                Some(next) => {
                    say(&format!("Moving on to the next exercise: {}.", next.title));
                    self.focus = next.slug.clone();
                }
                None => say("That was the last one: every exercise passes. Well done!"),
            }
        }
        self.show_focus();
        say(PROMPT);
    }

    fn show_focus(&self) {
        let exercise = self.exercise();
        let page = match &self.server {
            Some(server) => format!("{}{}", server.url(), exercise.book_url()),
            None => exercise.book_page().display().to_string(),
        };
        let last = match self.session.progress.get(&self.focus).ok().flatten() {
            Some(record) => record.verdict.as_str(),
            None => "not checked yet",
        };
        let files: Vec<String> = self
            .session
            .work_files(exercise)
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        say(&format!(
            "\n── {} ({}) ──\n  read   {page}\n  edit   {}\n  last   {last}",
            exercise.title,
            exercise.slug,
            files.join(", ")
        ));
    }

    /// The focus moves to the next exercise, and after the last to the first.
    fn next(&mut self) {
        let course = &self.session.course;
        self.focus = match course.after(&self.focus) {
            Some(next) => next.slug.clone(),
            None => {
                say("That was the last exercise; back to the first one.");
                course.exercises().next().map_or(self.focus.clone(), |e| e.slug.clone())
            }
        };
        self.show_focus();
        say(PROMPT);
    }

    fn hint(&self) {
        let exercise = self.exercise();
        say(&report::hints(
            exercise,
            self.session.title(exercise),
            &self.session.reveal_hint(exercise),
        ));
        say(PROMPT);
    }

    fn check_all(&self) {
        let all: Vec<_> = self.session.course.exercises().collect();
        match self.session.check(&all, &self.check_options) {
            Ok(outcomes) => {
                for (exercise, outcome) in all.iter().zip(outcomes) {
                    say(&format!("{} {}", report::verdict_mark(outcome.verdict), exercise.slug));
                }
                say(&progress_line(self.session.passed()));
            }
            Err(error) => say(&format!("The checks could not run: {error:#}")),
        }
        say(PROMPT);
    }

    /// Says what a reset of the focus would do, and asks.
    fn ask_reset(&mut self) {
        let exercise = self.exercise();
        match self.session.plan_reset(exercise) {
            Ok(plan) if plan.files.is_empty() => say(&report::reset_plan(exercise, &plan)),
            Ok(plan) => {
                say(&report::reset_plan(exercise, &plan));
                say(&format!("Reset {}? Type y and Enter to confirm:", self.focus));
                self.confirming_reset = true;
            }
            Err(error) => say(&format!("Cannot reset {}: {error:#}", self.focus)),
        }
    }

    /// Resets the focus after a backup, saying what was saved before
    /// anything is touched.
    fn reset_focus(&self) {
        let done = (|| -> anyhow::Result<()> {
            let plan = self.session.plan_reset(self.exercise())?;
            let backup = self.session.back_up(&plan.crate_dir, &self.focus)?;
            say(&report::saved(&backup));
            if let Some(remark) = self.session.apply_reset(&plan)? {
                say(&format!("Note: {remark}."));
            }
            say(&format!(
                "{} is back as shipped. {}",
                self.focus,
                report::undo(&backup.dir)
            ));
            Ok(())
        })();
        if let Err(error) = done {
            say(&format!("Reset failed: {error:#}"));
        }
    }
}

fn say(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", text.trim_end());
    let _ = out.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn course() -> Course {
        Course::parse(
            Path::new("/w"),
            r#"
            [[chapters]]
            dir = "00-start"
            title = "Start"
            [[chapters.exercises]]
            dir = "01-one"
            slug = "one"
            title = "One"
            hints = ["h"]
            [[chapters.exercises]]
            dir = "02-two"
            slug = "two"
            title = "Two"
            hints = ["h"]
            "#,
        )
        .expect("a course")
    }

    #[test]
    fn saves_map_to_the_exercises_whose_work_files_changed() {
        let course = course();
        let paths = [
            "/w/exercises/00-start/02-two/src/lib.rs",
            "/w/exercises/00-start/02-two/migrations/0001_a.sql",
            "/w/exercises/00-start/01-one/src/.lib.rs.swp",
            "/w/exercises/00-start/01-one/Cargo.toml",
            "/w/solutions/00-start/01-one/src/lib.rs",
        ]
        .map(PathBuf::from);
        let touched: Vec<_> = exercises_touched(&course, &paths)
            .iter()
            .map(|e| e.slug.as_str())
            .collect();
        assert_eq!(
            touched,
            ["two"],
            "only two's sources; no swap file, manifest or solution"
        );
        let both = [
            PathBuf::from("/w/exercises/00-start/02-two/src/lib.rs"),
            PathBuf::from("/w/exercises/00-start/01-one/src/extra/mod.rs"),
        ];
        let touched: Vec<_> = exercises_touched(&course, &both)
            .iter()
            .map(|e| e.slug.as_str())
            .collect();
        assert_eq!(touched, ["one", "two"], "course order, each once");
    }

    #[test]
    fn a_steps_own_file_touches_that_step_only() {
        let course = Course::parse(
            Path::new("/w"),
            r#"
            [[chapters]]
            dir = "04-blog"
            title = "Blog"
            [[chapters.exercises]]
            dir = "01-schema"
            slug = "schema"
            crate = "blog"
            files = ["src/db.rs"]
            title = "Schema"
            hints = ["h"]
            [[chapters.exercises]]
            dir = "02-list"
            slug = "list"
            crate = "blog"
            files = ["src/pages/list.rs"]
            title = "List"
            hints = ["h"]
            "#,
        )
        .expect("a course");
        let slugs = |path: &str| -> Vec<String> {
            exercises_touched(&course, &[PathBuf::from(path)])
                .iter()
                .map(|e| e.slug.clone())
                .collect()
        };
        assert_eq!(slugs("/w/exercises/04-blog/blog/src/pages/list.rs"), ["list"]);
        assert_eq!(slugs("/w/exercises/04-blog/blog/src/db.rs"), ["schema"]);
        assert_eq!(
            slugs("/w/exercises/04-blog/blog/src/lib.rs"),
            ["schema", "list"],
            "given code is every step's"
        );
    }

    #[test]
    fn keys_are_letters_or_words_and_enter_checks() {
        assert_eq!(parse_key(""), Key::Check);
        assert_eq!(parse_key(" N \n"), Key::Next);
        assert_eq!(parse_key("hint"), Key::Hint);
        assert_eq!(parse_key("a"), Key::CheckAll);
        assert_eq!(parse_key("q"), Key::Quit);
        assert_eq!(parse_key("x"), Key::Unknown);
    }

    #[test]
    fn reading_or_touching_a_file_is_not_a_change() {
        use notify::event::{AccessKind, CreateKind, DataChange, MetadataKind};
        assert!(is_change(&EventKind::Modify(ModifyKind::Data(DataChange::Content))));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
        assert!(!is_change(&EventKind::Access(AccessKind::Read)));
        assert!(!is_change(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::WriteTime
        ))));
    }

    #[test]
    fn a_burst_of_writes_makes_one_batch_and_a_pause_starts_the_next() {
        let (tx, rx) = mpsc::channel();
        let (out_tx, out) = mpsc::channel();
        let worker = std::thread::spawn(move || {
            debounce(rx, Duration::from_millis(100), |batch| {
                let _ = out_tx.send(batch);
            })
        });
        for name in ["a.rs", "b.rs", "a.rs"] {
            tx.send(PathBuf::from(name)).expect("sent");
        }
        let first = out.recv_timeout(Duration::from_secs(5)).expect("a batch");
        assert_eq!(
            first,
            [PathBuf::from("a.rs"), PathBuf::from("b.rs")],
            "one batch, each path once"
        );
        tx.send(PathBuf::from("c.rs")).expect("sent");
        drop(tx);
        assert_eq!(
            out.recv_timeout(Duration::from_secs(5)).expect("a batch"),
            [PathBuf::from("c.rs")]
        );
        worker.join().expect("the debouncer ends with its input");
    }

    #[test]
    fn a_save_on_disk_is_seen_and_a_read_is_not() {
        let dir = tempfile::tempdir().expect("a folder");
        let file = dir.path().join("lib.rs");
        std::fs::write(&file, "fn main() {}").expect("written");
        let (tx, rx) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
            if let Ok(event) = result
                && is_change(&event.kind)
            {
                let _ = tx.send(event.paths);
            }
        })
        .expect("a watcher");
        watcher.watch(dir.path(), RecursiveMode::Recursive).expect("watching");

        let _ = std::fs::read_to_string(&file).expect("read");
        assert!(
            rx.recv_timeout(Duration::from_millis(500)).is_err(),
            "a read is not a change"
        );
        std::fs::write(&file, "fn main() { println!(); }").expect("written");
        let paths = rx.recv_timeout(Duration::from_secs(5)).expect("the save is seen");
        assert!(paths.iter().any(|path| path.ends_with("lib.rs")), "{paths:?}");
    }
}
