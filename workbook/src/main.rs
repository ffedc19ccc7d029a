//! `cargo workbook`: the course's runner.

use std::io::{IsTerminal, Write};

/// `print!` that does not panic when the reader has gone (`cargo workbook
/// list | head`): there is nobody left to tell.
macro_rules! out {
    ($($arg:tt)*) => {{
        let _ = write!(std::io::stdout(), $($arg)*);
    }};
}

/// `println!`, likewise.
macro_rules! outln {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use clap::{Parser, Subcommand};
use workbook::check::{Options, Verdict};
use workbook::session::Session;
use workbook::watch::{self, WatchOptions};
use workbook::{Course, book, live};

/// The course runner. With no command it watches your exercises: every save
/// re-checks the exercise you work on, and the book follows your progress.
#[derive(Parser)]
#[command(name = "cargo workbook", version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    watch: WatchArgs,
}

#[derive(clap::Args)]
struct WatchArgs {
    /// Do not watch files: check when you press Enter (for systems where
    /// file events do not arrive, as on some VMs and WSL mounts).
    #[arg(long)]
    manual: bool,
    /// The port of the book that watch mode serves.
    #[arg(long, default_value_t = 3000)]
    port: u16,
    /// Watch without serving the book.
    #[arg(long)]
    no_book: bool,
    /// Seconds a check may run before it is stopped (compiling does not count).
    #[arg(long, default_value_t = 60)]
    timeout: u64,
}

#[derive(Subcommand)]
enum Command {
    /// Every exercise in order, with its status and each chapter's progress.
    List,
    /// Checks an exercise (by default the first one not yet passed).
    Check {
        /// The exercise's slug, as `cargo workbook list` shows it.
        slug: Option<String>,
        /// Check every exercise.
        #[arg(long, conflicts_with = "slug")]
        all: bool,
        /// Seconds the check may run before it is stopped (compiling does not count).
        #[arg(long, default_value_t = 60)]
        timeout: u64,
    },
    /// Where to go next: the first exercise not yet passed.
    Next,
    /// A hint for an exercise (by default the current one).
    Hint { slug: Option<String> },
    /// The reference solution, and how your code differs from it.
    Solution { slug: Option<String> },
    /// Puts an exercise back as shipped, after saving your files in a backup.
    Reset { slug: String },
    /// Measures edit-to-verdict: marks the exercise's sources as just saved,
    /// checks it, and prints the median of several runs (for maintainers).
    Timing {
        slug: String,
        #[arg(long, default_value_t = 7)]
        runs: usize,
    },
    /// Builds the book and serves it on http://127.0.0.1:PORT.
    Book {
        #[arg(long, default_value_t = 3000)]
        port: u16,
        /// Only build the book, and print where it is.
        #[arg(long)]
        no_serve: bool,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    let session = Session::open(Course::discover(&cwd)?)?;
    let Some(command) = cli.command else {
        let args = cli.watch;
        watch::run(
            session,
            WatchOptions {
                manual: args.manual,
                port: (!args.no_book).then_some(args.port),
                timeout: Duration::from_secs(args.timeout),
            },
        )?;
        return Ok(ExitCode::SUCCESS);
    };
    match command {
        Command::List => out!("{}{}", session.list()?, session.next()?),
        Command::Next => out!("{}", session.next()?),
        Command::Check { slug, all, timeout } => {
            let options = Options {
                timeout: Duration::from_secs(timeout),
                color: std::io::stdout().is_terminal(),
                show_progress: true,
            };
            let exercises: Vec<_> = if all {
                session.course.exercises().collect()
            } else {
                vec![session.pick(slug.as_deref())?]
            };
            outln!(
                "Checking {}",
                exercises.iter().map(|e| e.slug.as_str()).collect::<Vec<_>>().join(", ")
            );
            let outcomes = session.check(&exercises, &options)?;
            let mut all_passed = true;
            for (exercise, outcome) in exercises.iter().zip(&outcomes) {
                all_passed &= outcome.verdict == Verdict::Passed;
                if all {
                    outln!(
                        "{} {}",
                        if outcome.verdict == Verdict::Passed {
                            "✓"
                        } else {
                            "✗"
                        },
                        exercise.slug
                    );
                } else {
                    out!("\n{}", session.verdict(exercise, outcome, &options));
                }
            }
            out!("{}", session.next()?);
            return Ok(if all_passed {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            });
        }
        Command::Timing { slug, runs } => {
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
            outln!(
                "{slug}: edit to verdict, {} runs: median {:.2} s (fastest {:.2} s, slowest {:.2} s)",
                times.len(),
                median.as_secs_f64(),
                times[0].as_secs_f64(),
                times[times.len() - 1].as_secs_f64()
            );
        }
        Command::Hint { slug } => out!("{}", session.hint(session.pick(slug.as_deref())?)?),
        Command::Solution { slug } => out!("{}", session.solution(session.pick(slug.as_deref())?)?),
        Command::Reset { slug } => {
            let exercise = session.find(&slug)?;
            let backup = session.reset(exercise)?;
            outln!("{} is back as shipped.", exercise.exercise_dir().display());
            outln!("Your files were saved in {}", backup.display());
        }
        Command::Book { port, no_serve } => {
            let dest = book::build_dir(&session.course.root);
            if book::sync_summary(&session.course).context("cannot write the book's SUMMARY.md")? {
                outln!("Updated book/src/SUMMARY.md from course.toml.");
            }
            book::build(&session.course, &dest)?;
            if no_serve {
                outln!("The book is built: open {}", dest.join("index.html").display());
            } else {
                let server = live::Server::start(session.course.clone(), dest, port)?;
                outln!("The book is at {} (Ctrl+C to stop).", server.url());
                server.wait();
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
