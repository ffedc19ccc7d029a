// sqlx's checked queries (`query!`, `query_as!`) ask a database about each
// query while the crate compiles. With `DATABASE_URL` set, they ask that
// server. Without it, they read saved answers, "offline data": first the
// course's, for the reference's queries, then yours in `.sqlx/`, which
// `cargo run -q -p pg-prepare -- blog-pg` writes from a throwaway server.
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-env-changed=DATABASE_URL");
    println!("cargo:rerun-if-env-changed=SQLX_OFFLINE_DIR");
    let online = std::env::var_os("DATABASE_URL").is_some_and(|url| !url.is_empty());
    if !online && std::env::var_os("SQLX_OFFLINE_DIR").is_none() {
        let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
        let course = Path::new(&manifest).join("../../../tests/05-postgres/support/sqlx");
        println!("cargo:rustc-env=SQLX_OFFLINE_DIR={}", course.display());
    }
}
