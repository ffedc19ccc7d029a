//! `cargo run -q -p pg-prepare -- <package> [--into <folder>] [--check]`
//!
//! What `cargo sqlx prepare` does, with no sqlx-cli to install: the crate's
//! migrations are applied to a fresh database on a throwaway server (or on
//! the server in WORKBOOK_POSTGRES_URL), the crate is compiled against it,
//! and sqlx's macros save their answer for each checked query, the
//! "offline data", in `<crate>/.sqlx/` (or `--into`). With `--check`,
//! nothing is written: the saved data is compared with the fresh one, and
//! any difference is an error, as `cargo sqlx prepare --check` in CI.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};
use sqlx::Connection;

struct Args {
    package: String,
    into: Option<PathBuf>,
    check: bool,
}

fn parse_args() -> anyhow::Result<Args> {
    let mut args = std::env::args().skip(1);
    let (mut package, mut into, mut check) = (None, None, false);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => check = true,
            "--into" => into = Some(PathBuf::from(args.next().context("--into needs a folder")?)),
            _ if package.is_none() && !arg.starts_with('-') => package = Some(arg),
            _ => bail!("unexpected argument {arg:?}"),
        }
    }
    let package = package.context("usage: cargo run -q -p pg-prepare -- <package> [--into <folder>] [--check]")?;
    Ok(Args { package, into, check })
}

/// A package of the workspace: its folder, the name of one of its test
/// targets (building one compiles the library as the checks do), whether the
/// root `cargo test` selects it, and the workspace's root.
struct Package {
    dir: PathBuf,
    test: Option<String>,
    default_member: bool,
    root: PathBuf,
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string())
}

fn find_package(name: &str) -> anyhow::Result<Package> {
    let out = Command::new(cargo())
        .args(["metadata", "--no-deps", "--format-version", "1"])
        .output()
        .context("cargo metadata")?;
    if !out.status.success() {
        bail!("cargo metadata failed:\n{}", String::from_utf8_lossy(&out.stderr));
    }
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let package = metadata["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|package| package["name"] == name)
        .with_context(|| format!("no package {name:?} in this workspace"))?;
    let default_member = metadata["workspace_default_members"]
        .as_array()
        .is_some_and(|members| members.contains(&package["id"]));
    let manifest = PathBuf::from(package["manifest_path"].as_str().unwrap_or_default());
    let test = package["targets"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|target| {
            target["kind"]
                .as_array()
                .is_some_and(|kinds| kinds.iter().any(|k| k == "test"))
        })
        .and_then(|target| target["name"].as_str().map(str::to_string));
    Ok(Package {
        dir: manifest.parent().map(Path::to_path_buf).unwrap_or_default(),
        test,
        default_member,
        root: PathBuf::from(metadata["workspace_root"].as_str().unwrap_or(".")),
    })
}

/// The `query-*.json` files of `dir`, by name.
fn query_files(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_query = name.starts_with("query-") && name.ends_with(".json");
            is_query.then(|| Some((name, std::fs::read_to_string(entry.path()).ok()?)))?
        })
        .collect()
}

/// A new database with the crate's migrations, on `server`.
async fn schema_database(server: &pg_server::Server, migrations: &Path) -> anyhow::Result<String> {
    let name = format!("prepare_{}", std::process::id());
    let mut admin = sqlx::PgConnection::connect(&server.admin_url())
        .await
        .with_context(|| format!("connecting to {}", server.describe()))?;
    // The name is made here, of letters, digits and `_`.
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await?;
    let url = server.url(&name);
    let mut conn = sqlx::PgConnection::connect(&url).await?;
    sqlx::migrate::Migrator::new(migrations)
        .await?
        .run(&mut conn)
        .await
        .context("the migrations do not apply")?;
    Ok(url)
}

async fn drop_database(server: &pg_server::Server, url: &str) {
    let Some(name) = url.rsplit('/').next().and_then(|rest| rest.split('?').next()) else {
        return;
    };
    if let Ok(mut admin) = sqlx::PgConnection::connect(&server.admin_url()).await {
        let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
        )))
        .execute(&mut admin)
        .await;
    }
}

fn main() -> anyhow::Result<()> {
    let args = parse_args()?;
    let package = find_package(&args.package)?;
    let target = args.into.clone().unwrap_or_else(|| package.dir.join(".sqlx"));
    let server = pg_server::Server::start().map_err(|error| {
        anyhow::anyhow!(
            "preparing needs a PostgreSQL server: {error}. To get one: {}",
            pg_server::INSTALL
        )
    })?;
    let runtime = tokio::runtime::Runtime::new()?;
    let url = runtime.block_on(schema_database(&server, &package.dir.join("migrations")))?;

    // The crate compiles online against that database; its build script
    // notices the new variables and has it compiled again, so every
    // checked query is asked anew and saved in `fresh`.
    let fresh = tempfile::tempdir()?;
    let mut build = Command::new(cargo());
    build.current_dir(&package.root);
    match &package.test {
        // A package the root `cargo test` selects is built with that
        // selection, so its dependencies keep the features that test built
        // them with instead of being built again with the package's own.
        Some(test) if package.default_member => build.args(["test", "--no-run", "-q", "--test", test]),
        Some(test) => build.args(["test", "--no-run", "-q", "-p", &args.package, "--test", test]),
        None => build.args(["build", "-q", "-p", &args.package, "--lib"]),
    };
    let status = build
        .env("DATABASE_URL", &url)
        .env("SQLX_OFFLINE", "false")
        .env("SQLX_OFFLINE_DIR", fresh.path())
        .status()
        .context("cargo")?;
    runtime.block_on(drop_database(&server, &url));
    drop(server);
    if !status.success() {
        bail!(
            "{} does not compile against its migrations (the errors are above)",
            args.package
        );
    }

    let (new, old) = (query_files(fresh.path()), query_files(&target));
    if args.check {
        let mut differences = Vec::new();
        for name in new.keys().chain(old.keys()).collect::<std::collections::BTreeSet<_>>() {
            match (new.get(name), old.get(name)) {
                (Some(_), None) => differences.push(format!("missing: {name}")),
                (None, Some(_)) => differences.push(format!("no longer used: {name}")),
                (Some(a), Some(b)) if a != b => differences.push(format!("changed: {name}")),
                _ => {}
            }
        }
        if !differences.is_empty() {
            bail!(
                "the offline data in {} is stale:\n  {}\nrun: cargo run -q -p pg-prepare -- {} --into {}",
                target.display(),
                differences.join("\n  "),
                args.package,
                target.display()
            );
        }
        println!(
            "the offline data in {} is up to date ({} queries)",
            target.display(),
            new.len()
        );
        return Ok(());
    }
    std::fs::create_dir_all(&target)?;
    for name in old.keys().filter(|name| !new.contains_key(*name)) {
        std::fs::remove_file(target.join(name))?;
    }
    for (name, text) in &new {
        std::fs::write(target.join(name), text)?;
    }
    println!(
        "wrote the offline data of {} queries to {}",
        new.len(),
        target.display()
    );
    Ok(())
}
