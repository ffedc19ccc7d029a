//! Read the application's settings from the environment, with a default for
//! each, and a clear error for a value that cannot be used: the `config.py`
//! of the Flask lesson.

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
    pub secret_key: String,
}

/// A setting that is present but cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{name} is {value:?}, but it must be {expected}")]
pub struct ConfigError {
    /// The environment variable's name.
    pub name: &'static str,
    /// The value it holds.
    pub value: String,
    /// What a good value looks like.
    pub expected: &'static str,
}

/// The defaults, for a developer's machine.
pub const DEFAULT_DATABASE_URL: &str = "sqlite:blog.db";
pub const DEFAULT_BIND_ADDR: SocketAddr = SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 3000));
pub const DEFAULT_MAX_CONNECTIONS: u32 = 5;
pub const DEFAULT_SECRET_KEY: &str = "development key: set SECRET_KEY in production";
// ANCHOR_END: config

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
            Some(value) => return Err(invalid("DATABASE_URL", value, "a URL starting with sqlite:")),
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
            None => DEFAULT_SECRET_KEY.to_string(),
            Some(key) if key.chars().count() >= 32 => key,
            Some(value) => return Err(invalid("SECRET_KEY", value, "at least 32 characters long")),
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
    ConfigError { name, value, expected }
}
// ANCHOR_END: invalid
