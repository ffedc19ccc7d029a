//! The proofs that the course is sound. `cargo test` at the root runs them
//! beside every reference solution's check.

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use workbook::check::Options;
use workbook::dev::proof;
use workbook::progress::{self, Progress, Status};
use workbook::shipped::{Shipped, Stage};
use workbook::{Course, book};

fn course() -> Course {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace root");
    Course::load(root).expect("course.toml should load")
}

/// The course as shipped: the learner's changed starters are read from git,
/// so nothing a learner does to them turns these proofs red.
fn shipped() -> (Stage, Course) {
    let course = course();
    let shipped = Shipped::open(&course.root);
    if shipped.commit().is_none() {
        say("note: this copy of the course has no git history; the starters on disk are taken as shipped");
    }
    let stage = shipped.stage(&course).expect("the course as shipped");
    let staged = Course::load(&stage.root).expect("the shipped course.toml should load");
    (stage, staged)
}

/// Prints past the test harness's capture, so the line shows on a green run.
fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

fn assert_none(what: &str, problems: &[String]) {
    assert!(problems.is_empty(), "{what}:\n- {}", problems.join("\n- "));
}

#[test]
fn every_exercise_has_its_crates_check_snapshots_hint_and_page() {
    let (_stage, course) = shipped();
    let mut problems = proof::course_problems(&course);
    for exercise in course.exercises() {
        problems.extend(proof::exercise_problems(&course.root, exercise));
    }
    assert_none("the course is incomplete", &problems);
}

#[test]
fn the_table_of_contents_follows_the_course() {
    let course = course();
    let committed = std::fs::read_to_string(book::summary_path(&course.root)).unwrap_or_default();
    assert!(
        committed == book::render_summary(&course),
        "book/src/SUMMARY.md is not what course.toml says: `cargo workbook book --no-serve` rewrites it"
    );
}

#[test]
fn every_include_in_the_book_resolves() {
    let (_stage, course) = shipped();
    let includes = book::includes(&course.root).expect("the book's pages should read");
    assert!(!includes.is_empty(), "the book includes no code at all");
    let problems: Vec<String> = includes
        .iter()
        .filter_map(|i| book::check_include(&course.root, i))
        .collect();
    assert_none("broken includes", &problems);
}

#[test]
fn the_book_builds_with_a_page_per_exercise() {
    let course = course();
    let dest = tempfile::tempdir().expect("a temporary folder");
    book::build(&course, dest.path(), book::Solutions::Folded).expect("the book should build");
    let mut problems = Vec::new();
    for exercise in course.exercises() {
        let page = dest.path().join(exercise.book_url());
        match std::fs::read_to_string(&page) {
            Err(_) => problems.push(format!("{}: no page at {}", exercise.slug, exercise.book_url())),
            // An include that mdBook could not resolve stays in the page.
            Ok(html) if html.contains("{{#include") => {
                problems.push(format!("{}: the page has an unresolved include", exercise.slug))
            }
            Ok(html) if !html.contains("<details>") => {
                problems.push(format!("{}: the book to publish has no folded solution", exercise.slug))
            }
            Ok(_) => {}
        }
    }
    assert_none("the built book is missing pages", &problems);
}

#[test]
fn the_served_book_holds_no_solution_until_it_is_earned() {
    let course = course();
    let dest = tempfile::tempdir().expect("a temporary folder");
    book::build(&course, dest.path(), book::Solutions::Earned).expect("the book should build");
    let mut problems = Vec::new();
    let mut pages: Vec<String> = course.exercises().map(|e| e.book_url()).collect();
    pages.extend([
        "print.html".to_string(),
        "searchindex.js".to_string(),
        "searchindex.json".to_string(),
    ]);
    for page in pages {
        let Ok(text) = std::fs::read_to_string(dest.path().join(&page)) else {
            continue;
        };
        if text.contains("Show the solution") {
            problems.push(format!("{page} shows a solution"));
        }
    }
    for exercise in course.exercises() {
        let html = std::fs::read_to_string(dest.path().join(exercise.book_url())).unwrap_or_default();
        if !html.contains("The solution opens here once your check passes.") {
            problems.push(format!(
                "{}: the page does not say when its solution opens",
                exercise.slug
            ));
        }
    }
    assert_none("solutions given away", &problems);
}

#[test]
fn the_reference_code_is_formatted() {
    let course = course();
    let cargo = workbook::check::cargo();
    let has_rustfmt = std::process::Command::new(&cargo)
        .args(["fmt", "--version"])
        .output()
        .is_ok_and(|out| out.status.success());
    if !has_rustfmt {
        say("skipped: rustfmt is not installed (rustup component add rustfmt)");
        return;
    }
    // The solutions (and through them every check), and the tooling. The
    // starters are the learner's to format or not.
    let mut packages: Vec<String> = course.exercises().map(|e| e.solution_package()).collect();
    packages.dedup();
    packages.extend(
        [
            "workbook",
            "schema-db",
            "pg-server",
            "pg-prepare",
            "compile-fail-lessons",
            "course-support",
        ]
        .map(String::from),
    );
    let mut command = std::process::Command::new(&cargo);
    command.current_dir(&course.root).args(["fmt", "--check"]);
    for package in &packages {
        command.args(["-p", package]);
    }
    let out = command.output().expect("cargo fmt runs");
    assert!(
        out.status.success(),
        "not formatted (run `cargo fmt` on these packages):\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn every_shipped_starter_compiles_and_fails_its_check() {
    let course = course();
    let options = Options {
        timeout: Duration::from_secs(120),
        color: false,
        show_progress: false,
    };
    let report = proof::prove_starters(&course, &options);
    if let Some(note) = &report.note {
        say(&format!("note: {note}"));
    }
    if !report.skipped.is_empty() {
        say(&format!(
            "starters you changed, so not proven here (a fresh clone proves them): {}",
            report.skipped.join(", ")
        ));
    }
    assert_none("starters that do not fail as shipped", &report.problems);
    assert!(
        report.verified.len() + report.skipped.len() == course.exercises().count(),
        "every starter is either proven or named as skipped"
    );

    // The learner's own progress, so a green course is not mistaken for theirs.
    let progress = Progress::open(&course.root);
    let passed = course
        .exercises()
        .filter(|exercise| {
            let record = progress.get(&exercise.slug).ok().flatten();
            progress::status(record.as_ref(), &progress::fingerprint(&course, exercise)) == Status::Passed
        })
        .count();
    say(&format!(
        "The course is sound. Your own progress: {passed} of {} exercises passed (cargo workbook list).",
        course.exercises().count()
    ));
}
