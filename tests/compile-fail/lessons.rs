//! Every compile-fail lesson of the book, proven to fail the way the book says.
//!
//! Each case is `tests/<chapter>/<exercise>/compile-fail/<case>.rs`, and its
//! expected compiler output is the `.stderr` file beside it, which the book
//! includes. To re-bless after a toolchain update: `TRYBUILD=overwrite cargo
//! test -p compile-fail-lessons`, then read every changed `.stderr`.

#[test]
fn compile_fail_lessons() {
    // The checked-SQL cases need a schema database; build.rs made one. This
    // is the test binary's only test, so no other thread reads the
    // environment while it changes.
    // SAFETY: no other thread of this process is running at this point.
    unsafe { std::env::set_var("DATABASE_URL", env!("DATABASE_URL")) };
    let cases = trybuild::TestCases::new();
    cases.compile_fail("../[0-9]*/*/compile-fail/*.rs");
}
