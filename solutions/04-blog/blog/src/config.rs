//! The blog's settings, from the environment, with a default for each and a
//! clear error for a value that cannot be used: the `config.py` of Flask.
//! No message and no `Debug` output shows the secret key or a password.

use std::fmt;
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4};

use axum_extra::extract::cookie::Key;

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
