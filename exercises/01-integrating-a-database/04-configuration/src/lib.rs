//! Read the application's settings from the environment, with a default for
//! each, and a clear error for a value that cannot be used: the `config.py`
//! of the Flask lesson.
// Until you write the bodies, their parameters are unused: this keeps the
// compiler quiet about that. You may delete it once you are done.
#![allow(unused_variables)]

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
        // TODO: read DATABASE_URL, BIND_ADDR, MAX_CONNECTIONS and SECRET_KEY,
        // use the default for each one that is not set, and return a
        // ConfigError for the first value that breaks its rule.
        todo!("build a Config from DATABASE_URL, BIND_ADDR, MAX_CONNECTIONS and SECRET_KEY")
    }
    // ANCHOR_END: solution
}
