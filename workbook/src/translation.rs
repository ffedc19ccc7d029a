//! The course in another language: which messages a translation covers (the
//! book's prose, the live box's words, the hints), and the gettext catalog,
//! `po/<language>.po`, that translates them.
//!
//! A page is translated from its Markdown source, before its includes are
//! expanded: the code it includes stays as it is, in every edition.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use polib::catalog::Catalog;
use polib::message::Message as PoMessage;
use polib::metadata::CatalogMetadata;

use crate::course::{BOOK_DIR, BOOK_SOURCES, CATALOGS_DIR, Course};
use crate::files::files_under;

/// A language the course is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Language {
    /// English, the language the course is written in.
    #[default]
    En,
    /// Russian, translated in `po/ru.po`.
    Ru,
}

impl Language {
    /// The languages translated from English.
    pub const TRANSLATED: [Language; 1] = [Language::Ru];

    /// The language's code, as in `<html lang>` and the catalog's name.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Ru => "ru",
        }
    }

    /// The language's name in English, for the runner's messages.
    pub fn name(self) -> &'static str {
        match self {
            Language::En => "English",
            Language::Ru => "Russian",
        }
    }

    /// Where this edition of the book is, under the built book's folder.
    pub fn book_subdir(self) -> &'static str {
        match self {
            Language::En => "",
            Language::Ru => "ru",
        }
    }

    /// The catalog of this language, under the workspace root.
    pub fn catalog(self, root: &Path) -> PathBuf {
        root.join(CATALOGS_DIR).join(format!("{}.po", self.code()))
    }
}

/// The context of the live box's words in the catalog.
pub const LIVE_BOX: &str = "live box";

/// The context of the book's title and description.
pub const BOOK_TITLE: &str = "book title";

/// The context of the words the runner writes into the book's pages.
pub const BOOK: &str = "book";

/// The context of an exercise's hint: `hint <slug> <step>`, steps from 1.
pub fn hint_context(slug: &str, step: usize) -> String {
    format!("hint {slug} {step}")
}

/// The live box's words, English, as the book's script holds them.
pub const LABELS_FILE: &str = "theme/workbook-labels.js";

/// The words the runner itself writes into the book and its live box.
pub mod words {
    /// Where the served book takes a solution out of its page.
    pub const LOCKED: &str = "The solution opens here once your check passes.";
    /// After the hints seen so far, when more are left. `{slug}`, `{next}`
    /// and `{total}` are filled in.
    pub const MORE_HINTS: &str =
        "Still stuck? `cargo workbook hint {slug}` (or h in watch mode) shows step {next} of {total}.";
    /// The titles mdBook gives alerts (`> [!NOTE]`), in English whatever
    /// the book's language.
    pub const ALERTS: [&str; 5] = ["Note", "Tip", "Important", "Warning", "Caution"];
}

/// One message to translate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Set for the words that are not the book's pages (hints, the live
    /// box): a page's message is found by its English alone.
    pub context: Option<String>,
    pub english: String,
    /// Where it comes from: `file:line`, or the file alone.
    pub source: String,
}

/// Every message of the course to translate, in the book's order: the
/// pages (`SUMMARY.md` first), the book's title, the live box's words, then
/// the hints in course order. A message found twice is listed once.
pub fn messages(course: &Course) -> anyhow::Result<Vec<Message>> {
    let root = &course.root;
    let sources = root.join(BOOK_SOURCES);
    let summary = sources.join("SUMMARY.md");
    let mut pages = vec![summary.clone()];
    pages.extend(
        files_under(&sources)
            .into_iter()
            .filter(|page| page.extension().is_some_and(|ext| ext == "md") && *page != summary),
    );
    let mut found = Vec::new();
    for page in pages {
        let text = std::fs::read_to_string(&page).with_context(|| format!("cannot read {}", page.display()))?;
        let name = page.strip_prefix(root).unwrap_or(&page).display().to_string();
        for (line, english) in page_messages(&text).with_context(|| format!("cannot read the Markdown of {name}"))? {
            found.push(Message {
                context: None,
                english,
                source: format!("{name}:{line}"),
            });
        }
    }
    let book_toml = Path::new(BOOK_DIR).join("book.toml");
    for english in book_words(root)? {
        found.push(Message {
            context: Some(BOOK_TITLE.into()),
            english,
            source: book_toml.display().to_string(),
        });
    }
    let labels_file = Path::new(BOOK_DIR).join(LABELS_FILE);
    let labels = labels(root)?;
    for english in labels.values().filter_map(serde_json::Value::as_str) {
        found.push(Message {
            context: Some(LIVE_BOX.into()),
            english: english.to_string(),
            source: labels_file.display().to_string(),
        });
    }
    let runner = |context: &str, english: &str| Message {
        context: Some(context.into()),
        english: english.into(),
        source: "workbook/src/translation.rs".into(),
    };
    found.push(runner(LIVE_BOX, words::MORE_HINTS));
    found.push(runner(BOOK, words::LOCKED));
    found.extend(words::ALERTS.iter().map(|title| runner(BOOK, title)));
    for exercise in course.exercises() {
        for (at, hint) in exercise.hints.iter().enumerate() {
            found.push(Message {
                context: Some(hint_context(&exercise.slug, at + 1)),
                english: hint.trim().to_string(),
                source: crate::course::MANIFEST.into(),
            });
        }
    }
    let mut seen = std::collections::HashSet::new();
    found.retain(|message| seen.insert((message.context.clone(), message.english.clone())));
    Ok(found)
}

/// The book's title and description, from `book.toml`.
fn book_words(root: &Path) -> anyhow::Result<Vec<String>> {
    let path = root.join(BOOK_DIR).join("book.toml");
    let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let table: toml::Table = toml::from_str(&text).with_context(|| format!("{} is not valid TOML", path.display()))?;
    let book = table.get("book").and_then(toml::Value::as_table);
    Ok(["title", "description"]
        .iter()
        .filter_map(|key| book?.get(*key)?.as_str().map(str::to_string))
        .collect())
}

/// The live box's words, by name, from the book's script
/// `window.WORKBOOK_LABELS = {…};`.
pub fn labels(root: &Path) -> anyhow::Result<serde_json::Map<String, serde_json::Value>> {
    let path = root.join(BOOK_DIR).join(LABELS_FILE);
    let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let object = text
        .find('{')
        .zip(text.rfind('}'))
        .map(|(start, end)| &text[start..=end])
        .with_context(|| format!("{} holds no {{…}} of labels", path.display()))?;
    serde_json::from_str(object).with_context(|| format!("the labels in {} are not a JSON object", path.display()))
}

/// Languages whose comments are translated inside a code block, and how
/// their comments start. Everything else in a code block (its strings, the
/// code it includes, a program's output) stays as it is.
const COMMENTED: &[(&str, &[&str])] = &[("python", &["#"]), ("sh", &["#"]), ("rust", &["//"]), ("sql", &["--"])];

/// The messages of a page, with their lines: its prose, headings, list
/// items and table cells, the comments of its examples, and the text of its
/// `<summary>` lines. A message that is only code stays as it is.
pub fn page_messages(text: &str) -> anyhow::Result<Vec<(usize, String)>> {
    let blocks = code_blocks(text);
    let mut found = Vec::new();
    for (line, message) in mdbook_i18n_helpers::extract_messages(text)? {
        let keep = match blocks.iter().find(|block| (block.first..=block.last).contains(&line)) {
            None => true,
            Some(block) => COMMENTED
                .iter()
                .find(|(language, _)| *language == block.language)
                .is_some_and(|(_, marks)| marks.iter().any(|mark| message.message.starts_with(mark))),
        };
        if keep && (has_words(&message.message) || has_separators(&message.message)) {
            found.push((line, message.message));
        }
    }
    for (at, line) in text.lines().enumerate() {
        if let Some(summary) = summary_text(line) {
            found.push((at + 1, summary.to_string()));
        }
    }
    found.sort_by_key(|(line, _)| *line);
    Ok(found)
}

/// A fenced code block: its first and last lines (from 1) and its language.
struct CodeBlock {
    first: usize,
    last: usize,
    language: String,
}

fn code_blocks(text: &str) -> Vec<CodeBlock> {
    let mut blocks = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    for (at, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let fence: String = trimmed.chars().take_while(|&c| c == '`' || c == '~').collect();
        match &open {
            None if fence.len() >= 3 => {
                let language = trimmed[fence.len()..].split([',', ' ']).next().unwrap_or("");
                open = Some((at + 1, fence, language.to_string()));
            }
            Some((first, opening, language))
                if fence.len() >= opening.len()
                    && fence.starts_with(&opening[..1])
                    && trimmed[fence.len()..].trim().is_empty() =>
            {
                blocks.push(CodeBlock {
                    first: *first,
                    last: at + 1,
                    language: language.clone(),
                });
                open = None;
            }
            _ => {}
        }
    }
    blocks
}

/// Whether `message` has words outside its code spans.
fn has_words(message: &str) -> bool {
    outside_code(message).chars().any(char::is_alphabetic)
}

/// `message` without its code spans.
fn outside_code(message: &str) -> String {
    let mut outside = String::new();
    let mut rest = message;
    while let Some(start) = rest.find('`') {
        outside.push_str(&rest[..start]);
        let ticks = rest[start..].chars().take_while(|&c| c == '`').count();
        let fence = &rest[start..start + ticks];
        rest = match rest[start + ticks..].find(fence) {
            Some(end) => &rest[start + ticks + end + ticks..],
            None => &rest[start + ticks..],
        };
    }
    outside.push_str(rest);
    outside
}

/// Whether `message` is a number written with separators (`3,567`, `7.2`),
/// which a language may write otherwise (`3 567`, `7,2`).
fn has_separators(message: &str) -> bool {
    outside_code(message)
        .as_bytes()
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && (w[1] == b',' || w[1] == b'.') && w[2].is_ascii_digit())
}

/// `english`, numbers written the Russian way: a no-break space between
/// thousands, a decimal comma.
fn russian_numbers(english: &str) -> String {
    let chars: Vec<char> = english.chars().collect();
    let mut out = String::new();
    for (at, &c) in chars.iter().enumerate() {
        let between_digits =
            at > 0 && chars[at - 1].is_ascii_digit() && chars.get(at + 1).is_some_and(char::is_ascii_digit);
        match c {
            ',' if between_digits => out.push('\u{a0}'),
            '.' if between_digits => out.push(','),
            _ => out.push(c),
        }
    }
    out
}

/// The text of a `<summary>…</summary>` line, which Markdown leaves as HTML.
pub fn summary_text(line: &str) -> Option<&str> {
    line.trim().strip_prefix("<summary>")?.strip_suffix("</summary>")
}

/// A catalog, loaded: the course's words in one language.
pub struct Translation {
    pub language: Language,
    catalog: Catalog,
}

impl Translation {
    /// The catalog of `language` under `root`; `None` for English.
    pub fn load(root: &Path, language: Language) -> anyhow::Result<Option<Translation>> {
        if language == Language::En {
            return Ok(None);
        }
        let mut catalog = read_catalog(&language.catalog(root))?;
        mdbook_i18n_helpers::gettext::add_stripped_summary_translations(&mut catalog);
        Ok(Some(Translation { language, catalog }))
    }

    /// The translation of `english`, if the catalog has one that is done
    /// (not fuzzy).
    pub fn get(&self, context: Option<&str>, english: &str) -> Option<&str> {
        self.catalog
            .find_message(context, english, None)
            .filter(|message| message.is_translated() && !message.is_fuzzy())
            .and_then(|message| message.msgstr().ok())
    }

    /// The translation of `english`, or `english` itself.
    pub fn or_english<'a>(&'a self, context: Option<&str>, english: &'a str) -> &'a str {
        self.get(context, english).unwrap_or(english)
    }

    /// Step `step` (from 1) of an exercise's hints.
    pub fn hint<'a>(&'a self, slug: &str, step: usize, english: &'a str) -> &'a str {
        self.or_english(Some(&hint_context(slug, step)), english.trim())
    }

    /// Translates every page of `book`, its `<summary>` lines, and its
    /// alerts (`> [!NOTE]`), which the translation writes back escaped.
    pub fn book(&self, book: &mut mdbook_driver::book::Book) -> anyhow::Result<()> {
        mdbook_i18n_helpers::gettext::translate_book(&self.catalog, book)?;
        book.for_each_chapter_mut(|chapter| {
            let content = chapter
                .content
                .lines()
                .map(|line| match summary_text(line) {
                    Some(text) => format!("<summary>{}</summary>", self.or_english(None, text)),
                    None => line.to_string(),
                })
                .collect::<Vec<_>>()
                .join("\n");
            chapter.content = unescape_alerts(&content);
            // The breadcrumbs of the search results name the parents.
            for name in &mut chapter.parent_names {
                *name = self.or_english(None, name).to_string();
            }
        });
        Ok(())
    }

    /// Translates the alerts' titles in the built pages under `dest`, which
    /// mdBook writes in English.
    pub fn alert_titles(&self, dest: &Path) -> anyhow::Result<()> {
        let titles: Vec<(String, String)> = words::ALERTS
            .iter()
            .filter_map(|english| {
                let translated = self.get(Some(BOOK), english)?;
                Some((format!("</svg>{english}</p>"), format!("</svg>{translated}</p>")))
            })
            .collect();
        for page in files_under(dest)
            .into_iter()
            .filter(|page| page.extension().is_some_and(|ext| ext == "html"))
        {
            let html = std::fs::read_to_string(&page)?;
            let mut translated = html.clone();
            for (english, title) in &titles {
                translated = translated.replace(english, title);
            }
            if translated != html {
                std::fs::write(&page, translated)?;
            }
        }
        Ok(())
    }

    /// The book's script of labels for this language, from the English
    /// `labels`.
    pub fn labels_script(&self, mut labels: serde_json::Map<String, serde_json::Value>) -> anyhow::Result<String> {
        for value in labels.values_mut() {
            if let Some(english) = value.as_str() {
                *value = self.or_english(Some(LIVE_BOX), english).into();
            }
        }
        Ok(format!(
            "// The live box's words in this edition, written from {}.\nwindow.WORKBOOK_LABELS = {};\n",
            Path::new(CATALOGS_DIR)
                .join(format!("{}.po", self.language.code()))
                .display(),
            serde_json::to_string_pretty(&labels)?
        ))
    }
}

/// Indexes the search of a built edition for its own alphabet. mdBook's
/// index keeps only ASCII letters and digits in a word, so a Russian word is
/// never found; this rebuilds the index from the pages the index stores,
/// keeping every letter, with no English stemming or stop words.
///
/// A query is trimmed by the trimmer the index names, so the index's script
/// registers one that keeps every letter ([`UNICODE_TRIMMER`]): mdBook loads
/// that script before it loads the index, whatever else the page is doing.
pub fn reindex_search(dest: &Path) -> anyhow::Result<()> {
    const PREFIX: &str = "window.search = Object.assign(window.search, JSON.parse('";
    const SUFFIX: &str = "'));";
    for path in files_under(dest).into_iter().filter(|path| {
        path.file_name()
            .and_then(|name| name.to_str())
            .is_some_and(|name| name.starts_with("searchindex") && name.ends_with(".js"))
    }) {
        let script = std::fs::read_to_string(&path)?;
        let quoted = script
            .trim_end()
            .strip_prefix(PREFIX)
            .and_then(|rest| rest.strip_suffix(SUFFIX))
            .with_context(|| format!("{} is not the search index mdBook writes", path.display()))?;
        let mut json = String::with_capacity(quoted.len());
        let mut chars = quoted.chars();
        while let Some(c) = chars.next() {
            json.push(if c == '\\' { chars.next().unwrap_or(c) } else { c });
        }
        let mut search: serde_json::Value = serde_json::from_str(&json)?;
        let index = search
            .get_mut("index")
            .and_then(serde_json::Value::as_object_mut)
            .with_context(|| format!("{} has no index", path.display()))?;
        let fields: Vec<String> = index
            .get("fields")
            .and_then(serde_json::Value::as_array)
            .map(|fields| fields.iter().filter_map(|f| f.as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        let docs = index
            .get("documentStore")
            .and_then(|store| store.get("docs"))
            .and_then(serde_json::Value::as_object)
            .cloned()
            .unwrap_or_default();
        let mut tries: serde_json::Map<String, serde_json::Value> = serde_json::Map::new();
        let mut doc_info = serde_json::Map::new();
        for field in &fields {
            let mut root = serde_json::json!({"docs": {}, "df": 0});
            for (id, doc) in &docs {
                let text = doc.get(field).and_then(serde_json::Value::as_str).unwrap_or("");
                let words = search_words(text);
                doc_info.entry(id.clone()).or_insert_with(|| serde_json::json!({}))[field.as_str()] =
                    words.len().into();
                let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
                for word in &words {
                    *counts.entry(word).or_default() += 1;
                }
                for (word, count) in counts {
                    let mut node = &mut root;
                    for c in word.chars() {
                        // Indexing an object by a missing key inserts null.
                        let child = &mut node[c.to_string().as_str()];
                        if child.is_null() {
                            *child = serde_json::json!({"docs": {}, "df": 0});
                        }
                        node = child;
                    }
                    node["docs"][id.as_str()] = serde_json::json!({"tf": (count as f64).sqrt()});
                    node["df"] = (node["df"].as_u64().unwrap_or(0) + 1).into();
                }
            }
            tries.insert(field.clone(), serde_json::json!({"root": root}));
        }
        index.insert("index".into(), tries.into());
        index.insert("pipeline".into(), serde_json::json!(["trimmer"]));
        if let Some(store) = index
            .get_mut("documentStore")
            .and_then(serde_json::Value::as_object_mut)
        {
            store.insert("docInfo".into(), doc_info.into());
        }
        let json = serde_json::to_string(&search)?;
        std::fs::write(
            &path,
            format!(
                "{UNICODE_TRIMMER}{PREFIX}{}{SUFFIX}\n",
                json.replace('\\', "\\\\").replace('\'', "\\'")
            ),
        )?;
    }
    Ok(())
}

/// The first lines of a re-indexed edition's search script. mdBook's search
/// trims each word of a query with `/\W/`, which in JavaScript matches every
/// letter outside ASCII, so a Russian word was trimmed to nothing. This
/// trimmer, registered under the name the index gives, trims as
/// [`search_words`] does.
pub const UNICODE_TRIMMER: &str = r#"// Words are trimmed of what is not a letter, a digit or `_`, in any alphabet.
(function () {
  const trimmer = (token) => token.replace(/^[^\p{L}\p{N}_]+/u, "").replace(/[^\p{L}\p{N}_]+$/u, "");
  trimmer.label = "trimmer";
  window.elasticlunr.trimmer = trimmer;
  window.elasticlunr.Pipeline.registeredFunctions.trimmer = trimmer;
})();
"#;

/// The words of `text` as the search indexes them: split at spaces and
/// hyphens, lower case, trimmed of what is not a letter, a digit or `_`, at
/// most 80 characters (as mdBook's), none outside the Basic Multilingual
/// Plane (the script counts a word in UTF-16 units).
fn search_words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == '-')
        .map(|word| {
            word.to_lowercase()
                .trim_matches(|c: char| !c.is_alphanumeric() && c != '_')
                .to_string()
        })
        .filter(|word| !word.is_empty() && word.chars().count() <= 80 && word.chars().all(|c| (c as u32) < 0x10000))
        .collect()
}

/// Reads a catalog. polib panics on a header that lacks a field; that too
/// is an error here, which names the file.
fn read_catalog(path: &Path) -> anyhow::Result<Catalog> {
    // The fields polib needs in the header, checked first so that a missing
    // one is named rather than a panic.
    const HEADER: [&str; 9] = [
        "Project-Id-Version:",
        "POT-Creation-Date:",
        "PO-Revision-Date:",
        "Language-Team:",
        "MIME-Version:",
        "Content-Type:",
        "Content-Transfer-Encoding:",
        "Language:",
        "Plural-Forms:",
    ];
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let header = text.split("\n\n").next().unwrap_or("");
    if let Some(field) = HEADER.iter().find(|field| !header.contains(&format!("\"{field}"))) {
        anyhow::bail!(
            "cannot read {}: its header (the first entry, msgid \"\") lacks the field {field}",
            path.display()
        );
    }
    let parsed = std::panic::catch_unwind(|| polib::po_file::parse(path));
    match parsed {
        Ok(Ok(catalog)) => Ok(catalog),
        Ok(Err(error)) => Err(anyhow::anyhow!("cannot read {}: {error}", path.display())),
        Err(_) => Err(anyhow::anyhow!(
            "cannot read {}: its header (the first entry, msgid \"\") lacks a field",
            path.display()
        )),
    }
}

/// Puts alerts back as mdBook reads them: the translation writes
/// `> \[!NOTE\] text` on one line, and an alert's first line must be the
/// marker alone. A quote line left empty before the marker is dropped too.
pub fn unescape_alerts(content: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for line in content.lines() {
        let trimmed = line.trim_start();
        let alert = trimmed.strip_prefix('>').map(str::trim_start).and_then(|rest| {
            let rest = rest.strip_prefix("\\[!")?;
            let (kind, text) = rest.split_once("\\]")?;
            kind.chars()
                .all(|c| c.is_ascii_uppercase())
                .then_some((kind, text.trim_start()))
        });
        match alert {
            Some((kind, text)) => {
                if out.last().is_some_and(|last| last.trim() == ">") {
                    out.pop();
                }
                let indent = &line[..line.len() - trimmed.len()];
                out.push(format!("{indent}> [!{kind}]"));
                if !text.is_empty() {
                    out.push(format!("{indent}> {text}"));
                }
            }
            None => out.push(line.to_string()),
        }
    }
    let mut joined = out.join("\n");
    if content.ends_with('\n') {
        joined.push('\n');
    }
    joined
}

/// Brings a catalog up to date with the course's messages: translations of
/// messages still there are kept; a new message comes in untranslated, or
/// fuzzy with the old translation when it replaces a message gone from the
/// same place; messages gone are dropped. Returns what changed.
pub fn merge(course: &Course, language: Language) -> anyhow::Result<MergeReport> {
    let path = language.catalog(&course.root);
    let mut report = MergeReport::default();
    let old = if path.exists() {
        read_catalog(&path)?
    } else {
        Catalog::new(CatalogMetadata::new())
    };
    type Key = (Option<String>, String);
    let current = messages(course)?;
    let wanted: std::collections::HashSet<Key> = current
        .iter()
        .map(|message| (message.context.clone(), message.english.clone()))
        .collect();
    let mut kept: HashMap<Key, (String, bool)> = HashMap::new();
    // The translations of messages that are gone, by where they were: a
    // message now in the same place most likely replaces one of them.
    // (A line that holds several messages, a table's row, suggests none.)
    let mut gone_by_source: HashMap<(String, String), Option<String>> = HashMap::new();
    for message in old.messages() {
        let Ok(msgstr) = message.msgstr() else { continue };
        let context = (!message.msgctxt().is_empty()).then(|| message.msgctxt().to_string());
        let key = (context, message.msgid().to_string());
        if !wanted.contains(&key) {
            if !msgstr.is_empty() {
                for source in message.source().split_whitespace() {
                    gone_by_source
                        .entry((message.msgctxt().to_string(), source.to_string()))
                        .and_modify(|suggestion| *suggestion = None)
                        .or_insert_with(|| Some(msgstr.to_string()));
                }
            }
            report.removed += 1;
            continue;
        }
        kept.insert(key, (msgstr.to_string(), message.is_fuzzy()));
    }
    let mut metadata = CatalogMetadata::parse(&old.metadata.export_for_po()).unwrap_or_default();
    metadata.language = language.code().into();
    metadata.content_type = "text/plain; charset=UTF-8".into();
    metadata.content_transfer_encoding = "8bit".into();
    metadata.mime_version = "1.0".into();
    let mut catalog = Catalog::new(metadata);
    let mut new_by_source: HashMap<(String, String), usize> = HashMap::new();
    for message in &current {
        if !kept.contains_key(&(message.context.clone(), message.english.clone())) {
            *new_by_source
                .entry((message.context.clone().unwrap_or_default(), message.source.clone()))
                .or_default() += 1;
        }
    }
    for message in current {
        let key = (message.context.clone(), message.english.clone());
        let place = (message.context.clone().unwrap_or_default(), message.source.clone());
        let suggestion = match new_by_source.get(&place) {
            Some(1) => gone_by_source.get(&place).cloned().flatten(),
            _ => None,
        };
        let mut builder = PoMessage::build_singular();
        builder
            .with_msgid(message.english.clone())
            .with_source(message.source.clone());
        if let Some(context) = &message.context {
            builder.with_msgctxt(context.clone());
        }
        match kept.remove(&key) {
            Some((msgstr, fuzzy)) if !msgstr.is_empty() => {
                builder.with_msgstr(msgstr);
                if fuzzy {
                    builder.with_flags(fuzzy_flag());
                }
            }
            _ if language == Language::Ru && !has_words(&message.english) => {
                // A number alone: written the Russian way, nothing to ask.
                builder.with_msgstr(russian_numbers(&message.english));
            }
            _ => match suggestion {
                Some(previous) => {
                    builder.with_msgstr(previous).with_flags(fuzzy_flag());
                    report.changed.push(message.source.clone());
                }
                None => {
                    builder.with_msgstr(String::new());
                    report.untranslated.push(message.source.clone());
                }
            },
        }
        catalog.append_or_update(builder.done());
    }
    polib::po_file::write(&catalog, &path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(report)
}

/// What is wrong with a catalog, each as a line that names the message.
#[derive(Debug, Default)]
pub struct Audit {
    /// Messages with no translation.
    pub untranslated: Vec<String>,
    /// Messages marked fuzzy: a translation to check.
    pub fuzzy: Vec<String>,
    /// English messages of the course that the catalog does not have (new,
    /// or changed since the translation).
    pub missing: Vec<String>,
    /// Messages of the catalog that the course no longer has.
    pub stale: Vec<String>,
    /// Translations that lost or changed their code spans, links or the
    /// marks that start them.
    pub markup: Vec<String>,
}

impl Audit {
    pub fn is_clean(&self) -> bool {
        self.untranslated.is_empty()
            && self.fuzzy.is_empty()
            && self.missing.is_empty()
            && self.stale.is_empty()
            && self.markup.is_empty()
    }
}

/// Reads the catalog of `language` against the course's messages now.
pub fn audit(course: &Course, language: Language) -> anyhow::Result<Audit> {
    let path = language.catalog(&course.root);
    let catalog = read_catalog(&path)?;
    let mut audit = Audit::default();
    let name = |source: &str, context: &str, english: &str| {
        let short: String = english.chars().take(90).collect();
        let ellipsis = if short.len() < english.len() { "…" } else { "" };
        match context {
            "" => format!("{source}: {short:?}{ellipsis}"),
            context => format!("{source} [{context}]: {short:?}{ellipsis}"),
        }
    };
    let current = messages(course)?;
    let wanted: std::collections::HashSet<(String, String)> = current
        .iter()
        .map(|m| (m.context.clone().unwrap_or_default(), m.english.clone()))
        .collect();
    for message in catalog.messages() {
        let (context, english) = (message.msgctxt(), message.msgid());
        let line = name(message.source(), context, english);
        if !wanted.contains(&(context.to_string(), english.to_string())) {
            audit.stale.push(line);
            continue;
        }
        let translated = message.msgstr().unwrap_or_default();
        if translated.trim().is_empty() {
            audit.untranslated.push(line);
        } else if message.is_fuzzy() {
            audit.fuzzy.push(line);
        } else if let Some(problem) = markup_problem(english, translated) {
            audit.markup.push(format!("{line}: {problem}"));
        }
    }
    for message in &current {
        if catalog
            .find_message(message.context.as_deref(), &message.english, None)
            .is_none()
        {
            audit.missing.push(name(
                &message.source,
                message.context.as_deref().unwrap_or(""),
                &message.english,
            ));
        }
    }
    Ok(audit)
}

/// What a translation changed that it must keep: the code spans, the link
/// targets, the mark that starts it (an alert, a comment's `#`) and a
/// final newline.
pub fn markup_problem(english: &str, translated: &str) -> Option<String> {
    let spans = |text: &str| -> std::collections::BTreeSet<String> {
        let mut found = std::collections::BTreeSet::new();
        let mut rest = text;
        while let Some(start) = rest.find('`') {
            let ticks = rest[start..].chars().take_while(|&c| c == '`').count();
            let fence = &rest[start..start + ticks];
            let Some(end) = rest[start + ticks..].find(fence) else {
                break;
            };
            found.insert(rest[start + ticks..start + ticks + end].to_string());
            rest = &rest[start + ticks + end + ticks..];
        }
        found
    };
    let targets = |text: &str| -> Vec<String> {
        let mut found: Vec<String> = text
            .match_indices("](")
            .filter_map(|(at, _)| text[at + 2..].split([')', ' ']).next().map(str::to_string))
            .collect();
        found.sort();
        found
    };
    let (ours, theirs) = (spans(english), spans(translated));
    if ours != theirs {
        let lost: Vec<_> = ours.difference(&theirs).collect();
        let added: Vec<_> = theirs.difference(&ours).collect();
        return Some(format!("code differs: lost {lost:?}, added {added:?}"));
    }
    let placeholders = |text: &str| -> std::collections::BTreeSet<String> {
        let outside = outside_code(text);
        outside
            .match_indices('{')
            .filter_map(|(at, _)| {
                let name: String = outside[at + 1..]
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                    .collect();
                (!name.is_empty() && outside[at + 1 + name.len()..].starts_with('}')).then_some(name)
            })
            .collect()
    };
    if placeholders(english) != placeholders(translated) {
        return Some(format!(
            "placeholders differ: {:?} became {:?}",
            placeholders(english),
            placeholders(translated)
        ));
    }
    if targets(english) != targets(translated) {
        return Some(format!(
            "links differ: {:?} became {:?}",
            targets(english),
            targets(translated)
        ));
    }
    for mark in ["\\[!", "#", "//", "--"] {
        if english.starts_with(mark) && !translated.starts_with(mark) {
            return Some(format!("it must start with {mark:?}, as the English does"));
        }
    }
    if english.ends_with('\n') != translated.ends_with('\n') {
        return Some("it must end with a newline exactly when the English does".into());
    }
    None
}

fn fuzzy_flag() -> polib::message::MessageFlags {
    let mut flags = polib::message::MessageFlags::new();
    flags.add_flag("fuzzy");
    flags
}

/// What [`merge`] changed, and what is left to translate.
#[derive(Debug, Default)]
pub struct MergeReport {
    /// Messages with no translation yet, by source.
    pub untranslated: Vec<String>,
    /// Messages whose English changed: marked fuzzy, with the old translation.
    pub changed: Vec<String>,
    /// Messages no longer in the course, dropped.
    pub removed: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_stays_and_comments_are_translated() {
        let page = "# Title\n\nSome `code` here.\n\n| a | b |\n|---|---|\n| `x()` | words |\n\n\
                    ```python\nx = f(\"string\")\ny = 1  # a comment\n```\n\n```rust,ignore\n{{#include a.rs}}\n```\n\n\
                    ```text\nerror: \"quoted\" // output\n```\n\n<details>\n<summary>Show the solution</summary>\n";
        let messages: Vec<String> = page_messages(page).unwrap().into_iter().map(|(_, m)| m).collect();
        assert_eq!(
            messages,
            [
                "Title",
                "Some `code` here.",
                "a",
                "b",
                "words",
                "# a comment\n",
                "Show the solution"
            ]
        );
    }

    #[test]
    fn numbers_alone_are_written_the_russian_way() {
        assert!(!has_words("3,567") && has_separators("3,567"));
        assert!(!has_separators("3") && !has_separators("a, b") && !has_separators("`127.0.0.1`"));
        assert_eq!(
            russian_numbers("1,419,000 and 7.25, 3"),
            "1\u{a0}419\u{a0}000 and 7,25, 3"
        );
    }

    #[test]
    fn search_words_keep_every_alphabet() {
        assert_eq!(
            search_words("«Транзакция» — commit(), SQL-инъекция; `tx`"),
            ["транзакция", "commit", "sql", "инъекция", "tx"]
        );
    }

    #[test]
    fn a_translation_keeps_code_links_and_placeholders() {
        assert_eq!(
            markup_problem(
                "Run `x` [here](a.md) for {slug}",
                "Запустите `x` [здесь](a.md) для {slug}"
            ),
            None
        );
        assert!(markup_problem("Run `x`", "Запустите x").is_some());
        assert!(markup_problem("[here](a.md)", "[здесь](b.md)").is_some());
        assert!(markup_problem("step {next} of {total}", "шаг {next} из {всего}").is_some());
        assert!(markup_problem("# a comment\n", "# комментарий").is_some());
    }

    #[test]
    fn alerts_come_back_unescaped() {
        let translated = "text\n\n > \\[!IMPORTANT\\] «Все изменения»\n\n > \n > \\[!NOTE\\] Второе\n";
        assert_eq!(
            unescape_alerts(translated),
            "text\n\n > [!IMPORTANT]\n > «Все изменения»\n\n > [!NOTE]\n > Второе\n"
        );
    }
}
