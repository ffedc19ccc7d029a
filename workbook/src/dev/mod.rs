//! `cargo workbook dev …`: the course's authors' side of the runner, apart
//! from the learner's commands. Each command proves, measures or publishes
//! the course as it is in the working tree.

use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use crate::book;
use crate::check::Options;
use crate::course::Course;
use crate::session::Session;

pub mod load;
pub mod mutants;
pub mod proof;
pub mod scaffold;
pub mod sync;

/// The authors' commands.
#[derive(Debug, clap::Subcommand)]
pub enum DevCommand {
    /// Proves the course as it is in the working tree: every exercise
    /// complete, every include resolved, every unchanged starter failing.
    Check,
    /// Measures edit-to-verdict: marks the exercise's sources as just saved,
    /// checks it, and prints the median of several runs.
    Timing {
        slug: String,
        #[arg(long, default_value_t = 7)]
        runs: usize,
    },
    /// Builds the book to publish, each solution folded away in its page.
    Book,
    /// Mutation testing: cargo-mutants on each reference solution against
    /// its own check, scored, with the course's equivalent mutants set apart.
    Mutants {
        /// Only these solution packages (e.g. `create-solution`).
        packages: Vec<String>,
    },
    /// The reference blog under load on the loopback address: requests per
    /// second, median and 99th percentile for each route; `--server both`
    /// sets chapter 4's blog on SQLite beside chapter 5's on PostgreSQL.
    Load(load::LoadOptions),
    /// Copies the given files (every file a starter does not mark with a
    /// TODO, and its manifest) from each solution to its starter.
    Sync,
    /// Scaffolds a new exercise at the end of a chapter, passing the course
    /// proof at once: manifest entry, starter, solution, check, page.
    New {
        /// The chapter's folder, as in course.toml (e.g. `03-crud`).
        chapter: String,
        /// The exercise's slug (e.g. `soft-delete`).
        name: String,
    },
    /// Re-extracts the messages to translate (the book's pages, the live
    /// box's words, the hints) and merges them into `po/<language>.po`:
    /// translations kept, new messages untranslated, changed ones fuzzy.
    Translations {
        #[arg(long, value_enum, default_value = "ru")]
        language: crate::translation::Language,
    },
}

/// Runs an authors' command.
pub fn execute(course: &Course, command: DevCommand) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout();
    match command {
        DevCommand::Check => {
            let mut problems = proof::course_problems(course);
            for exercise in course.exercises() {
                problems.extend(proof::exercise_problems(&course.root, exercise));
            }
            if book::sync_summary(course)? {
                writeln!(out, "Updated book/src/SUMMARY.md from course.toml.")?;
            }
            let dest = tempfile::tempdir()?;
            if let Err(error) = book::build(course, dest.path(), book::Solutions::Folded) {
                problems.push(format!("{error:#}"));
            }
            let report = proof::prove_starters(
                course,
                &Options {
                    timeout: Duration::from_secs(120),
                    color: false,
                    show_progress: true,
                },
            );
            problems.extend(report.problems);
            if !report.skipped.is_empty() {
                writeln!(
                    out,
                    "Starters changed in the working tree, not proven: {}",
                    report.skipped.join(", ")
                )?;
            }
            if problems.is_empty() {
                writeln!(out, "The course is sound: {} starters proven.", report.verified.len())?;
                Ok(ExitCode::SUCCESS)
            } else {
                writeln!(out, "The course has problems:\n- {}", problems.join("\n- "))?;
                Ok(ExitCode::FAILURE)
            }
        }
        DevCommand::Timing { slug, runs } => {
            let session = Session::open(course.clone());
            let exercise = session.find(&slug)?;
            let options = Options {
                timeout: Duration::from_secs(60),
                color: false,
                show_progress: false,
            };
            // One run first, so dependencies are built and only the edit counts.
            session.check(&[exercise], &options)?;
            let mut times = session.time_checks(exercise, runs.max(1), &options)?;
            times.sort();
            let median = times[times.len() / 2];
            writeln!(
                out,
                "{slug}: edit to verdict, {} runs: median {:.2} s (fastest {:.2} s, slowest {:.2} s)",
                times.len(),
                median.as_secs_f64(),
                times[0].as_secs_f64(),
                times[times.len() - 1].as_secs_f64()
            )?;
            Ok(ExitCode::SUCCESS)
        }
        DevCommand::Sync => {
            let changes = sync::sync(course)?;
            for change in &changes {
                match change {
                    sync::Change::Written(path) => writeln!(out, "wrote {}", path.display())?,
                    sync::Change::Undecided(path) => writeln!(
                        out,
                        "left {}: the solution has it and the starter does not; add it by hand, \
                         given or with a TODO",
                        path.display()
                    )?,
                }
            }
            if changes.is_empty() {
                writeln!(out, "Every starter's given files are as in its solution.")?;
            }
            Ok(ExitCode::SUCCESS)
        }
        DevCommand::New { chapter, name } => {
            let written = scaffold::new_exercise(course, &chapter, &name)?;
            for path in &written {
                writeln!(out, "wrote {}", path.display())?;
            }
            let course = Course::load(&course.root)?;
            book::sync_summary(&course)?;
            writeln!(
                out,
                "The exercise {name} is in place and passes the course proof. Now write its task: \
                 the starter, the solution, the check (re-bless with INSTA_UPDATE=always cargo test -p \
                 {name}-solution), its mistakes, its hints in course.toml and its page."
            )?;
            Ok(ExitCode::SUCCESS)
        }
        DevCommand::Translations { language } => {
            if book::sync_summary(course)? {
                writeln!(out, "Updated book/src/SUMMARY.md from course.toml.")?;
            }
            let report = crate::translation::merge(course, language)?;
            let path = language.catalog(std::path::Path::new(""));
            for source in &report.untranslated {
                writeln!(out, "untranslated: {source}")?;
            }
            for source in &report.changed {
                writeln!(out, "changed (fuzzy, with the old translation): {source}")?;
            }
            writeln!(
                out,
                "{}: {} untranslated, {} changed, {} gone. Translate the untranslated and the fuzzy \
                 messages (and remove each `#, fuzzy` line once its translation is right); \
                 `cargo test -p workbook --test translation` names what is left.",
                path.display(),
                report.untranslated.len(),
                report.changed.len(),
                report.removed
            )?;
            Ok(ExitCode::SUCCESS)
        }
        DevCommand::Mutants { packages } => {
            let scores = mutants::run(course, &packages)?;
            write!(out, "{}", mutants::table(&scores))?;
            let missed = scores.iter().any(|score| !score.missed.is_empty());
            Ok(if missed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
        }
        DevCommand::Load(options) => {
            let measured = load::run(&course.root, &options)?;
            write!(out, "{}", load::table(&measured, &options))?;
            Ok(ExitCode::SUCCESS)
        }
        DevCommand::Book => {
            let dest = course.root.join("target").join("book-published");
            book::build(course, &dest, book::Solutions::Folded)?;
            writeln!(out, "The book to publish is in {}", dest.display())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
