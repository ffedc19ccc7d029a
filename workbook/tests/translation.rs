//! The Russian edition, proved: its catalog translates every message of the
//! course as it is now (the book's pages, the live box, the hints), keeps
//! each message's code and links, and builds into a book whose every page is
//! in Russian. An English change that `po/ru.po` does not follow fails here,
//! naming the messages; `cargo workbook dev translations` merges it in.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use workbook::translation::{self, Language, Translation};
use workbook::{Course, book};

mod support;

fn course() -> Course {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace root");
    Course::load(root).expect("course.toml should load")
}

fn assert_none(what: &str, problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{what} ({}):\n- {}",
        problems.len(),
        problems.join("\n- ")
    );
}

#[test]
fn every_message_has_its_russian_translation() {
    let audit = translation::audit(&course(), Language::Ru).expect("po/ru.po should be readable");
    assert_none(
        "po/ru.po leaves messages untranslated: translate them",
        &audit.untranslated,
    );
    assert_none(
        "po/ru.po has fuzzy messages: check each translation against its English, then remove its `#, fuzzy` line",
        &audit.fuzzy,
    );
}

#[test]
fn the_catalog_follows_the_english_text() {
    let audit = translation::audit(&course(), Language::Ru).expect("po/ru.po should be readable");
    assert_none(
        "the English text has messages that po/ru.po lacks (new or changed): run `cargo workbook dev translations`, \
         then translate them",
        &audit.missing,
    );
    assert_none(
        "po/ru.po has messages that the English text no longer has: run `cargo workbook dev translations`",
        &audit.stale,
    );
}

#[test]
fn translations_keep_their_code_and_links() {
    let audit = translation::audit(&course(), Language::Ru).expect("po/ru.po should be readable");
    assert_none("translations that changed what must stay", &audit.markup);
}

#[test]
fn every_hint_has_its_russian_steps() {
    let course = course();
    let russian = Translation::load(&course.root, Language::Ru)
        .expect("po/ru.po should load")
        .expect("Russian has a catalog");
    let mut missing = Vec::new();
    for exercise in course.exercises() {
        for (at, hint) in exercise.hints.iter().enumerate() {
            let context = translation::hint_context(&exercise.slug, at + 1);
            match russian.get(Some(&context), hint.trim()) {
                Some(text) if text.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)) => {}
                _ => missing.push(format!("{} step {}", exercise.slug, at + 1)),
            }
        }
    }
    assert_none("hints without a Russian version", &missing);
}

#[test]
fn a_bad_catalog_is_an_error_that_names_it() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let po = Language::Ru.catalog(dir.path());
    std::fs::create_dir_all(po.parent().expect("po/")).expect("po/");
    std::fs::write(&po, "msgid \"unterminated\nmsgstr \"\"\n").expect("write");
    let error = Translation::load(dir.path(), Language::Ru).err().expect("an error");
    assert!(format!("{error:#}").contains("ru.po"), "{error:#}");
    // A header without a field polib needs: named, not a panic.
    std::fs::write(
        &po,
        "msgid \"\"\nmsgstr \"\"\n\"Language: ru\\n\"\n\nmsgid \"a\"\nmsgstr \"б\"\n",
    )
    .expect("write");
    let error = Translation::load(dir.path(), Language::Ru).err().expect("an error");
    assert!(
        format!("{error:#}").contains("lacks the field Project-Id-Version:"),
        "{error:#}"
    );
}

/// The pages of the table of contents, as built: `01-crud/index.html` …
fn pages(course: &Course) -> Vec<PathBuf> {
    let summary = std::fs::read_to_string(book::summary_path(&course.root)).expect("SUMMARY.md");
    summary
        .match_indices("](")
        .filter_map(|(at, _)| summary[at + 2..].split(')').next())
        .map(|page| PathBuf::from(page.replace(".md", ".html")))
        .collect()
}

/// The text of a page's `<main>`, tags removed.
fn main_text(html: &str) -> String {
    let main = html
        .split_once("<main>")
        .and_then(|(_, rest)| rest.split_once("</main>"))
        .map_or(html, |(main, _)| main);
    let mut text = String::new();
    let mut in_tag = false;
    for c in main.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// The `id`s of a page's headings, and the fragments its links name.
fn ids_and_fragments(html: &str) -> (BTreeSet<String>, Vec<(String, String)>) {
    let ids = html
        .match_indices(" id=\"")
        .filter_map(|(at, m)| html[at + m.len()..].split('"').next().map(str::to_string))
        .collect();
    let fragments = html
        .match_indices("href=\"")
        .filter_map(|(at, m)| html[at + m.len()..].split('"').next())
        .filter(|href| !href.starts_with("http") && !href.starts_with('#') && href.contains(".html#"))
        .filter_map(|href| href.split_once('#'))
        .map(|(page, fragment)| (page.to_string(), fragment.to_string()))
        .collect();
    (ids, fragments)
}

#[test]
fn the_russian_book_builds_every_page_in_russian() {
    let course = course();
    let dest = tempfile::tempdir().expect("a temporary folder");
    book::build(&course, dest.path(), book::Solutions::Earned).expect("both editions should build");
    let english = dest.path();
    let russian = book::edition_dir(english, Language::Ru);
    let mut problems = Vec::new();
    let count = |html: &str, what: &str| html.matches(what).count();
    for page in pages(&course) {
        let (Ok(en), Ok(ru)) = (
            std::fs::read_to_string(english.join(&page)),
            std::fs::read_to_string(russian.join(&page)),
        ) else {
            problems.push(format!(
                "{}: missing in one edition, so the language switch would lead nowhere",
                page.display()
            ));
            continue;
        };
        let name = page.display();
        if !ru.contains("<html lang=\"ru\"") {
            problems.push(format!("{name}: not marked as Russian"));
        }
        let text = main_text(&ru);
        let cyrillic = text.chars().filter(|c| ('\u{400}'..='\u{4ff}').contains(c)).count();
        let latin = text.chars().filter(char::is_ascii_alphabetic).count();
        if cyrillic == 0 {
            problems.push(format!("{name}: no Russian in it"));
        }
        // The code is the same in both editions, so compare the prose: a page
        // whose Latin letters outnumber the Cyrillic ones outside code lost
        // its translation.
        let code_free = |html: &str| {
            main_text(
                &html
                    .split("<pre")
                    .map(|part| part.split_once("</pre>").map_or(part, |(_, after)| after))
                    .collect::<String>(),
            )
        };
        let prose = code_free(&ru);
        let prose_cyrillic = prose.chars().filter(|c| ('\u{400}'..='\u{4ff}').contains(c)).count();
        let prose_latin = prose.chars().filter(char::is_ascii_alphabetic).count();
        if prose_latin > 2 * prose_cyrillic.max(1) {
            problems.push(format!(
                "{name}: mostly English outside its code ({prose_latin} Latin letters, {prose_cyrillic} Cyrillic; {latin}/{cyrillic} with code)"
            ));
        }
        for what in ["<pre", "blockquote-tag", "workbook-live", "workbook-locked", "<table"] {
            if count(&en, what) != count(&ru, what) {
                problems.push(format!(
                    "{name}: {} `{what}` in English, {} in Russian",
                    count(&en, what),
                    count(&ru, what)
                ));
            }
        }
        for leftover in ["\\[!", "</svg>Important</p>", "{{#"] {
            if ru.contains(leftover) {
                problems.push(format!("{name}: `{leftover}` left in the Russian page"));
            }
        }
        let (_, fragments) = ids_and_fragments(&ru);
        for (target, fragment) in fragments {
            let target_page = page.parent().unwrap_or(Path::new("")).join(&target);
            let ids = std::fs::read_to_string(russian.join(&target_page))
                .map(|html| ids_and_fragments(&html).0)
                .unwrap_or_default();
            if !ids.contains(&fragment) {
                problems.push(format!(
                    "{name}: its link to {target}#{fragment} names no heading there"
                ));
            }
        }
    }
    // mdBook names its scripts with a hash: theme/workbook-labels-1a2b3c4d.js.
    let labels: String = std::fs::read_dir(russian.join("theme"))
        .expect("the Russian book's theme folder")
        .flatten()
        .filter(|entry| entry.file_name().to_string_lossy().starts_with("workbook-labels"))
        .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
        .collect();
    // The search finds Russian words: mdBook's own index keeps only ASCII.
    let index: String = std::fs::read_dir(&russian)
        .expect("the Russian book")
        .flatten()
        .filter(|entry| entry.file_name().to_string_lossy().starts_with("searchindex"))
        .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
        .collect();
    for (wanted, what) in [
        ("\"pipeline\":[\"trimmer\"]", "no English stemming of Russian words"),
        ("\"т\":{", "words in Cyrillic indexed"),
        ("Модели и миграции » ", "breadcrumbs in Russian"),
    ] {
        if !index.contains(wanted) {
            problems.push(format!("the Russian search index: {what} (no `{wanted}`)"));
        }
    }
    // The query is trimmed as the words were, whenever the index loads: its
    // own script registers the trimmer first.
    if !index.starts_with(translation::UNICODE_TRIMMER) {
        problems.push("the Russian search index does not register its trimmer before the index".into());
    }
    if !labels.contains("Ваш прогресс") {
        problems.push(format!(
            "{}: the live box's words are not in Russian",
            translation::LABELS_FILE
        ));
    }
    assert_none("the Russian book", &problems);
}

#[test]
fn a_damaged_catalog_costs_its_edition_not_the_book() {
    let copy = support::CourseCopy::new();
    let catalog = Language::Ru.catalog(&copy.root);
    std::fs::write(&catalog, "msgid \"unterminated\nmsgstr \"\"\n").expect("a damaged catalog");
    let output = copy
        .workbook(&["book", "--no-serve"])
        .output()
        .expect("the runner runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "the English book still builds: {stdout}");
    assert!(
        stdout.contains("the Russian edition was not built") && stdout.contains("git checkout po/ru.po"),
        "the note names the edition, the catalog and the way back: {stdout}"
    );
    assert!(book::build_dir(&copy.root).join("index.html").is_file());

    // The hints asked for in Russian come in English, with the reason.
    let output = copy
        .workbook(&["hint", "first-check", "--lang", "ru"])
        .output()
        .expect("the runner runs");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    assert!(output.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("1/3. Start with the test"), "{stdout}");
    assert!(
        stderr.contains("note: the hints stay in English") && stderr.contains("po/ru.po"),
        "{stderr}"
    );
}

#[test]
fn hints_in_the_terminal_follow_the_language() {
    let copy = support::CourseCopy::new();
    let hint = |args: &[&str], lang: Option<&str>| {
        let mut command = copy.workbook(args);
        if let Some(lang) = lang {
            command.env("WORKBOOK_LANG", lang);
        }
        let output = command.output().expect("the runner runs");
        assert!(output.status.success(), "{output:?}");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let first = hint(&["hint", "first-check", "--lang", "ru"], None);
    assert!(
        first.contains("(Ваша первая проверка)") && first.contains("1/3. Начните с теста"),
        "{first}"
    );
    let second = hint(&["hint", "first-check"], Some("ru"));
    assert!(
        second.contains("2/3. ") && second.contains("`describe` —"),
        "WORKBOOK_LANG=ru: {second}"
    );
    let english = hint(&["hint", "first-check"], None);
    assert!(english.contains("3/3. `iter`, `map` and `collect`"), "{english}");
}

#[test]
fn an_english_change_is_merged_for_the_translator() {
    let copy = support::CourseCopy::new();
    let glossary = copy.root.join("book/src/glossary.md");
    let english = std::fs::read_to_string(&glossary).expect("the glossary");
    let changed = english
        .replace("each for one idea.", "each naming one idea.")
        .replace("| exercise | A crate to complete:", "| task | The crate to complete:");
    assert_ne!(changed, english);
    std::fs::write(&glossary, changed).expect("an English change");
    let output = copy
        .workbook(&["dev", "translations"])
        .output()
        .expect("the runner runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(
        stdout.contains("po/ru.po: 2 untranslated, 1 changed, 3 gone"),
        "{stdout}"
    );

    let course = Course::load(&copy.root).expect("the copy's course");
    let audit = translation::audit(&course, Language::Ru).expect("the merged catalog");
    // The paragraph changed in place: its old translation comes back fuzzy.
    assert_eq!(audit.fuzzy.len(), 1, "{:?}", audit.fuzzy);
    assert!(audit.fuzzy[0].contains("each naming one idea"), "{:?}", audit.fuzzy);
    let russian = Translation::load(&copy.root, Language::Ru)
        .expect("load")
        .expect("Russian");
    let paragraph = "The words this course uses, each naming one idea. The Russian edition gives each term with \
                     its English original, so that you can look it up in the documentation of the crates, which is \
                     in English.";
    assert!(course_has(&course, paragraph), "the paragraph as extracted");
    assert_eq!(russian.get(None, paragraph), None, "a fuzzy translation is not used");
    // Two cells of one table row: no guess which old cell became which.
    assert_eq!(audit.untranslated.len(), 2, "{:?}", audit.untranslated);
    assert!(audit.missing.is_empty() && audit.stale.is_empty(), "{audit:?}");
}

fn course_has(course: &Course, english: &str) -> bool {
    translation::messages(course)
        .expect("the messages")
        .iter()
        .any(|message| message.english == english)
}
