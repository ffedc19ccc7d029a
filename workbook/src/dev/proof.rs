//! The proofs that the course is sound, run by the root `cargo test`: every
//! exercise is complete on disk, every shipped starter fails its check at run
//! time, and the book's includes resolve.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::check::{self, Options, Selection, Verdict};
use crate::course::WORK_DIRS;
use crate::course::{Course, Exercise};
use crate::files::files_under;
use crate::shipped::Shipped;

/// A crate's `package.name`, and its manifest with that name taken out.
fn manifest(path: &Path) -> Result<(String, toml::Table), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut table: toml::Table = text
        .parse()
        .map_err(|e| format!("{} is not valid TOML: {e}", path.display()))?;
    let name = table
        .get_mut("package")
        .and_then(|package| package.as_table_mut())
        .and_then(|package| package.remove("name"))
        .and_then(|name| name.as_str().map(str::to_string))
        .ok_or_else(|| format!("{} has no package.name", path.display()))?;
    Ok((name, table))
}

/// Every file of a crate but its manifest and the learner's work (`src/`
/// and `migrations/`), relative to `dir`: these must be the same in the
/// starter and the solution, so that both build the same way.
fn support_files(dir: &Path) -> BTreeSet<PathBuf> {
    files_under(dir)
        .into_iter()
        .filter_map(|path| path.strip_prefix(dir).ok().map(Path::to_path_buf))
        .filter(|relative| {
            !WORK_DIRS.iter().any(|work| relative.starts_with(work)) && relative != Path::new("Cargo.toml")
        })
        .collect()
}

/// Whether a crate's manifest declares the exercise's check as a test.
fn declares_check(manifest: &toml::Table, exercise: &Exercise) -> bool {
    let wanted = exercise.check_file();
    manifest
        .get("test")
        .and_then(toml::Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(toml::Value::as_table)
        .any(|test| {
            let name = test.get("name").and_then(toml::Value::as_str);
            let path = test.get("path").and_then(toml::Value::as_str).map(Path::new);
            name == Some(exercise.test_name()) && path.is_some_and(|path| path.ends_with(&wanted))
        })
}

/// What is missing or inconsistent in one exercise's files.
pub fn exercise_problems(root: &Path, exercise: &Exercise) -> Vec<String> {
    let slug = &exercise.slug;
    let mut problems = Vec::new();
    let starter = root.join(exercise.exercise_dir());
    let solution = root.join(exercise.solution_dir());

    match (
        manifest(&starter.join("Cargo.toml")),
        manifest(&solution.join("Cargo.toml")),
    ) {
        (Ok((starter_name, starter_rest)), Ok((solution_name, solution_rest))) => {
            if starter_name != exercise.package() {
                problems.push(format!(
                    "{slug}: the starter's package is {starter_name:?}, not {slug:?}"
                ));
            }
            if solution_name != exercise.solution_package() {
                problems.push(format!(
                    "{slug}: the solution's package is {solution_name:?}, not {:?}",
                    exercise.solution_package()
                ));
            }
            // Same manifest but the name: so the solution's code, put in the
            // starter crate, builds and runs the very same check.
            if starter_rest != solution_rest {
                problems.push(format!(
                    "{slug}: the starter's and the solution's Cargo.toml differ in more than the package name"
                ));
            }
            if !declares_check(&starter_rest, exercise) {
                problems.push(format!(
                    "{slug}: Cargo.toml has no [[test]] named {:?} with the path of {}",
                    exercise.test_name(),
                    exercise.check_file().display()
                ));
            }
        }
        (starter, solution) => {
            problems.extend(
                starter
                    .err()
                    .into_iter()
                    .chain(solution.err())
                    .map(|e| format!("{slug}: {e}")),
            );
        }
    }

    let (starter_files, solution_files) = (support_files(&starter), support_files(&solution));
    if starter_files != solution_files {
        problems.push(format!(
            "{slug}: the starter and the solution have different files outside src/ and migrations/"
        ));
    }
    for file in starter_files.intersection(&solution_files) {
        if std::fs::read(starter.join(file)).ok() != std::fs::read(solution.join(file)).ok() {
            problems.push(format!(
                "{slug}: {} differs between the starter and the solution",
                file.display()
            ));
        }
    }

    // Given code is the same in both crates: a starter file with no TODO
    // in it is the learner's to read, not to change.
    for work in WORK_DIRS {
        for file in files_under(&starter.join(work)) {
            let Ok(text) = std::fs::read_to_string(&file) else {
                continue;
            };
            let relative = file.strip_prefix(&starter).unwrap_or(&file);
            if !text.contains("TODO") && std::fs::read_to_string(solution.join(relative)).ok() != Some(text) {
                problems.push(format!(
                    "{slug}: {} has no TODO, so it is given code, but the solution's differs",
                    relative.display()
                ));
            }
        }
    }

    let has_todo = WORK_DIRS
        .iter()
        .flat_map(|work| files_under(&starter.join(work)))
        .any(|file| std::fs::read_to_string(file).is_ok_and(|text| text.contains("TODO")));
    if !has_todo {
        problems.push(format!("{slug}: the starter has no `// TODO` to show where to work"));
    }

    if !root.join(exercise.check_file()).is_file() {
        problems.push(format!("{slug}: no check at {}", exercise.check_file().display()));
    }
    let snapshots = root.join(exercise.tests_dir()).join("snapshots");
    let has_snapshot = std::fs::read_dir(&snapshots)
        .map(|entries| {
            entries
                .flatten()
                .any(|e| e.path().extension().is_some_and(|x| x == "snap"))
        })
        .unwrap_or(false);
    if !has_snapshot {
        problems.push(format!("{slug}: no snapshots in {}", snapshots.display()));
    }

    if exercise.hints.len() < 2 {
        problems.push(format!(
            "{slug}: its hints come in one step; give at least two (a nudge, then more)"
        ));
    }
    match crate::mistakes::load(root, exercise) {
        Err(error) => problems.push(format!("{slug}: {error}")),
        Ok(mistakes) => {
            for mistake in mistakes {
                let file = solution.join(&mistake.file);
                match std::fs::read_to_string(&file) {
                    Err(_) => problems.push(format!(
                        "{slug}: mistake {:?} names {}, which the solution lacks",
                        mistake.what, mistake.file
                    )),
                    Ok(text) => {
                        if let Err(error) = mistake.apply(&text) {
                            problems.push(format!("{slug}: mistake {error}"));
                        }
                    }
                }
            }
        }
    }

    match std::fs::read_to_string(root.join(exercise.book_page())) {
        Err(_) => problems.push(format!("{slug}: no book page at {}", exercise.book_page().display())),
        Ok(page) => {
            let starter_include = format!("{}/src/", exercise.exercise_dir().display());
            let solution_include = format!("{}/src/", exercise.solution_dir().display());
            if !page.contains(&starter_include) {
                problems.push(format!(
                    "{slug}: the book page does not include the starter from {starter_include}"
                ));
            }
            let folded = page
                .find("<details>")
                .is_some_and(|at| page[at..].contains(&solution_include));
            if !folded {
                problems.push(format!(
                    "{slug}: the book page does not fold away the solution from {solution_include} in <details>"
                ));
            }
            let command = exercise.check_command();
            if !page.contains(&command) {
                problems.push(format!(
                    "{slug}: the book page does not give the check command `{command}`"
                ));
            }
        }
    }
    problems
}

/// Folders on disk that the course does not list, and chapters without pages.
pub fn course_problems(course: &Course) -> Vec<String> {
    let root = &course.root;
    let mut problems = Vec::new();
    match crate::dev::mutants::equivalents(course) {
        Err(error) => problems.push(format!("{error:#}")),
        Ok(equivalents) => problems.extend(
            equivalents
                .iter()
                .filter(|e| e.why.trim().is_empty())
                .map(|e| format!("the equivalent mutant {:?} of {} gives no reason", e.mutant, e.package)),
        ),
    }
    for top in ["exercises", "solutions", "tests"] {
        // Crates are listed by their folder (shared by the steps of one crate),
        // checks by the exercise's own folder.
        let listed: BTreeSet<PathBuf> = course
            .exercises()
            .map(|exercise| match top {
                "tests" => exercise.rel(),
                _ => exercise
                    .exercise_dir()
                    .strip_prefix("exercises")
                    .map(Path::to_path_buf)
                    .unwrap_or_default(),
            })
            .collect();
        let Ok(chapters) = std::fs::read_dir(root.join(top)) else {
            continue;
        };
        for chapter in chapters.flatten().filter(|c| c.path().is_dir()) {
            let name = chapter.file_name().to_string_lossy().into_owned();
            if !name.starts_with(|c: char| c.is_ascii_digit()) {
                continue; // tests/compile-fail and the like
            }
            for exercise in std::fs::read_dir(chapter.path()).into_iter().flatten().flatten() {
                if top == "tests" && exercise.file_name() == "support" {
                    continue; // helpers shared by a chapter's checks
                }
                let rel = Path::new(&name).join(exercise.file_name());
                if exercise.path().is_dir() && !listed.contains(&rel) {
                    problems.push(format!("{top}/{} is not in course.toml", rel.display()));
                }
            }
        }
    }
    if let Some(package) = &course.shared_dependencies {
        problems.extend(shared_dependency_problems(course, package));
    }
    for chapter in &course.chapters {
        if !root.join(chapter.book_page()).is_file() {
            problems.push(format!(
                "chapter {}: no opening page at {}",
                chapter.dir,
                chapter.book_page().display()
            ));
        }
        for page in chapter.extra_pages() {
            if !root.join(&page).is_file() {
                problems.push(format!("chapter {}: no page at {}", chapter.dir, page.display()));
            }
        }
    }
    problems
}

/// The names of the crates a manifest depends on, of every kind.
fn dependency_names(manifest: &toml::Table) -> BTreeSet<String> {
    ["dependencies", "dev-dependencies", "build-dependencies"]
        .into_iter()
        .filter_map(|kind| manifest.get(kind).and_then(toml::Value::as_table))
        .flat_map(|table| table.keys().cloned())
        .collect()
}

/// What the package named by course.toml's `shared-dependencies` (a crate
/// in a folder of `tests/`) lacks: it must depend on every crate an
/// exercise depends on, or the exercise's build picks other features and
/// builds the shared dependencies again.
fn shared_dependency_problems(course: &Course, package: &str) -> Vec<String> {
    let manifests = std::fs::read_dir(course.root.join("tests"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path().join("Cargo.toml"))
        .filter(|path| path.is_file());
    let mut shared = None;
    for path in manifests {
        match manifest(&path) {
            Ok((name, table)) if name == package => shared = Some(dependency_names(&table)),
            Ok(_) => {}
            Err(problem) => return vec![problem],
        }
    }
    let Some(shared) = shared else {
        return vec![format!(
            "course.toml's shared-dependencies names {package}, but no tests/*/Cargo.toml declares that package"
        )];
    };
    let mut crates: Vec<PathBuf> = course.exercises().map(Exercise::exercise_dir).collect();
    crates.dedup();
    let mut problems = Vec::new();
    for dir in crates {
        let table = match manifest(&course.root.join(&dir).join("Cargo.toml")) {
            Ok((_, table)) => table,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        for dependency in dependency_names(&table).difference(&shared) {
            problems.push(format!(
                "{} depends on {dependency}, which {package} (course.toml's shared-dependencies) lacks: \
                 add it there, or the first check there builds the shared dependencies again",
                dir.display()
            ));
        }
    }
    problems
}

/// What proving the starters found.
#[derive(Debug, Default)]
pub struct StarterReport {
    /// Starters that were built and failed their check, as they should.
    pub verified: Vec<String>,
    /// Starters left alone because the learner changed them.
    pub skipped: Vec<String>,
    /// What is wrong.
    pub problems: Vec<String>,
    /// A remark on how the starters were chosen.
    pub note: Option<String>,
}

/// Builds every starter the learner has not changed, in one cargo call, and
/// runs its check: each must compile, and then fail.
pub fn prove_starters(course: &Course, options: &Options) -> StarterReport {
    let root = &course.root;
    let mut report = StarterReport::default();
    let course_as_shipped = Shipped::open(root);
    if course_as_shipped.commit().is_none() {
        report.note =
            Some("this copy of the course has no git history, so every starter on disk is taken as shipped".into());
    }
    let mut shipped = Vec::new();
    for exercise in course.exercises() {
        if !course_as_shipped.is_changed(&exercise.exercise_dir()) {
            shipped.push(exercise);
        } else {
            report.skipped.push(exercise.slug.clone());
        }
    }
    if shipped.is_empty() {
        return report;
    }

    let changed: Vec<&str> = course
        .exercises()
        .filter(|exercise| report.skipped.contains(&exercise.slug))
        .map(Exercise::package)
        .collect();
    let build = match check::cargo_build(root, Selection::WorkspaceExcept(&changed), options) {
        Ok(build) => build,
        Err(error) => {
            report.problems.push(error.to_string());
            return report;
        }
    };
    for exercise in course.exercises() {
        if let Some(warnings) = build.warnings.get(&exercise.solution_dir()) {
            report.problems.push(format!(
                "solution {}: it compiles with warnings:\n{warnings}",
                exercise.slug
            ));
        }
    }
    for exercise in shipped {
        let slug = &exercise.slug;
        let dir = exercise.exercise_dir();
        if let Some(warnings) = build.warnings.get(&dir) {
            report
                .problems
                .push(format!("starter {slug}: it compiles with warnings:\n{warnings}"));
        }
        let Some(executable) = build.executables.get(&(dir.clone(), exercise.test_name().to_string())) else {
            let errors = build.errors.get(&dir).cloned().unwrap_or_else(|| build.stderr.clone());
            report.problems.push(format!(
                "starter {slug}: its check does not compile, so it has drifted from the solution's API:\n{errors}"
            ));
            continue;
        };
        match check::run_binary(executable, &root.join(&dir), options) {
            Err(error) => report.problems.push(format!("starter {slug}: {error}")),
            Ok(outcome) => match outcome.verdict {
                Verdict::Failed => report.verified.push(slug.clone()),
                Verdict::Passed => report.problems.push(format!(
                    "starter {slug} passes its check as shipped: the exercise leaves nothing to do"
                )),
                Verdict::TimedOut => report.problems.push(format!(
                    "starter {slug}: its check did not finish within {:?}",
                    options.timeout
                )),
                Verdict::CompileError => report
                    .problems
                    .push(format!("starter {slug}: its check did not compile")),
            },
        }
    }
    report
}
