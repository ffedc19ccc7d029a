//! `course.toml`: the chapters and exercises in order, and every path that
//! follows from their folder names.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The manifest's file name, at the workspace root.
pub const MANIFEST: &str = "course.toml";

/// The book's folder, under the workspace root.
pub const BOOK_DIR: &str = "book";

/// The crate every check shares (`course-support`), under the workspace root.
pub const SUPPORT_CRATE: &str = "tests/support";

/// The book's pages, under the workspace root.
pub const BOOK_SOURCES: &str = "book/src";

/// The translations' gettext catalogs (`ru.po`), under the workspace root.
pub const CATALOGS_DIR: &str = "po";

/// The folders of an exercise crate where the learner works.
pub const WORK_DIRS: [&str; 2] = ["src", "migrations"];

/// Why the course could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum CourseError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path} is not a valid course manifest: {source}")]
    Parse { path: PathBuf, source: toml::de::Error },
    #[error("{MANIFEST}: {0}")]
    Invalid(String),
    #[error("no {MANIFEST} in {0} or any folder above it: run this inside the workbook")]
    NotFound(PathBuf),
}

/// The whole course, loaded from `course.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Course {
    /// The workspace root, where `course.toml` is.
    #[serde(skip)]
    pub root: PathBuf,
    /// A package that depends on every crate the exercises use. Cargo picks
    /// a dependency's features from the packages a build selects, so the
    /// runner selects this one beside each check it builds: every exercise
    /// then gets the same build of the shared dependencies, and moving on
    /// to the next exercise never builds them again. It has no check, so
    /// nothing of its own is built.
    #[serde(default, rename = "shared-dependencies")]
    pub shared_dependencies: Option<String>,
    pub chapters: Vec<Chapter>,
}

/// A chapter: a folder of exercises and a part of the book.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    pub dir: String,
    pub title: String,
    #[serde(default)]
    pub exercises: Vec<Exercise>,
    /// Pages after the exercises that are not exercises themselves.
    #[serde(default)]
    pub pages: Vec<Page>,
    /// A database server the chapter's checks need, beyond the SQLite that
    /// every crate carries.
    #[serde(default)]
    pub database: Option<Database>,
}

/// A database server a chapter needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Database {
    #[serde(rename = "postgresql")]
    PostgreSql,
}

impl Database {
    /// Its name, as a learner knows it.
    pub fn name(self) -> &'static str {
        match self {
            Database::PostgreSql => "PostgreSQL",
        }
    }
}

/// A page of a chapter that is not an exercise.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    /// The file name, in the chapter's book folder.
    pub file: String,
    pub title: String,
}

/// One exercise, with the chapter it belongs to filled in after loading.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    pub dir: String,
    pub slug: String,
    /// For the steps of one larger crate (the blog): the folder of the crate
    /// they share in the chapter. Each step then has a test of its own,
    /// named after its slug, instead of the crate's one `check`.
    #[serde(rename = "crate", default)]
    pub shared_crate: Option<String>,
    pub title: String,
    /// The hints, in steps: a nudge first, then more, the last naming the
    /// exact API (never the code).
    pub hints: Vec<String>,
    /// For a step of a shared crate: the files, relative to the crate, where
    /// this step's work is. Saving one of them checks this step.
    #[serde(default)]
    pub files: Vec<String>,
    #[serde(skip)]
    pub chapter_dir: String,
    #[serde(skip)]
    pub chapter_title: String,
    /// The database server the exercise's chapter needs, if any.
    #[serde(skip)]
    pub database: Option<Database>,
}

impl Course {
    /// Finds `course.toml` in `start` or the nearest folder above it.
    pub fn discover(start: &Path) -> Result<Course, CourseError> {
        start
            .ancestors()
            .find(|dir| dir.join(MANIFEST).is_file())
            .ok_or_else(|| CourseError::NotFound(start.to_path_buf()))
            .and_then(Course::load)
    }

    /// Loads the course whose manifest is in `root`.
    pub fn load(root: &Path) -> Result<Course, CourseError> {
        let path = root.join(MANIFEST);
        let text = std::fs::read_to_string(&path).map_err(|source| CourseError::Read {
            path: path.clone(),
            source,
        })?;
        Course::parse(root, &text).map_err(|error| match error {
            CourseError::Parse { source, .. } => CourseError::Parse { path, source },
            other => other,
        })
    }

    /// Parses a manifest's text; `root` is where its paths start.
    pub fn parse(root: &Path, text: &str) -> Result<Course, CourseError> {
        let mut course: Course = toml::from_str(text).map_err(|source| CourseError::Parse {
            path: root.join(MANIFEST),
            source,
        })?;
        course.root = root.to_path_buf();
        for chapter in &mut course.chapters {
            for exercise in &mut chapter.exercises {
                exercise.chapter_dir = chapter.dir.clone();
                exercise.chapter_title = chapter.title.clone();
                exercise.database = chapter.database;
            }
        }
        course.validate()?;
        Ok(course)
    }

    fn validate(&self) -> Result<(), CourseError> {
        let invalid = |message: String| Err(CourseError::Invalid(message));
        let mut slugs = HashSet::new();
        let mut chapter_dirs = HashSet::new();
        for chapter in &self.chapters {
            if !is_ordered_dir(&chapter.dir) {
                return invalid(format!(
                    "chapter folder {:?} must look like `01-some-name`",
                    chapter.dir
                ));
            }
            if !chapter_dirs.insert(&chapter.dir) {
                return invalid(format!("chapter folder {:?} is listed twice", chapter.dir));
            }
            let mut dirs = HashSet::new();
            for exercise in &chapter.exercises {
                if !is_ordered_dir(&exercise.dir) {
                    return invalid(format!(
                        "exercise folder {:?} must look like `01-some-name`",
                        exercise.dir
                    ));
                }
                if !dirs.insert(&exercise.dir) {
                    return invalid(format!(
                        "exercise folder {}/{} is listed twice",
                        chapter.dir, exercise.dir
                    ));
                }
                let slug_ok = !exercise.slug.is_empty()
                    && exercise
                        .slug
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                if !slug_ok {
                    return invalid(format!(
                        "slug {:?} must be lowercase letters, digits and dashes",
                        exercise.slug
                    ));
                }
                if let Some(shared) = &exercise.shared_crate
                    && (shared.is_empty() || !shared.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
                {
                    return invalid(format!("crate folder {shared:?} must be lowercase letters and dashes"));
                }
                if !slugs.insert(&exercise.slug) {
                    return invalid(format!("slug {:?} is used twice", exercise.slug));
                }
                if exercise.title.trim().is_empty() || exercise.hints.iter().all(|hint| hint.trim().is_empty()) {
                    return invalid(format!("exercise {:?} needs a title and hints", exercise.slug));
                }
                if exercise.shared_crate.is_some() && exercise.files.is_empty() {
                    return invalid(format!(
                        "exercise {:?} is a step of a shared crate: list its `files`",
                        exercise.slug
                    ));
                }
            }
        }
        Ok(())
    }

    /// Every exercise, in course order.
    pub fn exercises(&self) -> impl Iterator<Item = &Exercise> {
        self.chapters.iter().flat_map(|chapter| &chapter.exercises)
    }

    /// The exercise with this slug.
    pub fn exercise(&self, slug: &str) -> Option<&Exercise> {
        self.exercises().find(|exercise| exercise.slug == slug)
    }

    /// The exercise after `slug` in course order; none after the last.
    pub fn after(&self, slug: &str) -> Option<&Exercise> {
        self.exercises().skip_while(|e| e.slug != slug).nth(1)
    }
}

/// `01-name`: two digits, a dash, then lowercase letters, digits and dashes.
fn is_ordered_dir(dir: &str) -> bool {
    let bytes = dir.as_bytes();
    bytes.len() > 3
        && bytes[..2].iter().all(u8::is_ascii_digit)
        && bytes[2] == b'-'
        && bytes[3..]
            .iter()
            .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl Exercise {
    /// `<chapter>/<exercise>`, the path shared by all of the exercise's folders.
    pub fn rel(&self) -> PathBuf {
        Path::new(&self.chapter_dir).join(&self.dir)
    }

    /// The crate's folder inside the chapter: its own, or the shared one.
    fn crate_folder(&self) -> &str {
        self.shared_crate.as_deref().unwrap_or(&self.dir)
    }

    /// The starter crate the learner edits, relative to the root.
    pub fn exercise_dir(&self) -> PathBuf {
        Path::new("exercises").join(&self.chapter_dir).join(self.crate_folder())
    }

    /// The reference solution's crate, relative to the root.
    pub fn solution_dir(&self) -> PathBuf {
        Path::new("solutions").join(&self.chapter_dir).join(self.crate_folder())
    }

    /// The folder of the check, its snapshots and compile-fail cases.
    pub fn tests_dir(&self) -> PathBuf {
        Path::new("tests").join(self.rel())
    }

    /// The check file both crates run.
    pub fn check_file(&self) -> PathBuf {
        self.tests_dir().join("check.rs")
    }

    /// The name of the check's test target in both crates' Cargo.toml.
    pub fn test_name(&self) -> &str {
        if self.shared_crate.is_some() {
            &self.slug
        } else {
            "check"
        }
    }

    /// The plain cargo command that checks the exercise.
    pub fn check_command(&self) -> String {
        match &self.shared_crate {
            Some(package) => format!("cargo test -p {package} --test {}", self.slug),
            None => format!("cargo test -p {}", self.slug),
        }
    }

    /// The exercise's page in the book's sources.
    pub fn book_page(&self) -> PathBuf {
        Path::new(BOOK_SOURCES)
            .join(&self.chapter_dir)
            .join(format!("{}.md", self.dir))
    }

    /// The page's address in the built book, relative to the book's root.
    pub fn book_url(&self) -> String {
        format!("{}/{}.html", self.chapter_dir, self.dir)
    }

    /// The starter's package name: the slug, or the shared crate's folder.
    pub fn package(&self) -> &str {
        self.shared_crate.as_deref().unwrap_or(&self.slug)
    }

    /// The solution's package name.
    pub fn solution_package(&self) -> String {
        format!("{}-solution", self.package())
    }
}

impl Chapter {
    /// The chapter's opening page in the book's sources.
    pub fn book_page(&self) -> PathBuf {
        Path::new(BOOK_SOURCES).join(&self.dir).join("index.md")
    }

    /// The chapter's other pages in the book's sources.
    pub fn extra_pages(&self) -> impl Iterator<Item = PathBuf> + '_ {
        self.pages
            .iter()
            .map(|page| Path::new(BOOK_SOURCES).join(&self.dir).join(&page.file))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &str = r#"
        [[chapters]]
        dir = "00-start"
        title = "Start"
        [[chapters.exercises]]
        dir = "01-one"
        slug = "one"
        title = "One"
        hints = ["h"]
        [[chapters]]
        dir = "01-next"
        title = "Next"
        [[chapters.exercises]]
        dir = "01-two"
        slug = "two"
        title = "Two"
        hints = ["h"]
    "#;

    #[test]
    fn exercises_keep_course_order_and_know_their_paths() {
        let course = Course::parse(Path::new("/w"), TWO).expect("a valid manifest");
        let slugs: Vec<_> = course.exercises().map(|e| e.slug.as_str()).collect();
        assert_eq!(slugs, ["one", "two"]);
        let two = course.exercise("two").expect("two exists");
        assert_eq!(two.exercise_dir(), Path::new("exercises/01-next/01-two"));
        assert_eq!(two.solution_package(), "two-solution");
        assert_eq!(two.book_page(), Path::new("book/src/01-next/01-two.md"));
        assert_eq!(course.after("one").map(|e| e.slug.as_str()), Some("two"));
        assert!(course.after("two").is_none());
        assert_eq!(two.test_name(), "check");
    }

    #[test]
    fn steps_of_a_shared_crate_have_tests_of_their_own() {
        let text = TWO.replace(
            "slug = \"two\"",
            "slug = \"two\"\n        crate = \"blog\"\n        files = [\"src/two.rs\"]",
        );
        let course = Course::parse(Path::new("/w"), &text).expect("a valid manifest");
        let two = course.exercise("two").expect("two exists");
        assert_eq!(two.exercise_dir(), Path::new("exercises/01-next/blog"));
        assert_eq!(two.solution_package(), "blog-solution");
        assert_eq!(two.test_name(), "two");
        assert_eq!(two.check_command(), "cargo test -p blog --test two");
        assert_eq!(two.check_file(), Path::new("tests/01-next/01-two/check.rs"));
        assert_eq!(two.book_page(), Path::new("book/src/01-next/01-two.md"));
    }

    #[test]
    fn a_duplicate_slug_is_refused() {
        let text = TWO.replace("slug = \"two\"", "slug = \"one\"");
        let error = Course::parse(Path::new("/w"), &text).expect_err("two slugs alike");
        assert_eq!(error.to_string(), "course.toml: slug \"one\" is used twice");
    }

    #[test]
    fn a_misnamed_folder_or_unknown_key_is_refused() {
        let text = TWO.replace("dir = \"01-two\"", "dir = \"two\"");
        assert!(Course::parse(Path::new("/w"), &text).is_err());
        let text = TWO.replace(
            "hints = [\"h\"]\n        [[chapters]]",
            "hints = [\"h\"]\n        hnt = 1\n        [[chapters]]",
        );
        assert!(Course::parse(Path::new("/w"), &text).is_err());
    }
}
