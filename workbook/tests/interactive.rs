//! The workbook driven as a person would: watch mode in a real terminal
//! (tmux), and the live book in a real browser (headless Chromium through
//! ChromeDriver). Each runs on a temporary copy of the course.
//!
//! Without tmux, or without Chromium and ChromeDriver, these tests skip with
//! one line. Set WORKBOOK_REQUIRE_INTERACTIVE=1 (CI does) to make a missing
//! tool a failure instead.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

mod support;

use support::{CourseCopy, FIRST, have, root};

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("a port")
        .local_addr()
        .expect("an address")
        .port()
}

/// Waits until `ready` holds for what `read` returns, or panics with it.
fn wait_for(what: &str, timeout: Duration, mut read: impl FnMut() -> String, ready: impl Fn(&str) -> bool) -> String {
    let started = Instant::now();
    loop {
        let seen = read();
        if ready(&seen) {
            return seen;
        }
        if started.elapsed() > timeout {
            panic!("timed out after {timeout:?} waiting for {what}; last seen:\n{seen}");
        }
        std::thread::sleep(Duration::from_millis(250));
    }
}

struct Tmux {
    session: String,
}

impl Tmux {
    fn start(copy: &CourseCopy, command: &str) -> Tmux {
        let session = format!("workbook-{}", std::process::id());
        let status = Command::new("tmux")
            .args(["new-session", "-d", "-s", &session, "-x", "200", "-y", "60"])
            .arg(format!(
                "cd '{}' && CARGO_TARGET_DIR='{}' {command}; sleep 600",
                copy.root.display(),
                copy.target.display()
            ))
            .status()
            .expect("tmux starts");
        assert!(status.success(), "tmux new-session");
        Tmux { session }
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["capture-pane", "-p", "-J", "-S", "-2000", "-t", &self.session])
            .output()
            .expect("tmux capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn type_line(&self, text: &str) {
        let status = Command::new("tmux")
            .args(["send-keys", "-t", &self.session, text, "Enter"])
            .status()
            .expect("tmux send-keys");
        assert!(status.success());
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.session])
            .status();
    }
}

const FIRST_BUILD: Duration = Duration::from_secs(600);
const STEP: Duration = Duration::from_secs(120);

#[test]
fn watch_mode_in_a_terminal() {
    if !have("tmux") {
        return;
    }
    let copy = CourseCopy::new();
    let runner = env!("CARGO_BIN_EXE_workbook");
    let term = Tmux::start(&copy, &format!("'{runner}' --no-book"));

    // It checks the first exercise at once, and shows why it fails. (The
    // screen is read once the keys, printed last, are on it.)
    let screen = wait_for(
        "the first verdict",
        FIRST_BUILD,
        || term.screen(),
        |s| (s.contains("✗ first-check") || s.contains("first-check passes its check")) && s.contains("[Enter] check"),
    );
    assert!(
        screen.contains("✗ first-check: a todo!() is still reached"),
        "the starter must fail: {screen}"
    );
    assert!(screen.contains("not yet implemented: describe 3 users"), "{screen}");
    assert!(screen.contains("[Enter] check  [n]ext  [h]int"), "{screen}");

    term.type_line("h");
    wait_for(
        "the hint",
        STEP,
        || term.screen(),
        |s| s.contains("Hints for first-check") && s.contains("1/"),
    );
    term.type_line("l");
    wait_for(
        "the list",
        STEP,
        || term.screen(),
        |s| s.contains("0 of ") && s.contains("Integrating a database"),
    );
    term.type_line("z");
    wait_for(
        "a word about an unknown key",
        STEP,
        || term.screen(),
        |s| s.contains("Unknown command \"z\""),
    );

    // A save is noticed: the check runs again by itself and passes.
    copy.solve_first();
    let screen = wait_for(
        "the pass after a save",
        STEP,
        || term.screen(),
        |s| {
            s.contains("✓ first-check passes its check")
                && s.contains("Moving on to the next exercise: A connection")
                && s.trim_end().ends_with("[q]uit")
        },
    );
    assert!(screen.contains("── A connection (connection) ──"), "{screen}");

    // Reset asks first; anything but y keeps the work.
    term.type_line("r");
    wait_for(
        "the reset question",
        STEP,
        || term.screen(),
        |s| s.contains("Reset connection? Type y"),
    );
    term.type_line("n");
    wait_for("no reset", STEP, || term.screen(), |s| s.contains("Not reset."));

    term.type_line("q");
    wait_for("goodbye", STEP, || term.screen(), |s| s.contains("Bye. 1 of "));
}

/// A minimal WebDriver client, enough to open a page and read it.
struct Browser {
    driver: Child,
    base: String,
    session: String,
}

impl Browser {
    fn start() -> Browser {
        let port = free_port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let base = format!("http://127.0.0.1:{port}");
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
            .into_iter()
            .find(|path| Path::new(path).exists())
            .unwrap_or("chromium");
        let capabilities = json!({"capabilities": {"alwaysMatch": {"goog:chromeOptions": {
            "binary": chromium,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync"]
        }}}});
        let started = Instant::now();
        let answer = loop {
            match ureq::post(&format!("{base}/session")).send_json(&capabilities) {
                Ok(mut response) => break response.body_mut().read_json::<Value>().expect("a session"),
                Err(error) if started.elapsed() < Duration::from_secs(20) => {
                    let _ = error;
                    std::thread::sleep(Duration::from_millis(200));
                }
                Err(error) => panic!("ChromeDriver did not open a session: {error}"),
            }
        };
        let session = answer["value"]["sessionId"].as_str().expect("a session id").to_string();
        Browser { driver, base, session }
    }

    fn open(&self, url: &str) {
        ureq::post(&format!("{}/session/{}/url", self.base, self.session))
            .send_json(json!({ "url": url }))
            .expect("the page opens");
    }

    /// Runs a script in the page and returns what it returns, as text.
    fn eval(&self, script: &str) -> String {
        let mut response = ureq::post(&format!("{}/session/{}/execute/sync", self.base, self.session))
            .send_json(json!({ "script": script, "args": [] }))
            .expect("the script runs");
        let value: Value = response.body_mut().read_json().expect("a JSON answer");
        match &value["value"] {
            Value::String(text) => text.clone(),
            other => other.to_string(),
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = ureq::delete(&format!("{}/session/{}", self.base, self.session)).call();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// The runner in watch mode, with its output collected.
struct Runner {
    child: Child,
    output: Arc<Mutex<String>>,
}

impl Runner {
    fn start(copy: &CourseCopy, port: u16, args: &[&str]) -> Runner {
        let mut child = copy
            .workbook(&["--port", &port.to_string()])
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the runner starts");
        let output = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&output);
        let stdout = child.stdout.take().expect("stdout");
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let mut text = sink.lock().unwrap_or_else(|e| e.into_inner());
                text.push_str(&line);
                text.push('\n');
            }
        });
        Runner { child, output }
    }

    fn output(&self) -> String {
        self.output.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const STATUS: &str = "const s = document.querySelector('.workbook-live .workbook-status'); \
                      const box = document.querySelector('.workbook-live'); \
                      return (box && !box.hidden && s) ? s.dataset.status : 'hidden';";

#[test]
fn the_book_follows_progress_in_a_browser() {
    if !have("chromium") || !have("chromedriver") {
        return;
    }
    let copy = CourseCopy::new();
    let port = free_port();
    // The learner reads the Russian edition; the server serves both.
    let runner = Runner::start(&copy, port, &["--lang", "ru"]);
    wait_for(
        "the book and the first verdict",
        FIRST_BUILD,
        || runner.output(),
        |s| {
            s.contains(&format!("The book is at http://127.0.0.1:{port}/ru/"))
                && (s.contains("✗ first-check") || s.contains("first-check passes its check"))
        },
    );
    assert!(
        runner.output().contains("✗ first-check"),
        "the starter must fail: {}",
        runner.output()
    );

    let browser = Browser::start();
    browser.open(&format!("http://127.0.0.1:{port}/{FIRST}.html"));
    wait_for(
        "the page to show failing",
        STEP,
        || browser.eval(STATUS),
        |s| s == "failing",
    );
    let output = browser.eval("return document.querySelector('.workbook-output').textContent");
    assert!(
        output.contains("not yet implemented"),
        "the last check's output is on the page: {output}"
    );
    let solution_in_page = browser.eval("return String(document.querySelector('main details') !== null)");
    assert_eq!(
        solution_in_page, "false",
        "the served page holds no solution before a pass"
    );
    let button = browser.eval("return String(document.querySelector('.workbook-solution-button').disabled)");
    assert_eq!(button, "true", "the solution stays closed while the check fails");

    // The learner solves it; the same page, never reloaded, turns to passed.
    browser.eval("window.notReloaded = true; return 'marked';");
    copy.solve_first();
    wait_for(
        "the page to show passed",
        STEP,
        || browser.eval(STATUS),
        |s| s == "passed",
    );
    assert_eq!(
        browser.eval("return String(window.notReloaded === true)"),
        "true",
        "no reload happened"
    );
    assert_eq!(
        browser.eval("return String(document.querySelector('.workbook-solution-button').disabled)"),
        "false",
        "the solution opens once the check passes"
    );
    browser.eval("document.querySelector('.workbook-hint-button').click(); return 'clicked';");
    let hint =
        browser.eval("const h = document.querySelector('.workbook-hint'); return h.hidden ? '' : h.textContent;");
    assert!(hint.contains("describe"), "the hint shows: {hint}");

    // The same page in the Russian edition, reached by its language switch:
    // the live box in Russian, the hints too, and a switch back.
    let switch = browser.eval("return document.querySelector('.workbook-language').href");
    assert_eq!(switch, format!("http://127.0.0.1:{port}/ru/{FIRST}.html"));
    browser.eval("document.querySelector('.workbook-language').click(); return 'clicked';");
    wait_for(
        "the Russian page to show passed",
        STEP,
        || browser.eval(STATUS),
        |s| s == "passed",
    );
    let read = |selector: &str| browser.eval(&format!("return document.querySelector('{selector}').textContent"));
    assert_eq!(browser.eval("return document.documentElement.lang"), "ru");
    assert_eq!(read("main h1"), "Ваша первая проверка");
    assert_eq!(read(".workbook-live-title"), "Ваш прогресс");
    assert_eq!(read(".workbook-status"), "Пройдено");
    assert_eq!(read(".workbook-solution-button"), "Показать решение");
    browser.eval("document.querySelector('.workbook-hint-button').click(); return 'clicked';");
    let hint = read(".workbook-hint");
    assert!(
        hint.starts_with("1/3. ") && hint.contains("describes_one_user") && hint.contains("Начните"),
        "the hint shows in Russian: {hint}"
    );
    assert_eq!(read(".workbook-hint-button"), "Скрыть подсказки");
    let back = browser.eval("return document.querySelector('.workbook-language').href");
    assert_eq!(back, format!("http://127.0.0.1:{port}/{FIRST}.html"));
    // The Russian book's search finds a Russian word.
    browser.open(&format!("http://127.0.0.1:{port}/ru/index.html?search=транзакция"));
    let found = wait_for(
        "the Russian search to find pages",
        STEP,
        || browser.eval("return String(document.querySelectorAll('#mdbook-searchresults li').length)"),
        |count| count.parse::<usize>().is_ok_and(|count| count > 0),
    );
    let header = wait_for(
        "the search's words in Russian",
        STEP,
        || browser.eval("return document.querySelector('#mdbook-searchresults-header').textContent"),
        |header| header.starts_with("По запросу «транзакция» найдено: "),
    );
    assert!(header.ends_with(&found), "{found} results: {header}");
    assert_eq!(
        browser.eval("return document.querySelector('#mdbook-searchbar').placeholder"),
        "Поиск по книге…"
    );

    // The same book opened as plain files shows no live part, and nothing broken.
    let page = copy.root.join("target/book").join(format!("{FIRST}.html"));
    browser.open(&format!("file://{}", page.display()));
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(browser.eval(STATUS), "hidden");
    let title = browser.eval("return document.querySelector('main h1').textContent");
    assert_eq!(title, "Your first check");
}

/// The reference blog of chapter 4, on a database of its own.
struct Blog {
    child: Child,
    url: String,
}

impl Blog {
    fn start(db: &Path) -> Blog {
        let database = format!("sqlite:{}", db.display());
        let program = support::reference_program("blog-list", "blog-solution");
        let run = |args: &[&str]| {
            let mut command = Command::new(&program);
            command
                .current_dir(root())
                .args(["--database-url", &database])
                .args(args);
            command
        };
        let seeded = run(&["seed", "--posts", "3"]).output().expect("the blog seeds");
        assert!(
            seeded.status.success(),
            "seeding: {}",
            String::from_utf8_lossy(&seeded.stderr)
        );
        let port = free_port();
        let child = run(&[])
            .env("BIND_ADDR", format!("127.0.0.1:{port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the blog starts");
        let url = format!("http://127.0.0.1:{port}");
        wait_for(
            "the blog's /health",
            STEP,
            || {
                ureq::get(&format!("{url}/health"))
                    .call()
                    .map(|r| r.status().to_string())
                    .unwrap_or_default()
            },
            |status| status.starts_with("200"),
        );
        Blog { child, url }
    }
}

impl Drop for Blog {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_reference_blog_takes_a_post_through_its_form() {
    if !have("chromium") || !have("chromedriver") {
        return;
    }
    let dir = tempfile::tempdir().expect("a folder");
    let blog = Blog::start(&dir.path().join("blog.db"));
    let author = blog_author(&blog.url);

    let browser = Browser::start();
    browser.open(&format!("{}/post/create", blog.url));
    let filled = browser.eval(&format!(
        "document.querySelector('#title').value = 'Typed in a <real> browser'; \
         document.querySelector('#author').value = {author:?}; \
         document.querySelector('#tags').value = 'Rust, e2e'; \
         document.querySelector('#content').value = 'Written by the end-to-end test.'; \
         document.querySelector('form button[type=submit]').click(); return 'sent';"
    ));
    assert_eq!(filled, "sent");

    // The form posts, the blog redirects to the new post, and the flash shows.
    let page = wait_for(
        "the new post's page",
        STEP,
        || {
            browser
                .eval("return location.pathname + ' | ' + (document.querySelector('main') || document.body).innerText")
        },
        |text| text.starts_with("/post/4 |"),
    );
    assert!(page.contains("Typed in a <real> browser"), "the title, as text: {page}");
    assert!(page.contains("Post created."), "the flash message: {page}");
    assert!(
        page.contains("e2e") && page.contains("rust"),
        "the tags, lowercased: {page}"
    );
    let html = browser.eval("return document.querySelector('main h1').innerHTML");
    assert!(html.contains("&lt;real&gt;"), "escaped, never markup: {html}");

    // Reloading shows the post again, but the flash only once.
    browser.open(&format!("{}/post/4", blog.url));
    let again = browser.eval("return document.querySelector('main').innerText");
    assert!(!again.contains("Post created."), "a flash is shown once: {again}");
}

/// The username of an author of the seeded blog, read from its JSON API.
fn blog_author(url: &str) -> String {
    let mut answer = ureq::get(&format!("{url}/api/posts?per_page=1"))
        .call()
        .expect("the API answers");
    let posts: Value = answer.body_mut().read_json().expect("JSON");
    posts["posts"][0]["author"].as_str().expect("an author").to_string()
}

#[test]
fn the_api_answers_on_the_loopback_address_only() {
    // The real course, with its progress kept in a folder of its own.
    let dir = tempfile::tempdir().expect("a folder");
    let mut course = workbook::Course::load(&root()).expect("the course");
    course.root = dir.path().to_path_buf();
    let server =
        workbook::live::Server::start(course, dir.path().to_path_buf(), 0, workbook::translation::Language::En)
            .expect("a server");
    assert!(server.address().ip().is_loopback(), "{}", server.address());
    let mut answer = ureq::get(&format!("{}api/status/first-check", server.url()))
        .call()
        .expect("an answer");
    let status: Value = answer.body_mut().read_json().expect("JSON");
    assert_eq!(status["slug"], "first-check");
    assert!(status["hint"].as_str().is_some_and(|hint| !hint.is_empty()));
    let missing = ureq::get(&format!("{}api/status/no-such-exercise", server.url())).call();
    assert!(matches!(missing, Err(ureq::Error::StatusCode(404))), "{missing:?}");
}
