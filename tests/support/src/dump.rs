//! Every table of a SQLite database and every row in it, as a short text for a snapshot.

use sqlx::{AssertSqlSafe, SqlitePool};

/// Every table (but sqlx's own `_sqlx_migrations`) in the order it was
/// created, with its columns and then its rows in rowid order, each value as
/// SQLite's `quote()` writes it (text in quotes, NULL as NULL). `created_at`
/// columns are left out: they hold the time the check ran.
pub async fn dump(pool: &SqlitePool) -> String {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_schema
         WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations'
         ORDER BY rowid",
    )
    .fetch_all(pool)
    .await
    .expect("the list of tables");

    let mut out = String::new();
    for table in tables {
        let columns: Vec<String> =
            sqlx::query_scalar("SELECT name FROM pragma_table_info(?) WHERE name <> 'created_at' ORDER BY cid")
                .bind(&table)
                .fetch_all(pool)
                .await
                .expect("the columns");
        // The names come from SQLite's own catalogue, never from a user, and
        // are quoted as identifiers: this is the one place where building SQL
        // from strings is sound.
        let ident = |name: &str| format!("\"{}\"", name.replace('"', "\"\""));
        let row = columns
            .iter()
            .map(|c| format!("quote({})", ident(c)))
            .collect::<Vec<_>>()
            .join(" || ' | ' || ");
        let sql = format!("SELECT {row} FROM {} ORDER BY rowid", ident(&table));
        let rows: Vec<String> = sqlx::query_scalar(AssertSqlSafe(sql))
            .fetch_all(pool)
            .await
            .expect("the rows");

        out += &format!("{table} ({}): {} row(s)\n", columns.join(", "), rows.len());
        for row in rows {
            out += &format!("  {row}\n");
        }
    }
    out
}
