//! The blog's settings, from the environment, with a default for each and a
//! clear error for a value that cannot be used: the `config.py` of Flask.
//! Then, once the program has tried them, what to do about a database or an
//! address it cannot use. No message and no `Debug` output shows the secret
//! key or a password.

use std::fmt;
use std::io;
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4};
use std::path::Path;
use std::str::FromStr;

use axum_extra::extract::cookie::Key;
use sqlx::SqlitePool;
use sqlx::migrate::MigrateError;
use sqlx::sqlite::SqliteConnectOptions;

/// Everything the blog needs to know before it starts. Its `Debug` shows
/// the secret key's length, never the key.
#[derive(Clone, PartialEq, Eq)]
pub struct Config {
    /// `DATABASE_URL`: where the database is, as a `sqlite:` URL. The file
    /// is created if it is missing.
    pub database_url: String,
    /// `BIND_ADDR`: the address and port the server listens on.
    pub bind_addr: SocketAddr,
    /// `SECRET_KEY`: signs the flash cookie; at least 32 bytes.
    pub secret_key: String,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &redact_url(&self.database_url))
            .field("bind_addr", &self.bind_addr)
            .field("secret_key", &format_args!("({} bytes, hidden)", self.secret_key.len()))
            .finish()
    }
}

/// A setting that is present but cannot be used. The message names the
/// variable and says what is wrong; it shows the value only where that is
/// safe: never the secret key, and a URL without its password.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{name} {problem}")]
pub struct ConfigError {
    /// The environment variable's name.
    pub name: &'static str,
    /// What is wrong with its value, e.g. `is 12 bytes long, but it must
    /// be at least 32 bytes long`.
    pub problem: String,
}

/// The defaults, for a developer's machine.
pub const DEFAULT_DATABASE_URL: &str = "sqlite:blog.db";
pub const DEFAULT_BIND_ADDR: SocketAddr = SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 3000));
pub const DEFAULT_SECRET_KEY: &str = "development key: set SECRET_KEY in production";

/// The shortest secret a cookie key may be derived from, in bytes.
pub const MIN_SECRET_LEN: usize = 32;

impl Config {
    /// Reads the configuration from the process's environment.
    pub fn from_env() -> Result<Config, ConfigError> {
        // A value that is not valid UTF-8 is passed on, mangled, so that it is
        // reported as invalid rather than silently replaced by a default.
        Config::from_lookup(|name| std::env::var_os(name).map(|value| value.to_string_lossy().into_owned()))
    }

    /// Reads the configuration through `lookup`, which returns a variable's
    /// value or `None` when it is not set.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let database_url = match lookup("DATABASE_URL") {
            None => DEFAULT_DATABASE_URL.to_string(),
            Some(url) if url.starts_with("sqlite:") => url,
            Some(url) => {
                return Err(ConfigError {
                    name: "DATABASE_URL",
                    problem: format!("is {:?}, but it must be a URL starting with sqlite:", redact_url(&url)),
                });
            }
        };
        let bind_addr = match lookup("BIND_ADDR") {
            None => DEFAULT_BIND_ADDR,
            Some(value) => value.parse().map_err(|_| ConfigError {
                name: "BIND_ADDR",
                problem: format!("is {value:?}, but it must be an address like 127.0.0.1:3000"),
            })?,
        };
        let secret_key = match lookup("SECRET_KEY") {
            None => DEFAULT_SECRET_KEY.to_string(),
            Some(key) => {
                check_secret(&key)?;
                key
            }
        };
        Ok(Config {
            database_url,
            bind_addr,
            secret_key,
        })
    }
}

/// The key that signs cookies, derived from a secret of at least 32 bytes.
pub fn cookie_key(secret: &str) -> Result<Key, ConfigError> {
    check_secret(secret)?;
    Ok(Key::derive_from(secret.as_bytes()))
}

/// A secret that is too short is an error that gives its length, never its
/// text.
fn check_secret(secret: &str) -> Result<(), ConfigError> {
    if secret.len() < MIN_SECRET_LEN {
        return Err(ConfigError {
            name: "SECRET_KEY",
            problem: format!(
                "is {} bytes long, but it must be at least {MIN_SECRET_LEN} bytes long",
                secret.len()
            ),
        });
    }
    Ok(())
}

/// Why the blog cannot start on the database of `url`, as its operator
/// reads it: the setting, its value (without a password), what is wrong and
/// what to do, then SQLite's own words.
pub fn database_error(url: &str, error: &sqlx::Error) -> ConfigError {
    let options = SqliteConnectOptions::from_str(url).ok();
    let path = options.as_ref().map_or(Path::new(""), |options| options.get_filename());
    let missing_folder = path
        .parent()
        .filter(|folder| !folder.as_os_str().is_empty() && !folder.is_dir());
    let advice = match (sqlite_code(error), error) {
        (Some(CANTOPEN), _) => match missing_folder {
            _ if path.is_dir() => format!("{} is a folder: set DATABASE_URL to a file in it", path.display()),
            Some(folder) => format!(
                "the folder {} does not exist: create it, or set DATABASE_URL to a file in a folder that exists",
                folder.display()
            ),
            None if !path.exists() => format!(
                "{} does not exist and cannot be made: check that the blog's user may write to its folder, \
                 and that the URL has no mode=ro or mode=rw",
                path.display()
            ),
            None => format!(
                "{} cannot be opened: check that the blog's user may read and write it and its folder",
                path.display()
            ),
        },
        (Some(NOTADB), _) => format!(
            "{} is not an SQLite database: is it another program's file? Set DATABASE_URL to the blog's database, \
             or to a new file",
            path.display()
        ),
        (Some(READONLY), _) => format!(
            "the blog may not write to {}: give the blog's user write access to the file and its folder \
             (SQLite writes the -wal and -shm files beside it), and take any mode=ro out of the URL",
            path.display()
        ),
        (Some(CORRUPT), _) => format!("{} is damaged: restore it from a backup", path.display()),
        (Some(FULL), _) => "the disk is full: free some space".to_string(),
        (_, sqlx::Error::Configuration(_)) => {
            "SQLite cannot read this URL: mend it as the words in brackets say".to_string()
        }
        (_, sqlx::Error::Migrate(migrate)) => match migrate.as_ref() {
            MigrateError::VersionMissing(_) | MigrateError::VersionMismatch(_) => {
                "its migrations are not this blog's: was it made by another version of the blog?".to_string()
            }
            _ => "its migrations could not be applied".to_string(),
        },
        _ => "it cannot be used".to_string(),
    };
    ConfigError {
        name: "DATABASE_URL",
        problem: format!("is {:?}, but {advice} ({error})", redact_url(url)),
    }
}

/// SQLite's primary result codes that `database_error` explains.
const READONLY: i32 = 8;
const CORRUPT: i32 = 11;
const FULL: i32 = 13;
const CANTOPEN: i32 = 14;
const NOTADB: i32 = 26;

/// SQLite's primary result code in `error`, also inside a migration's error.
fn sqlite_code(error: &sqlx::Error) -> Option<i32> {
    match error {
        sqlx::Error::Database(error) => error.code()?.parse::<i32>().ok().map(|code| code & 0xff),
        sqlx::Error::Migrate(migrate) => match migrate.as_ref() {
            MigrateError::Execute(error) | MigrateError::ExecuteMigration(error, _) => sqlite_code(error),
            _ => None,
        },
        _ => None,
    }
}

/// Fails with SQLite's `SQLITE_READONLY` when the blog can read the database
/// but not write it. SQLite opens a file it may not write read-only without a
/// word (and `?mode=ro` asks for that); the blog would start and every post
/// would fail. So this writes: it creates a table in a transaction, which a
/// read-only connection refuses, and rolls it back, which leaves the file as
/// it was. (`BEGIN IMMEDIATE` would not do: on a read-only connection it
/// quietly begins a read.)
pub async fn check_writable(pool: &SqlitePool) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    sqlx::query("CREATE TABLE blog_write_check (id INTEGER)")
        .execute(&mut *tx)
        .await?;
    tx.rollback().await
}

/// Why the blog cannot listen on `addr`, as its operator reads it.
pub fn bind_error(addr: SocketAddr, error: &io::Error) -> ConfigError {
    let advice = match error.kind() {
        io::ErrorKind::AddrInUse => "another program listens there: stop it, or set BIND_ADDR to a free port",
        io::ErrorKind::AddrNotAvailable => {
            "this machine has no such address: use 127.0.0.1 (this machine only) or 0.0.0.0 (every network)"
        }
        io::ErrorKind::PermissionDenied => {
            "a port below 1024 needs privileges: set BIND_ADDR to a port of 1024 or more, like 127.0.0.1:8080"
        }
        _ => "the blog cannot listen there",
    };
    ConfigError {
        name: "BIND_ADDR",
        problem: format!("is \"{addr}\", but {advice} ({error})"),
    }
}

/// `url` with its password, if it has one, replaced by `***`: in the user
/// part (`postgres://blog:***@db.example.com/blog`) and in a query parameter
/// whose name contains "pass" (`?password=***`). Safe to print.
pub fn redact_url(url: &str) -> String {
    // The user part runs from `://` to the last `@`: a password may hold any
    // character, `@`, `/` and `?` included.
    let url = url
        .split_once("://")
        .and_then(|(scheme, rest)| {
            let (user, host) = rest.rsplit_once('@')?;
            let (name, _password) = user.split_once(':')?;
            Some(format!("{scheme}://{name}:***@{host}"))
        })
        .unwrap_or_else(|| url.to_string());
    match url.split_once('?') {
        None => url,
        Some((address, query)) => {
            let pairs: Vec<String> = query
                .split('&')
                .map(|pair| match pair.split_once('=') {
                    Some((key, _)) if key.to_ascii_lowercase().contains("pass") => format!("{key}=***"),
                    _ => pair.to_string(),
                })
                .collect();
            format!("{address}?{}", pairs.join("&"))
        }
    }
}
