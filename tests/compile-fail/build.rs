// The checked-SQL lessons compile against the schema of the checked-sql
// exercise: its migrations become this crate's schema database.
fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let migrations = root.join("solutions/02-models-migrations/07-checked-sql/migrations");
    let out_dir = std::env::var_os("OUT_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_default();
    schema_db::build_from(&migrations, &out_dir);
}
