//! The course runner's library: the course manifest, running checks, the
//! learner's progress, the book, and the proofs that the course is sound.

pub mod book;
pub mod check;
pub mod course;
pub mod files;
pub mod live;
pub mod pristine;
pub mod progress;
pub mod session;
pub mod verify;
pub mod watch;

pub use course::{Course, Exercise};
