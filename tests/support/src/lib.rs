//! What the course's checks share. A check names it in its crate's
//! `[dev-dependencies]` (`course-support.workspace = true`, with
//! `features = ["sqlite"]` for the database helpers) and uses it like any
//! crate: `use course_support::snapshot;`, `course_support::db::memory()`.

pub mod snapshot;

#[cfg(feature = "sqlite")]
pub mod blog_seed;
#[cfg(feature = "sqlite")]
pub mod db;
#[cfg(feature = "sqlite")]
pub mod dump;
#[cfg(feature = "sqlite")]
pub mod posts_seed;
#[cfg(feature = "sqlite")]
pub mod schema;

/// insta, for the macros of [`snapshot`]: a check needs no insta of its own.
#[doc(hidden)]
pub use insta;
