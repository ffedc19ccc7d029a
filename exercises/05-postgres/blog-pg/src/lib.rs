//! The blog of chapter 4, on PostgreSQL: its data, and the queries the
//! chapter's steps write.
//!
//! - `db`: step 1, the pool on a server, with the migrations in `migrations/`;
//! - `posts`: step 2, the blog's queries in PostgreSQL's dialect, checked
//!   while the crate compiles;
//! - `concurrent`: step 3, writes that two requests at once cannot undo;
//! - `errors`: step 4, the server's refusals as typed errors;
//! - `search`: step 5, full-text search with a ranked result;
//! - `seed`: given, demo data for `blog-pg seed` (src/main.rs, a small JSON
//!   server on these functions, for curl and for load tests).

pub mod concurrent;
pub mod db;
pub mod errors;
pub mod models;
pub mod posts;
pub mod search;
pub mod seed;
