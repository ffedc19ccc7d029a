//! The book: its table of contents made from the course, the includes that
//! tie its code to the crates, building it with mdBook, and serving it.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::course::Course;
use crate::files::files_under;

/// The book's folder, under the workspace root.
pub const BOOK_DIR: &str = "book";

/// Where the runner builds the book, under the workspace root.
pub fn build_dir(root: &Path) -> PathBuf {
    root.join("target").join("book")
}

/// `SUMMARY.md` as the course defines it: the introduction, then each chapter
/// with its exercises, in course order.
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
    }
    summary
}

/// The path of `SUMMARY.md`.
pub fn summary_path(root: &Path) -> PathBuf {
    root.join(BOOK_DIR).join("src").join("SUMMARY.md")
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
    let pages = files_under(&root.join(BOOK_DIR).join("src"));
    let mut found = Vec::new();
    for page in pages.into_iter().filter(|page| page.extension().is_some_and(|ext| ext == "md")) {
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
    let opens = text.lines().any(|line| line.trim_start().ends_with(&format!("ANCHOR: {anchor}")));
    let closes = text.lines().any(|line| line.trim_start().ends_with(&format!("ANCHOR_END: {anchor}")));
    (!(opens && closes)).then(|| {
        format!(
            "{} includes {}:{anchor}, but that file has no `ANCHOR: {anchor}` … `ANCHOR_END: {anchor}`",
            include.page.display(),
            include.target
        )
    })
}

/// Builds the book into `dest` with mdBook.
pub fn build(course: &Course, dest: &Path) -> anyhow::Result<()> {
    let mut book = mdbook_driver::MDBook::load(course.root.join(BOOK_DIR))
        .map_err(|error| anyhow::anyhow!("cannot load the book: {error:#}"))?;
    book.config.build.build_dir = dest.to_path_buf();
    book.build().map_err(|error| anyhow::anyhow!("cannot build the book: {error:#}"))?;
    Ok(())
}

/// Serves the built book in `dir` on `127.0.0.1:port` until interrupted.
pub async fn serve(dir: &Path, port: u16) -> anyhow::Result<()> {
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let listener = tokio::net::TcpListener::bind(address).await.map_err(|error| {
        if error.kind() == std::io::ErrorKind::AddrInUse {
            anyhow::anyhow!(
                "port {port} is already in use (is the book open in another terminal?): \
                 choose another with --port {}",
                port.wrapping_add(1)
            )
        } else {
            anyhow::anyhow!("cannot listen on {address}: {error}")
        }
    })?;
    let app = axum::Router::new().fallback_service(tower_http::services::ServeDir::new(dir));
    println!("The book is at http://{address}/ (Ctrl+C to stop).");
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .context("the book's server stopped")?;
    Ok(())
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
            hint = "h"
            "#,
        )
        .expect("a course");
        let summary = render_summary(&course);
        assert!(summary.contains("- [Start](00-start/index.md)\n  - [One](00-start/01-one.md)\n"), "{summary}");
    }
}
