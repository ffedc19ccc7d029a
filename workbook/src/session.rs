//! What the runner does for a learner: where each exercise stands, checks
//! and their verdicts, hints, solutions, resets and restores. The command
//! line, watch mode and the live book all go through here; the words they
//! show are in [`crate::report`].

use std::path::{Path, PathBuf};

use crate::backup::{self, Backup};
use crate::check::{self, CheckTarget, Options, Outcome, Verdict};
use crate::course::WORK_DIRS;
use crate::course::{Course, Exercise};
use crate::files::files_under;
use crate::progress::{self, Progress, Status};
use crate::shipped::{Shipped, ShippedFile};
use crate::translation::{Language, Translation};

/// A course and the learner's progress in it.
pub struct Session {
    pub course: Course,
    pub progress: Progress,
    pub shipped: Shipped,
    /// The hints' language, when it is not English.
    pub translation: Option<Translation>,
}

/// The first `shown` steps of an exercise's hints, translated when there is
/// a translation.
pub fn hint_steps(exercise: &Exercise, shown: usize, translation: Option<&Translation>) -> Vec<String> {
    exercise
        .hints
        .iter()
        .take(shown)
        .enumerate()
        .map(|(at, hint)| match translation {
            Some(translation) => translation.hint(&exercise.slug, at + 1, hint).to_string(),
            None => hint.trim().to_string(),
        })
        .collect()
}

/// What a reset will do, worked out before anything is touched.
#[derive(Debug)]
pub struct ResetPlan {
    /// The crate folder, relative to the root.
    pub crate_dir: PathBuf,
    /// The files put back as shipped, relative to the root.
    pub files: Vec<ShippedFile>,
    /// Whether files of the crate that the course does not ship are removed
    /// (a whole crate); a step of a shared crate leaves them.
    pub whole_crate: bool,
    /// The exercises whose verdicts the reset forgets.
    pub slugs: Vec<String>,
    /// The other steps that share the crate, when there are any.
    pub sharing: Vec<String>,
}

impl Session {
    /// Opens the learner's progress in `course`. A damaged or read-only
    /// progress store leaves a notice instead of an error.
    pub fn open(course: Course) -> Session {
        let progress = Progress::open(&course.root);
        let shipped = Shipped::open(&course.root);
        Session {
            course,
            progress,
            shipped,
            translation: None,
        }
    }

    /// The same session, its hints in `language`. A catalog that cannot be
    /// read leaves them in English, with a notice that says why.
    pub fn in_language(mut self, language: Language) -> (Session, Option<String>) {
        match Translation::load(&self.course.root, language) {
            Ok(translation) => {
                self.translation = translation;
                (self, None)
            }
            Err(error) => {
                let notice = format!(
                    "the hints stay in English: {error:#} (`git checkout {}` puts the catalog back)",
                    language.catalog(Path::new("")).display()
                );
                (self, Some(notice))
            }
        }
    }

    /// The exercise with this slug, or an error that lists them all.
    pub fn find(&self, slug: &str) -> anyhow::Result<&Exercise> {
        self.course.exercise(slug).ok_or_else(|| {
            let slugs: Vec<&str> = self.course.exercises().map(|e| e.slug.as_str()).collect();
            anyhow::anyhow!("there is no exercise {slug:?}; the exercises are: {}", slugs.join(", "))
        })
    }

    /// The exercises with these slugs, each once, in the order first named;
    /// an unknown slug is [`Session::find`]'s error.
    pub fn find_each(&self, slugs: &[String]) -> anyhow::Result<Vec<&Exercise>> {
        let mut named: Vec<&Exercise> = Vec::new();
        for slug in slugs {
            let exercise = self.find(slug)?;
            if !named.iter().any(|seen| seen.slug == exercise.slug) {
                named.push(exercise);
            }
        }
        Ok(named)
    }

    /// Where an exercise stands now. A progress store that cannot be read
    /// counts as no record.
    pub fn status(&self, exercise: &Exercise) -> Status {
        let record = self.progress.get(&exercise.slug).ok().flatten();
        progress::status(record.as_ref(), &progress::fingerprint(&self.course, exercise))
    }

    /// The first exercise whose check has not passed on its current sources.
    pub fn first_unpassed(&self) -> Option<&Exercise> {
        self.course
            .exercises()
            .find(|exercise| self.status(exercise) != Status::Passed)
    }

    /// The named exercise, or else the first not passed, or the last one
    /// when all pass.
    pub fn named_or_current(&self, slug: Option<&str>) -> anyhow::Result<&Exercise> {
        match slug {
            Some(slug) => self.find(slug),
            None => self
                .first_unpassed()
                .or_else(|| self.course.exercises().last())
                .ok_or_else(|| anyhow::anyhow!("the course has no exercises")),
        }
    }

    /// How many exercises pass, and how many there are.
    pub fn passed(&self) -> (usize, usize) {
        let passed = self
            .course
            .exercises()
            .filter(|exercise| self.status(exercise) == Status::Passed)
            .count();
        (passed, self.course.exercises().count())
    }

    /// The files where the learner works on `exercise`, relative to the
    /// root: a step's own files, or else the starter's files that hold a
    /// `TODO` as shipped (so deleting the marker does not lose the place).
    pub fn work_files(&self, exercise: &Exercise) -> Vec<PathBuf> {
        let dir = exercise.exercise_dir();
        if !exercise.files.is_empty() {
            return exercise.files.iter().map(|file| dir.join(file)).collect();
        }
        let shipped: Vec<ShippedFile> = match self.shipped.files(&dir) {
            Ok(files) if !files.is_empty() => files,
            _ => files_under(&self.course.root.join(&dir))
                .into_iter()
                .filter_map(|file| {
                    let bytes = std::fs::read(&file).ok()?;
                    Some((file.strip_prefix(&self.course.root).ok()?.to_path_buf(), bytes))
                })
                .collect(),
        };
        let marked: Vec<PathBuf> = shipped
            .into_iter()
            .filter(|(path, bytes)| {
                let in_work_dir = WORK_DIRS.iter().any(|work| path.starts_with(dir.join(work)));
                in_work_dir && String::from_utf8_lossy(bytes).contains("TODO")
            })
            .map(|(path, _)| path)
            .collect();
        if marked.is_empty() {
            vec![dir.join("src")]
        } else {
            marked
        }
    }

    /// The check's own files (the check, its snapshots, its chapter's
    /// support files, the checks' support crate) that differ from the course
    /// as shipped.
    pub fn changed_check_files(&self, exercise: &Exercise) -> Vec<PathBuf> {
        let mut changed = self.shipped.changed_paths(&exercise.tests_dir());
        changed.extend(
            self.shipped
                .changed_paths(&Path::new("tests").join(&exercise.chapter_dir).join("support")),
        );
        changed.extend(self.shipped.changed_paths(Path::new(crate::course::SUPPORT_CRATE)));
        changed.into_iter().collect()
    }

    /// Builds the checks of `exercises` (in one cargo call when they all
    /// compile), runs each, and records every verdict. A check that cannot be
    /// built is a compile error; a pass against a changed check does not
    /// count.
    pub fn check(&self, exercises: &[&Exercise], options: &Options) -> anyhow::Result<Vec<Outcome>> {
        let dirs: Vec<PathBuf> = exercises.iter().map(|e| e.exercise_dir()).collect();
        let checks: Vec<CheckTarget<'_>> = exercises
            .iter()
            .zip(&dirs)
            .map(|(e, dir)| CheckTarget {
                package: e.package(),
                test: e.test_name(),
                dir,
            })
            .collect();
        let build = check::build(
            &self.course.root,
            &checks,
            self.course.shared_dependencies.as_deref(),
            options,
        )?;
        let mut outcomes = Vec::new();
        for exercise in exercises {
            let dir = exercise.exercise_dir();
            let fingerprint = progress::fingerprint(&self.course, exercise);
            let mut outcome = match build.executables.get(&(dir.clone(), exercise.test_name().to_string())) {
                Some(executable) => check::run_binary(executable, &self.course.root.join(&dir), options)?,
                None => {
                    let errors = build
                        .errors
                        .get(&dir)
                        .cloned()
                        .unwrap_or_else(|| format!("cargo could not build the check:\n{}", build.stderr.trim()));
                    Outcome {
                        verdict: Verdict::CompileError,
                        output: errors,
                    }
                }
            };
            let changed = self.changed_check_files(exercise);
            if outcome.verdict == Verdict::Passed && !changed.is_empty() {
                outcome.verdict = Verdict::Failed;
                outcome.output += &crate::report::changed_check(&changed, &self.shipped);
            }
            if let Err(error) = self
                .progress
                .record(&exercise.slug, outcome.verdict, &outcome.output, &fingerprint)
            {
                outcome.output += &format!("\n(This verdict could not be kept in your progress: {error}.)");
            }
            outcomes.push(outcome);
        }
        Ok(outcomes)
    }

    /// Times `runs` checks of `exercise`, each after marking its sources as
    /// just saved (a new modification time), as an edit would.
    pub fn time_checks(
        &self,
        exercise: &Exercise,
        runs: usize,
        options: &Options,
    ) -> anyhow::Result<Vec<std::time::Duration>> {
        let sources: Vec<PathBuf> = WORK_DIRS
            .iter()
            .flat_map(|work| files_under(&self.course.root.join(exercise.exercise_dir()).join(work)))
            .collect();
        let mut times = Vec::new();
        for _ in 0..runs {
            for source in &sources {
                std::fs::File::options()
                    .append(true)
                    .open(source)?
                    .set_modified(std::time::SystemTime::now())?;
            }
            let started = std::time::Instant::now();
            self.check(&[exercise], options)?;
            times.push(started.elapsed());
        }
        Ok(times)
    }

    /// Shows one more step of the exercise's hints each time it is asked
    /// (a nudge first, the exact API last); returns the steps shown so far.
    pub fn reveal_hint(&self, exercise: &Exercise) -> Vec<String> {
        let total = exercise.hints.len();
        let shown = (self.progress.hints_shown(&exercise.slug).unwrap_or(0) + 1).min(total);
        // A store that cannot be written shows the first step each time.
        let _ = self.progress.set_hints_shown(&exercise.slug, shown);
        hint_steps(exercise, shown, self.translation.as_ref())
    }

    /// The exercise's title, in the session's language (as the book's table
    /// of contents has it).
    pub fn title<'e>(&'e self, exercise: &'e Exercise) -> &'e str {
        match &self.translation {
            Some(translation) => translation.or_english(None, &exercise.title),
            None => &exercise.title,
        }
    }

    /// The steps of the hints shown so far, without showing more.
    pub fn hints_seen(&self, exercise: &Exercise) -> Vec<String> {
        let shown = self.progress.hints_shown(&exercise.slug).unwrap_or(0);
        hint_steps(exercise, shown, self.translation.as_ref())
    }

    /// Each solution file: its path in the crate, its text, and the learner's.
    pub fn solution_files(&self, exercise: &Exercise) -> anyhow::Result<Vec<(PathBuf, String, String)>> {
        let theirs = self.course.root.join(exercise.solution_dir());
        let yours = self.course.root.join(exercise.exercise_dir());
        let mut files = Vec::new();
        let wanted: Vec<PathBuf> = if exercise.files.is_empty() {
            WORK_DIRS
                .iter()
                .flat_map(|work| files_under(&theirs.join(work)))
                .collect()
        } else {
            exercise.files.iter().map(|file| theirs.join(file)).collect()
        };
        for file in wanted {
            let relative = file.strip_prefix(&theirs).unwrap_or(&file).to_path_buf();
            let solution = std::fs::read_to_string(&file)?;
            let mine = std::fs::read_to_string(yours.join(&relative)).unwrap_or_default();
            files.push((relative, solution, mine));
        }
        if files.is_empty() {
            anyhow::bail!("the solution of {} has no files", exercise.slug);
        }
        Ok(files)
    }

    /// Works out what resetting `exercise` does, reading the shipped files
    /// first; nothing is touched. The steps of a shared crate reset their own
    /// files and the crate's given files, never another step's work.
    pub fn plan_reset(&self, exercise: &Exercise) -> anyhow::Result<ResetPlan> {
        let crate_dir = exercise.exercise_dir();
        let shipped = self.shipped.files(&crate_dir)?;
        if shipped.is_empty() {
            anyhow::bail!(
                "the course's git history has no files in {}, so there is nothing to reset it to",
                crate_dir.display()
            );
        }
        let sharing: Vec<&Exercise> = self
            .course
            .exercises()
            .filter(|other| other.slug != exercise.slug && other.exercise_dir() == crate_dir)
            .collect();
        let others_files: Vec<PathBuf> = sharing
            .iter()
            .flat_map(|other| other.files.iter().map(|file| crate_dir.join(file)))
            .collect();
        let changed = self.shipped.changed_paths(&crate_dir);
        let files = shipped
            .into_iter()
            .filter(|(path, _)| !others_files.contains(path))
            .filter(|(path, _)| sharing.is_empty() || changed.contains(path))
            .collect();
        Ok(ResetPlan {
            crate_dir,
            files,
            whole_crate: sharing.is_empty(),
            slugs: vec![exercise.slug.clone()],
            sharing: sharing.iter().map(|other| other.slug.clone()).collect(),
        })
    }

    /// Saves every file of a crate folder in a new backup.
    pub fn back_up(&self, crate_dir: &Path, name: &str) -> anyhow::Result<Backup> {
        Ok(backup::save(&self.course.root, crate_dir, name)?)
    }

    /// Carries out a reset planned by [`Session::plan_reset`]; take the
    /// backup first. Returns a remark when the progress could not be updated.
    pub fn apply_reset(&self, plan: &ResetPlan) -> anyhow::Result<Option<String>> {
        let root = &self.course.root;
        if plan.whole_crate {
            backup::replace_folder(root, &plan.crate_dir, &plan.files)?;
        } else {
            for (path, bytes) in &plan.files {
                let target = root.join(path);
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::write(&target, bytes)?;
            }
        }
        let mut remark = None;
        for slug in &plan.slugs {
            if let Err(error) = self.progress.forget(slug) {
                remark = Some(format!("your progress could not be updated ({error})"));
            }
        }
        Ok(remark)
    }

    /// The crate folders a backup holds.
    pub fn backup_folders(&self, backup: &Path) -> Vec<PathBuf> {
        let mut crates: Vec<PathBuf> = self.course.exercises().map(|e| e.exercise_dir()).collect();
        crates.dedup();
        backup::folders_in(&self.course.root, backup, &crates)
    }

    /// Puts the files of a backup back in their crate folders; take a backup
    /// of the present files first.
    pub fn restore(&self, backup: &Path, crate_dirs: &[PathBuf]) -> anyhow::Result<()> {
        for dir in crate_dirs {
            let files = backup::files_of(&self.course.root, backup, dir)?;
            backup::replace_folder(&self.course.root, dir, &files)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exercises_named_are_found_each_once_in_order() {
        let root = tempfile::tempdir().expect("a folder");
        let manifest = r#"
            [[chapters]]
            dir = "00-start"
            title = "Start"
            [[chapters.exercises]]
            dir = "01-one"
            slug = "one"
            title = "One"
            hints = ["h"]
            [[chapters.exercises]]
            dir = "02-three"
            slug = "three"
            title = "Three"
            hints = ["h"]
        "#;
        let session = Session::open(Course::parse(root.path(), manifest).expect("a course"));
        let slugs = |names: &[&str]| names.iter().map(|name| name.to_string()).collect::<Vec<_>>();

        let found = session
            .find_each(&slugs(&["three", "one", "three", "one"]))
            .expect("found");
        let found: Vec<&str> = found.iter().map(|exercise| exercise.slug.as_str()).collect();
        assert_eq!(found, ["three", "one"]);

        let error = session
            .find_each(&slugs(&["one", "four"]))
            .expect_err("four is no exercise");
        assert!(error.to_string().contains("there is no exercise \"four\""), "{error}");
    }
}
