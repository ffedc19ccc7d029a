//! Flash messages, as Flask's `flash()` and `get_flashed_messages()`: a
//! handler adds a message before it redirects, and the next page shows it
//! once. The messages travel in a cookie signed with the app's key, so a
//! browser cannot forge one; a cookie whose signature does not match is
//! ignored, never an error.

use std::convert::Infallible;

use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum_extra::extract::cookie::{Cookie, CookieJar, Key, SameSite, SignedCookieJar};
use serde::{Deserialize, Serialize};

/// The cookie's name.
pub const COOKIE: &str = "flash";

/// How a message looks: a success in green, an error in red.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Success,
    Error,
}

/// One message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flash {
    pub level: Level,
    pub message: String,
}

/// Adds a message for the next page to `jar`. Return the jar from the
/// handler (with the redirect) so that the browser stores the cookie.
pub fn push(jar: SignedCookieJar, level: Level, message: impl Into<String>) -> SignedCookieJar {
    let mut messages = waiting(&jar);
    messages.push(Flash {
        level,
        message: message.into(),
    });
    let Ok(value) = serde_json::to_string(&messages) else {
        return jar;
    };
    jar.add(cookie(value))
}

/// `push(jar, Level::Success, message)`.
pub fn success(jar: SignedCookieJar, message: impl Into<String>) -> SignedCookieJar {
    push(jar, Level::Success, message)
}

/// `push(jar, Level::Error, message)`.
pub fn error(jar: SignedCookieJar, message: impl Into<String>) -> SignedCookieJar {
    push(jar, Level::Error, message)
}

/// An extractor: the messages the request brought, and what is needed to
/// remove them once shown. `AppState::page` takes it.
pub struct Flashes {
    jar: SignedCookieJar,
    messages: Vec<Flash>,
    /// Whether the request had a `flash` cookie at all, good or not.
    present: bool,
}

impl Flashes {
    /// The messages, and a jar that removes the cookie (when there was one).
    pub fn take(self) -> (SignedCookieJar, Vec<Flash>) {
        let jar = if self.present {
            // A cookie that expires at once, sent even when the one the
            // browser has was not ours: it goes either way.
            let mut removal = cookie(String::new());
            removal.make_removal();
            self.jar.add(removal)
        } else {
            self.jar
        };
        (jar, self.messages)
    }
}

impl<S> FromRequestParts<S> for Flashes
where
    S: Send + Sync,
    Key: FromRef<S>,
{
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let present = CookieJar::from_headers(&parts.headers).get(COOKIE).is_some();
        // The signed jar keeps only the cookies whose signature is right.
        let jar = SignedCookieJar::from_headers(&parts.headers, Key::from_ref(state));
        let messages = waiting(&jar);
        Ok(Flashes { jar, messages, present })
    }
}

/// The messages already in the jar: none if there is no good cookie.
fn waiting(jar: &SignedCookieJar) -> Vec<Flash> {
    jar.get(COOKIE)
        .and_then(|cookie| serde_json::from_str(cookie.value()).ok())
        .unwrap_or_default()
}

fn cookie(value: String) -> Cookie<'static> {
    Cookie::build((COOKIE, value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .build()
}
