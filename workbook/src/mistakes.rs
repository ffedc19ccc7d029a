//! Wrong answers a learner could write, kept beside each check in
//! `mistakes.toml`: each is the reference solution with one change, and the
//! check must fail on every one. The course's journey test writes each into
//! a copy of the starter and runs the check.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::course::Exercise;

/// The file of an exercise's mistakes, beside its check.
pub fn file(exercise: &Exercise) -> PathBuf {
    exercise.tests_dir().join("mistakes.toml")
}

/// One wrong answer: in `file` of the solution, `find` becomes `replace`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mistake {
    /// What the learner did, in their words.
    pub what: String,
    /// The file, relative to the crate.
    pub file: String,
    pub find: String,
    pub replace: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MistakesFile {
    #[serde(default)]
    mistake: Vec<Mistake>,
}

/// The mistakes of an exercise; none when it has no file.
pub fn load(root: &Path, exercise: &Exercise) -> Result<Vec<Mistake>, String> {
    let path = root.join(file(exercise));
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(Vec::new());
    };
    toml::from_str::<MistakesFile>(&text)
        .map(|file| file.mistake)
        .map_err(|error| format!("{} is not a valid list of mistakes: {error}", file(exercise).display()))
}

impl Mistake {
    /// The solution's text of the file with this mistake made in it; an
    /// error unless `find` occurs exactly once.
    pub fn apply(&self, solution: &str) -> Result<String, String> {
        match solution.matches(&self.find).count() {
            1 => Ok(solution.replacen(&self.find, &self.replace, 1)),
            0 => Err(format!(
                "{:?}: its `find` text is not in the solution's {}",
                self.what, self.file
            )),
            n => Err(format!(
                "{:?}: its `find` text is in the solution's {} {n} times, not once",
                self.what, self.file
            )),
        }
    }
}
