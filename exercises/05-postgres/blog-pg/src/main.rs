//! The blog's JSON API on PostgreSQL, built on the chapter's functions, for
//! trying them with curl and for load tests. Given: read it, the steps do
//! not ask you to change it. `blog-pg` (or `blog-pg serve`) serves it;
//! `blog-pg seed --posts N` makes the database if it is missing and fills it
//! with demo data. Settings: DATABASE_URL (or `--database-url`, which wins),
//! BIND_ADDR (127.0.0.1:3000 by default). Under `cargo run`, pass
//! `--database-url`: a DATABASE_URL in the environment makes the build check
//! the queries against that database too (build.rs), which fails on one not
//! migrated yet.
//!
//! The routes answer as chapter 4's API does, as far as the chapter's
//! functions go: `GET /api/posts?page=N`, `GET /api/posts/{id}`,
//! `POST /api/posts`, `GET /api/search?q=words` and `GET /health`.

use std::process::ExitCode;

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use blog_pg::errors::{StoreError, classify};
use blog_pg::models::{Post, PostSummary, SearchHit, find_post, find_user};
use blog_pg::{db, posts, search, seed};
use clap::{Parser, Subcommand};
use serde::{Deserialize, Serialize};
use sqlx::migrate::MigrateDatabase;
use sqlx::{PgPool, Postgres};

#[derive(Debug, Parser)]
#[command(name = "blog-pg", about = "The blog's JSON API, on PostgreSQL")]
struct Cli {
    /// The database, as a `postgres://` URL; wins over DATABASE_URL.
    #[arg(long, global = true, value_name = "URL")]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the API (the default).
    Serve,
    /// Fill the database with deterministic demo data: users, posts,
    /// comments and tags. The same --posts gives the same data.
    Seed {
        /// How many posts to write.
        #[arg(long, default_value_t = 50)]
        posts: i64,
        /// Replace the content of a database that already has posts.
        #[arg(long)]
        force: bool,
    },
}

/// Posts a page, as in chapter 4, and the most a page may hold.
const PER_PAGE: i64 = 10;
const MAX_PER_PAGE: i64 = 50;

#[tokio::main]
async fn main() -> ExitCode {
    match run(Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), Box<dyn std::error::Error>> {
    let url = match cli.database_url {
        Some(url) => url,
        None => std::env::var("DATABASE_URL").map_err(|_| "set DATABASE_URL, or pass --database-url")?,
    };
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let pool = db::connect(&url).await?;
            let bind = std::env::var("BIND_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".to_string());
            let listener = tokio::net::TcpListener::bind(&bind).await?;
            println!("The API is at http://{} (Ctrl+C stops it)", listener.local_addr()?);
            axum::serve(listener, app(pool.clone()))
                .with_graceful_shutdown(async {
                    let _ = tokio::signal::ctrl_c().await;
                })
                .await?;
            pool.close().await;
        }
        Command::Seed { posts, force } => {
            if !Postgres::database_exists(&url).await? {
                Postgres::create_database(&url).await?;
            }
            let pool = db::connect(&url).await?;
            let report = seed::seed(&pool, posts, force).await?;
            println!("Seeded: {report}.");
            pool.close().await;
        }
    }
    Ok(())
}

/// The routes, on a pool.
fn app(pool: PgPool) -> Router {
    Router::new()
        .route("/health", get(health))
        .route("/api/posts", get(list).post(create))
        .route("/api/posts/{id}", get(show))
        .route("/api/search", get(find))
        .with_state(pool)
}

/// What went wrong, answered as `{"error": "…"}` with its status.
#[derive(Debug, thiserror::Error)]
enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Invalid(String),
    #[error("the database failed")]
    Database(#[from] sqlx::Error),
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Database(error) => ApiError::Database(error),
            refused => ApiError::Invalid(refused.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match &self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Database(error) => {
                eprintln!("database error: {error}");
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        (status, Json(serde_json::json!({ "error": self.to_string() }))).into_response()
    }
}

/// `GET /health`: 200 when the database answers, 503 when it does not.
async fn health(State(pool): State<PgPool>) -> (StatusCode, Json<serde_json::Value>) {
    match sqlx::query("SELECT 1").execute(&pool).await {
        Ok(_) => (
            StatusCode::OK,
            Json(serde_json::json!({ "status": "ok", "database": "reachable" })),
        ),
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(serde_json::json!({ "status": "unavailable", "database": "unreachable" })),
        ),
    }
}

#[derive(Debug, Deserialize)]
struct ListParams {
    page: Option<i64>,
    per_page: Option<i64>,
}

#[derive(Debug, Serialize)]
struct PostsPage {
    page: i64,
    per_page: i64,
    posts: Vec<PostSummary>,
}

/// `GET /api/posts?page=N&per_page=M`: a page of the published posts,
/// newest first (step 2's `list_posts`).
async fn list(State(pool): State<PgPool>, Query(params): Query<ListParams>) -> Result<Json<PostsPage>, ApiError> {
    let page = params.page.unwrap_or(1);
    let per_page = params.per_page.unwrap_or(PER_PAGE);
    if page < 1 || per_page < 1 {
        return Err(ApiError::BadRequest("page and per_page count from 1.".to_string()));
    }
    let per_page = per_page.min(MAX_PER_PAGE);
    let posts = posts::list_posts(&pool, page, per_page).await?;
    Ok(Json(PostsPage { page, per_page, posts }))
}

/// `GET /api/posts/{id}`: the post, or 404.
async fn show(State(pool): State<PgPool>, Path(id): Path<i64>) -> Result<Json<Post>, ApiError> {
    let post = find_post(&pool, id).await?;
    post.map(Json)
        .ok_or_else(|| ApiError::NotFound(format!("There is no post {id}.")))
}

/// The body of `POST /api/posts`, as in chapter 4.
#[derive(Debug, Deserialize)]
struct NewPost {
    title: String,
    content: String,
    author: String,
    #[serde(default)]
    tags: Vec<String>,
}

/// `POST /api/posts`: 201 with `Location` and the post; 422 for an author
/// who is not there or a value a CHECK refuses. The post and each tag are
/// stored by the chapter's functions, each in its own statement.
async fn create(State(pool): State<PgPool>, Json(new): Json<NewPost>) -> Result<Response, ApiError> {
    let author = find_user(&pool, &new.author)
        .await?
        .ok_or_else(|| ApiError::Invalid(format!("There is no user {:?}.", new.author)))?;
    let post = posts::insert_post(&pool, author.id, &new.title, &new.content, chrono::Utc::now())
        .await
        .map_err(classify)?;
    for tag in new.tags.iter().filter(|tag| !tag.trim().is_empty()) {
        posts::tag_post(&pool, post.id, tag).await.map_err(classify)?;
    }
    let location = format!("/api/posts/{}", post.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(post)).into_response())
}

#[derive(Debug, Deserialize)]
struct SearchParams {
    q: String,
}

#[derive(Debug, Serialize)]
struct Found {
    query: String,
    posts: Vec<SearchHit>,
}

/// `GET /api/search?q=words`: the best matches first (step 5's
/// `search_posts`), a page of them.
async fn find(State(pool): State<PgPool>, Query(params): Query<SearchParams>) -> Result<Json<Found>, ApiError> {
    let posts = search::search_posts(&pool, &params.q, PER_PAGE).await?;
    Ok(Json(Found { query: params.q, posts }))
}
