//! The book: its table of contents made from the course, the includes that
//! tie its code to the crates, building it with mdBook, and serving it.

use std::path::{Path, PathBuf};

use crate::course::{BOOK_DIR, BOOK_SOURCES, Course};
use crate::files::files_under;
use crate::translation::{BOOK_TITLE, LABELS_FILE, Language, Translation, words};

/// Where the runner builds the book, under the workspace root.
pub fn build_dir(root: &Path) -> PathBuf {
    root.join("target").join("book")
}

/// `SUMMARY.md` as the course defines it: the introduction, then each chapter
/// with its exercises, in course order, then the glossary.
pub fn render_summary(course: &Course) -> String {
    let mut summary = String::from(
        "# Summary\n\n\
         <!-- Made from course.toml by the workbook: edit the course, not this file. -->\n\n\
         [Introduction](introduction.md)\n\n",
    );
    for chapter in &course.chapters {
        summary += &format!("- [{}]({}/index.md)\n", chapter.title, chapter.dir);
        for exercise in &chapter.exercises {
            summary += &format!("  - [{}]({}/{}.md)\n", exercise.title, chapter.dir, exercise.dir);
        }
        for page in &chapter.pages {
            summary += &format!("  - [{}]({}/{})\n", page.title, chapter.dir, page.file);
        }
    }
    summary += "\n[Glossary](glossary.md)\n";
    summary
}

/// The path of `SUMMARY.md`.
pub fn summary_path(root: &Path) -> PathBuf {
    root.join(BOOK_SOURCES).join("SUMMARY.md")
}

/// Writes `SUMMARY.md` if it differs from what the course says. Returns
/// whether it changed.
pub fn sync_summary(course: &Course) -> std::io::Result<bool> {
    let path = summary_path(&course.root);
    let wanted = render_summary(course);
    if std::fs::read_to_string(&path).ok().as_deref() == Some(wanted.as_str()) {
        return Ok(false);
    }
    std::fs::write(&path, wanted)?;
    Ok(true)
}

/// One `{{#include …}}` of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Include {
    /// The page, relative to the workspace root.
    pub page: PathBuf,
    /// The included file as written in the page.
    pub target: String,
    /// The anchor, if the include names one.
    pub anchor: Option<String>,
}

impl Include {
    /// The included file's path, relative to the workspace root.
    pub fn resolved(&self) -> PathBuf {
        self.page.parent().unwrap_or(Path::new("")).join(&self.target)
    }
}

/// Every include in the book's pages.
pub fn includes(root: &Path) -> std::io::Result<Vec<Include>> {
    let pages = files_under(&root.join(BOOK_SOURCES));
    let mut found = Vec::new();
    for page in pages
        .into_iter()
        .filter(|page| page.extension().is_some_and(|ext| ext == "md"))
    {
        let text = std::fs::read_to_string(&page)?;
        let page = page.strip_prefix(root).unwrap_or(&page).to_path_buf();
        found.extend(parse_includes(&text).into_iter().map(|(target, anchor)| Include {
            page: page.clone(),
            target,
            anchor,
        }));
    }
    Ok(found)
}

/// The targets and anchors of the `{{#include path:anchor}}` links in `text`
/// (`{{#rustdoc_include}}` too). Line ranges are not anchors.
pub fn parse_includes(text: &str) -> Vec<(String, Option<String>)> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{#") {
        let after = &rest[start + 3..];
        let Some(end) = after.find("}}") else { break };
        let link = after[..end].trim();
        rest = &after[end..];
        let Some(argument) = link
            .strip_prefix("include ")
            .or_else(|| link.strip_prefix("rustdoc_include "))
        else {
            continue;
        };
        let argument = argument.trim();
        let (target, anchor) = match argument.split_once(':') {
            Some((target, anchor)) => {
                let is_range = anchor.chars().all(|c| c.is_ascii_digit() || c == ':');
                (target, (!is_range).then(|| anchor.to_string()))
            }
            None => (argument, None),
        };
        found.push((target.to_string(), anchor));
    }
    found
}

/// What is wrong with an include: a missing file or anchor.
pub fn check_include(root: &Path, include: &Include) -> Option<String> {
    let path = root.join(include.resolved());
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Some(format!(
            "{} includes {}, which does not exist",
            include.page.display(),
            include.target
        ));
    };
    let anchor = include.anchor.as_deref()?;
    let opens = text
        .lines()
        .any(|line| line.trim_start().ends_with(&format!("ANCHOR: {anchor}")));
    let closes = text
        .lines()
        .any(|line| line.trim_start().ends_with(&format!("ANCHOR_END: {anchor}")));
    (!(opens && closes)).then(|| {
        format!(
            "{} includes {}:{anchor}, but that file has no `ANCHOR: {anchor}` … `ANCHOR_END: {anchor}`",
            include.page.display(),
            include.target
        )
    })
}

/// The live part of an exercise's page: hidden, until the runner's server
/// answers the page's script with the exercise's status.
pub fn live_marker(slug: &str) -> String {
    format!("<div class=\"workbook-live\" data-slug=\"{slug}\" hidden></div>\n\n")
}

/// Puts each exercise's live marker on its page, just before the folded
/// solution (or at the end): every page gets one, and no page lists it by
/// hand.
struct LiveMarkers {
    pages: Vec<(PathBuf, String)>,
    /// The solution's heading, in the edition's language.
    heading: String,
}

impl mdbook_preprocessor::Preprocessor for LiveMarkers {
    fn name(&self) -> &str {
        "workbook-live"
    }

    fn run(
        &self,
        _ctx: &mdbook_preprocessor::PreprocessorContext,
        mut book: mdbook_preprocessor::book::Book,
    ) -> mdbook_preprocessor::errors::Result<mdbook_preprocessor::book::Book> {
        book.for_each_chapter_mut(|chapter| {
            let Some(path) = chapter.path.as_deref() else { return };
            let Some((_, slug)) = self.pages.iter().find(|(page, _)| page == path) else {
                return;
            };
            chapter.content = with_marker(&chapter.content, slug, &self.heading);
        });
        Ok(book)
    }
}

/// `content` with the live marker of `slug` before its solution's heading
/// (`## Solution` in English).
pub fn with_marker(content: &str, slug: &str, heading: &str) -> String {
    let marker = live_marker(slug);
    match content.find(&format!("\n## {heading}")) {
        Some(at) => format!("{}\n{marker}{}", &content[..at], &content[at + 1..]),
        None => format!("{content}\n\n{marker}"),
    }
}

/// Takes each exercise's solution section out of its page, leaving a line
/// that says where it opens: the book the runner serves shows a solution
/// only once its check passes, through the page's live part.
struct HideSolutions {
    pages: Vec<PathBuf>,
    /// The solution's heading and the line that replaces it, in the
    /// edition's language.
    heading: String,
    locked: String,
}

impl mdbook_preprocessor::Preprocessor for HideSolutions {
    fn name(&self) -> &str {
        "workbook-hide-solutions"
    }

    fn run(
        &self,
        _ctx: &mdbook_preprocessor::PreprocessorContext,
        mut book: mdbook_preprocessor::book::Book,
    ) -> mdbook_preprocessor::errors::Result<mdbook_preprocessor::book::Book> {
        book.for_each_chapter_mut(|chapter| {
            if chapter
                .path
                .as_deref()
                .is_some_and(|path| self.pages.iter().any(|page| page == path))
            {
                chapter.content = without_solution(&chapter.content, &self.heading, &self.locked);
            }
        });
        Ok(book)
    }
}

/// `content` with its solution's section (`## Solution` in English, up to
/// the end of its `<details>`, or of the page) replaced by the `locked` line,
/// which says when it opens.
pub fn without_solution(content: &str, heading: &str, locked: &str) -> String {
    let heading = format!("\n## {heading}");
    let Some(start) = content.find(&heading) else {
        return content.to_string();
    };
    let rest = &content[start..];
    let end = rest
        .find("</details>")
        .map_or(content.len(), |at| start + at + "</details>".len());
    format!(
        "{}{heading}\n\n<p class=\"workbook-locked\">{locked}</p>\n{}",
        &content[..start],
        &content[end..]
    )
}

/// Which book to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Solutions {
    /// Each solution folded away in its page: the book to publish.
    Folded,
    /// No solution in any page: they open one by one in the served book, as
    /// the learner passes each check.
    Earned,
}

/// Builds the book into `dest` with mdBook, from the course as shipped (so
/// each exercise page shows the task, whatever the learner's copy holds),
/// each exercise page with its live marker: the English edition in `dest`,
/// and each translation in its own folder inside it (`dest/ru`). An include
/// that does not resolve is an error: it is a bug of the course. Returns a
/// remark, when there is one: where the starters came from, or why an
/// edition was left out.
pub fn build(course: &Course, dest: &Path, solutions: Solutions) -> anyhow::Result<Option<String>> {
    let shipped = crate::shipped::Shipped::open(&course.root);
    let stage = shipped.stage(course)?;
    let problems: Vec<String> = includes(&stage.root)?
        .iter()
        .filter_map(|include| check_include(&stage.root, include))
        .collect();
    if !problems.is_empty() {
        anyhow::bail!("the book's includes do not resolve:\n- {}", problems.join("\n- "));
    }
    build_edition(course, &stage.root, dest, solutions, None)?;
    let mut notes = Vec::new();
    let labels = crate::translation::labels(&stage.root)?;
    for language in Language::TRANSLATED {
        // A catalog that cannot be read costs its edition, not the book.
        let translation = match Translation::load(&stage.root, language) {
            Ok(Some(translation)) => translation,
            Ok(None) => continue,
            Err(error) => {
                notes.push(format!(
                    "the {} edition was not built ({error:#}); `git checkout {}` puts the catalog back",
                    language.name(),
                    language.catalog(Path::new("")).display()
                ));
                continue;
            }
        };
        std::fs::write(
            stage.root.join(BOOK_DIR).join(LABELS_FILE),
            translation.labels_script(labels.clone())?,
        )?;
        build_edition(
            course,
            &stage.root,
            &edition_dir(dest, language),
            solutions,
            Some(&translation),
        )?;
    }
    match shipped.commit() {
        None => {
            notes.push("this copy of the course has no git history: the book shows the starters as they are".into())
        }
        Some(_) if !stage.replaced.is_empty() => notes.push(format!(
            "the book shows the task as shipped for the starters you changed ({})",
            stage
                .replaced
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )),
        Some(_) => {}
    }
    Ok((!notes.is_empty()).then(|| notes.join("; ")))
}

/// Where the edition in `language` is, in the built book `dest`.
pub fn edition_dir(dest: &Path, language: Language) -> PathBuf {
    dest.join(language.book_subdir())
}

/// Builds one edition of the staged book into `dest`: English, or
/// translated by `translation` from the pages' Markdown, before their
/// includes are expanded.
fn build_edition(
    course: &Course,
    stage: &Path,
    dest: &Path,
    solutions: Solutions,
    translation: Option<&Translation>,
) -> anyhow::Result<()> {
    let mut book = mdbook_driver::MDBook::load(stage.join(BOOK_DIR))
        .map_err(|error| anyhow::anyhow!("cannot load the book: {error:#}"))?;
    book.config.build.build_dir = dest.to_path_buf();
    let say = |english: &'static str, context: Option<&str>| -> String {
        translation
            .map_or(english, |t| t.or_english(context, english))
            .to_string()
    };
    if let Some(translation) = translation {
        translation.book(&mut book.book).map_err(|error| {
            anyhow::anyhow!(
                "cannot translate the book into {}: {error:#}",
                translation.language.name()
            )
        })?;
        let config = &mut book.config.book;
        config.language = Some(translation.language.code().into());
        for text in [&mut config.title, &mut config.description].into_iter().flatten() {
            *text = translation.or_english(Some(BOOK_TITLE), text).to_string();
        }
    }
    let heading = say("Solution", None);
    let pages: Vec<(PathBuf, String)> = course
        .exercises()
        .map(|e| (Path::new(&e.chapter_dir).join(format!("{}.md", e.dir)), e.slug.clone()))
        .collect();
    if solutions == Solutions::Earned {
        book.with_preprocessor(HideSolutions {
            pages: pages.iter().map(|(page, _)| page.clone()).collect(),
            heading: heading.clone(),
            locked: say(words::LOCKED, Some(crate::translation::BOOK)),
        });
    }
    book.with_preprocessor(LiveMarkers { pages, heading });
    book.build()
        .map_err(|error| anyhow::anyhow!("cannot build the book: {error:#}"))?;
    match translation {
        Some(translation) => {
            translation.alert_titles(dest)?;
            crate::translation::reindex_search(dest)
        }
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn includes_are_found_with_their_anchors() {
        let page = "a {{#include ../../x/src/lib.rs:solution}} b\n\
                    ```\n{{#include ../y.stderr}}\n```\n\
                    {{#include z.rs:3:9}} {{#title T}} {{#rustdoc_include w.rs}}";
        assert_eq!(
            parse_includes(page),
            [
                ("../../x/src/lib.rs".to_string(), Some("solution".to_string())),
                ("../y.stderr".to_string(), None),
                ("z.rs".to_string(), None),
                ("w.rs".to_string(), None),
            ]
        );
    }

    #[test]
    fn the_live_marker_goes_before_the_solution() {
        let page = "# T\n\ntext\n\n## Solution\n\n<details>";
        let marked = with_marker(page, "pool", "Solution");
        assert_eq!(
            marked,
            "# T\n\ntext\n\n<div class=\"workbook-live\" data-slug=\"pool\" hidden></div>\n\n## Solution\n\n<details>"
        );
        assert!(with_marker("# T", "pool", "Solution").ends_with("data-slug=\"pool\" hidden></div>\n\n"));
    }

    #[test]
    fn a_solution_section_is_taken_out_whole() {
        let page =
            "# T\n\ntext\n\n## Solution\n\n<details>\n<summary>Show</summary>\n\nsecret\n\n</details>\n\nafter\n";
        let hidden = without_solution(page, "Solution", "Opens later.");
        assert!(!hidden.contains("secret") && !hidden.contains("<details>"), "{hidden}");
        assert!(hidden.starts_with("# T\n\ntext\n\n## Solution\n\n"), "{hidden}");
        assert!(hidden.ends_with("\n\nafter\n"), "{hidden}");
        assert_eq!(without_solution("# T", "Solution", "Opens later."), "# T");
        assert!(
            hidden.contains("<p class=\"workbook-locked\">Opens later.</p>"),
            "{hidden}"
        );
    }

    #[test]
    fn the_summary_follows_the_course() {
        let course = Course::parse(
            Path::new("/w"),
            r#"
            [[chapters]]
            dir = "00-start"
            title = "Start"
            [[chapters.exercises]]
            dir = "01-one"
            slug = "one"
            title = "One"
            hints = ["h"]
            "#,
        )
        .expect("a course");
        let summary = render_summary(&course);
        assert!(
            summary.contains("- [Start](00-start/index.md)\n  - [One](00-start/01-one.md)\n"),
            "{summary}"
        );
    }
}
