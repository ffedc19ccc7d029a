//! The pages of chapter 4 quote the blog and its checks: messages ("Comment
//! added.", "There is no post 999."), in the prose and in the Flask
//! snippets, which the pages say are the same as the blog's; the tables of
//! bad requests of `reliability.md`; and how many tests each step's check
//! runs. These tests hold each quote to the code, the templates, the checks
//! and their snapshots, word for word.

use std::path::{Path, PathBuf};

/// The repository's root, from this crate's folder (`exercises/04-blog/blog`
/// or `solutions/04-blog/blog`).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../..")
        .canonicalize()
        .expect("the repository's root")
}

/// `path` from the repository's root, as a message shows it.
fn shown(path: &Path) -> String {
    path.strip_prefix(root()).unwrap_or(path).display().to_string()
}

/// The text of every file under `dir` whose name ends with one of `endings`.
fn texts(dir: &Path, endings: &[&str]) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", shown(dir)))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            out.extend(texts(&path, endings));
        } else if endings.iter().any(|ending| path.to_string_lossy().ends_with(ending)) {
            let text =
                std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("cannot read {}: {error}", shown(&path)));
            out.push((path, text));
        }
    }
    out
}

/// The sentences a page quotes: text in double quotes that starts with a
/// capital letter and ends with `.`, `!` or `?`, read across line breaks.
fn quoted_sentences(page: &str) -> Vec<String> {
    let text = page.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = Vec::new();
    let mut rest = text.as_str();
    // Each `"` opens a quote; when what follows is not a sentence, the next
    // `"` is tried as an opening one instead.
    while let Some(open) = rest.find('"') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('"') else { break };
        let quote = &after[..close];
        let sentence = quote.len() > 5
            && quote.starts_with(|c: char| c.is_ascii_uppercase())
            && quote.ends_with(['.', '!', '?'])
            && !quote.contains('`');
        if sentence {
            out.push(quote.to_string());
            rest = &after[close + 1..];
        } else {
            rest = &after[close..];
        }
    }
    out
}

#[test]
fn every_message_the_chapter_quotes_is_the_blogs_own() {
    let root = root();
    let blog = root.join("solutions/04-blog/blog");
    let mut sources = String::new();
    for (_, text) in texts(&blog.join("src"), &[".rs"])
        .into_iter()
        .chain(texts(&blog.join("templates"), &[".html"]))
        .chain(texts(&root.join("tests/04-blog"), &[".rs", ".snap"]))
    {
        sources += &text;
    }
    let pages = texts(&root.join("book/src/04-blog"), &[".md"]);
    assert!(pages.len() >= 8, "the chapter's pages are in book/src/04-blog");
    let mut quoted = 0;
    let mut unknown = Vec::new();
    for (path, page) in &pages {
        for sentence in quoted_sentences(page) {
            quoted += 1;
            if !sources.contains(&sentence) {
                unknown.push(format!("{}: \"{sentence}\"", shown(path)));
            }
        }
    }
    assert!(quoted >= 20, "the pages quote the blog's messages ({quoted} found)");
    assert!(
        unknown.is_empty(),
        "quoted in the book but not found in the blog's code, templates or checks:\n{}",
        unknown.join("\n")
    );
}

#[test]
fn the_tables_of_bad_requests_quote_the_snapshots() {
    let root = root();
    let page = std::fs::read_to_string(root.join("book/src/04-blog/reliability.md")).expect("the page reads");
    // A snapshot shows a page's messages joined by " | ", which a Markdown
    // table cell cannot hold: the page writes them one after the other.
    let snapshots: String = texts(&root.join("tests/04-blog"), &[".snap"])
        .into_iter()
        .map(|(_, text)| text.replace(" | ", " "))
        .collect();
    let mut rows = 0;
    let mut unknown = Vec::new();
    for line in page.lines() {
        let cells: Vec<&str> = line.trim().trim_matches('|').split('|').map(str::trim).collect();
        let [.., status, seen] = cells.as_slice() else { continue };
        if status.len() != 3 || !status.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        rows += 1;
        // "…" stands for a part left out: each part around it must be there.
        for part in seen.split('…').map(str::trim).filter(|part| !part.is_empty()) {
            if !snapshots.contains(part) {
                unknown.push(format!("{line}\n    not in a snapshot: \"{part}\""));
            }
        }
    }
    assert!(
        rows >= 40,
        "the page's tables of requests, statuses and messages ({rows} rows found)"
    );
    assert!(
        unknown.is_empty(),
        "reliability.md quotes what no snapshot of the checks shows:\n{}",
        unknown.join("\n")
    );
}

#[test]
fn each_step_page_counts_the_tests_of_its_check() {
    let root = root();
    let numbers = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
        "fourteen", "fifteen",
    ];
    let mut pages = 0;
    for (path, page) in texts(&root.join("book/src/04-blog"), &[".md"]) {
        // The pages of the steps: 01-schema.md to 08-api.md.
        let step_page = path
            .file_name()
            .is_some_and(|name| name.to_string_lossy().starts_with(|c: char| c.is_ascii_digit()));
        if !step_page {
            continue;
        }
        let text = page.split_whitespace().collect::<Vec<_>>().join(" ");
        let check = text
            .split('`')
            .find(|part| part.starts_with("tests/04-blog/") && part.ends_with("/check.rs"))
            .unwrap_or_else(|| panic!("{} does not name its check", shown(&path)));
        let said = text
            .split("runs ")
            .skip(1)
            .find_map(|rest| {
                let (word, _) = rest.split_once(" tests")?;
                (!word.contains(' ')).then(|| word.to_string())
            })
            .unwrap_or_else(|| panic!("{} does not say how many tests its check runs", shown(&path)));
        let source = std::fs::read_to_string(root.join(check)).expect("the check reads");
        let tests = source.matches("#[tokio::test").count() + source.matches("#[test]").count();
        assert_eq!(
            numbers.get(tests.wrapping_sub(1)).copied(),
            Some(said.as_str()),
            "{} says its check runs {said} tests; {check} has {tests}",
            shown(&path)
        );
        pages += 1;
    }
    assert_eq!(pages, 8, "a page for each of the eight steps");
}
