//! Watch mode, `cargo workbook` with no command: checks the exercise you work
//! on whenever you save it, serves the book beside it, and takes one-letter
//! commands on standard input.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::Context;
use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{DebounceEventResult, DebouncedEvent, DebouncedEventKind};

use crate::book;
use crate::check::{Options, Verdict};
use crate::course::{Course, Exercise};
use crate::live;
use crate::progress::WORK_DIRS;
use crate::session::Session;

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
/// in course order, each once. Anything else (build output, editor swap
/// files, other folders) is ignored.
pub fn exercises_touched<'c>(course: &'c Course, paths: &[PathBuf]) -> Vec<&'c Exercise> {
    course
        .exercises()
        .filter(|exercise| {
            let dir = course.root.join(exercise.exercise_dir());
            paths.iter().any(|path| is_work_file(&dir, path))
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

/// The paths of the events that say a file has settled. The debouncer also
/// reports files still being written (`AnyContinuous`); a check waits for
/// the settled event that follows, so one save makes one check.
pub fn settled_paths(events: Vec<DebouncedEvent>) -> Vec<PathBuf> {
    events
        .into_iter()
        .filter(|event| event.kind == DebouncedEventKind::Any)
        .map(|event| event.path)
        .collect()
}

const PROMPT: &str = "[Enter] check  [n]ext  [h]int  [l]ist  [a]ll  [r]eset  [q]uit";

/// Runs watch mode until `q` or the end of standard input.
pub fn run(session: Session, options: WatchOptions) -> anyhow::Result<()> {
    let root = session.course.root.clone();
    let server = match options.port {
        None => None,
        Some(port) => {
            let dest = book::build_dir(&root);
            book::build(&session.course, &dest)?;
            Some(live::Server::start(session.course.clone(), dest, port)?)
        }
    };

    let (events, inbox) = mpsc::channel();
    let input = events.clone();
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            match line {
                Ok(line) => {
                    if input.send(Event::Line(line)).is_err() {
                        return;
                    }
                }
                Err(_) => break,
            }
        }
        let _ = input.send(Event::InputClosed);
    });

    // The debouncer stops watching when dropped, so it lives until we return.
    let _watcher = if options.manual {
        None
    } else {
        let saved = events.clone();
        let mut debouncer = notify_debouncer_mini::new_debouncer(DEBOUNCE, move |result: DebounceEventResult| {
            let event = match result {
                Ok(events) => match settled_paths(events) {
                    paths if paths.is_empty() => return,
                    paths => Event::Saved(paths),
                },
                Err(error) => Event::WatchError(error.to_string()),
            };
            let _ = saved.send(event);
        })
        .context("cannot watch files: try `cargo workbook --manual`")?;
        debouncer
            .watcher()
            .watch(&root.join("exercises"), RecursiveMode::Recursive)
            .context("cannot watch the exercises folder: try `cargo workbook --manual`")?;
        Some(debouncer)
    };

    let check_options = Options {
        timeout: options.timeout,
        color: std::io::stdout().is_terminal(),
        show_progress: true,
    };
    let mut focus = session.pick(None)?.slug.clone();
    say(&format!(
        "Welcome to the workbook. {}",
        session.passed().map(progress_line).unwrap_or_default()
    ));
    if let Some(server) = &server {
        say(&format!("The book is at {}", server.url()));
    }
    if options.manual {
        say("Manual mode: save your changes, then press Enter to check.");
    } else {
        say("Watching your exercises: every save checks again.");
    }
    check_focus(&session, &mut focus, &check_options, server.as_ref())?;

    let mut confirming_reset = false;
    while let Ok(event) = inbox.recv() {
        match event {
            Event::Saved(paths) => {
                let touched = exercises_touched(&session.course, &paths);
                if touched.is_empty() {
                    continue;
                }
                // The exercise you work on comes first; others you saved too.
                if touched.iter().any(|e| e.slug == focus) {
                    check_focus(&session, &mut focus, &check_options, server.as_ref())?;
                } else if let Some(exercise) = touched.first() {
                    focus = exercise.slug.clone();
                    check_focus(&session, &mut focus, &check_options, server.as_ref())?;
                }
            }
            Event::WatchError(error) => say(&format!("File watching failed ({error}); press Enter to check.")),
            Event::InputClosed => break,
            Event::Line(line) if confirming_reset => {
                confirming_reset = false;
                if line.trim().eq_ignore_ascii_case("y") || line.trim().eq_ignore_ascii_case("yes") {
                    let exercise = session.find(&focus)?;
                    match session.reset(exercise) {
                        Ok(backup) => say(&format!(
                            "{focus} is back as shipped; your files are in {}",
                            backup.display()
                        )),
                        Err(error) => say(&format!("Reset failed, nothing was changed: {error:#}")),
                    }
                } else {
                    say("Not reset.");
                }
                say(PROMPT);
            }
            Event::Line(line) => match parse_key(&line) {
                Key::Check => check_focus(&session, &mut focus, &check_options, server.as_ref())?,
                Key::Next => {
                    focus = match session.course.after(&focus) {
                        Some(next) => next.slug.clone(),
                        None => {
                            say("That was the last exercise; back to the first one.");
                            session
                                .course
                                .exercises()
                                .next()
                                .map(|e| e.slug.clone())
                                .unwrap_or(focus)
                        }
                    };
                    show_focus(&session, &focus, server.as_ref())?;
                    say(PROMPT);
                }
                Key::Hint => {
                    say(&session.hint(session.find(&focus)?));
                    say(PROMPT);
                }
                Key::List => {
                    say(&session.list()?);
                    say(PROMPT);
                }
                Key::CheckAll => {
                    let all: Vec<_> = session.course.exercises().collect();
                    let outcomes = session.check(&all, &check_options)?;
                    for (exercise, outcome) in all.iter().zip(outcomes) {
                        let mark = if outcome.verdict == Verdict::Passed {
                            "✓"
                        } else {
                            "✗"
                        };
                        say(&format!("{mark} {}", exercise.slug));
                    }
                    say(&session.passed().map(progress_line).unwrap_or_default());
                    say(PROMPT);
                }
                Key::Reset => {
                    confirming_reset = true;
                    say(&format!(
                        "Reset {focus} to the starter? Your files are saved in a backup first. Type y and Enter to confirm:"
                    ));
                }
                Key::Quit => break,
                Key::Unknown => say(&format!("Unknown command {:?}. {PROMPT}", line.trim())),
            },
        }
    }
    say(&format!(
        "Bye. {}",
        session.passed().map(progress_line).unwrap_or_default()
    ));
    Ok(())
}

fn progress_line((passed, total): (usize, usize)) -> String {
    format!("{passed} of {total} exercises pass.")
}

fn say(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", text.trim_end());
    let _ = out.flush();
}

fn show_focus(session: &Session, focus: &str, server: Option<&live::Server>) -> anyhow::Result<()> {
    let exercise = session.find(focus)?;
    let page = match server {
        Some(server) => format!("{}{}", server.url(), exercise.book_url()),
        None => exercise.book_page().display().to_string(),
    };
    let last = match session.progress.get(focus)? {
        Some(record) => record.verdict.as_str(),
        None => "not checked yet",
    };
    say(&format!(
        "\n── {} ({}) ──\n  read   {page}\n  edit   {}\n  last   {last}",
        exercise.title,
        exercise.slug,
        exercise.exercise_dir().join("src").display()
    ));
    Ok(())
}

/// Checks the exercise in focus; when it passes, moves the focus on to the
/// first exercise not yet passed, and says so.
fn check_focus(
    session: &Session,
    focus: &mut String,
    options: &Options,
    server: Option<&live::Server>,
) -> anyhow::Result<()> {
    let exercise = session.find(focus)?;
    say(&format!("\nChecking {} …", exercise.slug));
    let outcome = session.check(&[exercise], options)?.remove(0);
    say(&session.verdict(exercise, &outcome, options));
    if outcome.verdict == Verdict::Passed {
        match session.current()? {
            Some(next) => {
                say(&format!("Moving on to the next exercise: {}.", next.title));
                *focus = next.slug.clone();
                show_focus(session, focus, server)?;
            }
            None => say("That was the last one: every exercise passes. Well done!"),
        }
    } else {
        show_focus(session, focus, server)?;
    }
    say(PROMPT);
    Ok(())
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
            hint = "h"
            [[chapters.exercises]]
            dir = "02-two"
            slug = "two"
            title = "Two"
            hint = "h"
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
    fn keys_are_letters_or_words_and_enter_checks() {
        assert_eq!(parse_key(""), Key::Check);
        assert_eq!(parse_key(" N \n"), Key::Next);
        assert_eq!(parse_key("hint"), Key::Hint);
        assert_eq!(parse_key("a"), Key::CheckAll);
        assert_eq!(parse_key("q"), Key::Quit);
        assert_eq!(parse_key("x"), Key::Unknown);
    }

    #[test]
    fn a_save_arrives_as_one_debounced_event() {
        let dir = tempfile::tempdir().expect("a folder");
        let (tx, rx) = mpsc::channel();
        let mut debouncer = notify_debouncer_mini::new_debouncer(DEBOUNCE, move |result: DebounceEventResult| {
            let _ = tx.send(result);
        })
        .expect("a watcher");
        debouncer
            .watcher()
            .watch(dir.path(), RecursiveMode::Recursive)
            .expect("watching");
        let file = dir.path().join("lib.rs");
        // An editor's save: several writes in a burst.
        for text in ["a", "ab", "abc"] {
            std::fs::write(&file, text).expect("written");
        }
        // Collect what arrives within a generous window after the burst.
        let mut settled = Vec::new();
        while let Ok(batch) = rx.recv_timeout(Duration::from_secs(2)) {
            settled.push(settled_paths(batch.expect("no watch error")));
        }
        settled.retain(|paths| !paths.is_empty());
        assert_eq!(
            settled.len(),
            1,
            "one settled batch for one burst of writes: {settled:?}"
        );
        assert!(settled[0].iter().any(|path| path.ends_with("lib.rs")), "{settled:?}");
    }
}
