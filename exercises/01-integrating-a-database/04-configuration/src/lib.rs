//! Read the application's settings from the environment, with a default for
//! each, and a clear error for a value that cannot be used: the `config.py`
//! of the Flask lesson. A secret is never printed, not even in an error.
// Until you write the bodies, their parameters are unused: this keeps the
// compiler quiet about that. You may delete it once you are done.
#![allow(unused_variables)]

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
        // TODO: read DATABASE_URL, BIND_ADDR, MAX_CONNECTIONS and SECRET_KEY,
        // use the default for each one that is not set, and return a
        // ConfigError for the first value that breaks its rule. An error never
        // holds a secret: redact the URL, and give only the key's length.
        todo!("build a Config from DATABASE_URL, BIND_ADDR, MAX_CONNECTIONS and SECRET_KEY")
    }
    // ANCHOR_END: solution
}
