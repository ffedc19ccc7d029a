//! The blog's command line: `blog` (or `blog serve`) serves it; `blog seed
//! --posts N` fills the configured database with demo data. The settings
//! come from the environment: DATABASE_URL, BIND_ADDR, SECRET_KEY; the
//! option `--database-url` wins over DATABASE_URL.

use std::process::ExitCode;

use blog::config::{Config, bind_error, check_writable, cookie_key, database_error};
use blog::{AppState, Clock, create_app, db, seed};
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "blog", about = "The blog of the workbook, on SQLite")]
struct Cli {
    /// The database, as a `sqlite:` URL; wins over DATABASE_URL.
    #[arg(long, global = true, value_name = "URL")]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the blog (the default).
    Serve,
    /// Fill the database with deterministic demo data: users, posts,
    /// comments and tags. The same --posts gives the same data.
    Seed {
        /// How many posts to write.
        #[arg(long, default_value_t = 50)]
        posts: usize,
        /// Replace the content of a database that already has posts.
        #[arg(long)]
        force: bool,
    },
}

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

/// The `DATABASE_URL` that build.rs gives the compiler: the schema database
/// that `query!` checks against. `cargo run` passes the variables of build.rs
/// to the program too, in place of the shell's, so this value means "run by
/// cargo", not "chosen by you", and is taken as not set.
const BUILD_DATABASE_URL: Option<&str> = option_env!("DATABASE_URL");

/// A variable of the environment, but the build's `DATABASE_URL`; the
/// option `--database-url` before both.
fn lookup(cli: &Cli, name: &str) -> Option<String> {
    if name == "DATABASE_URL"
        && let Some(url) = &cli.database_url
    {
        return Some(url.clone());
    }
    // A value that is not valid UTF-8 is passed on, mangled, so that it is
    // reported as invalid rather than silently replaced by a default.
    let value = std::env::var_os(name)?.to_string_lossy().into_owned();
    if name == "DATABASE_URL" && Some(value.as_str()) == BUILD_DATABASE_URL {
        return None;
    }
    Some(value)
}

async fn run(cli: Cli) -> Result<(), Box<dyn std::error::Error>> {
    let config = Config::from_lookup(|name| lookup(&cli, name))?;
    let unusable = |error| database_error(&config.database_url, &error);
    let pool = db::connect(&config.database_url).await.map_err(unusable)?;
    check_writable(&pool).await.map_err(unusable)?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let state = AppState::new(pool.clone(), cookie_key(&config.secret_key)?, Clock::System);
            let listener = tokio::net::TcpListener::bind(config.bind_addr)
                .await
                .map_err(|error| bind_error(config.bind_addr, &error))?;
            println!("The blog is at http://{} (Ctrl+C stops it)", listener.local_addr()?);
            axum::serve(listener, create_app(state))
                .with_graceful_shutdown(async {
                    let _ = tokio::signal::ctrl_c().await;
                })
                .await?;
        }
        Command::Seed { posts, force } => {
            let report = seed::seed(&pool, posts, force).await?;
            println!("Seeded {}: {report}.", config.database_url);
        }
    }
    pool.close().await;
    Ok(())
}
