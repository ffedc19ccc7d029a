//! Every way a request can fail, as one enum. A page handler returns
//! `AppError`, answered with the HTML error page; an API handler returns
//! `ApiError`, the same error answered as JSON. `?` turns a `sqlx::Error` or
//! a `minijinja::Error` into either.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use axum::Json;
use axum::extract::rejection::{FormRejection, JsonRejection, QueryRejection};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use minijinja::{Environment, context};
use serde::Serialize;

// ANCHOR: app_error
/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// 404: no post, user or page here. The text says which.
    #[error("{0}")]
    NotFound(String),
    /// 400: a query parameter that cannot be used, such as `?page=0`.
    #[error("{0}")]
    BadRequest(String),
    /// 422: the fields of a post that break a rule, each with its message.
    #[error("Some fields are not valid.")]
    Invalid(FieldErrors),
    /// A body or query that axum could not read: a wrong content type, broken
    /// JSON, a body over the size limit. It keeps axum's status.
    #[error("{message}")]
    Rejected { status: StatusCode, message: String },
    /// 500, or 503 when no connection could be had: the database failed.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// 500: a template failed to render.
    #[error("template error: {0}")]
    Template(#[from] minijinja::Error),
}

/// The fields that break a rule, by field name, in name order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct FieldErrors(pub BTreeMap<&'static str, String>);
// ANCHOR_END: app_error

impl FieldErrors {
    /// Records `message` for `field` (the first message of a field wins).
    pub fn add(&mut self, field: &'static str, message: impl Into<String>) {
        self.0.entry(field).or_insert_with(|| message.into());
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

// ANCHOR: app_error_status
impl AppError {
    /// The 404 for a post id that is not there (or is not a post id at all).
    pub fn no_post(id: impl std::fmt::Display) -> AppError {
        AppError::NotFound(format!("There is no post {id}."))
    }

    /// The status this error is answered with.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Rejected { status, .. } => *status,
            AppError::Database(sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Database(_) | AppError::Template(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// What the visitor is told. A failure on the server's side is logged,
    /// and the visitor gets no details of it.
    fn public_message(&self) -> String {
        match self {
            AppError::Database(_) | AppError::Template(_) => {
                eprintln!("error: {self}");
                "Something went wrong on our side. Please try again.".to_string()
            }
            other => other.to_string(),
        }
    }
}
// ANCHOR_END: app_error_status

impl From<FormRejection> for AppError {
    fn from(rejection: FormRejection) -> AppError {
        AppError::Rejected {
            status: rejection.status(),
            message: rejection.body_text(),
        }
    }
}

impl From<JsonRejection> for AppError {
    fn from(rejection: JsonRejection) -> AppError {
        AppError::Rejected {
            status: rejection.status(),
            message: rejection.body_text(),
        }
    }
}

impl From<QueryRejection> for AppError {
    fn from(rejection: QueryRejection) -> AppError {
        AppError::Rejected {
            status: rejection.status(),
            message: rejection.body_text(),
        }
    }
}

// ANCHOR: app_error_response
/// The error page. `IntoResponse` gets no state, so the page is rendered
/// with a copy of the templates of its own, built the first time it is used.
static ERROR_TEMPLATES: LazyLock<Environment<'static>> = LazyLock::new(crate::templates::environment);

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        let message = self.public_message();
        let fields = match &self {
            AppError::Invalid(fields) => Some(fields),
            _ => None,
        };
        let ctx = context! {
            status => status.as_u16(),
            reason => status.canonical_reason().unwrap_or("Error"),
            message,
            fields => minijinja::value::Serde(fields),
        };
        let body = ERROR_TEMPLATES
            .get_template("error.html")
            .and_then(|template| template.render(ctx))
            .unwrap_or_else(|_| format!("{status}"));
        (status, Html(body)).into_response()
    }
}
// ANCHOR_END: app_error_response

// ANCHOR: api_error
/// An `AppError` answered as JSON, for the API:
/// `{"status": 404, "error": "There is no post 7."}`, with `"fields"` added
/// for 422.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(error: E) -> ApiError {
        ApiError(error.into())
    }
}
// ANCHOR_END: api_error

#[derive(Serialize)]
struct ApiErrorBody<'a> {
    status: u16,
    error: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    fields: Option<&'a FieldErrors>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        let body = ApiErrorBody {
            status: status.as_u16(),
            error: self.0.public_message(),
            fields: match &self.0 {
                AppError::Invalid(fields) => Some(fields),
                _ => None,
            },
        };
        (status, Json(body)).into_response()
    }
}
