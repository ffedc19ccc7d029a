//! `cargo workbook dev mutants`: how strong the checks are, measured.
//! cargo-mutants changes each reference solution in small ways (a `>` for a
//! `>=`, a body replaced by a default, a match guard by `true`) and runs the
//! exercise's own check on each change: a check that still passes has missed
//! a wrong answer. A missed mutant is killed by a stronger check, or listed
//! in `tests/<chapter>/equivalent-mutants.toml` with the reason no
//! behaviour changes.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Context;
use serde::Deserialize;

use crate::course::Course;

/// One package's figures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Score {
    pub package: String,
    pub caught: usize,
    pub missed: Vec<String>,
    /// Missed, but listed as equivalent with a reason.
    pub equivalent: usize,
    pub unviable: usize,
    pub timeouts: usize,
}

/// A mutant listed as changing no behaviour.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Equivalent {
    pub package: String,
    /// The file, relative to the crate.
    pub file: String,
    /// cargo-mutants' words after `file:line:col: `.
    pub mutant: String,
    pub why: String,
}

#[derive(Deserialize)]
struct EquivalentFile {
    #[serde(default)]
    mutant: Vec<Equivalent>,
}

/// Every equivalent mutant the course lists, from each chapter's file.
pub fn equivalents(course: &Course) -> anyhow::Result<Vec<Equivalent>> {
    let mut all = Vec::new();
    for chapter in &course.chapters {
        let path = course
            .root
            .join("tests")
            .join(&chapter.dir)
            .join("equivalent-mutants.toml");
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let file: EquivalentFile = toml::from_str(&text).with_context(|| format!("{} is not valid", path.display()))?;
        all.extend(file.mutant);
    }
    Ok(all)
}

#[derive(Deserialize)]
struct Outcomes {
    outcomes: Vec<Outcome>,
}

#[derive(Deserialize)]
struct Outcome {
    scenario: serde_json::Value,
    summary: String,
}

/// Reads cargo-mutants' `outcomes.json` for `package` whose crate is in
/// `crate_dir` (relative to the root).
pub fn score(outcomes: &str, package: &str, crate_dir: &Path, equivalents: &[Equivalent]) -> anyhow::Result<Score> {
    let outcomes: Outcomes = serde_json::from_str(outcomes).context("cargo-mutants' outcomes.json")?;
    let mut score = Score {
        package: package.to_string(),
        ..Score::default()
    };
    for outcome in outcomes.outcomes {
        let Some(name) = outcome.scenario["Mutant"]["name"].as_str() else {
            continue; // the baseline
        };
        match outcome.summary.as_str() {
            "CaughtMutant" => score.caught += 1,
            "Unviable" => score.unviable += 1,
            "Timeout" => score.timeouts += 1,
            "MissedMutant" => {
                let (file, mutant) = split_name(name);
                let file = Path::new(file).strip_prefix(crate_dir).unwrap_or(Path::new(file));
                let listed = equivalents
                    .iter()
                    .any(|e| e.package == package && Path::new(&e.file) == file && e.mutant == mutant);
                if listed {
                    score.equivalent += 1;
                } else {
                    score.missed.push(name.to_string());
                }
            }
            _ => {}
        }
    }
    Ok(score)
}

/// `path:line:col: words` as the path and the words.
fn split_name(name: &str) -> (&str, &str) {
    let mut parts = name.splitn(4, ':');
    let file = parts.next().unwrap_or_default();
    let _line = parts.next();
    let _column = parts.next();
    (file, parts.next().unwrap_or_default().trim())
}

/// Runs cargo-mutants on each solution package (or the ones named), in
/// place so the workspace's build is reused, and scores each.
pub fn run(course: &Course, only: &[String]) -> anyhow::Result<Vec<Score>> {
    let installed = Command::new(crate::check::cargo())
        .args(["mutants", "--version"])
        .output()
        .is_ok_and(|out| out.status.success());
    anyhow::ensure!(installed, "cargo-mutants is not installed: cargo install cargo-mutants");
    let equivalents = equivalents(course)?;
    let mut packages: Vec<(String, PathBuf)> = course
        .exercises()
        .map(|e| (e.solution_package(), e.solution_dir()))
        .filter(|(package, _)| only.is_empty() || only.contains(package))
        .collect();
    packages.dedup();
    let mut scores = Vec::new();
    for (package, dir) in packages {
        let output = course.root.join("target").join("mutants").join(&package);
        let status = Command::new(crate::check::cargo())
            .current_dir(&course.root)
            .args(["mutants", "--in-place", "--test-workspace=false", "--timeout", "300"])
            .args(["--package", &package, "--output"])
            .arg(&output)
            .status()
            .context("cannot run cargo-mutants")?;
        // cargo-mutants exits non-zero when a mutant is missed: the score says more.
        let _ = status;
        let outcomes = std::fs::read_to_string(output.join("mutants.out").join("outcomes.json"))
            .with_context(|| format!("cargo-mutants left no outcomes for {package}"))?;
        scores.push(score(&outcomes, &package, &dir, &equivalents)?);
    }
    Ok(scores)
}

/// The scores as a table, with the total.
pub fn table(scores: &[Score]) -> String {
    let mut out =
        String::from("| package | caught | missed | equivalent | unviable | timeouts |\n|---|---|---|---|---|---|\n");
    let mut total = Score::default();
    for score in scores {
        out += &format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            score.package,
            score.caught,
            score.missed.len(),
            score.equivalent,
            score.unviable,
            score.timeouts
        );
        total.caught += score.caught;
        total.missed.extend(score.missed.iter().cloned());
        total.equivalent += score.equivalent;
        total.unviable += score.unviable;
        total.timeouts += score.timeouts;
    }
    let judged = total.caught + total.missed.len();
    let percent = if judged == 0 {
        100.0
    } else {
        total.caught as f64 * 100.0 / judged as f64
    };
    out += &format!(
        "\n{} caught of {judged} non-equivalent mutants: {percent:.1} %.\n",
        total.caught
    );
    for missed in &total.missed {
        out += &format!("missed: {missed}\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_are_scored_and_equivalents_set_apart() {
        let outcomes = r#"{"outcomes": [
            {"scenario": "Baseline", "summary": "Success"},
            {"scenario": {"Mutant": {"name": "solutions/03-crud/01-create/src/lib.rs:40:20: replace > with >= in create"}}, "summary": "MissedMutant"},
            {"scenario": {"Mutant": {"name": "solutions/03-crud/01-create/src/lib.rs:50:9: replace create -> Result<User> with Ok(Default::default())"}}, "summary": "CaughtMutant"},
            {"scenario": {"Mutant": {"name": "solutions/03-crud/01-create/src/lib.rs:60:9: delete ! in check"}}, "summary": "MissedMutant"},
            {"scenario": {"Mutant": {"name": "solutions/03-crud/01-create/src/lib.rs:70:9: replace f -> u8 with 0"}}, "summary": "Unviable"}
        ]}"#;
        let equivalents = [Equivalent {
            package: "create-solution".into(),
            file: "src/lib.rs".into(),
            mutant: "delete ! in check".into(),
            why: "w".into(),
        }];
        let score = score(
            outcomes,
            "create-solution",
            Path::new("solutions/03-crud/01-create"),
            &equivalents,
        )
        .expect("scored");
        assert_eq!((score.caught, score.equivalent, score.unviable), (1, 1, 1));
        assert_eq!(
            score.missed,
            ["solutions/03-crud/01-create/src/lib.rs:40:20: replace > with >= in create"]
        );
        assert!(table(&[score]).contains("1 caught of 2 non-equivalent mutants: 50.0 %"));
    }
}
