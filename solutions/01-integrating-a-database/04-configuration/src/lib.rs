//! Read the application's settings from the environment, with a default for
//! each, and a clear error for a value that cannot be used: the `config.py`
//! of the Flask lesson. A secret is never printed, not even in an error.

use std::fmt;
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4};

// ANCHOR: config
/// Everything the blog needs to know before it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// `DATABASE_URL`: where the database is, as a `sqlite:` URL.
    pub database_url: String,
    /// `BIND_ADDR`: the address and port the server listens on.
    pub bind_addr: SocketAddr,
    /// `MAX_CONNECTIONS`: the size of the connection pool, 1 to 64.
    pub max_connections: u32,
    /// `SECRET_KEY`: signs cookies; at least 32 characters when set.
    pub secret_key: Secret,
}

/// A value that must never be printed. Its `Debug` shows `Secret(***)`, so a
/// `Config` can be logged whole; `expose` gives the value to the code that
/// needs it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// A setting that is present but cannot be used. It names the variable and
/// says what is wrong; it has no field that could hold a secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// A value that may be shown, quoted so that a stray space shows.
    #[error("{name} is {value:?}, but it must be {expected}")]
    Invalid {
        name: &'static str,
        value: String,
        expected: &'static str,
    },
    /// A secret that cannot be used: only its length is shown.
    #[error("{name} is {length} characters long, but it must be {expected} (the value is secret, so it is not shown)")]
    InvalidSecret {
        name: &'static str,
        length: usize,
        expected: &'static str,
    },
}

/// The defaults, for a developer's machine.
pub const DEFAULT_DATABASE_URL: &str = "sqlite:blog.db";
pub const DEFAULT_BIND_ADDR: SocketAddr = SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 3000));
pub const DEFAULT_MAX_CONNECTIONS: u32 = 5;
pub const DEFAULT_SECRET_KEY: &str = "development key: set SECRET_KEY in production";
// ANCHOR_END: config

// ANCHOR: redact
/// `url` with its password, if it has one, replaced by `***`: the password of
/// `postgres://blog:hunter2@db.example.com/blog` is what stands between the
/// first `:` after `://` and the last `@`.
pub fn redact_password(url: &str) -> String {
    let redacted = url.split_once("://").and_then(|(scheme, rest)| {
        let (credentials, host) = rest.rsplit_once('@')?;
        let (user, _password) = credentials.split_once(':')?;
        Some(format!("{scheme}://{user}:***@{host}"))
    });
    redacted.unwrap_or_else(|| url.to_string())
}
// ANCHOR_END: redact

impl Config {
    // ANCHOR: from_env
    /// Reads the configuration from the process's environment.
    pub fn from_env() -> Result<Config, ConfigError> {
        // A value that is not valid UTF-8 is passed on, mangled, so that it is
        // reported as invalid rather than silently replaced by a default.
        Config::from_lookup(|name| std::env::var_os(name).map(|value| value.to_string_lossy().into_owned()))
    }
    // ANCHOR_END: from_env

    // ANCHOR: solution
    /// Reads the configuration through `lookup`, which returns a variable's
    /// value or `None` when it is not set.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let database_url = match lookup("DATABASE_URL") {
            None => DEFAULT_DATABASE_URL.to_string(),
            Some(url) if url.starts_with("sqlite:") => url,
            Some(url) => {
                let shown = redact_password(&url);
                return Err(invalid("DATABASE_URL", shown, "a URL starting with sqlite:"));
            }
        };
        let bind_addr = match lookup("BIND_ADDR") {
            None => DEFAULT_BIND_ADDR,
            Some(value) => match value.parse() {
                Ok(addr) => addr,
                Err(_) => return Err(invalid("BIND_ADDR", value, "an address like 127.0.0.1:3000")),
            },
        };
        let max_connections = match lookup("MAX_CONNECTIONS") {
            None => DEFAULT_MAX_CONNECTIONS,
            Some(value) => match value.parse() {
                Ok(n @ 1..=64) => n,
                _ => return Err(invalid("MAX_CONNECTIONS", value, "a whole number from 1 to 64")),
            },
        };
        let secret_key = match lookup("SECRET_KEY") {
            None => Secret::new(DEFAULT_SECRET_KEY),
            Some(key) => match key.chars().count() {
                32.. => Secret::new(key),
                length => {
                    return Err(ConfigError::InvalidSecret {
                        name: "SECRET_KEY",
                        length,
                        expected: "at least 32 characters long",
                    });
                }
            },
        };
        Ok(Config {
            database_url,
            bind_addr,
            max_connections,
            secret_key,
        })
    }
    // ANCHOR_END: solution
}

// ANCHOR: invalid
fn invalid(name: &'static str, value: String, expected: &'static str) -> ConfigError {
    ConfigError::Invalid { name, value, expected }
}
// ANCHOR_END: invalid
