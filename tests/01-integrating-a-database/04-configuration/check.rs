//! The check for `configuration`: the defaults, every setting overridden, a
//! clear error for each kind of bad value, the first error in the table's
//! order, and never a secret in what is printed. The environment is passed in
//! as a list, so the check never changes the process's real environment.

use configuration::{Config, ConfigError, redact_password};
use course_support::snapshot;

/// Reads a configuration from the given variables only.
fn config_from(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
    Config::from_lookup(|name| {
        vars.iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.to_string())
    })
}

/// The variable an error names.
fn name_of(error: &ConfigError) -> &'static str {
    match error {
        ConfigError::Invalid { name, .. } | ConfigError::InvalidSecret { name, .. } => name,
    }
}

/// A secret long enough to be accepted, and one that is not.
const GOOD_SECRET: &str = "a-long-and-random-production-secret";
const SHORT_SECRET: &str = "hunter2-short";
/// A password that must never be printed.
const PASSWORD: &str = "hunter2";

#[test]
fn nothing_set_means_every_default() {
    let config = config_from(&[]).expect("nothing set is never an error");
    assert_eq!(config.secret_key.expose(), configuration::DEFAULT_SECRET_KEY);
    snapshot!(
        "defaults",
        "The Config read with no variable set.",
        &format!("{config:#?}")
    );
}

#[test]
fn every_setting_can_be_overridden() {
    let config = config_from(&[
        ("DATABASE_URL", "sqlite:/var/lib/blog/blog.db"),
        ("BIND_ADDR", "0.0.0.0:8080"),
        ("MAX_CONNECTIONS", "16"),
        ("SECRET_KEY", GOOD_SECRET),
    ])
    .expect("four good values");
    assert_eq!(config.secret_key.expose(), GOOD_SECRET, "the key is kept as it was set");
    let printed = format!("{config:?}");
    assert!(
        !printed.contains(GOOD_SECRET),
        "printing a Config must not show the secret key: {printed}"
    );
    snapshot!(
        "overridden",
        "The Config read with all four variables set; its Debug hides the secret key.",
        &format!("{config:#?}"),
    );
}

#[test]
fn bad_values_are_clear_errors_that_show_no_secret() {
    let cases = [
        ("DATABASE_URL", "postgres://blog:hunter2@db.example.com/blog"),
        ("DATABASE_URL", ""),
        ("BIND_ADDR", "localhost"),
        ("BIND_ADDR", "127.0.0.1:99999"),
        ("MAX_CONNECTIONS", "0"),
        ("MAX_CONNECTIONS", "65"),
        ("MAX_CONNECTIONS", "five"),
        ("MAX_CONNECTIONS", "-1"),
        ("MAX_CONNECTIONS", ""),
        ("SECRET_KEY", SHORT_SECRET),
        ("SECRET_KEY", ""),
    ];
    let mut report = String::new();
    for (name, value) in cases {
        let line = match config_from(&[(name, value)]) {
            Ok(_) => "was accepted".to_string(),
            Err(error) => {
                for printed in [error.to_string(), format!("{error:?}")] {
                    assert!(
                        !printed.contains(PASSWORD),
                        "an error must not show a secret or a password: {printed}"
                    );
                }
                assert_eq!(name_of(&error), name, "the error names the variable that was set");
                error.to_string()
            }
        };
        report += &format!("{name}={value:?}\n  -> {line}\n");
    }
    snapshot!(
        "bad_values",
        "One bad value at a time as it was set and then the error it gives.",
        &report
    );
}

#[test]
fn a_key_is_measured_in_characters_not_bytes() {
    // 20 Cyrillic letters: 20 characters, but 40 bytes in UTF-8.
    let twenty = "ключ".repeat(5);
    let error = config_from(&[("SECRET_KEY", &twenty)]).expect_err("20 characters are too few, whatever their bytes");
    assert_eq!(
        error.to_string(),
        "SECRET_KEY is 20 characters long, but it must be at least 32 characters long \
         (the value is secret, so it is not shown)"
    );
    // 32 Cyrillic letters, 64 bytes: enough.
    let thirty_two = "ключ".repeat(8);
    let config = config_from(&[("SECRET_KEY", &thirty_two)]).expect("32 characters are enough");
    assert_eq!(config.secret_key.expose(), thirty_two);
}

#[test]
fn the_limits_themselves_are_allowed() {
    for (name, value) in [
        ("MAX_CONNECTIONS", "1"),
        ("MAX_CONNECTIONS", "64"),
        ("SECRET_KEY", &"k".repeat(32)),
    ] {
        if let Err(error) = config_from(&[(name, value)]) {
            panic!("{name}={value:?} is within the rule, but it gave: {error}");
        }
    }
    let error = config_from(&[("SECRET_KEY", &"k".repeat(31))]).expect_err("31 characters are one too few");
    assert_eq!(name_of(&error), "SECRET_KEY");
}

#[test]
fn the_first_bad_value_in_order_is_reported() {
    let bad = [
        ("DATABASE_URL", "postgres://db.example.com/blog"),
        ("BIND_ADDR", "localhost"),
        ("MAX_CONNECTIONS", "0"),
        ("SECRET_KEY", "short"),
    ];
    // All four bad, then the first one fixed, and so on: the first bad one in
    // the table's order is the one reported.
    for first in 0..bad.len() {
        let error = config_from(&bad[first..]).expect_err("at least one bad value");
        assert_eq!(
            name_of(&error),
            bad[first].0,
            "with {:?} all bad, the error should name the first of them in the table's order",
            bad[first..].iter().map(|(name, _)| *name).collect::<Vec<_>>()
        );
    }
}

#[test]
fn a_password_in_a_url_is_redacted() {
    let cases = [
        "postgres://blog:hunter2@db.example.com:5432/blog",
        "postgres://blog:hunter2@with@at@db.example.com/blog",
        "mysql://:hunter2@localhost/blog",
        "postgres://blog@db.example.com/blog",
        "postgres://db.example.com/blog",
        "sqlite:blog.db",
    ];
    let report: String = cases
        .iter()
        .map(|url| format!("{url}\n  -> {}\n", redact_password(url)))
        .collect();
    assert!(
        !report
            .lines()
            .filter(|line| line.starts_with("  ->"))
            .any(|line| line.contains(PASSWORD))
    );
    snapshot!("redacted_urls", "URLs and what redact_password makes of each.", &report);
}
