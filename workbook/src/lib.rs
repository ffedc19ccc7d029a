//! The course runner's library: the course manifest, running checks, the
//! learner's progress, the book, and the proofs that the course is sound.

pub mod backup;
pub mod book;
pub mod check;
pub mod course;
pub mod dev;
pub mod doctor;
pub mod files;
pub mod live;
pub mod mistakes;
pub mod progress;
pub mod report;
pub mod session;
pub mod shipped;
pub mod translation;
pub mod watch;

pub use course::{Course, Exercise};
