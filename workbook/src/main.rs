//! `cargo workbook`: the course's runner.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use clap::{Parser, Subcommand};
use workbook::backup;
use workbook::check::{Options, Verdict};
use workbook::progress::Status;
use workbook::session::Session;
use workbook::translation::Language;
use workbook::watch::{self, WatchOptions};
use workbook::{Course, book, dev, live, report};

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

/// The course runner. With no command it watches your exercises: every save
/// re-checks the exercise you work on, and the book follows your progress.
#[derive(Parser)]
#[command(name = "cargo workbook", version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    watch: WatchArgs,
    /// The language of the book and the hints: `en`, or `ru` for the Russian
    /// edition (the runner's own messages stay English).
    #[arg(long, global = true, value_enum, default_value = "en", env = "WORKBOOK_LANG")]
    lang: Language,
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
    /// Checks an exercise (by default the first one not yet passed), or several.
    Check {
        /// The exercise's slug, as `cargo workbook list` shows it; several
        /// are built together and each gets its verdict.
        slugs: Vec<String>,
        /// Check every exercise.
        #[arg(long, conflicts_with = "slugs")]
        all: bool,
        /// Seconds the check may run before it is stopped (compiling does not count).
        #[arg(long, default_value_t = 60)]
        timeout: u64,
    },
    /// Where to go next: the first exercise not yet passed.
    Next,
    /// A hint for an exercise (by default the current one); ask again for the next step.
    Hint { slug: Option<String> },
    /// The reference solution, and how your code differs from it (asks first
    /// if you have not passed yet).
    Solution {
        slug: Option<String>,
        /// Show it without asking, even before the check passes.
        #[arg(long)]
        yes: bool,
    },
    /// Puts an exercise back as shipped, after saving your files in a backup.
    Reset {
        slug: String,
        /// Do not ask first.
        #[arg(long)]
        yes: bool,
    },
    /// Puts back the files of a backup (with no argument: lists the backups).
    Restore {
        /// The backup's folder, as `reset` printed it.
        backup: Option<PathBuf>,
        /// Do not ask first.
        #[arg(long)]
        yes: bool,
    },
    /// Builds the book and serves it on http://127.0.0.1:PORT, each solution
    /// opening once you pass its check.
    Book {
        #[arg(long, default_value_t = 3000)]
        port: u16,
        /// Only build the book, and print where it is.
        #[arg(long)]
        no_serve: bool,
    },
    /// What this machine has for the course (Rust, git, a PostgreSQL
    /// server, the browser and terminal test tools), and how to get what
    /// is missing.
    Doctor,
    /// The course's authors' commands (see `cargo workbook dev --help`).
    #[command(subcommand)]
    Dev(dev::DevCommand),
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

/// Asks a yes-or-no question; the answer is no unless the learner types y.
/// `--yes` answers for them; without a terminal to ask on, nothing is done.
fn confirm(question: &str, yes: bool) -> anyhow::Result<bool> {
    if yes {
        return Ok(true);
    }
    if !std::io::stdin().is_terminal() {
        anyhow::bail!("{question} Not asked, since standard input is not a terminal: add --yes to go ahead.");
    }
    out!("{question} [y/N] ");
    let _ = std::io::stdout().flush();
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes"))
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    let course = Course::discover(&cwd)?;
    if let Some(Command::Dev(command)) = cli.command {
        return dev::execute(&course, command);
    }
    if let Some(Command::Doctor) = cli.command {
        let findings = workbook::doctor::examine(&course.root);
        out!("{}", workbook::doctor::report(&findings));
        let ready = findings.iter().all(|f| f.found.is_some() || !f.required);
        return Ok(if ready { ExitCode::SUCCESS } else { ExitCode::FAILURE });
    }
    let (session, language_notice) = Session::open(course).in_language(cli.lang);
    if let Some(notice) = language_notice {
        eprintln!("note: {notice}");
    }
    if let Some(notice) = &session.progress.notice {
        eprintln!("note: {notice}");
    }
    let Some(command) = cli.command else {
        let args = cli.watch;
        watch::watch(
            session,
            WatchOptions {
                manual: args.manual,
                port: (!args.no_book).then_some(args.port),
                timeout: Duration::from_secs(args.timeout),
                language: cli.lang,
            },
        )?;
        return Ok(ExitCode::SUCCESS);
    };
    match command {
        Command::List => out!("{}{}", report::list(&session), report::next(&session)),
        Command::Next => out!("{}", report::next(&session)),
        Command::Check { slugs, all, timeout } => {
            let options = Options {
                timeout: Duration::from_secs(timeout),
                color: std::io::stdout().is_terminal(),
                show_progress: true,
            };
            let exercises: Vec<_> = if all {
                session.course.exercises().collect()
            } else if slugs.is_empty() {
                vec![session.named_or_current(None)?]
            } else {
                session.find_each(&slugs)?
            };
            outln!(
                "Checking {}",
                exercises.iter().map(|e| e.slug.as_str()).collect::<Vec<_>>().join(", ")
            );
            let outcomes = session.check(&exercises, &options)?;
            for (exercise, outcome) in exercises.iter().zip(&outcomes) {
                if all {
                    outln!("{} {}", report::verdict_mark(outcome.verdict), exercise.slug);
                } else {
                    out!("\n{}", report::verdict(&session, exercise, outcome, &options));
                }
            }
            out!("{}", report::next(&session));
            let all_passed = outcomes.iter().all(|outcome| outcome.verdict == Verdict::Passed);
            return Ok(if all_passed {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            });
        }
        Command::Hint { slug } => {
            let exercise = session.named_or_current(slug.as_deref())?;
            out!(
                "{}",
                report::hints(exercise, session.title(exercise), &session.reveal_hint(exercise))
            );
        }
        Command::Solution { slug, yes } => {
            let exercise = session.named_or_current(slug.as_deref())?;
            if session.status(exercise) != Status::Passed {
                let question = format!(
                    "{} has not passed its check yet, and a solution read too early teaches little \
                     (a hint may do: cargo workbook hint {}). Show the solution anyway?",
                    exercise.slug, exercise.slug
                );
                if !confirm(&question, yes)? {
                    outln!("Not shown. Keep going: cargo workbook hint {}", exercise.slug);
                    return Ok(ExitCode::SUCCESS);
                }
            }
            out!("{}", report::solution(&session, exercise)?);
        }
        Command::Reset { slug, yes } => {
            let exercise = session.find(&slug)?;
            let plan = session.plan_reset(exercise)?;
            out!("{}", report::reset_plan(exercise, &plan));
            if plan.files.is_empty() {
                return Ok(ExitCode::SUCCESS);
            }
            if !confirm(&format!("Reset {slug}?"), yes)? {
                outln!("Not reset; nothing was changed.");
                return Ok(ExitCode::SUCCESS);
            }
            let backup = session.back_up(&plan.crate_dir, &exercise.slug)?;
            out!("{}", report::saved(&backup));
            let remark = session.apply_reset(&plan).with_context(|| {
                format!(
                    "the reset stopped half way; your files are safe in {}",
                    backup.dir.display()
                )
            })?;
            outln!("{slug} is back as shipped.");
            if let Some(remark) = remark {
                outln!("Note: {remark}.");
            }
            out!("{}", report::undo(&backup.dir));
        }
        Command::Restore { backup, yes } => restore(&session, backup, yes)?,
        Command::Book { port, no_serve } => {
            let dest = book::build_dir(&session.course.root);
            if let Some(note) = book::build(&session.course, &dest, book::Solutions::Earned)? {
                outln!("Note: {note}.");
            }
            if no_serve {
                outln!(
                    "The book is built: open {} (solutions open in the served book, `cargo workbook book`, \
                     once you pass)",
                    book::edition_dir(&dest, cli.lang).join("index.html").display()
                );
            } else {
                let server = live::Server::start(session.course.clone(), dest, port, cli.lang)?;
                outln!("The book is at {} (Ctrl+C to stop).", server.url());
                server.wait();
            }
        }
        Command::Dev(_) | Command::Doctor => unreachable!("handled before the session opens"),
    }
    Ok(ExitCode::SUCCESS)
}

/// Lists the backups, or puts one back after saving the present files.
fn restore(session: &Session, backup: Option<PathBuf>, yes: bool) -> anyhow::Result<()> {
    let root = &session.course.root;
    let Some(backup) = backup else {
        let all = backup::list(root);
        if all.is_empty() {
            outln!("There are no backups yet: reset keeps one each time, in {}.", {
                let dir = backup::backups_dir(root);
                dir.strip_prefix(root)
                    .map(Path::to_path_buf)
                    .unwrap_or(dir)
                    .display()
                    .to_string()
            });
        } else {
            outln!("Backups, newest first:");
            for dir in &all {
                outln!("  {}", dir.display());
            }
            outln!("Put one back with: cargo workbook restore <backup>");
        }
        return Ok(());
    };
    // As typed from the root, from the current folder, or by its name alone.
    let cwd = std::env::current_dir()?;
    let relative = [
        cwd.join(&backup),
        root.join(&backup),
        backup::backups_dir(root).join(&backup),
    ]
    .into_iter()
    .find(|path| path.is_dir())
    .and_then(|path| path.canonicalize().ok())
    .and_then(|path| Some(path.strip_prefix(root.canonicalize().ok()?).ok()?.to_path_buf()))
    .with_context(|| {
        format!(
            "there is no backup {}: `cargo workbook restore` lists them",
            backup.display()
        )
    })?;
    let folders = session.backup_folders(&relative);
    if folders.is_empty() {
        anyhow::bail!("{} holds no exercise's files", relative.display());
    }
    let names: Vec<String> = folders.iter().map(|f| f.display().to_string()).collect();
    let question = format!(
        "Put the files of {} back in {}? Your present files there are saved first.",
        relative.display(),
        names.join(", ")
    );
    if !confirm(&question, yes)? {
        outln!("Not restored; nothing was changed.");
        return Ok(());
    }
    for folder in &folders {
        let name = folder
            .file_name()
            .map_or("exercise".into(), |n| n.to_string_lossy().into_owned());
        let saved = session.back_up(folder, &format!("{name}-before-restore"))?;
        out!("{}", report::saved(&saved));
        outln!("(to undo this restore: cargo workbook restore {})", saved.dir.display());
    }
    session.restore(&relative, &folders)?;
    outln!("Restored {} from {}.", names.join(", "), relative.display());
    Ok(())
}
