//! The runner's words: lists, verdicts, hints, solutions and the questions
//! before a reset, as the learner reads them. Each message names the next
//! action: the file to edit, the line still to do, the command to run.

use std::path::{Path, PathBuf};

use crate::backup::Backup;
use crate::check::{Options, Outcome, Verdict, strip_ansi};
use crate::course::Exercise;
use crate::session::{ResetPlan, Session};
use crate::shipped::Shipped;

/// A progress bar: `[#####---------------] 1/4`.
pub fn bar(done: usize, total: usize) -> String {
    const WIDTH: usize = 20;
    let filled = (done * WIDTH).checked_div(total).unwrap_or(0).min(WIDTH);
    format!("[{}{}] {done}/{total}", "#".repeat(filled), "-".repeat(WIDTH - filled))
}

/// `3 of 30 exercises pass.`
pub fn progress_line((passed, total): (usize, usize)) -> String {
    format!("{passed} of {total} exercises pass.")
}

/// The mark of a verdict in a list of checks.
pub fn verdict_mark(verdict: Verdict) -> &'static str {
    if verdict == Verdict::Passed { "✓" } else { "✗" }
}

/// Every exercise in order with its status, and a bar per chapter.
pub fn list(session: &Session) -> String {
    let mut out = String::new();
    for chapter in &session.course.chapters {
        let statuses: Vec<_> = chapter.exercises.iter().map(|e| session.status(e)).collect();
        let passed = statuses
            .iter()
            .filter(|s| **s == crate::progress::Status::Passed)
            .count();
        let title = match chapter.database {
            Some(database) => format!("{} (needs {}: cargo workbook doctor)", chapter.title, database.name()),
            None => chapter.title.clone(),
        };
        out += &format!("{title:<71} {}\n", bar(passed, statuses.len()));
        for (exercise, status) in chapter.exercises.iter().zip(&statuses) {
            out += &format!(
                "  {} {:<18} {:<48} {}\n",
                status.mark(),
                exercise.slug,
                exercise.title,
                status.label()
            );
        }
    }
    out += &format!("\n{}\n", progress_line(session.passed()));
    out
}

/// Paths joined for a message, relative to the course's root.
fn joined(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// What to read, edit and check next.
pub fn next(session: &Session) -> String {
    match session.first_unpassed() {
        None => "Every exercise passes. Well done! The book is yours to reread: cargo workbook book\n".into(),
        Some(exercise) => {
            let needs = match exercise.database {
                Some(database) => format!(
                    "  needs  a {} server (cargo workbook doctor says whether this machine has one)\n",
                    database.name()
                ),
                None => String::new(),
            };
            format!(
                "Next: {} ({})\n  read   {} (in the served book: /{})\n  edit   {}\n{needs}  check  cargo workbook check {}\n",
                exercise.title,
                exercise.slug,
                exercise.book_page().display(),
                exercise.book_url(),
                joined(&session.work_files(exercise)),
                exercise.slug,
            )
        }
    }
}

/// Why a check failed, read from its output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// A `todo!()` was reached, at this place when the output says.
    Todo(Option<String>),
    /// A snapshot differs from what the code produced.
    Snapshot,
    /// The check ended without reporting all its tests.
    Incomplete,
    /// It was ended by a signal.
    Crash,
    /// A test panicked; its message is in the output.
    Panic,
}

/// Reads a failed check's output for its cause.
pub fn failure(output: &str) -> Failure {
    let lines: Vec<String> = output.lines().map(strip_ansi).collect();
    for (at, line) in lines.iter().enumerate() {
        let Some((_, place)) = line.split_once("panicked at ") else {
            continue;
        };
        let next = lines.get(at + 1).map(String::as_str).unwrap_or("");
        if next.starts_with("not yet implemented") || line.contains("not yet implemented") {
            let place = place.trim_end_matches(':').trim();
            return Failure::Todo((!place.is_empty()).then(|| place.to_string()));
        }
    }
    if lines.iter().any(|line| line.starts_with("not yet implemented")) {
        return Failure::Todo(None);
    }
    if lines
        .iter()
        .any(|l| l.contains("Snapshot Summary") || l.contains("snapshot assertion for"))
    {
        return Failure::Snapshot;
    }
    if lines
        .iter()
        .any(|l| l.starts_with("The check ended without reporting every test"))
    {
        return Failure::Incomplete;
    }
    if lines.iter().any(|l| l.starts_with("The check crashed")) {
        return Failure::Crash;
    }
    Failure::Panic
}

/// The verdict of a check as a learner reads it, with the next step.
pub fn verdict(session: &Session, exercise: &Exercise, outcome: &Outcome, options: &Options) -> String {
    let mut out = String::new();
    if !outcome.output.is_empty() && outcome.verdict != Verdict::Passed {
        out += &format!("{}\n\n", outcome.output);
    }
    let slug = &exercise.slug;
    out += &match outcome.verdict {
        Verdict::Passed => return out + &format!("✓ {slug} passes its check.\n"),
        Verdict::Failed => match failure(&outcome.output) {
            Failure::Todo(Some(place)) => {
                format!("✗ {slug}: a todo!() is still reached, at {place}. Replace it with your code.\n")
            }
            Failure::Todo(None) => format!("✗ {slug}: a todo!() is still reached. Replace it with your code.\n"),
            Failure::Snapshot => format!(
                "✗ {slug} fails its check: a snapshot differs. Lines marked - are the expected answer, \
                 lines marked + are what your code produced.\n"
            ),
            Failure::Incomplete => format!("✗ {slug} fails its check: not every test reported a pass.\n"),
            Failure::Crash => format!("✗ {slug} fails its check: the check crashed; its last words are above.\n"),
            Failure::Panic => format!("✗ {slug} fails its check: a test failed; its message is above.\n"),
        },
        Verdict::CompileError => format!("✗ {slug} does not compile; the compiler's errors are above.\n"),
        Verdict::TimedOut => format!("✗ {slug} took longer than {:?} and was stopped.\n", options.timeout),
    };
    out += &format!(
        "Edit {}, save, and check again (cargo workbook check {slug}). Stuck? cargo workbook hint {slug}\n",
        joined(&session.work_files(exercise))
    );
    out
}

/// The note added to a check that passed against a changed check: the pass
/// does not count.
pub fn changed_check(paths: &[PathBuf], shipped: &Shipped) -> String {
    let listed = joined(paths);
    let how = match shipped.commit() {
        Some(commit) => format!(
            "put them back with: git checkout {} -- {}",
            &commit[..commit.len().min(12)],
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(" ")
        ),
        None => "put them back from a fresh copy of the course".to_string(),
    };
    format!(
        "\nThe check itself was changed ({listed}), so this pass does not count: a check is the \
         specification your code must meet, and it only counts as shipped. To check your code, {how}\n"
    )
}

/// The hints seen so far, numbered, and how to see the next; `title` is the
/// exercise's, in the hints' language.
pub fn hints(exercise: &Exercise, title: &str, steps: &[String]) -> String {
    let total = exercise.hints.len();
    let mut out = format!("Hints for {} ({title}):\n", exercise.slug);
    for (step, hint) in steps.iter().enumerate() {
        out += &format!("\n{}/{total}. {hint}\n", step + 1);
    }
    if steps.len() < total {
        out += &format!(
            "\nStill stuck? Ask again for step {} of {total}: cargo workbook hint {}\n",
            steps.len() + 1,
            exercise.slug
        );
    }
    out
}

/// The reference solution's files, each with a diff from the learner's file.
pub fn solution(session: &Session, exercise: &Exercise) -> anyhow::Result<String> {
    let mut out = String::new();
    for (relative, solution, mine) in session.solution_files(exercise)? {
        let shown = exercise.solution_dir().join(&relative);
        out += &format!("── {} ──\n{solution}\n", shown.display());
        if mine == solution {
            out += &format!("Your {} is the same as the solution.\n\n", relative.display());
        } else {
            let diff = similar::TextDiff::from_lines(&mine, &solution);
            out += "── from yours (-) to the solution (+) ──\n";
            out += &diff
                .unified_diff()
                .context_radius(2)
                .header("yours", "solution")
                .to_string();
            out.push('\n');
        }
    }
    Ok(out)
}

/// What a reset is about to do, for the question before it.
pub fn reset_plan(exercise: &Exercise, plan: &ResetPlan) -> String {
    let dir = plan.crate_dir.display();
    if plan.whole_crate {
        format!("This puts {dir} back as shipped: every file of it, after a backup of yours.\n")
    } else {
        let files: Vec<PathBuf> = plan.files.iter().map(|(path, _)| path.clone()).collect();
        let mut out = format!(
            "{} is a step of {dir}, a crate shared with {}. This resets {} only: it puts back as \
             shipped {}, after a backup of the whole crate. The other steps' files are left as they are.\n",
            exercise.slug,
            plan.sharing.join(", "),
            exercise.slug,
            if files.is_empty() {
                "nothing (its files are as shipped)".to_string()
            } else {
                joined(&files)
            },
        );
        if files.is_empty() {
            out += "There is nothing to reset.\n";
        }
        out
    }
}

/// The files a backup saved, listed before anything is touched.
pub fn saved(backup: &Backup) -> String {
    let mut out = format!("Your files are saved in {}:\n", backup.dir.display());
    for file in &backup.files {
        out += &format!("  {}\n", backup.dir.join(file).display());
    }
    out
}

/// How to undo a reset or a restore.
pub fn undo(backup: &Path) -> String {
    format!("To undo: cargo workbook restore {}\n", backup.display())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_fill_in_proportion() {
        assert_eq!(bar(0, 4), "[--------------------] 0/4");
        assert_eq!(bar(1, 4), "[#####---------------] 1/4");
        assert_eq!(bar(4, 4), "[####################] 4/4");
        assert_eq!(bar(0, 0), "[--------------------] 0/0");
    }

    #[test]
    fn a_todo_is_found_with_its_place() {
        let output = "test one ... FAILED\n\nfailures:\n\n---- one stdout ----\n\
                      thread 'one' panicked at exercises/00-a/01-b/src/lib.rs:23:5:\n\
                      not yet implemented: describe the user\n";
        assert_eq!(
            failure(output),
            Failure::Todo(Some("exercises/00-a/01-b/src/lib.rs:23:5".into()))
        );
        assert_eq!(
            failure("snapshot assertion for 'x' failed in line 3"),
            Failure::Snapshot
        );
        assert_eq!(failure("assertion `left == right` failed"), Failure::Panic);
    }
}
