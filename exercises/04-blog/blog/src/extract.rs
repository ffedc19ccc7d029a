//! Extractors that answer bad input the blog's way instead of axum's plain
//! text: a post id that is not a positive number is a 404 like any missing
//! post, and a form axum cannot read is the error page with axum's status.

use axum::extract::{Form, FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;

use crate::error::{ApiError, AppError};

/// The `{id}` of a post's address, for pages: a positive whole number, or
/// the 404 page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PostId(pub i64);

/// The same for the API: a positive whole number, or a JSON 404.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiPostId(pub i64);

/// Reads a post id: `"12"` is 12; `"0"`, `"-1"`, `"abc"` and numbers too
/// large for an `i64` are no post at all.
pub fn parse_post_id(raw: &str) -> Result<i64, AppError> {
    match raw.parse::<i64>() {
        Ok(id) if id > 0 => Ok(id),
        _ => Err(AppError::no_post(format!("{raw:?}"))),
    }
}

impl<S: Send + Sync> FromRequestParts<S> for PostId {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::no_post("at this address"))?;
        parse_post_id(&raw).map(PostId)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ApiPostId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let PostId(id) = PostId::from_request_parts(parts, state).await?;
        Ok(ApiPostId(id))
    }
}

/// axum's `Form`, with a rejection that is the blog's error page: 415 for a
/// wrong content type, 413 for a body over the limit.
#[derive(Debug, Clone)]
pub struct HtmlForm<T>(pub T);

impl<S, T> FromRequest<S> for HtmlForm<T>
where
    S: Send + Sync,
    Form<T>: FromRequest<S, Rejection = axum::extract::rejection::FormRejection>,
{
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let Form(value) = Form::<T>::from_request(request, state).await?;
        Ok(HtmlForm(value))
    }
}
