//! This crate has no code of its own: its test, `lessons.rs`, compiles every
//! case in `tests/<chapter>/<exercise>/compile-fail/` and expects it to fail.
