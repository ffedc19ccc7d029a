//! A fresh database for each test, on the PostgreSQL server of the check's
//! process (a throwaway one, or the one in WORKBOOK_POSTGRES_URL).
//!
//! It stays beside the checks rather than in the course's support crate:
//! it names the package under test (`CARGO_PKG_NAME`) and applies its
//! migrations (`sqlx::migrate!()`), both of which must expand in that crate.

#![allow(dead_code)]

use std::sync::atomic::{AtomicU32, Ordering};

use sqlx::postgres::PgPoolOptions;
use sqlx::{Connection, PgConnection, PgPool};

/// A database made for one test, dropped with it.
pub struct TestDb {
    pub pool: PgPool,
    pub url: String,
    name: String,
    server: &'static pg_server::Server,
}

/// A new, empty database, or `None` when the check is skipped: there is no
/// server and this is the reference's check (a learner's check stops with
/// one line instead, in `pg_server::for_checks`).
pub async fn empty() -> Option<TestDb> {
    static COUNT: AtomicU32 = AtomicU32::new(0);
    let server = pg_server::for_checks(env!("CARGO_PKG_NAME"))?;
    let name = format!("check_{}_{}", std::process::id(), COUNT.fetch_add(1, Ordering::Relaxed));
    let mut admin = PgConnection::connect(&server.admin_url())
        .await
        .unwrap_or_else(|e| panic!("cannot connect to {}: {e}", server.describe()));
    // The name is made above, of letters, digits and `_`.
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .unwrap_or_else(|e| panic!("cannot create a database on {}: {e}", server.describe()));
    let url = server.url(&name);
    let pool = PgPoolOptions::new()
        .max_connections(20)
        .connect(&url)
        .await
        .expect("a pool on the new database");
    Some(TestDb {
        pool,
        url,
        name,
        server,
    })
}

/// A new database with the crate's migrations applied (yours, from
/// `migrations/`).
pub async fn migrated() -> Option<TestDb> {
    let db = empty().await?;
    sqlx::migrate!()
        .run(&db.pool)
        .await
        .expect("the migrations in migrations/ apply (step 1)");
    Some(db)
}

impl Drop for TestDb {
    /// A throwaway server goes whole at the end of the process. On a
    /// learner's own server, each test's database is dropped, even when the
    /// test failed: on a thread of its own, since `drop` cannot wait for a
    /// future.
    fn drop(&mut self) {
        if !matches!(self.server, pg_server::Server::Given(_)) {
            return;
        }
        let (admin, name) = (self.server.admin_url(), self.name.clone());
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
            runtime.block_on(async {
                let mut conn = PgConnection::connect(&admin).await?;
                sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                )))
                .execute(&mut conn)
                .await?;
                Ok::<_, sqlx::Error>(())
            })?;
            Ok::<_, Box<dyn std::error::Error + Send + Sync>>(())
        })
        .join();
    }
}

/// Runs `tasks` at once while a transaction of the check holds `lock` (a
/// `LOCK TABLE …` that lets reads through and stops writes), and lets go
/// once `waiting` connections wait on a lock (or the tasks are all done, or
/// ten seconds passed). So every task has read what it reads before any of
/// them writes: the worst case of requests at once, every time, instead of
/// now and then.
pub async fn with_writes_held<F>(test: &TestDb, lock: &'static str, waiting: i64, tasks: Vec<F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let mut holder = test.pool.begin().await.expect("a transaction");
    sqlx::raw_sql(lock).execute(&mut *holder).await.expect("the lock");
    let handles: Vec<_> = tasks.into_iter().map(tokio::spawn).collect();
    let started = std::time::Instant::now();
    while started.elapsed() < std::time::Duration::from_secs(10) && !handles.iter().all(|h| h.is_finished()) {
        let blocked: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
        )
        .fetch_one(&test.pool)
        .await
        .expect("the waiting connections");
        if blocked >= waiting {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    holder.commit().await.expect("the lock let go");
    let mut results = Vec::new();
    for handle in handles {
        results.push(handle.await.expect("the task ends"));
    }
    results
}

/// A fixed instant, `2026-03-<day> <hour>:00:00 UTC`, so that snapshots do
/// not depend on the clock.
pub fn at(day: u32, hour: u32) -> chrono::DateTime<chrono::Utc> {
    use chrono::TimeZone;
    chrono::Utc
        .with_ymd_and_hms(2026, 3, day, hour, 0, 0)
        .single()
        .expect("a valid time")
}

/// The SQLSTATE code of a database error, or what else it was.
pub fn sqlstate<T: std::fmt::Display>(result: Result<T, sqlx::Error>) -> String {
    match result {
        Ok(value) => format!("accepted ({value})"),
        Err(sqlx::Error::Database(e)) => format!(
            "refused: SQLSTATE {} ({})",
            e.code().unwrap_or_default(),
            e.constraint().unwrap_or("no constraint")
        ),
        Err(other) => format!("failed: {other}"),
    }
}
