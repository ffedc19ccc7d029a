//! The blog's settings, from the environment, with a default for each and a
//! clear error for a value that cannot be used: the `config.py` of Flask.

use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4};

use axum_extra::extract::cookie::Key;

/// Everything the blog needs to know before it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// `DATABASE_URL`: where the database is, as a `sqlite:` URL. The file
    /// is created if it is missing.
    pub database_url: String,
    /// `BIND_ADDR`: the address and port the server listens on.
    pub bind_addr: SocketAddr,
    /// `SECRET_KEY`: signs the flash cookie; at least 32 bytes.
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
            Some(value) => return Err(invalid("DATABASE_URL", value, "a URL starting with sqlite:")),
        };
        let bind_addr = match lookup("BIND_ADDR") {
            None => DEFAULT_BIND_ADDR,
            Some(value) => match value.parse() {
                Ok(addr) => addr,
                Err(_) => return Err(invalid("BIND_ADDR", value, "an address like 127.0.0.1:3000")),
            },
        };
        let secret_key = match lookup("SECRET_KEY") {
            None => DEFAULT_SECRET_KEY.to_string(),
            Some(key) if key.len() >= MIN_SECRET_LEN => key,
            Some(value) => return Err(invalid("SECRET_KEY", value, "at least 32 bytes long")),
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
    if secret.len() < MIN_SECRET_LEN {
        return Err(invalid("SECRET_KEY", secret.to_string(), "at least 32 bytes long"));
    }
    Ok(Key::derive_from(secret.as_bytes()))
}

fn invalid(name: &'static str, value: String, expected: &'static str) -> ConfigError {
    ConfigError { name, value, expected }
}
