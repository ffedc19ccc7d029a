//! What the runner does for a learner, as text: the list, the next step,
//! checks and their verdicts, hints, solutions and resets. The command line,
//! watch mode and the live book all go through here.

use std::path::PathBuf;

use crate::check::{self, CheckTarget, Options, Outcome, Verdict};
use crate::course::{Course, Exercise};
use crate::files::files_under;
use crate::pristine;
use crate::progress::{self, Progress, Status, WORK_DIRS};

/// A course and the learner's progress in it.
pub struct Session {
    pub course: Course,
    pub progress: Progress,
}

impl Session {
    /// Opens the progress database of `course`.
    pub fn open(course: Course) -> anyhow::Result<Session> {
        let progress = Progress::open(&course.root)
            .map_err(|error| anyhow::anyhow!("cannot open {}: {error}", Progress::path(&course.root).display()))?;
        Ok(Session { course, progress })
    }

    /// The exercise with this slug, or an error that lists them all.
    pub fn find(&self, slug: &str) -> anyhow::Result<&Exercise> {
        self.course.exercise(slug).ok_or_else(|| {
            let slugs: Vec<&str> = self.course.exercises().map(|e| e.slug.as_str()).collect();
            anyhow::anyhow!("there is no exercise {slug:?}; the exercises are: {}", slugs.join(", "))
        })
    }

    /// Where an exercise stands now.
    pub fn status(&self, exercise: &Exercise) -> anyhow::Result<Status> {
        let record = self.progress.get(&exercise.slug)?;
        Ok(progress::status(
            record.as_ref(),
            &progress::fingerprint(&self.course.root, exercise),
        ))
    }

    /// The first exercise whose check has not passed on its current sources.
    pub fn current(&self) -> anyhow::Result<Option<&Exercise>> {
        for exercise in self.course.exercises() {
            if self.status(exercise)? != Status::Passed {
                return Ok(Some(exercise));
            }
        }
        Ok(None)
    }

    /// The named exercise, or the current one, or the last one when all pass.
    pub fn pick(&self, slug: Option<&str>) -> anyhow::Result<&Exercise> {
        match slug {
            Some(slug) => self.find(slug),
            None => match self.current()? {
                Some(exercise) => Ok(exercise),
                None => self
                    .course
                    .exercises()
                    .last()
                    .ok_or_else(|| anyhow::anyhow!("the course has no exercises")),
            },
        }
    }

    /// How many exercises pass, and how many there are.
    pub fn passed(&self) -> anyhow::Result<(usize, usize)> {
        let mut passed = 0;
        for exercise in self.course.exercises() {
            passed += usize::from(self.status(exercise)? == Status::Passed);
        }
        Ok((passed, self.course.exercises().count()))
    }

    /// Every exercise in order with its status, and a bar per chapter.
    pub fn list(&self) -> anyhow::Result<String> {
        let mut out = String::new();
        for chapter in &self.course.chapters {
            let statuses = chapter
                .exercises
                .iter()
                .map(|exercise| self.status(exercise))
                .collect::<anyhow::Result<Vec<_>>>()?;
            let passed = statuses.iter().filter(|s| **s == Status::Passed).count();
            out += &format!("{:<71} {}\n", chapter.title, bar(passed, statuses.len()));
            for (exercise, status) in chapter.exercises.iter().zip(&statuses) {
                let mark = match status {
                    Status::Passed => "✓",
                    Status::Failing => "✗",
                    Status::Changed => "~",
                    Status::NotStarted => "·",
                };
                out += &format!(
                    "  {mark} {:<18} {:<48} {}\n",
                    exercise.slug,
                    exercise.title,
                    status.label()
                );
            }
        }
        let (passed, total) = self.passed()?;
        out += &format!("\n{passed} of {total} exercises passed.\n");
        Ok(out)
    }

    /// What to read, edit and check next.
    pub fn next(&self) -> anyhow::Result<String> {
        Ok(match self.current()? {
            None => "Every exercise passes. Well done! The book is yours to reread: cargo workbook book\n".into(),
            Some(exercise) => format!(
                "Next: {} ({})\n  read   {} (in the served book: /{})\n  edit   {}\n  check  cargo workbook check {}\n",
                exercise.title,
                exercise.slug,
                exercise.book_page().display(),
                exercise.book_url(),
                exercise.exercise_dir().join("src").display(),
                exercise.slug,
            ),
        })
    }

    /// Builds the checks of `exercises` (in one cargo call when they all
    /// compile), runs each, and records every verdict. A check that cannot be
    /// built is a compile error.
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
        let build = check::build_checks(&self.course.root, &checks, options)?;
        let mut outcomes = Vec::new();
        for exercise in exercises {
            let dir = exercise.exercise_dir();
            let fingerprint = progress::fingerprint(&self.course.root, exercise);
            let outcome = match build.executables.get(&(dir.clone(), exercise.test_name().to_string())) {
                Some(executable) => check::run(executable, &self.course.root.join(&dir), options)?,
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
            self.progress
                .record(&exercise.slug, outcome.verdict, &outcome.output, &fingerprint)?;
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

    /// The verdict of a check as a learner reads it, with the next step.
    pub fn verdict(&self, exercise: &Exercise, outcome: &Outcome, options: &Options) -> String {
        let mut out = String::new();
        if !outcome.output.is_empty() && outcome.verdict != Verdict::Passed {
            out += &format!("{}\n\n", outcome.output);
        }
        let slug = &exercise.slug;
        match outcome.verdict {
            Verdict::Passed => {
                out += &format!("✓ {slug} passes its check.\n");
                return out;
            }
            Verdict::Failed => {
                out += &format!(
                    "✗ {slug} fails its check. A snapshot diff shows the expected lines (-) against yours (+).\n"
                )
            }
            Verdict::CompileError => out += &format!("✗ {slug} does not compile; the compiler's errors are above.\n"),
            Verdict::TimedOut => out += &format!("✗ {slug} took longer than {:?} and was stopped.\n", options.timeout),
        }
        out += &format!(
            "Edit {} and check again; stuck? cargo workbook hint {slug}\n",
            exercise.exercise_dir().join("src").display()
        );
        out
    }

    /// The exercise's hints so far, one step more each time it is asked:
    /// a nudge first, the exact API last.
    pub fn hint(&self, exercise: &Exercise) -> anyhow::Result<String> {
        let total = exercise.hints.len();
        let shown = (self.progress.hints_shown(&exercise.slug)? + 1).min(total);
        self.progress.set_hints_shown(&exercise.slug, shown)?;
        let mut out = format!("Hints for {} ({}):\n", exercise.slug, exercise.title);
        for (step, hint) in exercise.hints.iter().take(shown).enumerate() {
            out += &format!("\n{}/{total}. {}\n", step + 1, hint.trim());
        }
        if shown < total {
            out += &format!(
                "\nStill stuck? Ask again for step {} of {total}: cargo workbook hint {}\n",
                shown + 1,
                exercise.slug
            );
        }
        Ok(out)
    }

    /// The reference solution's files (its `src/` and `migrations/`), each
    /// with a diff from the learner's file to it.
    pub fn solution(&self, exercise: &Exercise) -> anyhow::Result<String> {
        let mut out = String::new();
        for (relative, solution, mine) in self.solution_files(exercise)? {
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

    /// Each solution file: its path in the crate, its text, and the learner's.
    pub fn solution_files(&self, exercise: &Exercise) -> anyhow::Result<Vec<(PathBuf, String, String)>> {
        let theirs = self.course.root.join(exercise.solution_dir());
        let yours = self.course.root.join(exercise.exercise_dir());
        let mut files = Vec::new();
        for file in WORK_DIRS.iter().flat_map(|work| files_under(&theirs.join(work))) {
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

    /// Puts the exercise back as shipped, after a backup; returns the backup
    /// folder, relative to the course's root.
    pub fn reset(&self, exercise: &Exercise) -> anyhow::Result<PathBuf> {
        let root = &self.course.root;
        let reference = pristine::reference(root)?;
        let backup = pristine::restore(root, &reference, &exercise.exercise_dir(), &exercise.slug)?;
        self.progress.forget(&exercise.slug)?;
        Ok(backup.strip_prefix(root).map(PathBuf::from).unwrap_or(backup))
    }
}

/// A progress bar: `[#####---------------] 1/4`.
pub fn bar(done: usize, total: usize) -> String {
    const WIDTH: usize = 20;
    let filled = (done * WIDTH).checked_div(total).unwrap_or(0).min(WIDTH);
    format!("[{}{}] {done}/{total}", "#".repeat(filled), "-".repeat(WIDTH - filled))
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
}
