//! `cargo workbook`: the course's runner.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use workbook::check::{self, Options, Selection, Verdict};
use workbook::progress::{self, Progress, Status};
use workbook::{Course, Exercise, book, pristine};

/// The course runner: progress, checks, hints, solutions, resets and the book.
#[derive(Parser)]
#[command(name = "cargo workbook", version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Every exercise in order, with its status and each chapter's progress.
    List,
    /// Checks an exercise (by default the first one not yet passed).
    Check {
        /// The exercise's slug, as `cargo workbook list` shows it.
        slug: Option<String>,
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
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    let course = Course::discover(&cwd)?;
    let progress = Progress::open(&course.root)
        .with_context(|| format!("cannot open {}", Progress::path(&course.root).display()))?;
    match cli.command.unwrap_or(Command::List) {
        Command::List => list(&course, &progress)?,
        Command::Check { slug, timeout } => {
            let exercise = pick(&course, &progress, slug.as_deref())?;
            return check_one(&course, &progress, exercise, Duration::from_secs(timeout));
        }
        Command::Next => next(&course, &progress)?,
        Command::Hint { slug } => {
            let exercise = pick(&course, &progress, slug.as_deref())?;
            println!("Hint for {} ({}):\n\n{}", exercise.slug, exercise.title, exercise.hint.trim());
        }
        Command::Solution { slug } => {
            let exercise = pick(&course, &progress, slug.as_deref())?;
            solution(&course, exercise)?;
        }
        Command::Reset { slug } => {
            let exercise = find(&course, &slug)?;
            let reference = pristine::reference(&course.root)?;
            let backup = pristine::restore(&course.root, &reference, &exercise.exercise_dir(), &exercise.slug)?;
            progress.forget(&exercise.slug)?;
            println!("{} is back as shipped.", exercise.exercise_dir().display());
            println!("Your files were saved in {}", backup.strip_prefix(&course.root).unwrap_or(&backup).display());
        }
        Command::Book { port, no_serve } => {
            let dest = book::build_dir(&course.root);
            if book::sync_summary(&course).context("cannot write the book's SUMMARY.md")? {
                println!("Updated book/src/SUMMARY.md from course.toml.");
            }
            book::build(&course, &dest)?;
            if no_serve {
                println!("The book is built: open {}", dest.join("index.html").display());
            } else {
                let runtime = tokio::runtime::Runtime::new().context("cannot start the server")?;
                runtime.block_on(book::serve(&dest, port))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn find<'c>(course: &'c Course, slug: &str) -> anyhow::Result<&'c Exercise> {
    course.exercise(slug).with_context(|| {
        let slugs: Vec<&str> = course.exercises().map(|e| e.slug.as_str()).collect();
        format!("there is no exercise {slug:?}; the exercises are: {}", slugs.join(", "))
    })
}

/// The named exercise, or the first one not yet passed, or the last one.
fn pick<'c>(course: &'c Course, progress: &Progress, slug: Option<&str>) -> anyhow::Result<&'c Exercise> {
    if let Some(slug) = slug {
        return find(course, slug);
    }
    match current(course, progress)? {
        Some(exercise) => Ok(exercise),
        None => course.exercises().last().context("the course has no exercises"),
    }
}

fn status_of(course: &Course, progress: &Progress, exercise: &Exercise) -> anyhow::Result<Status> {
    let record = progress.get(&exercise.slug)?;
    Ok(progress::status(record.as_ref(), &progress::fingerprint(&course.root, exercise)))
}

/// The first exercise whose check has not passed on its current sources.
fn current<'c>(course: &'c Course, progress: &Progress) -> anyhow::Result<Option<&'c Exercise>> {
    for exercise in course.exercises() {
        if status_of(course, progress, exercise)? != Status::Passed {
            return Ok(Some(exercise));
        }
    }
    Ok(None)
}

fn list(course: &Course, progress: &Progress) -> anyhow::Result<()> {
    let (mut done, mut total) = (0, 0);
    for chapter in &course.chapters {
        let statuses = chapter
            .exercises
            .iter()
            .map(|exercise| status_of(course, progress, exercise))
            .collect::<anyhow::Result<Vec<_>>>()?;
        let passed = statuses.iter().filter(|s| **s == Status::Passed).count();
        println!("{:<44} {}", chapter.title, bar(passed, statuses.len()));
        for (exercise, status) in chapter.exercises.iter().zip(&statuses) {
            let mark = match status {
                Status::Passed => "✓",
                Status::Failing => "✗",
                Status::Changed => "~",
                Status::NotStarted => "·",
            };
            println!("  {mark} {:<18} {:<36} {}", exercise.slug, exercise.title, status.label());
        }
        done += passed;
        total += statuses.len();
    }
    println!("\n{done} of {total} exercises passed.");
    next(course, progress)
}

fn bar(done: usize, total: usize) -> String {
    const WIDTH: usize = 20;
    let filled = (done * WIDTH).checked_div(total).unwrap_or(0);
    format!("[{}{}] {done}/{total}", "#".repeat(filled), "-".repeat(WIDTH - filled))
}

fn next(course: &Course, progress: &Progress) -> anyhow::Result<()> {
    match current(course, progress)? {
        None => println!("Every exercise passes. Well done! The book is yours to reread: cargo workbook book"),
        Some(exercise) => {
            println!("Next: {} ({})", exercise.title, exercise.slug);
            println!("  read   {} (cargo workbook book, then /{})", exercise.book_page().display(), exercise.book_url());
            println!("  edit   {}", exercise.exercise_dir().join("src").display());
            println!("  check  cargo workbook check {}", exercise.slug);
        }
    }
    Ok(())
}

fn check_one(course: &Course, progress: &Progress, exercise: &Exercise, timeout: Duration) -> anyhow::Result<ExitCode> {
    let color = std::io::stdout().is_terminal();
    let options = Options { timeout, color, show_progress: true };
    let dir = exercise.exercise_dir();
    let fingerprint = progress::fingerprint(&course.root, exercise);
    println!("Checking {} ({}) in {}", exercise.slug, exercise.title, dir.display());

    let build = check::build(&course.root, Selection::Checks(&[exercise.package()]), &options)?;
    let outcome = match build.executables.get(&dir) {
        Some(executable) => check::run(executable, &course.root.join(&dir), &options)?,
        None => {
            let errors = build.errors.get(&dir).cloned().unwrap_or_default();
            check::Outcome { verdict: Verdict::CompileError, output: errors.clone(), full_output: errors }
        }
    };
    progress.record(&exercise.slug, outcome.verdict, &outcome.output, &fingerprint)?;

    println!();
    if !outcome.output.is_empty() && outcome.verdict != Verdict::Passed {
        println!("{}\n", outcome.output);
    }
    match outcome.verdict {
        Verdict::Passed => {
            println!("✓ {} passes its check.", exercise.slug);
            match course.after(&exercise.slug) {
                Some(following) => println!("Next: cargo workbook check {}  ({})", following.slug, following.title),
                None => println!("That was the last exercise: every chapter is yours now."),
            }
            return Ok(ExitCode::SUCCESS);
        }
        Verdict::Failed => println!(
            "✗ {} fails its check. A snapshot diff shows the expected lines (-) against yours (+).",
            exercise.slug
        ),
        Verdict::CompileError => println!("✗ {} does not compile; the compiler's errors are above.", exercise.slug),
        Verdict::TimedOut => println!("✗ {} took longer than {timeout:?} and was stopped.", exercise.slug),
    }
    println!("Edit {} and check again; stuck? cargo workbook hint {}", dir.join("src").display(), exercise.slug);
    Ok(ExitCode::FAILURE)
}

fn solution(course: &Course, exercise: &Exercise) -> anyhow::Result<()> {
    let theirs = course.root.join(exercise.solution_dir()).join("src");
    let yours = course.root.join(exercise.exercise_dir()).join("src");
    let mut files: Vec<_> = std::fs::read_dir(&theirs)
        .with_context(|| format!("cannot read {}", theirs.display()))?
        .flatten()
        .map(|entry| entry.file_name())
        .collect();
    files.sort();
    if files.is_empty() {
        bail!("the solution of {} has no files", exercise.slug);
    }
    for name in files {
        let solution = std::fs::read_to_string(theirs.join(&name))?;
        let mine = std::fs::read_to_string(yours.join(&name)).unwrap_or_default();
        let shown = Path::new("solutions").join(exercise.rel()).join("src").join(&name);
        println!("── {} ──\n{solution}", shown.display());
        if mine == solution {
            println!("Your {} is the same as the solution.\n", name.to_string_lossy());
        } else {
            let diff = similar::TextDiff::from_lines(&mine, &solution);
            println!("── from yours (-) to the solution (+) ──");
            print!("{}", diff.unified_diff().context_radius(2).header("yours", "solution"));
            println!();
        }
    }
    Ok(())
}
