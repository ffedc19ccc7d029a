//! A schema that changes after it has data: the change is a new migration,
//! and the rows already there are kept. Your work is in `migrations/`.

use sqlx::migrate::Migrator;

/// Every file of `migrations/`, embedded when the crate compiles. A program
/// runs it at start-up; sqlx applies only the versions the database lacks.
pub static MIGRATOR: Migrator = sqlx::migrate!();
