//! What every handler shares: the pool, the templates, the cookie key and a
//! clock. The app uses the system's clock; the checks fix the time, so that
//! every date they show is the same on every run.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::FromRef;
use axum::response::Html;
use axum_extra::extract::cookie::{Key, SignedCookieJar};
use chrono::{DateTime, NaiveDateTime};
use minijinja::value::{Serde, Value};
use minijinja::{Environment, context};
use sqlx::SqlitePool;

use crate::error::AppError;
use crate::flash::Flashes;

// ANCHOR: state
/// The application's state. Cloning it is cheap: every field is a handle.
#[derive(Clone)]
pub struct AppState {
    pub pool: SqlitePool,
    /// The templates, compiled once at start.
    pub templates: Arc<Environment<'static>>,
    /// Signs the flash cookie (`SignedCookieJar` finds it through `FromRef`).
    pub key: Key,
    /// Where "now" comes from.
    pub clock: Clock,
}

/// The time source: the system's, or a fixed instant for the checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    System,
    Fixed(NaiveDateTime),
}
// ANCHOR_END: state

/// A rendered page, with the cookie jar that clears the flash it showed.
pub type Page = (SignedCookieJar, Html<String>);

impl AppState {
    /// The state for `pool`, with the templates built into the binary.
    pub fn new(pool: SqlitePool, key: Key, clock: Clock) -> AppState {
        AppState {
            pool,
            templates: Arc::new(crate::templates::environment()),
            key,
            clock,
        }
    }

    /// Renders the template `name` with `ctx`.
    pub fn render(&self, name: &str, ctx: Value) -> Result<Html<String>, AppError> {
        Ok(Html(self.templates.get_template(name)?.render(ctx)?))
    }

    // ANCHOR: page
    /// Renders a page with the flash messages waiting for it, and returns the
    /// jar that removes them, so that each message shows once.
    pub fn page(&self, name: &str, flashes: Flashes, ctx: Value) -> Result<Page, AppError> {
        let (jar, messages) = flashes.take();
        let html = self.render(name, context! { flashes => Serde(&messages), ..ctx })?;
        Ok((jar, html))
    }
    // ANCHOR_END: page
}

impl FromRef<AppState> for Key {
    fn from_ref(state: &AppState) -> Key {
        state.key.clone()
    }
}

impl Clock {
    /// The current time in UTC, to the second.
    pub fn now(&self) -> NaiveDateTime {
        match self {
            Clock::Fixed(at) => *at,
            Clock::System => {
                let seconds = SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .map_or(0, |elapsed| elapsed.as_secs());
                DateTime::from_timestamp(i64::try_from(seconds).unwrap_or(i64::MAX), 0)
                    .unwrap_or_default()
                    .naive_utc()
            }
        }
    }
}
