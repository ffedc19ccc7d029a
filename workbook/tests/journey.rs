//! A learner's journey through the whole course, on a temporary copy: each
//! exercise named by `next`, failing as shipped, passing once its solution
//! is written in, and shown as passed by `list`; every mistake kept beside a
//! check failing it; reset and restore round-tripping; the course proof
//! green at 0 %, half way and 100 %; and a copy without git still usable.
//!
//! It builds the course in a target folder of its own, so it is slow: it
//! runs when WORKBOOK_REQUIRE_INTERACTIVE or WORKBOOK_JOURNEY is set (CI sets
//! the first), and otherwise skips with one line.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use support::{CourseCopy, root};
use workbook::course::Exercise;
use workbook::course::WORK_DIRS;
use workbook::{Course, mistakes};

fn wanted() -> bool {
    let wanted = ["WORKBOOK_REQUIRE_INTERACTIVE", "WORKBOOK_JOURNEY"]
        .iter()
        .any(|name| std::env::var_os(name).is_some());
    if !wanted {
        eprintln!("skipped: the learner's journey (set WORKBOOK_JOURNEY=1 to run it; CI does)");
    }
    wanted
}

/// Runs the workbook in the copy.
fn workbook(copy: &CourseCopy, args: &[&str]) -> Output {
    copy.workbook(args).output().expect("the workbook runs")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The solution's files of an exercise that the learner writes: a step's
/// own files, or the crate's work folders.
fn solution_files(exercise: &Exercise) -> Vec<PathBuf> {
    let solution = root().join(exercise.solution_dir());
    if exercise.files.is_empty() {
        WORK_DIRS
            .iter()
            .flat_map(|work| workbook::files::files_under(&solution.join(work)))
            .filter_map(|file| file.strip_prefix(&solution).ok().map(Path::to_path_buf))
            .collect()
    } else {
        exercise.files.iter().map(PathBuf::from).collect()
    }
}

/// Writes the solution of `exercise` into the copy's starter.
fn solve(copy: &CourseCopy, exercise: &Exercise) {
    for file in solution_files(exercise) {
        let from = root().join(exercise.solution_dir()).join(&file);
        let to = copy.root.join(exercise.exercise_dir()).join(&file);
        std::fs::create_dir_all(to.parent().expect("a parent")).expect("folders");
        std::fs::copy(&from, &to).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    }
}

/// The course proof, run in the copy as a learner would run it.
fn course_proof(copy: &CourseCopy, when: &str) {
    let output = Command::new(workbook::check::cargo())
        .current_dir(&copy.root)
        .env("CARGO_TARGET_DIR", &copy.target)
        .env_remove("WORKBOOK_REQUIRE_INTERACTIVE")
        .args(["test", "-q", "-p", "workbook", "--test", "course"])
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "the course proof is red {when}:\n{}",
        text(&output)
    );
}

#[test]
fn a_learner_walks_the_whole_course() {
    if !wanted() {
        return;
    }
    let copy = CourseCopy::new();
    let course = Course::load(&copy.root).expect("the copy's course");
    let exercises: Vec<&Exercise> = course.exercises().collect();
    course_proof(&copy, "at 0 %");

    for (at, exercise) in exercises.iter().enumerate() {
        let slug = exercise.slug.as_str();
        let next = text(&workbook(&copy, &["next"]));
        assert!(next.contains(&format!("({slug})")), "next names {slug}:\n{next}");
        let failing = workbook(&copy, &["check", slug]);
        assert!(
            !failing.status.success(),
            "{slug} passes as shipped:\n{}",
            text(&failing)
        );
        assert!(
            text(&failing).contains(&format!("✗ {slug}")),
            "{slug}: {}",
            text(&failing)
        );
        solve(&copy, exercise);
        let passing = workbook(&copy, &["check", slug]);
        assert!(
            passing.status.success(),
            "{slug} fails when solved:\n{}",
            text(&passing)
        );
        let list = text(&workbook(&copy, &["list"]));
        assert!(
            list.contains(&format!("✓ {slug} ")),
            "list shows {slug} passed:\n{list}"
        );
        if at == exercises.len() / 2 {
            course_proof(&copy, "half way");
        }
    }
    course_proof(&copy, "at 100 %");

    // Reset and restore round-trip, and nothing is lost on the way.
    let first = exercises[0];
    let lib = copy.root.join(first.exercise_dir()).join("src/lib.rs");
    let solved = std::fs::read_to_string(&lib).expect("the solved file");
    let reset = workbook(&copy, &["reset", &first.slug, "--yes"]);
    let said = text(&reset);
    assert!(reset.status.success(), "{said}");
    assert!(said.contains("Your files are saved in"), "{said}");
    let backup = said
        .lines()
        .find_map(|line| line.strip_prefix("To undo: cargo workbook restore "))
        .expect("the way back is named")
        .trim()
        .to_string();
    assert_ne!(std::fs::read_to_string(&lib).expect("the starter"), solved);
    let restored = workbook(&copy, &["restore", &backup, "--yes"]);
    assert!(restored.status.success(), "{}", text(&restored));
    assert_eq!(std::fs::read_to_string(&lib).expect("restored"), solved);
    let asked = workbook(&copy, &["reset", &first.slug]);
    assert!(
        text(&asked).contains("add --yes"),
        "without a terminal, reset asks for --yes: {}",
        text(&asked)
    );
    assert_eq!(std::fs::read_to_string(&lib).expect("untouched"), solved);

    // A deleted lib.rs locks nobody out: hint and list still work, and reset
    // brings it back.
    std::fs::remove_file(&lib).expect("deleted");
    let hint = workbook(&copy, &["hint", &first.slug]);
    assert!(hint.status.success(), "{}", text(&hint));
    let list = workbook(&copy, &["list"]);
    assert!(list.status.success(), "{}", text(&list));
    let reset = workbook(&copy, &["reset", &first.slug, "--yes"]);
    assert!(reset.status.success(), "{}", text(&reset));
    assert!(lib.is_file(), "reset brings a deleted file back");
    std::fs::write(&lib, &solved).expect("solved again");

    // Without git (a downloaded archive), commands still work or say why not.
    std::fs::rename(copy.root.join(".git"), copy.root.join(".git-away")).expect("git hidden");
    let list = workbook(&copy, &["list"]);
    assert!(list.status.success(), "{}", text(&list));
    let reset = text(&workbook(&copy, &["reset", &first.slug, "--yes"]));
    assert!(reset.contains("not a git checkout"), "{reset}");
    assert_eq!(std::fs::read_to_string(&lib).expect("untouched"), solved);
    std::fs::rename(copy.root.join(".git-away"), copy.root.join(".git")).expect("git back");

    every_mistake_fails_its_check(&copy, &course);
}

/// With every exercise solved, each mistake in turn is written into its
/// file: the exercise's check must fail on it, and not for want of
/// compiling. The mistakes are tried in rounds, the n-th of every exercise
/// at once, with one `check` of all their slugs: one cargo call builds them
/// side by side, and each check still gets its own verdict.
fn every_mistake_fails_its_check(copy: &CourseCopy, course: &Course) {
    let lists: Vec<(&Exercise, Vec<mistakes::Mistake>)> = course
        .exercises()
        .map(|exercise| (exercise, mistakes::load(&root(), exercise).expect("the mistakes read")))
        .collect();
    let rounds = lists.iter().map(|(_, list)| list.len()).max().unwrap_or(0);
    let mut caught_not = Vec::new();
    let mut count = 0;
    for round in 0..rounds {
        // Each exercise's mistake, written in, with the solution's text to
        // put back.
        let tried: Vec<(&Exercise, &mistakes::Mistake, PathBuf, String)> = lists
            .iter()
            .filter_map(|(exercise, list)| {
                let mistake = list.get(round)?;
                let relative = exercise.exercise_dir().join(&mistake.file);
                let solution = std::fs::read_to_string(root().join(exercise.solution_dir()).join(&mistake.file))
                    .expect("the solution's file");
                let wrong = mistake.apply(&solution).expect("the mistake applies");
                std::fs::write(copy.root.join(&relative), wrong).expect("the mistake written");
                Some((*exercise, mistake, relative, solution))
            })
            .collect();
        count += tried.len();
        let mut args = vec!["check"];
        args.extend(tried.iter().map(|(exercise, ..)| exercise.slug.as_str()));
        let said = text(&workbook(copy, &args));
        for (exercise, mistake, relative, solution) in &tried {
            match verdict_line(&said, &exercise.slug) {
                Some(line) if line.starts_with('✓') => {
                    caught_not.push(format!("{}: {} (it passes)", exercise.slug, mistake.what));
                }
                Some(line) if line.contains("does not compile") => caught_not.push(format!(
                    "{}: {} (it does not compile, so it proves nothing)",
                    exercise.slug, mistake.what
                )),
                Some(_) => {}
                None => panic!("no verdict for {} in:\n{said}", exercise.slug),
            }
            std::fs::write(copy.root.join(relative), solution).expect("the solution back");
        }
    }
    eprintln!("{count} mistakes tried in {rounds} rounds");
    assert!(
        caught_not.is_empty(),
        "mistakes the checks do not catch:\n- {}",
        caught_not.join("\n- ")
    );
}

/// The line of `check`'s output that gives `slug`'s verdict.
fn verdict_line<'a>(said: &'a str, slug: &str) -> Option<&'a str> {
    said.lines().find(|line| {
        [format!("✓ {slug} "), format!("✗ {slug} "), format!("✗ {slug}:")]
            .iter()
            .any(|start| line.starts_with(start.as_str()))
    })
}
