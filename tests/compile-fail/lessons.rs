//! Every compile-fail lesson of the book, proven to fail the way the book says.
//!
//! Each case is `tests/<chapter>/<exercise>/compile-fail/<case>.rs`, and its
//! expected compiler output is the `.stderr` file beside it, which the book
//! includes. To re-bless after a toolchain update: `TRYBUILD=overwrite cargo
//! test -p compile-fail-lessons`, then read every changed `.stderr`.

#[test]
fn compile_fail_lessons() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("../[0-9]*/*/compile-fail/*.rs");
}
