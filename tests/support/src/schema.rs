//! The schema of a SQLite database as SQLite reports it, as a short text for a snapshot.

use sqlx::{Row, SqlitePool};

/// Every table (but sqlx's own `_sqlx_migrations`) with its columns, indexes
/// and foreign keys, in name order.
pub async fn describe(pool: &SqlitePool) -> String {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_schema
         WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations'
         ORDER BY name",
    )
    .fetch_all(pool)
    .await
    .expect("the list of tables");

    let mut out = String::new();
    for table in tables {
        out += &format!("table {table}\n");
        let columns =
            sqlx::query("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid")
                .bind(&table)
                .fetch_all(pool)
                .await
                .expect("the columns");
        // A key of several columns is shown once, as a line of its own.
        let key_columns = columns.iter().filter(|column| column.get::<i64, _>(4) > 0).count();
        for column in columns {
            let mut line = format!("  {} {}", column.get::<String, _>(0), column.get::<String, _>(1));
            if key_columns == 1 && column.get::<i64, _>(4) > 0 {
                line += " PRIMARY KEY";
            }
            if column.get::<i64, _>(2) == 1 {
                line += " NOT NULL";
            }
            if let Some(default) = column.get::<Option<String>, _>(3) {
                line += &format!(" DEFAULT {default}");
            }
            out += &line;
            out.push('\n');
        }
        let indexes = sqlx::query(
            "SELECT il.name, il.\"unique\", il.origin, group_concat(ii.name, ', ' ORDER BY ii.seqno)
             FROM pragma_index_list(?1) il JOIN pragma_index_info(il.name) ii
             GROUP BY il.name ORDER BY il.name",
        )
        .bind(&table)
        .fetch_all(pool)
        .await
        .expect("the indexes");
        for index in indexes {
            let columns: String = index.get(3);
            // SQLite makes the indexes behind PRIMARY KEY and UNIQUE itself.
            let line = match index.get::<String, _>(2).as_str() {
                "pk" => format!("  primary key ({columns})"),
                "u" => format!("  unique ({columns})"),
                _ => {
                    let kind = if index.get::<i64, _>(1) == 1 {
                        "unique index"
                    } else {
                        "index"
                    };
                    format!("  {kind} {} on ({columns})", index.get::<String, _>(0))
                }
            };
            out += &line;
            out.push('\n');
        }
        let keys = sqlx::query(
            "SELECT \"from\", \"table\", \"to\", on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq",
        )
        .bind(&table)
        .fetch_all(pool)
        .await
        .expect("the foreign keys");
        for key in keys {
            out += &format!(
                "  foreign key {} -> {}({}) on delete {}\n",
                key.get::<String, _>(0),
                key.get::<String, _>(1),
                key.get::<String, _>(2),
                key.get::<String, _>(3),
            );
        }
    }
    out
}

/// The schema, or `(no tables)`, then the versions sqlx has recorded as
/// applied: what a snapshot of "the database at this version" shows.
pub async fn report(pool: &SqlitePool) -> String {
    let mut tables = describe(pool).await;
    if tables.is_empty() {
        tables = "(no tables)\n".to_string();
    }
    format!("{tables}applied: {:?}\n", applied_versions(pool).await)
}

/// The versions sqlx has recorded as applied, in order.
pub async fn applied_versions(pool: &SqlitePool) -> Vec<i64> {
    sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success ORDER BY version")
        .fetch_all(pool)
        .await
        .unwrap_or_default()
}
