//! The live book: the built book served on the loopback address, with a
//! small JSON API that the book's pages ask for the learner's progress.
//!
//! - `GET /api/status/{slug}?lang=ru`: the exercise's status, the last
//!   check's short output, and its hints, in the page's language.
//! - `GET /api/solution/{slug}`: the reference solution, once the exercise
//!   passes (403 before).
//!
//! Pages opened as plain files, or served by anything else, get no answer
//! from `/api/…` and keep their live parts hidden.

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use axum::extract::{Path, Query, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;

use crate::check::strip_ansi;
use crate::course::Course;
use crate::progress::{self, Progress};
use crate::session::{Session, hint_steps};
use crate::translation::{LIVE_BOX, Language, Translation, words};

/// What `GET /api/status/{slug}` answers.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct ExerciseStatus {
    pub slug: String,
    pub title: String,
    /// `not-started`, `failing`, `passed` or `changed`.
    pub status: &'static str,
    /// The last verdict: `passed`, `failed`, `compile-error`, `timed-out`.
    pub verdict: Option<&'static str>,
    /// The last check's short output, without terminal colors.
    pub output: String,
    /// When the last check ran, in seconds since 1970.
    pub checked_at: Option<i64>,
    /// The hints seen so far (the first one at least), numbered.
    pub hint: String,
}

/// One file of a solution.
#[derive(Debug, Serialize)]
pub struct SolutionFile {
    pub path: String,
    pub text: String,
}

/// The status of `slug`, read fresh from the progress database, so checks
/// run from another terminal show up too.
pub fn exercise_status(
    course: &Course,
    slug: &str,
    translation: Option<&Translation>,
) -> anyhow::Result<Option<ExerciseStatus>> {
    let Some(exercise) = course.exercise(slug) else {
        return Ok(None);
    };
    let progress = Progress::open(&course.root);
    let record = progress.get(slug)?;
    let status = progress::status(record.as_ref(), &progress::fingerprint(course, exercise));
    Ok(Some(ExerciseStatus {
        slug: exercise.slug.clone(),
        title: exercise.title.clone(),
        status: status.name(),
        verdict: record.as_ref().map(|r| r.verdict.as_str()),
        output: record.as_ref().map(|r| strip_ansi(&r.output)).unwrap_or_default(),
        checked_at: record.as_ref().map(|r| r.checked_at),
        hint: hint_text(exercise, progress.hints_shown(slug).unwrap_or(0), translation),
    }))
}

/// The hints seen so far (the first at least), numbered, and how to see
/// the next step.
fn hint_text(exercise: &crate::course::Exercise, shown: usize, translation: Option<&Translation>) -> String {
    let total = exercise.hints.len();
    let shown = shown.clamp(1, total.max(1));
    let mut text: Vec<String> = hint_steps(exercise, shown, translation)
        .iter()
        .enumerate()
        .map(|(at, hint)| format!("{}/{total}. {hint}", at + 1))
        .collect();
    if shown < total {
        let more = translation.map_or(words::MORE_HINTS, |t| t.or_english(Some(LIVE_BOX), words::MORE_HINTS));
        text.push(
            more.replace("{slug}", &exercise.slug)
                .replace("{next}", &(shown + 1).to_string())
                .replace("{total}", &total.to_string()),
        );
    }
    text.join("\n\n")
}

/// What the live book's API reads: the course, and its translations.
struct Live {
    course: Course,
    translations: Vec<Translation>,
}

impl Live {
    /// The translation a page in `language` asks for (none for English).
    fn translation(&self, language: Option<&str>) -> Option<&Translation> {
        self.translations
            .iter()
            .find(|translation| Some(translation.language.code()) == language)
    }
}

/// The query of `GET /api/status/{slug}`: the page's language.
#[derive(Debug, serde::Deserialize)]
struct StatusQuery {
    lang: Option<String>,
}

/// The routes: the API, and the book's files for everything else, for
/// requests addressed to `address` only.
pub fn router(course: Course, book_dir: PathBuf, address: SocketAddr) -> Router {
    let port = address.port();
    let hosts = Arc::new(vec![address.to_string(), format!("localhost:{port}")]);
    // A catalog that cannot be read leaves the hints in English; the book's
    // build has already said why.
    let translations = Language::TRANSLATED
        .iter()
        .filter_map(|&language| Translation::load(&course.root, language).ok().flatten())
        .collect();
    Router::new()
        .route("/api/status/{slug}", get(status))
        .route("/api/solution/{slug}", get(solution))
        .fallback_service(tower_http::services::ServeDir::new(book_dir))
        .with_state(Arc::new(Live { course, translations }))
        .layer(axum::middleware::from_fn_with_state(hosts, only_this_address))
}

/// Whether the `Host` header names one of `hosts`, and the `Origin`, when
/// there is one, is `http://` and one of them.
fn addressed_here(headers: &axum::http::HeaderMap, hosts: &[String]) -> bool {
    let header = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    let host_ok = header(header::HOST).is_some_and(|host| hosts.iter().any(|allowed| allowed == host));
    let origin_ok = header(header::ORIGIN).is_none_or(|origin| {
        hosts
            .iter()
            .any(|allowed| origin.strip_prefix("http://") == Some(allowed.as_str()))
    });
    host_ok && origin_ok
}

/// Refuses a request whose `Host` (or `Origin`, when it has one) is not this
/// server's own address. A page on another site could otherwise reach the
/// book through a name that resolves to 127.0.0.1 (DNS rebinding) and read
/// the learner's progress and solutions.
async fn only_this_address(State(hosts): State<Arc<Vec<String>>>, request: Request, next: Next) -> Response {
    if addressed_here(request.headers(), &hosts) {
        next.run(request).await
    } else {
        (
            StatusCode::FORBIDDEN,
            format!("this server answers only the book at http://{}/", hosts[0]),
        )
            .into_response()
    }
}

fn internal(error: anyhow::Error) -> Response {
    (StatusCode::INTERNAL_SERVER_ERROR, format!("{error:#}")).into_response()
}

async fn status(State(live): State<Arc<Live>>, Path(slug): Path<String>, Query(query): Query<StatusQuery>) -> Response {
    let answer = tokio::task::spawn_blocking(move || {
        exercise_status(&live.course, &slug, live.translation(query.lang.as_deref()))
    })
    .await;
    match answer {
        Ok(Ok(Some(status))) => Json(status).into_response(),
        Ok(Ok(None)) => (StatusCode::NOT_FOUND, "no such exercise").into_response(),
        Ok(Err(error)) => internal(error),
        Err(error) => internal(error.into()),
    }
}

async fn solution(State(live): State<Arc<Live>>, Path(slug): Path<String>) -> Response {
    let answer = tokio::task::spawn_blocking(move || -> anyhow::Result<Response> {
        let course = &live.course;
        let Some(status) = exercise_status(course, &slug, None)? else {
            return Ok((StatusCode::NOT_FOUND, "no such exercise").into_response());
        };
        if status.status != "passed" {
            return Ok((StatusCode::FORBIDDEN, "the solution opens once the exercise passes").into_response());
        }
        let session = Session::open(course.clone());
        let exercise = session.find(&slug)?;
        let files: Vec<SolutionFile> = session
            .solution_files(exercise)?
            .into_iter()
            .map(|(path, text, _)| SolutionFile {
                path: path.display().to_string(),
                text,
            })
            .collect();
        Ok(Json(files).into_response())
    })
    .await;
    match answer {
        Ok(Ok(response)) => response,
        Ok(Err(error)) => internal(error),
        Err(error) => internal(error.into()),
    }
}

/// A running live-book server.
pub struct Server {
    address: SocketAddr,
    /// The edition the learner reads, under the book's root (`ru/`).
    edition: String,
    thread: std::thread::JoinHandle<()>,
}

impl Server {
    /// Serves the built book in `book_dir` on `127.0.0.1:port` (0 picks a
    /// free port) from a thread of its own, every edition of it, the
    /// learner's in `language`. A taken port is an error here, before
    /// anything else starts.
    pub fn start(course: Course, book_dir: PathBuf, port: u16, language: Language) -> anyhow::Result<Server> {
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let listener = TcpListener::bind(address).map_err(|error| {
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
        listener
            .set_nonblocking(true)
            .context("cannot set up the book's server")?;
        let address = listener.local_addr().context("cannot read the book's address")?;
        let app = router(course, book_dir, address);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .context("cannot start the book's server")?;
        let thread = std::thread::spawn(move || {
            runtime.block_on(async move {
                let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                    return;
                };
                let shutdown = async {
                    let _ = tokio::signal::ctrl_c().await;
                };
                let _ = axum::serve(listener, app).with_graceful_shutdown(shutdown).await;
            });
        });
        let edition = match language.book_subdir() {
            "" => String::new(),
            subdir => format!("{subdir}/"),
        };
        Ok(Server {
            address,
            edition,
            thread,
        })
    }

    /// The address of the learner's edition of the book.
    pub fn url(&self) -> String {
        format!("http://{}/{}", self.address, self.edition)
    }

    /// The address the server listens on: always a loopback address.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Blocks until the server stops (on Ctrl+C).
    pub fn wait(self) {
        let _ = self.thread.join();
    }
}
