//! The live book: the built book served on the loopback address, with a
//! small JSON API that the book's pages ask for the learner's progress.
//!
//! - `GET /api/status/{slug}`: the exercise's status, the last check's short
//!   output, and its hint.
//! - `GET /api/solution/{slug}`: the reference solution, once the exercise
//!   passes (403 before).
//!
//! Pages opened as plain files, or served by anything else, get no answer
//! from `/api/…` and keep their live parts hidden.

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use axum::extract::{Path, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;

use crate::check::strip_ansi;
use crate::course::Course;
use crate::progress::{self, Progress};
use crate::session::Session;

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
pub fn exercise_status(course: &Course, slug: &str) -> anyhow::Result<Option<ExerciseStatus>> {
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
        hint: hint_text(exercise, progress.hints_shown(slug).unwrap_or(0)),
    }))
}

/// The hints seen so far (the first at least), numbered, and how to see
/// the next step.
fn hint_text(exercise: &crate::course::Exercise, shown: usize) -> String {
    let total = exercise.hints.len();
    let shown = shown.clamp(1, total.max(1));
    let mut text: Vec<String> = exercise
        .hints
        .iter()
        .take(shown)
        .enumerate()
        .map(|(at, hint)| format!("{}/{total}. {}", at + 1, hint.trim()))
        .collect();
    if shown < total {
        text.push(format!(
            "Still stuck? `cargo workbook hint {}` (or h in watch mode) shows step {} of {total}.",
            exercise.slug,
            shown + 1
        ));
    }
    text.join("\n\n")
}

/// The routes: the API, and the book's files for everything else, for
/// requests addressed to `address` only.
pub fn router(course: Course, book_dir: PathBuf, address: SocketAddr) -> Router {
    let port = address.port();
    let hosts = Arc::new(vec![address.to_string(), format!("localhost:{port}")]);
    Router::new()
        .route("/api/status/{slug}", get(status))
        .route("/api/solution/{slug}", get(solution))
        .fallback_service(tower_http::services::ServeDir::new(book_dir))
        .with_state(Arc::new(course))
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

async fn status(State(course): State<Arc<Course>>, Path(slug): Path<String>) -> Response {
    let answer = tokio::task::spawn_blocking(move || exercise_status(&course, &slug)).await;
    match answer {
        Ok(Ok(Some(status))) => Json(status).into_response(),
        Ok(Ok(None)) => (StatusCode::NOT_FOUND, "no such exercise").into_response(),
        Ok(Err(error)) => internal(error),
        Err(error) => internal(error.into()),
    }
}

async fn solution(State(course): State<Arc<Course>>, Path(slug): Path<String>) -> Response {
    let answer = tokio::task::spawn_blocking(move || -> anyhow::Result<Response> {
        let Some(status) = exercise_status(&course, &slug)? else {
            return Ok((StatusCode::NOT_FOUND, "no such exercise").into_response());
        };
        if status.status != "passed" {
            return Ok((StatusCode::FORBIDDEN, "the solution opens once the exercise passes").into_response());
        }
        let session = Session::open((*course).clone());
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
    thread: std::thread::JoinHandle<()>,
}

impl Server {
    /// Serves the built book in `book_dir` on `127.0.0.1:port` (0 picks a
    /// free port) from a thread of its own. A taken port is an error here,
    /// before anything else starts.
    pub fn start(course: Course, book_dir: PathBuf, port: u16) -> anyhow::Result<Server> {
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
        Ok(Server { address, thread })
    }

    /// The book's address.
    pub fn url(&self) -> String {
        format!("http://{}/", self.address)
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
