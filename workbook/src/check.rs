//! Building and running exercise checks: one `cargo` call builds the check
//! binaries, then each binary runs with a time limit and its output is kept.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Seek};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use serde::Deserialize;
use wait_timeout::ChildExt;

/// What a check said about an exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Passed,
    Failed,
    CompileError,
    TimedOut,
}

impl Verdict {
    /// The verdict's name in the progress database.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Passed => "passed",
            Verdict::Failed => "failed",
            Verdict::CompileError => "compile-error",
            Verdict::TimedOut => "timed-out",
        }
    }

    /// Reads a name written by [`Verdict::as_str`].
    pub fn parse(name: &str) -> Option<Verdict> {
        [
            Verdict::Passed,
            Verdict::Failed,
            Verdict::CompileError,
            Verdict::TimedOut,
        ]
        .into_iter()
        .find(|verdict| verdict.as_str() == name)
    }
}

/// A verdict with the output that explains it.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub verdict: Verdict,
    /// The short output: the failures, or the compiler's errors.
    pub output: String,
}

/// Something went wrong around a check, not in it.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error("could not start `{command}`: {source}")]
    Spawn { command: String, source: std::io::Error },
    #[error("i/o error while running a check: {0}")]
    Io(#[from] std::io::Error),
}

/// How checks are built and run.
#[derive(Debug, Clone)]
pub struct Options {
    /// The longest a check binary may run before it is stopped.
    pub timeout: Duration,
    /// Colors in compiler and test output.
    pub color: bool,
    /// Show cargo's progress (`Compiling …`) while building.
    pub show_progress: bool,
}

/// The result of building the check binaries of some crates.
#[derive(Debug, Default)]
pub struct Build {
    /// The test binaries that compiled, by crate folder and test name.
    pub executables: HashMap<(PathBuf, String), PathBuf>,
    /// The compiler's errors, by crate folder.
    pub errors: HashMap<PathBuf, String>,
    /// The compiler's warnings, by crate folder.
    pub warnings: HashMap<PathBuf, String>,
    /// What cargo printed on stderr from its first error on (a build
    /// script that failed, a manifest it could not read).
    pub stderr: String,
    /// Whether cargo succeeded.
    pub success: bool,
}

/// The cargo that runs us, or the one on the PATH.
pub fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string())
}

#[derive(Deserialize)]
struct Message {
    reason: String,
    manifest_path: Option<PathBuf>,
    target: Option<Target>,
    executable: Option<PathBuf>,
    message: Option<Diagnostic>,
}

#[derive(Deserialize)]
struct Target {
    name: String,
    kind: Vec<String>,
}

#[derive(Deserialize)]
struct Diagnostic {
    level: String,
    rendered: Option<String>,
}

/// Which crates a build selects.
#[derive(Debug, Clone, Copy)]
pub enum Selection<'a> {
    /// These checks, and the package whose dependencies set the features
    /// of every check's dependencies (`Course::shared_dependencies`).
    Checks {
        checks: &'a [CheckTarget<'a>],
        shared_dependencies: Option<&'a str>,
    },
    /// Every test of every crate but these packages: the same selection as
    /// the root `cargo test` plus the starters, so that the features of the
    /// dependencies agree and nothing is built twice.
    WorkspaceExcept(&'a [&'a str]),
}

/// Builds the selected test binaries in one `cargo test --no-run`. Cargo
/// stops at the first crate that does not compile, so some others may be
/// left unbuilt: [`build`] builds those on their own.
pub fn cargo_build(root: &Path, selection: Selection<'_>, options: &Options) -> Result<Build, CheckError> {
    let mut command = Command::new(cargo());
    command
        .current_dir(root)
        .args(["test", "--no-run", "--message-format"])
        .arg(if options.color {
            "json-diagnostic-rendered-ansi"
        } else {
            "json"
        });
    match selection {
        Selection::Checks {
            checks,
            shared_dependencies,
        } => {
            for check in checks {
                command.args(["--package", check.package, "--test", check.test]);
            }
            if let Some(package) = shared_dependencies {
                command.args(["--package", package]);
            }
        }
        Selection::WorkspaceExcept(packages) => {
            command.arg("--workspace");
            for package in packages {
                command.args(["--exclude", package]);
            }
        }
    }
    command.stdout(Stdio::piped());
    command.stderr(Stdio::piped());
    let mut child = command.spawn().map_err(|source| CheckError::Spawn {
        command: format!("{} test --no-run", cargo()),
        source,
    })?;

    // stderr is drained on a thread so that neither pipe can fill and block;
    // it is shown as it comes when progress is wanted, and kept either way.
    let echo = options.show_progress;
    let stderr_reader = child.stderr.take().map(|stderr| {
        std::thread::spawn(move || {
            let mut text = String::new();
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if echo {
                    eprintln!("{line}");
                }
                text.push_str(&line);
                text.push('\n');
            }
            text
        })
    });

    let mut build = Build::default();
    let stdout = child.stdout.take().expect("stdout is piped");
    for line in BufReader::new(stdout).lines() {
        let Ok(message) = serde_json::from_str::<Message>(&line?) else {
            continue;
        };
        let Some(crate_dir) = message.manifest_path.as_deref().and_then(Path::parent) else {
            continue;
        };
        let crate_dir = crate_dir.strip_prefix(root).unwrap_or(crate_dir).to_path_buf();
        match message.reason.as_str() {
            "compiler-artifact" => {
                let test = message.target.filter(|t| t.kind.iter().any(|k| k == "test"));
                if let (Some(test), Some(executable)) = (test, message.executable) {
                    build.executables.insert((crate_dir, test.name), executable);
                }
            }
            "compiler-message" => {
                let Some(diagnostic) = message.message else { continue };
                let by_crate = match diagnostic.level.as_str() {
                    "error" => &mut build.errors,
                    "warning" => &mut build.warnings,
                    _ => continue,
                };
                let text = by_crate.entry(crate_dir).or_default();
                text.push_str(diagnostic.rendered.as_deref().unwrap_or("(no message)"));
            }
            _ => {}
        }
    }
    build.success = child.wait()?.success();
    if let Some(reader) = stderr_reader {
        let text = reader.join().unwrap_or_default();
        build.stderr = text
            .lines()
            .skip_while(|line| !line.starts_with("error"))
            .collect::<Vec<_>>()
            .join("\n");
    }
    Ok(build)
}

/// One check to build: its package, its test target, and its crate's
/// folder relative to the root.
#[derive(Debug, Clone, Copy)]
pub struct CheckTarget<'a> {
    pub package: &'a str,
    pub test: &'a str,
    pub dir: &'a Path,
}

/// Builds the checks, all in one cargo call when they all compile. When one
/// does not, cargo stops early; every check left with neither a binary nor
/// errors of its own is then built alone, so one broken exercise never
/// stands for the others. `shared_dependencies` is selected beside each
/// build (see [`Selection::Checks`]).
pub fn build(
    root: &Path,
    checks: &[CheckTarget<'_>],
    shared_dependencies: Option<&str>,
    options: &Options,
) -> Result<Build, CheckError> {
    let selection = |checks| Selection::Checks {
        checks,
        shared_dependencies,
    };
    let mut build = cargo_build(root, selection(checks), options)?;
    if build.success || checks.len() < 2 {
        return Ok(build);
    }
    for check in checks {
        let key = (check.dir.to_path_buf(), check.test.to_string());
        if build.executables.contains_key(&key) || build.errors.contains_key(check.dir) {
            continue;
        }
        let alone = cargo_build(root, selection(std::slice::from_ref(check)), options)?;
        build.executables.extend(alone.executables);
        build.errors.extend(alone.errors);
        build.warnings.extend(alone.warnings);
    }
    Ok(build)
}

/// The most output of one check that is kept: its last part, since the
/// verdict and the summary come last.
pub const OUTPUT_CAP: usize = 64 * 1024;

/// `text` cut to its last `cap` bytes (at a line start when one is near),
/// with a line that says how much was cut.
pub fn cap_output(text: &str, cap: usize) -> String {
    if text.len() <= cap {
        return text.to_string();
    }
    let mut start = text.len() - cap;
    while !text.is_char_boundary(start) {
        start += 1;
    }
    if let Some(newline) = text[start..].find('\n').filter(|at| *at < 1024) {
        start += newline + 1;
    }
    format!(
        "[… the first {start} bytes of the output were cut …]\n{}",
        &text[start..]
    )
}

/// The names of the tests a check binary holds, as its harness lists them.
fn listed_tests(executable: &Path, crate_dir: &Path) -> Result<Vec<String>, CheckError> {
    let output = Command::new(executable)
        .current_dir(crate_dir)
        .args(["--list", "--format", "terse"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .map_err(|source| CheckError::Spawn {
            command: format!("{} --list", executable.display()),
            source,
        })?;
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.strip_suffix(": test"))
        .map(str::to_string)
        .collect())
}

/// What the harness reported of a run: the tests it said passed, and
/// whether its closing line said all was well.
fn reported_passes(output: &str) -> (Vec<String>, bool) {
    let mut passed = Vec::new();
    let mut closed_ok = false;
    for line in output.lines().map(strip_ansi) {
        if let Some(name) = line.strip_prefix("test ").and_then(|rest| rest.strip_suffix(" ... ok")) {
            passed.push(name.to_string());
        }
        if line.starts_with("test result: ok.") {
            closed_ok = true;
        }
    }
    (passed, closed_ok)
}

/// Reads the end of a log file: at most `cap` bytes, with a note of what was
/// left out, so a check that prints without end cannot fill the memory.
fn read_log(log: &mut std::fs::File, cap: usize) -> Result<String, CheckError> {
    let size = log.seek(std::io::SeekFrom::End(0))?;
    let start = size.saturating_sub(cap as u64);
    log.seek(std::io::SeekFrom::Start(start))?;
    let mut bytes = Vec::new();
    log.take(cap as u64).read_to_end(&mut bytes)?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    Ok(if start > 0 {
        let text = text
            .split_once('\n')
            .map_or(text.as_str(), |(_, rest)| rest)
            .to_string();
        format!("[… the first {start} bytes of the output were cut …]\n{text}")
    } else {
        text
    })
}

/// Runs a check binary in its crate's folder, stopping it after the timeout.
/// It passes only when the harness reports every test it holds as run and
/// passed: an exit code of 0 alone is not enough.
pub fn run_binary(executable: &Path, crate_dir: &Path, options: &Options) -> Result<Outcome, CheckError> {
    let expected = listed_tests(executable, crate_dir)?;
    // Output goes to one file, so that stdout and stderr keep their order and
    // a chatty check can never block on a full pipe.
    let mut log = tempfile::tempfile()?;
    let mut command = Command::new(executable);
    command
        .current_dir(crate_dir)
        .arg(if options.color {
            "--color=always"
        } else {
            "--color=never"
        })
        .env("INSTA_UPDATE", "no")
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log.try_clone()?);
    if options.color {
        command.env("CLICOLOR_FORCE", "1");
    } else {
        command.env("NO_COLOR", "1");
    }
    let mut child = command.spawn().map_err(|source| CheckError::Spawn {
        command: executable.display().to_string(),
        source,
    })?;

    let started = Instant::now();
    let status: Option<ExitStatus> = child.wait_timeout(options.timeout)?;
    if status.is_none() {
        let _ = child.kill();
        let _ = child.wait();
    }
    // The whole log, up to a limit, is what the summary is made from.
    let full_output = read_log(&mut log, 16 * OUTPUT_CAP)?;

    let outcome = match status {
        None => Outcome {
            verdict: Verdict::TimedOut,
            output: format!(
                "{}\nThe check was stopped after {:.0?}: is there an endless loop, or a wait on a lock \
                 that is never released?",
                summarize(&full_output),
                started.elapsed()
            ),
        },
        Some(status) if status.success() => {
            let (passed, closed_ok) = reported_passes(&full_output);
            let missing: Vec<&String> = expected.iter().filter(|name| !passed.contains(name)).collect();
            if closed_ok && !expected.is_empty() && missing.is_empty() {
                Outcome {
                    verdict: Verdict::Passed,
                    output: summarize(&full_output),
                }
            } else {
                let mut output = summarize(&full_output);
                output.push_str(&format!(
                    "\nThe check ended without reporting every test as passed ({} of {} reported{}): \
                     a pass counts only when every test of the check ran. Does your code end the \
                     process (`std::process::exit`)?",
                    expected.len() - missing.len(),
                    expected.len(),
                    if closed_ok { "" } else { ", and no closing line" }
                ));
                Outcome {
                    verdict: Verdict::Failed,
                    output,
                }
            }
        }
        Some(status) => {
            // Without the harness's closing line, the process died mid-run
            // (an abort, out of memory, a signal): its own last words are
            // the message, not a summary of tests that never reported.
            let mut output = if full_output
                .lines()
                .any(|line| strip_ansi(line).starts_with("test result:"))
            {
                summarize(&full_output)
            } else {
                last_lines(&full_output, 40)
            };
            if status.code().is_none() {
                output.push_str("\nThe check crashed (it was ended by a signal, for example a stack overflow).");
            }
            Outcome {
                verdict: Verdict::Failed,
                output,
            }
        }
    };
    Ok(Outcome {
        output: cap_output(&outcome.output, OUTPUT_CAP),
        ..outcome
    })
}

/// The lines of a test run's output that a learner needs: which tests passed
/// or failed, and each failure's output (the snapshot diff or the panic).
pub fn summarize(output: &str) -> String {
    let mut lines = Vec::new();
    // The first `failures:` opens the details; the second lists the names.
    let mut failures_seen = 0;
    for line in output.lines() {
        let plain = strip_ansi(line);
        if plain.starts_with("failures:") {
            failures_seen += 1;
            if failures_seen == 1 {
                lines.push("");
                lines.push(line);
            }
            continue;
        }
        let in_failures = failures_seen == 1;
        // Noise for a learner: the backtrace advice, and where inside a
        // dependency (insta, usually) the panic was raised.
        let in_dependency = plain.contains("panicked at") && plain.contains(".cargo/registry");
        // insta's advice names `cargo insta`, a tool the learner does not have.
        let insta_advice = plain.contains("cargo insta") || plain.contains("cargo-insta");
        if plain.starts_with("note: run with `RUST_BACKTRACE=1`") || in_dependency || insta_advice {
            continue;
        }
        let is_result = plain.starts_with("test ") && (plain.ends_with(" ok") || plain.ends_with(" FAILED"));
        if in_failures || is_result || plain.starts_with("test result:") {
            lines.push(line);
        }
    }
    lines.join("\n").trim().to_string()
}

/// The last `count` lines of `text`.
/// A note that output was cut, at its start, is kept.
fn last_lines(text: &str, count: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.len().saturating_sub(count);
    let mut kept = lines[start..].join("\n").trim().to_string();
    if start > 0
        && let Some(cut) = lines.first().filter(|line| line.starts_with("[… the first "))
    {
        kept = format!("{cut}\n{kept}");
    }
    kept
}

/// `line` without terminal color codes.
/// Other control characters go too: some terminals' reset ends with a
/// shift-in (`\x0f`, `TERM=screen` under tmux), which would otherwise hide
/// a test's `ok`.
pub fn strip_ansi(line: &str) -> String {
    let mut plain = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // Skip to the end of the escape sequence: a letter.
            for next in chars.by_ref() {
                if next.is_ascii_alphabetic() {
                    break;
                }
            }
        } else if !c.is_control() || c == '\t' {
            plain.push(c);
        }
    }
    plain
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAILED_RUN: &str = "\
running 2 tests
test describes_one_user ... FAILED
test describes_no_users ... ok

failures:

---- describes_one_user stdout ----
-old
+new
thread 'describes_one_user' panicked at /home/me/.cargo/registry/src/insta/runtime.rs:734:13:
snapshot assertion for 'one_user' failed
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace


failures:
    describes_one_user

test result: FAILED. 1 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s
";

    #[test]
    fn a_summary_keeps_results_and_failures_only() {
        let summary = summarize(FAILED_RUN);
        assert!(summary.starts_with("test describes_one_user ... FAILED"), "{summary}");
        assert!(summary.contains("-old\n+new"), "{summary}");
        assert!(!summary.contains("RUST_BACKTRACE"), "{summary}");
        assert!(!summary.contains(".cargo/registry"), "{summary}");
        assert!(
            summary.contains("snapshot assertion for 'one_user' failed"),
            "{summary}"
        );
        assert!(
            !summary.contains("    describes_one_user\n"),
            "the name list is dropped: {summary}"
        );
        assert!(summary.ends_with("finished in 0.01s"), "{summary}");
    }

    #[test]
    fn colors_do_not_hide_the_structure() {
        assert_eq!(strip_ansi("\u{1b}[31mFAILED\u{1b}[0m"), "FAILED");
        // libtest's colors under tmux (TERM=screen): the reset ends in a shift-in.
        assert_eq!(strip_ansi("test x ... \u{1b}[32mok\u{1b}[m\u{f}"), "test x ... ok");
        assert_eq!(strip_ansi("test x ... \u{1b}[32mok\u{1b}(B\u{1b}[m"), "test x ... ok");
    }

    #[test]
    fn verdicts_round_trip_through_their_names() {
        for verdict in [
            Verdict::Passed,
            Verdict::Failed,
            Verdict::CompileError,
            Verdict::TimedOut,
        ] {
            assert_eq!(Verdict::parse(verdict.as_str()), Some(verdict));
        }
        assert_eq!(Verdict::parse("maybe"), None);
    }
}
