//! Every compile-fail lesson of the book, proven to fail the way the book says.
//!
//! Each case is `tests/<chapter>/<exercise>/compile-fail/<case>.rs`, listed
//! as an example of this crate, and its expected compiler output is the
//! `.stderr` file beside it, which the book includes. Each case is built
//! alone, in the workspace's target folder and with the packages the root
//! `cargo test` selects, so that its dependencies are the ones that test
//! built, with the same features. What the compiler says is
//! written as the book shows it: paths from the workspace or the registry,
//! no line numbers. To re-bless after a toolchain update:
//! `WORKBOOK_BLESS=1 cargo test -p compile-fail-lessons`, then read every
//! changed `.stderr`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the workspace root")
}

/// Every case on disk, by example name, with its path.
fn cases() -> Vec<(String, PathBuf)> {
    let mut cases = Vec::new();
    let tests = workspace().join("tests");
    for chapter in std::fs::read_dir(&tests).expect("tests/ reads").flatten() {
        for exercise in std::fs::read_dir(chapter.path()).into_iter().flatten().flatten() {
            let folder = exercise.path().join("compile-fail");
            for file in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
                let path = file.path();
                if path.extension().is_some_and(|ext| ext == "rs") {
                    let name = path.file_stem().expect("a name").to_string_lossy().into_owned();
                    cases.push((name, path));
                }
            }
        }
    }
    cases.sort();
    cases
}

/// Each message the compiler gives when it builds the case, as rendered
/// for a terminal; `None` if the case compiles.
fn compile(name: &str) -> Option<Vec<String>> {
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(workspace())
        // No `--package`: the root `cargo test`'s selection, so that the
        // dependencies get its features and are not built a second time.
        .args(["build", "--quiet", "--features", "compile-fail-lessons/lesson"])
        .args(["--example", name, "--message-format", "json"])
        .stderr(Stdio::null())
        .output()
        .expect("cargo runs");
    if output.status.success() {
        return None;
    }
    let mut rendered = Vec::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let of_this_case = message["target"]["name"] == name;
        if message["reason"] == "compiler-message" && of_this_case {
            rendered.push(message["message"]["rendered"].as_str().unwrap_or_default().to_string());
        }
    }
    Some(rendered)
}

/// The compiler's words as the book shows them: paths from `$WORKSPACE` or
/// `$CARGO/<crate>-$VERSION`, no line or column numbers, the margin one
/// digit wide, and no closing summary.
fn normalize(rendered: &str, workspace: &Path) -> String {
    let workspace = workspace.to_string_lossy();
    // The margin: the spaces before ` --> `, one more than the widest line number.
    let width = rendered
        .lines()
        .find_map(|line| line.find("--> ").filter(|at| line[..*at].trim().is_empty()))
        .unwrap_or(1);
    let mut out = Vec::new();
    for line in rendered.lines() {
        if line.starts_with("error: aborting due to")
            || line.starts_with("For more information about")
            || line.starts_with("Some errors have detailed explanations")
        {
            continue;
        }
        let margin = line.get(..width + 1).unwrap_or(line);
        let is_margin = margin.chars().all(|c| c.is_ascii_digit() || c == ' ');
        let line = if is_margin && line.len() > width + 1 {
            format!("{}{}", &" ".repeat(2)[..2.min(margin.len())], &line[width + 1..])
        } else if is_margin && line.trim().is_empty() {
            String::new()
        } else {
            line.to_string()
        };
        let line = match line.split_once("--> ") {
            Some((before, path)) if before.trim().is_empty() => format!(" --> {}", path_of(path, &workspace)),
            _ => line,
        };
        out.push(line.trim_end().to_string());
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out.join("\n") + "\n"
}

/// A `-->` location without its line and column, from `$WORKSPACE` or
/// `$CARGO/<crate>-$VERSION`.
fn path_of(location: &str, workspace: &str) -> String {
    let mut path = location.trim();
    for _ in 0..2 {
        if let Some((rest, number)) = path.rsplit_once(':')
            && number.chars().all(|c| c.is_ascii_digit())
        {
            path = rest;
        }
    }
    let path = &without_dot_dots(path);
    if let Some(relative) = path.strip_prefix(workspace) {
        return format!("$WORKSPACE{relative}");
    }
    if let Some((_, after)) = path.split_once("/registry/src/")
        && let Some((_, crate_path)) = after.split_once('/')
        && let Some((crate_version, rest)) = crate_path.split_once('/')
        && let Some(dash) = crate_version.rfind(|c: char| c == '-')
    {
        return format!("$CARGO/{}-$VERSION/{rest}", &crate_version[..dash]);
    }
    // The standard library, as rustc names it: /rustc/<commit>/library/…
    if let Some(after) = path.strip_prefix("/rustc/")
        && let Some((_, rest)) = after.split_once('/')
    {
        return format!("$RUST/{rest}");
    }
    if path.starts_with('/') {
        path.to_string()
    } else {
        format!("$WORKSPACE/{path}")
    }
}

/// `a/b/../c` as `a/c`.
fn without_dot_dots(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        if part == ".." && parts.last().is_some_and(|last| !last.is_empty() && *last != "..") {
            parts.pop();
        } else {
            parts.push(part);
        }
    }
    parts.join("/")
}

#[test]
fn every_case_is_an_example_of_this_crate() {
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).expect("the manifest reads");
    for (name, path) in cases() {
        let relative = path.strip_prefix(workspace().join("tests")).expect("under tests/");
        let entry = format!("name = \"{name}\"\npath = \"../{}\"", relative.display());
        assert!(
            manifest.contains(&entry),
            "{} is not a case yet: add to tests/compile-fail/Cargo.toml\n\n[[example]]\n{entry}\nrequired-features = [\"lesson\"]\n",
            path.display()
        );
    }
}

#[test]
fn compile_fail_lessons() {
    let bless = std::env::var_os("WORKBOOK_BLESS").is_some();
    let mut problems = Vec::new();
    for (name, path) in cases() {
        let expected_path = path.with_extension("stderr");
        let Some(rendered) = compile(&name) else {
            problems.push(format!("{} compiles, but the book says it does not", path.display()));
            continue;
        };
        // Each message has a margin of its own width: normalized one by one.
        let actual: String = rendered
            .iter()
            .map(|message| normalize(message, &workspace()))
            .filter(|message| !message.trim().is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if actual != expected {
            if bless {
                std::fs::write(&expected_path, &actual).expect("the .stderr is written");
            } else {
                problems.push(format!(
                    "{} fails differently from {}:\n--- expected\n{expected}\n--- actual\n{actual}",
                    path.display(),
                    expected_path.display()
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{}\n(to re-bless: WORKBOOK_BLESS=1 cargo test -p compile-fail-lessons)",
        problems.join("\n\n")
    );
}
