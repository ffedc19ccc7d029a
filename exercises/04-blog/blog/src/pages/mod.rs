//! The HTML pages, one file per step. `index` is given: it sends `GET /` to
//! the front page of step 2, or, with `?page=` or `?q=`, to the paged and
//! searchable list of step 7.

pub mod comments;
pub mod create;
pub mod edit;
pub mod list;
pub mod listing;
pub mod post;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use serde::Deserialize;

use crate::error::AppError;
use crate::flash::Flashes;
use crate::state::{AppState, Page};

/// The query string of a list: `?page=2&q=rust`. Both are kept as text, so
/// that a page that is not a number gets the blog's own 400 page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct ListParams {
    pub page: Option<String>,
    pub q: Option<String>,
}

// ANCHOR: index
/// `GET /`: the front page (step 2) when the address has no query; a page of
/// the list, or of a search, when it has `?page=` or `?q=` (step 7).
pub async fn index(
    state: State<AppState>,
    params: Result<Query<ListParams>, QueryRejection>,
    flashes: Flashes,
) -> Result<Page, AppError> {
    let Query(params) = params?;
    if params.page.is_none() && params.q.is_none() {
        list::front_page(state, flashes).await
    } else {
        listing::listing_page(state, params, flashes).await
    }
}
// ANCHOR_END: index
