//! `cargo workbook dev sync`: the write side of the rule that given files
//! are the same in a starter and its solution. The solution is the source:
//! its manifest (with the starter's package name), every file outside the
//! work folders, and every work file that the starter gives (no `TODO` in
//! it) are copied to the starter.

use std::path::{Path, PathBuf};

use crate::course::{Course, WORK_DIRS};
use crate::files::files_under;

/// One starter file that sync wrote, or that needs the author's decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Written from the solution.
    Written(PathBuf),
    /// A work file the solution has and the starter lacks: given code, or
    /// the learner's to write? Sync does not guess.
    Undecided(PathBuf),
}

/// Brings every starter's given files in line with its solution; returns
/// what it changed, relative to the root.
pub fn sync(course: &Course) -> std::io::Result<Vec<Change>> {
    let root = &course.root;
    let mut changes = Vec::new();
    let mut crates: Vec<(PathBuf, PathBuf, String)> = course
        .exercises()
        .map(|e| (e.exercise_dir(), e.solution_dir(), e.package().to_string()))
        .collect();
    crates.dedup();
    for (starter, solution, package) in crates {
        let (starter_abs, solution_abs) = (root.join(&starter), root.join(&solution));
        for file in files_under(&solution_abs) {
            let relative = file.strip_prefix(&solution_abs).unwrap_or(&file);
            let target = starter_abs.join(relative);
            let wanted = if relative == Path::new("Cargo.toml") {
                starter_manifest(&std::fs::read_to_string(&file)?, &package)
            } else {
                let in_work_dir = WORK_DIRS.iter().any(|work| relative.starts_with(work));
                if in_work_dir {
                    match std::fs::read_to_string(&target) {
                        Err(_) => {
                            changes.push(Change::Undecided(starter.join(relative)));
                            continue;
                        }
                        // The learner's work: not given code.
                        Ok(text) if text.contains("TODO") => continue,
                        Ok(_) => {}
                    }
                }
                std::fs::read(&file)?
            };
            if std::fs::read(&target).ok().as_deref() != Some(wanted.as_slice()) {
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::write(&target, &wanted)?;
                changes.push(Change::Written(starter.join(relative)));
            }
        }
    }
    Ok(changes)
}

/// The solution's manifest with the starter's package name.
fn starter_manifest(solution: &str, package: &str) -> Vec<u8> {
    let mut done = false;
    solution
        .lines()
        .map(|line| {
            if !done && line.starts_with("name = ") {
                done = true;
                format!("name = \"{package}\"\n")
            } else {
                format!("{line}\n")
            }
        })
        .collect::<String>()
        .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_files_follow_the_solution_and_the_learners_work_is_left() {
        let root = tempfile::tempdir().expect("a folder");
        let root = root.path();
        let course = Course::parse(
            root,
            r#"
            [[chapters]]
            dir = "00-a"
            title = "A"
            [[chapters.exercises]]
            dir = "01-b"
            slug = "b"
            title = "B"
            hints = ["h", "i"]
            "#,
        )
        .expect("a course");
        let write = |path: &str, text: &str| {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
            std::fs::write(path, text).expect("written");
        };
        write("solutions/00-a/01-b/Cargo.toml", "[package]\nname = \"b-solution\"\n");
        write("solutions/00-a/01-b/src/lib.rs", "pub fn f() {}\n");
        write("solutions/00-a/01-b/src/given.rs", "// new given text\n");
        write("solutions/00-a/01-b/src/extra.rs", "// only in the solution\n");
        write("solutions/00-a/01-b/migrations/0001_a.sql", "CREATE TABLE a (x);\n");
        write("solutions/00-a/01-b/build.rs", "fn main() {}\n");
        write("exercises/00-a/01-b/Cargo.toml", "[package]\nname = \"b\"\n");
        write("exercises/00-a/01-b/src/lib.rs", "pub fn f() { todo!() } // TODO\n");
        write("exercises/00-a/01-b/src/given.rs", "// old given text\n");
        write("exercises/00-a/01-b/migrations/0001_a.sql", "CREATE TABLE a (x);\n");

        let changes = sync(&course).expect("synced");
        let read = |path: &str| std::fs::read_to_string(root.join(path)).expect("read");
        assert_eq!(read("exercises/00-a/01-b/src/given.rs"), "// new given text\n");
        assert_eq!(
            read("exercises/00-a/01-b/src/lib.rs"),
            "pub fn f() { todo!() } // TODO\n"
        );
        assert_eq!(read("exercises/00-a/01-b/build.rs"), "fn main() {}\n");
        assert_eq!(read("exercises/00-a/01-b/Cargo.toml"), "[package]\nname = \"b\"\n");
        assert_eq!(
            changes,
            [
                Change::Written("exercises/00-a/01-b/build.rs".into()),
                Change::Undecided("exercises/00-a/01-b/src/extra.rs".into()),
                Change::Written("exercises/00-a/01-b/src/given.rs".into()),
            ]
        );
        assert!(
            sync(&course)
                .expect("synced")
                .iter()
                .all(|c| matches!(c, Change::Undecided(_)))
        );
    }
}
