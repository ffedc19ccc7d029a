//! The build step behind checked SQL.
//!
//! sqlx's `query!` and `query_as!` macros check each query against a real
//! database while the crate compiles, and find it through `DATABASE_URL`. A
//! crate with migrations calls [`build`] from its `build.rs`: the migrations
//! are applied, in order, to a fresh `schema.db` in the build's `OUT_DIR`, and
//! `DATABASE_URL` points the macros at it. Nothing to install, start or set,
//! in a terminal or in an editor (rust-analyzer runs build scripts too), and
//! a changed migration rebuilds the crate.

use std::fmt;
use std::path::{Path, PathBuf};

/// A migration that could not be read or applied.
#[derive(Debug)]
pub struct SchemaError {
    /// The migration file, or the folder that could not be read.
    pub path: PathBuf,
    /// What SQLite or the file system said.
    pub message: String,
}

impl fmt::Display for SchemaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for SchemaError {}

/// The migration files of `dir` that move a schema up, in the order sqlx
/// applies them: by the number before the first `_`. Down scripts
/// (`*.down.sql`) are left out.
pub fn up_migrations(dir: &Path) -> Result<Vec<PathBuf>, SchemaError> {
    let error = |message: String| SchemaError {
        path: dir.to_path_buf(),
        message,
    };
    let entries = std::fs::read_dir(dir).map_err(|e| error(e.to_string()))?;
    let mut found = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| error(e.to_string()))?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        if !name.ends_with(".sql") || name.ends_with(".down.sql") {
            continue;
        }
        let version: i64 = name
            .split('_')
            .next()
            .and_then(|number| number.parse().ok())
            .ok_or_else(|| error(format!("{name} does not start with a version number and `_`")))?;
        found.push((version, path));
    }
    found.sort();
    Ok(found.into_iter().map(|(_, path)| path).collect())
}

/// Applies every up migration of `migrations` to a new database at `db`,
/// replacing any file already there.
pub fn apply(migrations: &Path, db: &Path) -> Result<(), SchemaError> {
    let _ = std::fs::remove_file(db);
    let conn = rusqlite::Connection::open(db).map_err(|e| SchemaError {
        path: db.to_path_buf(),
        message: e.to_string(),
    })?;
    for path in up_migrations(migrations)? {
        let error = |message: String| SchemaError {
            path: path.clone(),
            message,
        };
        let sql = std::fs::read_to_string(&path).map_err(|e| error(e.to_string()))?;
        conn.execute_batch(&sql).map_err(|e| error(e.to_string()))?;
    }
    Ok(())
}

/// The whole build step, for a crate's `build.rs`: applies the crate's
/// `migrations/` to `$OUT_DIR/schema.db` and sets `DATABASE_URL` for the
/// crate's compilation. A migration that fails stops the build with its
/// file name and SQLite's message.
pub fn build() {
    println!("cargo:rerun-if-changed=migrations");
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_default();
    let out_dir = std::env::var_os("OUT_DIR").map(PathBuf::from).unwrap_or_default();
    build_from(&manifest_dir.join("migrations"), &out_dir);
}

/// [`build`] for migrations in another folder (the compile-fail lessons use
/// an exercise's migrations).
pub fn build_from(migrations: &Path, out_dir: &Path) {
    println!("cargo:rerun-if-changed={}", migrations.display());
    let db = out_dir.join("schema.db");
    if let Err(error) = apply(migrations, &db) {
        eprintln!(
            "error: a migration in {} does not apply to an empty database, so this crate cannot be built:\n  \
             {error}\n  Fix that migration, save, and check again.",
            migrations.display()
        );
        std::process::exit(1);
    }
    println!("cargo:rustc-env=DATABASE_URL=sqlite:{}", db.display());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_apply_in_version_order_without_down_scripts() {
        let dir = std::env::temp_dir().join(format!("schema-db-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a folder");
        std::fs::write(
            dir.join("10_add_email.up.sql"),
            "ALTER TABLE users ADD COLUMN email TEXT;",
        )
        .expect("w");
        std::fs::write(
            dir.join("10_add_email.down.sql"),
            "ALTER TABLE users DROP COLUMN email;",
        )
        .expect("w");
        std::fs::write(dir.join("2_users.sql"), "CREATE TABLE users (id INTEGER PRIMARY KEY);").expect("w");
        std::fs::write(dir.join("notes.txt"), "not a migration").expect("w");

        let names: Vec<_> = up_migrations(&dir)
            .expect("listed")
            .iter()
            .map(|p| p.file_name().unwrap_or_default().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["2_users.sql", "10_add_email.up.sql"]);

        let db = dir.join("schema.db");
        apply(&dir, &db).expect("applied");
        let conn = rusqlite::Connection::open(&db).expect("opened");
        let columns: i64 = conn
            .query_row("SELECT count(*) FROM pragma_table_info('users')", [], |row| row.get(0))
            .expect("counted");
        assert_eq!(columns, 2);

        std::fs::write(dir.join("11_broken.sql"), "CREATE TABLE;").expect("w");
        let error = apply(&dir, &db).expect_err("a broken migration");
        assert!(error.to_string().contains("11_broken.sql"), "{error}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
