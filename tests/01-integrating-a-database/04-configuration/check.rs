//! The check for `configuration`: the defaults, every setting overridden, and
//! a clear error for each kind of bad value. The environment is passed in as
//! a list, so the check never changes the process's real environment.

use configuration::Config;

/// Reads a configuration from the given variables only.
fn config_from(vars: &[(&str, &str)]) -> Result<Config, configuration::ConfigError> {
    Config::from_lookup(|name| {
        vars.iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.to_string())
    })
}

#[test]
fn nothing_set_means_every_default() {
    insta::assert_debug_snapshot!("defaults", config_from(&[]));
}

#[test]
fn every_setting_can_be_overridden() {
    let config = config_from(&[
        ("DATABASE_URL", "sqlite:/var/lib/blog/blog.db"),
        ("BIND_ADDR", "0.0.0.0:8080"),
        ("MAX_CONNECTIONS", "16"),
        ("SECRET_KEY", "a-long-and-random-production-secret"),
    ]);
    insta::assert_debug_snapshot!("overridden", config);
}

#[test]
fn bad_values_are_clear_errors() {
    let cases = [
        ("DATABASE_URL", "postgres://localhost/blog"),
        ("BIND_ADDR", "localhost"),
        ("BIND_ADDR", "127.0.0.1:99999"),
        ("MAX_CONNECTIONS", "0"),
        ("MAX_CONNECTIONS", "65"),
        ("MAX_CONNECTIONS", "five"),
        ("MAX_CONNECTIONS", "-1"),
        ("SECRET_KEY", "short"),
    ];
    let report: Vec<String> = cases
        .iter()
        .map(|&(name, value)| match config_from(&[(name, value)]) {
            Ok(config) => format!("{name}={value:?} was accepted: {config:?}"),
            Err(error) => format!("{name}={value:?}: {error}"),
        })
        .collect();
    insta::assert_snapshot!("bad_values", report.join("\n"));
}
