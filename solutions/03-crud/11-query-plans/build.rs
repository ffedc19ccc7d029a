// Applies migrations/ to a fresh schema database and points sqlx's checked
// queries at it: no database to start and no DATABASE_URL to set.
fn main() {
    schema_db::build();
}
