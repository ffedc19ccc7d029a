//! Nothing to compile: this package exists for its dependency list (see its
//! `Cargo.toml`).
