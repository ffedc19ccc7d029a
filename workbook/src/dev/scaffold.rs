//! `cargo workbook dev new <chapter> <name>`: a new exercise that passes the
//! course proof at once: its entry in `course.toml`, a starter with a
//! `todo!()` and a `// TODO`, a solution, a check with its snapshot, a
//! mistake the check catches, and a book page with the includes every page
//! needs. The author then replaces the placeholder task with the real one.

use std::path::{Path, PathBuf};

use crate::course::{Course, MANIFEST};

/// Why an exercise could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error("the course has no chapter {0:?}: give a chapter folder as in course.toml, e.g. 03-crud")]
    NoChapter(String),
    #[error("{0:?} is not a usable name: lowercase letters, digits and dashes, starting with a letter")]
    BadName(String),
    #[error("the slug {0:?} is taken")]
    Taken(String),
    #[error("{0} exists already")]
    Exists(PathBuf),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Makes the exercise `name` at the end of `chapter`; returns the files it
/// wrote, relative to the root.
pub fn new_exercise(course: &Course, chapter: &str, name: &str) -> Result<Vec<PathBuf>, ScaffoldError> {
    let Some(found) = course.chapters.iter().find(|c| c.dir == chapter) else {
        return Err(ScaffoldError::NoChapter(chapter.to_string()));
    };
    let good_name = name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !good_name {
        return Err(ScaffoldError::BadName(name.to_string()));
    }
    if course.exercise(name).is_some() {
        return Err(ScaffoldError::Taken(name.to_string()));
    }
    let number = found
        .exercises
        .iter()
        .filter_map(|e| e.dir.get(..2)?.parse::<u32>().ok())
        .max()
        .unwrap_or(0)
        + 1;
    let dir = format!("{number:02}-{name}");
    let rel = Path::new(chapter).join(&dir);
    let lib = name.replace('-', "_");
    let title = name.replace('-', " ");
    let title = title[..1].to_uppercase() + &title[1..];
    let check_path = format!("tests/{chapter}/{dir}/check.rs");

    let files: Vec<(PathBuf, String)> = vec![
        (
            Path::new("exercises").join(&rel).join("Cargo.toml"),
            manifest(name, &lib, &check_path),
        ),
        (
            Path::new("solutions").join(&rel).join("Cargo.toml"),
            manifest(&format!("{name}-solution"), &lib, &check_path),
        ),
        (Path::new("exercises").join(&rel).join("src/lib.rs"), starter_lib()),
        (Path::new("solutions").join(&rel).join("src/lib.rs"), solution_lib()),
        (PathBuf::from(&check_path), check(&lib)),
        (
            Path::new("tests").join(&rel).join("snapshots/check__answer.snap"),
            format!("---\nsource: {check_path}\ndescription: The answer.\n---\n42\n"),
        ),
        (Path::new("tests").join(&rel).join("mistakes.toml"), mistakes()),
        (
            Path::new("book/src").join(chapter).join(format!("{dir}.md")),
            page(chapter, &dir, name, &title),
        ),
    ];
    for (path, _) in &files {
        if course.root.join(path).exists() {
            return Err(ScaffoldError::Exists(path.clone()));
        }
    }
    for (path, text) in &files {
        let target = course.root.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(target, text)?;
    }
    let manifest_path = course.root.join(MANIFEST);
    let text = std::fs::read_to_string(&manifest_path)?;
    std::fs::write(&manifest_path, with_entry(&text, chapter, &dir, name, &title))?;
    let mut written: Vec<PathBuf> = files.into_iter().map(|(path, _)| path).collect();
    written.push(PathBuf::from(MANIFEST));
    Ok(written)
}

/// `course.toml` with the new exercise last in its chapter: before the next
/// chapter's header, or at the end.
fn with_entry(text: &str, chapter: &str, dir: &str, slug: &str, title: &str) -> String {
    let entry = format!(
        "[[chapters.exercises]]\ndir = \"{dir}\"\nslug = \"{slug}\"\ntitle = \"{title}\"\nhints = [\n\
         \"\"\"\nA nudge: which idea of the page this is about.\"\"\",\n\
         \"\"\"\nMore: the shape of the answer, never the code.\"\"\",\n]\n\n"
    );
    let chapter_at = text.find(&format!("dir = \"{chapter}\"")).unwrap_or(0);
    match text[chapter_at..].find("\n[[chapters]]") {
        Some(next) => {
            let at = chapter_at + next + 1;
            format!("{}{entry}{}", &text[..at], &text[at..])
        }
        None => format!("{}\n\n{}", text.trim_end(), entry.trim_end()) + "\n",
    }
}

fn manifest(package: &str, lib: &str, check_path: &str) -> String {
    format!(
        "[package]\nname = \"{package}\"\nversion = \"0.1.0\"\nedition.workspace = true\n\
         rust-version.workspace = true\npublish.workspace = true\nlicense.workspace = true\n\n\
         [lib]\nname = \"{lib}\"\npath = \"src/lib.rs\"\ndoc = false\ntest = false\ndoctest = false\n\n\
         [dev-dependencies]\ncourse-support.workspace = true\n\n\
         [[test]]\nname = \"check\"\npath = \"../../../{check_path}\"\n"
    )
}

fn starter_lib() -> String {
    "//! The task, in one or two sentences.\n\n\
     // ANCHOR: answer\n\
     /// The answer to the question the page asks.\n\
     pub fn answer() -> u32 {\n    \
     // TODO: compute the answer.\n    \
     todo!(\"compute the answer\")\n\
     }\n\
     // ANCHOR_END: answer\n"
        .to_string()
}

fn solution_lib() -> String {
    "//! The task, in one or two sentences.\n\n\
     // ANCHOR: answer\n\
     /// The answer to the question the page asks.\n\
     pub fn answer() -> u32 {\n    \
     42\n\
     }\n\
     // ANCHOR_END: answer\n"
        .to_string()
}

fn check(lib: &str) -> String {
    format!(
        "//! The check: what the exercise must do, in one sentence.\n\n\
         use course_support::snapshot;\n\
         use {lib}::answer;\n\n\
         #[test]\n\
         fn gives_the_answer() {{\n    \
         snapshot!(\"answer\", \"The answer.\", answer().to_string());\n\
         }}\n"
    )
}

fn mistakes() -> String {
    "# Wrong answers a learner could write: each is the reference solution with\n\
     # one change, and the check must fail on every one.\n\n\
     [[mistake]]\n\
     what = \"an answer off by one\"\n\
     file = \"src/lib.rs\"\n\
     find = \"    42\\n\"\n\
     replace = \"    41\\n\"\n"
        .to_string()
}

fn page(chapter: &str, dir: &str, slug: &str, title: &str) -> String {
    format!(
        "# {title}\n\n\
         What this exercise teaches, in a sentence or two.\n\n\
         ## In Flask\n\nThe lesson's way, in a short snippet.\n\n\
         ## In Rust\n\nThe Rust way, and why.\n\n\
         ## The exercise\n\n\
         Open `exercises/{chapter}/{dir}/src/lib.rs`:\n\n\
         ```rust,ignore\n{{{{#include ../../../exercises/{chapter}/{dir}/src/lib.rs:answer}}}}\n```\n\n\
         Run the check:\n\n```sh\ncargo test -p {slug}\n```\n\n\
         or `cargo workbook check {slug}`, and for a hint, `cargo workbook hint {slug}`.\n\n\
         ## Solution\n\n\
         <details>\n<summary>Show the solution</summary>\n\n\
         ```rust,ignore\n{{{{#include ../../../solutions/{chapter}/{dir}/src/lib.rs:answer}}}}\n```\n\n\
         </details>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_entry_goes_last_in_its_chapter() {
        let text = "[[chapters]]\ndir = \"00-a\"\n\n[[chapters.exercises]]\ndir = \"01-x\"\n\n\
                    [[chapters]]\ndir = \"01-b\"\n";
        let out = with_entry(text, "00-a", "02-y", "y", "Y");
        let (y, b) = (
            out.find("dir = \"02-y\"").expect("y"),
            out.find("dir = \"01-b\"").expect("b"),
        );
        assert!(out.find("dir = \"01-x\"").expect("x") < y && y < b, "{out}");
        let last = with_entry(text, "01-b", "01-z", "z", "Z");
        assert!(last.trim_end().ends_with("]"), "{last}");
    }

    #[test]
    fn a_new_exercise_passes_the_course_proof_at_once() {
        let dir = tempfile::tempdir().expect("a folder");
        let root = dir.path();
        std::fs::write(
            root.join(MANIFEST),
            "[[chapters]]\ndir = \"00-a\"\ntitle = \"A\"\n\n[[chapters]]\ndir = \"01-b\"\ntitle = \"B\"\n",
        )
        .expect("a manifest");
        for chapter in ["00-a", "01-b"] {
            std::fs::create_dir_all(root.join("book/src").join(chapter)).expect("folders");
            std::fs::write(root.join("book/src").join(chapter).join("index.md"), "# A\n").expect("a page");
        }
        let course = Course::load(root).expect("the course");
        new_exercise(&course, "00-a", "soft-delete").expect("made");
        assert!(matches!(
            new_exercise(&Course::load(root).expect("the course"), "00-a", "soft-delete"),
            Err(ScaffoldError::Taken(_))
        ));
        assert!(matches!(
            new_exercise(&course, "07-x", "y"),
            Err(ScaffoldError::NoChapter(_))
        ));

        let course = Course::load(root).expect("the course still loads");
        let exercise = course.exercise("soft-delete").expect("listed");
        assert_eq!(exercise.dir, "01-soft-delete");
        assert_eq!(exercise.chapter_dir, "00-a");
        let mut problems = crate::dev::proof::course_problems(&course);
        problems.extend(crate::dev::proof::exercise_problems(root, exercise));
        let includes = crate::book::includes(root).expect("pages read");
        assert_eq!(includes.len(), 2);
        problems.extend(includes.iter().filter_map(|i| crate::book::check_include(root, i)));
        assert!(problems.is_empty(), "{problems:#?}");
    }
}
