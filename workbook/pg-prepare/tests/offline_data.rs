//! The course's offline query data is up to date: what `pg-prepare --check`
//! proves, as `cargo sqlx prepare --check` would in a project's CI. It needs
//! a PostgreSQL server, and skips with one line without one unless
//! WORKBOOK_REQUIRE_POSTGRES is set.

use std::process::Command;

/// Each crate with checked PostgreSQL queries, and where the course keeps
/// their offline data.
const PREPARED: [(&str, &str); 1] = [("blog-pg-solution", "tests/05-postgres/support/sqlx")];

#[test]
fn the_offline_query_data_is_up_to_date() {
    if pg_server::find_initdb().is_none() && std::env::var_os(pg_server::URL_VAR).is_none() && !pg_server::required() {
        eprintln!("skipped: the offline query data needs a PostgreSQL server to be checked");
        return;
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("the workspace root");
    for (package, data) in PREPARED {
        let out = Command::new(env!("CARGO_BIN_EXE_pg-prepare"))
            .current_dir(root)
            .args([package, "--into", data, "--check"])
            .output()
            .expect("pg-prepare runs");
        assert!(
            out.status.success(),
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
