//! The runner survives what a learner's code can do: fail, panic, hang,
//! crash, or not compile. Each case is reported, never fatal.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use workbook::check::{self, CheckTarget, Options, Selection, Verdict};

fn options(timeout: Duration) -> Options {
    Options {
        timeout,
        color: false,
        show_progress: false,
    }
}

/// An executable shell script standing in for a check binary. Asked for
/// its list of tests (`--list`), it names one test, `x`.
///
/// A child process writes it: had this process held the file open for
/// writing, a test on another thread could fork meanwhile, and its child
/// would hold the file open too, so running the script would fail with
/// "text file busy".
fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    let list = "if [ \"$1\" = --list ]; then echo 'x: test'; exit 0; fi";
    let status = std::process::Command::new("sh")
        .args(["-c", r#"printf '%s' "$1" > "$0" && chmod 755 "$0""#])
        .arg(&path)
        .arg(format!("#!/bin/sh\n{list}\n{body}\n"))
        .status()
        .expect("sh runs");
    assert!(status.success(), "script {name} written");
    path
}

#[test]
fn a_passing_check_is_passed() {
    let dir = tempfile::tempdir().expect("a folder");
    let exe = script(
        dir.path(),
        "pass",
        "echo 'test x ... ok'; echo 'test result: ok. 1 passed; 0 failed'",
    );
    let outcome = check::run_binary(&exe, dir.path(), &options(Duration::from_secs(10))).expect("it runs");
    assert_eq!(outcome.verdict, Verdict::Passed);
    assert_eq!(outcome.output, "test x ... ok\ntest result: ok. 1 passed; 0 failed");
}

#[test]
fn an_exit_code_of_zero_is_not_a_pass_without_the_harness_report() {
    let dir = tempfile::tempdir().expect("a folder");
    for (name, body) in [
        ("early-exit", "echo 'running 1 test'; exit 0"),
        ("no-test-passed", "echo 'test result: ok. 0 passed; 0 failed'"),
        (
            "other-test",
            "echo 'test y ... ok'; echo 'test result: ok. 1 passed; 0 failed'",
        ),
    ] {
        let exe = script(dir.path(), name, body);
        let outcome = check::run_binary(&exe, dir.path(), &options(Duration::from_secs(10))).expect("it runs");
        assert_eq!(outcome.verdict, Verdict::Failed, "{name}: {}", outcome.output);
        assert!(
            outcome.output.contains("without reporting every test"),
            "{name}: {}",
            outcome.output
        );
    }
}

#[test]
fn an_endless_output_is_cut_to_its_end() {
    let dir = tempfile::tempdir().expect("a folder");
    let exe = script(
        dir.path(),
        "chatty",
        "yes 'a line of noise' | head -c 50000000; echo 'the last words'; exit 1",
    );
    let outcome = check::run_binary(&exe, dir.path(), &options(Duration::from_secs(30))).expect("it runs");
    assert_eq!(outcome.verdict, Verdict::Failed);
    assert!(
        outcome.output.len() <= check::OUTPUT_CAP + 200,
        "{} bytes kept",
        outcome.output.len()
    );
    assert!(
        outcome.output.starts_with("[… the first "),
        "{}",
        &outcome.output[..100]
    );
    assert!(outcome.output.ends_with("the last words"), "the end is kept");
}

#[test]
fn a_crash_outside_any_test_keeps_its_own_message() {
    let dir = tempfile::tempdir().expect("a folder");
    let exe = script(
        dir.path(),
        "abort",
        "echo 'running 1 test'; echo 'memory allocation of 1099511627776 bytes failed' >&2; kill -ABRT $$",
    );
    let outcome = check::run_binary(&exe, dir.path(), &options(Duration::from_secs(10))).expect("it runs");
    assert_eq!(outcome.verdict, Verdict::Failed);
    assert!(outcome.output.contains("memory allocation"), "{}", outcome.output);
    assert!(outcome.output.contains("crashed"), "{}", outcome.output);
}

#[test]
fn a_failing_check_keeps_its_output_in_order() {
    let dir = tempfile::tempdir().expect("a folder");
    let exe = script(
        dir.path(),
        "fail",
        "echo 'test x ... FAILED'; echo; echo 'failures:'; echo; echo '---- x stdout ----'; \
         echo 'not yet implemented: count the users' >&2; echo; echo 'failures:'; echo '    x'; \
         echo 'test result: FAILED. 0 passed; 1 failed'; exit 101",
    );
    let outcome = check::run_binary(&exe, dir.path(), &options(Duration::from_secs(10))).expect("it runs");
    assert_eq!(outcome.verdict, Verdict::Failed);
    assert_eq!(
        outcome.output,
        "test x ... FAILED\n\nfailures:\n\n---- x stdout ----\nnot yet implemented: count the users\n\ntest result: FAILED. 0 passed; 1 failed"
    );
}

#[test]
fn a_hanging_check_is_stopped_and_reported() {
    let dir = tempfile::tempdir().expect("a folder");
    let exe = script(dir.path(), "hang", "echo 'running 1 test'; exec sleep 30");
    let started = Instant::now();
    let outcome = check::run_binary(&exe, dir.path(), &options(Duration::from_millis(300))).expect("it runs");
    assert_eq!(outcome.verdict, Verdict::TimedOut);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "the check was stopped at its timeout"
    );
    assert!(outcome.output.contains("was stopped after"), "{}", outcome.output);
}

#[test]
fn a_crashing_check_is_a_failure_that_says_so() {
    let dir = tempfile::tempdir().expect("a folder");
    let exe = script(dir.path(), "crash", "kill -SEGV $$");
    let outcome = check::run_binary(&exe, dir.path(), &options(Duration::from_secs(10))).expect("it runs");
    assert_eq!(outcome.verdict, Verdict::Failed);
    assert!(outcome.output.contains("crashed"), "{}", outcome.output);
}

#[test]
fn code_that_does_not_compile_is_reported_with_the_compilers_errors() {
    let dir = tempfile::tempdir().expect("a folder");
    let root = dir.path();
    std::fs::create_dir_all(root.join("src")).expect("folders");
    std::fs::write(
        root.join("Cargo.toml"),
        "[package]\nname = \"broken\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n\
         [[test]]\nname = \"check\"\npath = \"check.rs\"\n\n[workspace]\n",
    )
    .expect("manifest");
    std::fs::write(root.join("src/lib.rs"), "pub fn answer() -> u32 { \"forty-two\" }\n").expect("source");
    std::fs::write(
        root.join("check.rs"),
        "#[test]\nfn answers() { assert_eq!(broken::answer(), 42); }\n",
    )
    .expect("check");

    let build = check::cargo_build(
        root,
        Selection::Checks {
            checks: &[CheckTarget {
                package: "broken",
                test: "check",
                dir: Path::new(""),
            }],
            shared_dependencies: None,
        },
        &options(Duration::from_secs(10)),
    )
    .expect("cargo runs");
    assert!(!build.success);
    assert!(build.executables.is_empty());
    let errors = build
        .errors
        .get(Path::new(""))
        .unwrap_or_else(|| panic!("no errors in {:?}: {}", build.errors, build.stderr));
    assert!(errors.contains("error[E0308]: mismatched types"), "{errors}");
}

/// A workspace of tiny crates, each with a `check` test, in `root`.
fn workspace(root: &Path, crates: &[(&str, &str)]) {
    let members: Vec<String> = crates.iter().map(|(name, _)| format!("{name:?}")).collect();
    std::fs::write(
        root.join("Cargo.toml"),
        format!("[workspace]\nresolver = \"3\"\nmembers = [{}]\n", members.join(", ")),
    )
    .expect("workspace manifest");
    for (name, source) in crates {
        let dir = root.join(name);
        std::fs::create_dir_all(dir.join("src")).expect("folders");
        std::fs::write(
            dir.join("Cargo.toml"),
            format!(
                "[package]\nname = {name:?}\nversion = \"0.1.0\"\nedition = \"2024\"\n\n\
                 [[test]]\nname = \"check\"\npath = \"check.rs\"\n"
            ),
        )
        .expect("manifest");
        std::fs::write(dir.join("src/lib.rs"), source).expect("source");
        std::fs::write(dir.join("check.rs"), "#[test]\nfn runs() {}\n").expect("check");
    }
}

#[test]
fn one_exercise_that_does_not_compile_never_stands_for_the_others() {
    let dir = tempfile::tempdir().expect("a folder");
    let root = dir.path();
    workspace(
        root,
        &[
            ("broken", "pub fn f() -> u32 { \"x\" }\n"),
            ("fine", "pub fn f() -> u32 { 1 }\n"),
        ],
    );
    // A slow build script holds `fine` back until `broken` has failed, as a
    // big crate would: cargo then stops without building `fine`'s check.
    let slow = "fn main() { std::thread::sleep(std::time::Duration::from_secs(2)); }\n";
    std::fs::write(root.join("fine/build.rs"), slow).expect("build script");
    let checks = [
        CheckTarget {
            package: "broken",
            test: "check",
            dir: Path::new("broken"),
        },
        CheckTarget {
            package: "fine",
            test: "check",
            dir: Path::new("fine"),
        },
    ];
    let build = check::build(root, &checks, None, &options(Duration::from_secs(10))).expect("cargo runs");
    assert!(
        build.errors.contains_key(Path::new("broken")),
        "{:?}",
        build.errors.keys()
    );
    assert!(
        build
            .executables
            .contains_key(&(PathBuf::from("fine"), "check".to_string())),
        "the crate that compiles is built and checked: {:?}",
        build.executables.keys()
    );
}

#[test]
fn a_taken_port_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let port = taken.local_addr().expect("an address").port();
    let dir = tempfile::tempdir().expect("a folder");
    let course =
        workbook::Course::load(Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("root")).expect("the course");
    let error = match workbook::live::Server::start(
        course,
        dir.path().to_path_buf(),
        port,
        workbook::translation::Language::En,
    ) {
        Ok(_) => panic!("port {port} is taken, so the server must not start"),
        Err(error) => error.to_string(),
    };
    assert!(error.contains(&format!("port {port} is already in use")), "{error}");
    assert!(error.contains("--port"), "{error}");
}

/// The status line of a raw request to the live book with these headers.
fn status_line(address: std::net::SocketAddr, headers: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(address).expect("the server answers");
    write!(
        stream,
        "GET /api/status/first-check HTTP/1.1\r\n{headers}Connection: close\r\n\r\n"
    )
    .expect("sent");
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer.lines().next().unwrap_or_default().to_string()
}

#[test]
fn the_live_book_answers_only_requests_addressed_to_it() {
    let dir = tempfile::tempdir().expect("a folder");
    let course =
        workbook::Course::load(Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("root")).expect("the course");
    let server =
        workbook::live::Server::start(course, dir.path().to_path_buf(), 0, workbook::translation::Language::En)
            .expect("the server starts");
    let address = server.address();
    let port = address.port();
    let own = format!("Host: 127.0.0.1:{port}\r\n");
    assert!(status_line(address, &own).contains(" 200 "), "its own address");
    assert!(
        status_line(address, &format!("Host: localhost:{port}\r\n")).contains(" 200 "),
        "localhost"
    );
    for (what, headers) in [
        ("another name (DNS rebinding)", format!("Host: evil.example:{port}\r\n")),
        ("no Host at all", String::new()),
        (
            "a page of another site",
            format!("{own}Origin: http://evil.example:{port}\r\n"),
        ),
    ] {
        assert!(status_line(address, &headers).contains(" 403 "), "{what} is refused");
    }
}

/// A workspace where `with-extra` turns on a feature of `dep` that `plain`
/// does not, and `shared` depends on `dep` with it, as course-deps does.
fn workspace_with_features(root: &Path) {
    std::fs::write(
        root.join("Cargo.toml"),
        "[workspace]\nresolver = \"3\"\nmembers = [\"dep\", \"plain\", \"with-extra\", \"shared\"]\n",
    )
    .expect("workspace manifest");
    let package = |name: &str, rest: &str| {
        let dir = root.join(name);
        std::fs::create_dir_all(dir.join("src")).expect("folders");
        std::fs::write(
            dir.join("Cargo.toml"),
            format!("[package]\nname = {name:?}\nversion = \"0.1.0\"\nedition = \"2024\"\n\n{rest}"),
        )
        .expect("manifest");
        std::fs::write(dir.join("src/lib.rs"), "").expect("source");
        std::fs::write(dir.join("check.rs"), "#[test]\nfn runs() {}\n").expect("check");
    };
    package("dep", "[features]\nextra = []\n");
    let check = "[[test]]\nname = \"check\"\npath = \"check.rs\"\n";
    package(
        "plain",
        &format!("[dependencies]\ndep = {{ path = \"../dep\" }}\n\n{check}"),
    );
    package(
        "with-extra",
        &format!("[dependencies]\ndep = {{ path = \"../dep\", features = [\"extra\"] }}\n\n{check}"),
    );
    package(
        "shared",
        "[dependencies]\ndep = { path = \"../dep\", features = [\"extra\"] }\n",
    );
}

/// How many builds of the library `name` the target folder holds.
fn builds_of(root: &Path, name: &str) -> usize {
    let deps = root.join("target/debug/deps");
    std::fs::read_dir(deps)
        .expect("a target folder")
        .flatten()
        .filter(|file| {
            let file = file.file_name().to_string_lossy().into_owned();
            file.starts_with(&format!("lib{name}-")) && file.ends_with(".rlib")
        })
        .count()
}

#[test]
fn with_the_shared_dependencies_every_check_gets_one_build_of_them() {
    for (shared, builds) in [(None, 2), (Some("shared"), 1)] {
        let dir = tempfile::tempdir().expect("a folder");
        let root = dir.path();
        workspace_with_features(root);
        for package in ["plain", "with-extra"] {
            let check = [CheckTarget {
                package,
                test: "check",
                dir: Path::new(package),
            }];
            let build = check::build(root, &check, shared, &options(Duration::from_secs(10))).expect("cargo runs");
            assert!(build.success, "{package}: {}", build.stderr);
            assert_eq!(build.executables.len(), 1, "{package}: its check and nothing else");
        }
        assert_eq!(
            builds_of(root, "dep"),
            builds,
            "builds of dep with shared dependencies {shared:?}"
        );
        assert_eq!(
            builds_of(root, "shared"),
            0,
            "the shared package's own library is never built"
        );
    }
}
