//! The `snapshot!` and `debug_snapshot!` macros: a value compared with an expected answer beside the check.
//!
//! Macros, not functions: insta files a snapshot beside the source file
//! that asks for it and names it after that file's module, so the assertion
//! must expand inside the check (`tests/<chapter>/<exercise>/snapshots/`),
//! not here. A failure then also names the check's own line.

/// `snapshot!(name, description, value)`: compares the text `value` (a
/// `String` or `&str`) with the snapshot `name` beside the check. The
/// snapshot has no expression header; `description` says in one sentence
/// what it shows.
#[macro_export]
macro_rules! snapshot {
    ($name:expr, $description:expr, $value:expr $(,)?) => {{
        let value = &$value;
        let value: &str = ::std::convert::AsRef::<str>::as_ref(value);
        let mut settings = $crate::insta::Settings::clone_current();
        settings.set_omit_expression(true);
        settings.set_description($description);
        settings.bind(|| $crate::insta::assert_snapshot!($name, value));
    }};
}

/// `debug_snapshot!(name, description, value)`: [`snapshot!`] of `value`
/// as Rust's pretty `Debug` (`{:#?}`) prints it.
#[macro_export]
macro_rules! debug_snapshot {
    ($name:expr, $description:expr, $value:expr $(,)?) => {
        $crate::snapshot!($name, $description, ::std::format!("{:#?}", $value))
    };
}
