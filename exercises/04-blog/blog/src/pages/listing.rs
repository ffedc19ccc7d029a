//! Step 7: the list in pages, searchable, and a user's posts.

// Until you write the bodies, their parameters and some imports are unused:
// this keeps the compiler quiet about that. You may delete it once you are done.
#![allow(unused_variables, unused_imports)]

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use minijinja::context;
use minijinja::value::Serde;
use serde::Serialize;
use sqlx::SqlitePool;

use crate::error::AppError;
use crate::flash::Flashes;
use crate::models::{PostSummary, find_user};
use crate::pages::ListParams;
use crate::pages::list::PER_PAGE;
use crate::state::{AppState, Page};

/// Which posts a list shows: those whose title or content contains `q`
/// (when given), those of the user `user_id` (when given), or all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub q: Option<String>,
    pub user_id: Option<i64>,
}

/// One page of a list, and where it is in the whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Listing {
    pub posts: Vec<PostSummary>,
    /// This page's number, from 1.
    pub page: i64,
    pub per_page: i64,
    /// How many posts match, on all pages.
    pub total: i64,
    /// How many pages there are; at least 1, even when nothing matches.
    pub pages: i64,
}

// ANCHOR: page_number
/// The page asked for in `?page=`: 1 when absent; a whole number from 1
/// otherwise. Anything else ("0", "-1", "abc", "1.5", "", a number too large
/// for an `i64`) is `AppError::BadRequest` with the message
/// `The page must be a whole number from 1, not "abc".` (the text as `{:?}`
/// shows it).
pub fn page_number(raw: Option<&str>) -> Result<i64, AppError> {
    // TODO: `None` is 1; parse an `i64` and keep it if it is at least 1; otherwise `AppError::BadRequest`.
    todo!("read the page number {raw:?}")
}
// ANCHOR_END: page_number

// ANCHOR: escape_like
/// `text` made literal for `LIKE … ESCAPE '\'`: each `\`, `%` and `_` gets a
/// `\` before it, so that it matches itself and not "anything".
pub fn escape_like(text: &str) -> String {
    // TODO: a `\` before every `\`, `%` and `_`.
    todo!("escape {text:?} for LIKE")
}
// ANCHOR_END: escape_like

// ANCHOR: find_posts
/// The page `page` of the posts that match `filter`, `per_page` a page,
/// newest first (ties: the higher id first). A page after the last is
/// `AppError::NotFound` with "There is no page 7: the last page is 3."; page
/// 1 always exists, empty or not.
pub async fn find_posts(pool: &SqlitePool, filter: &Filter, page: i64, per_page: i64) -> Result<Listing, AppError> {
    // TODO: the pattern `%…%` of the escaped `q` (or `None`); a `count(*)` with the filter;
    //       `pages` = total divided by `per_page`, rounded up, at least 1; a page past it is
    //       `AppError::NotFound`; then the posts with `LIMIT ? OFFSET ?`, OFFSET being
    //       `(page - 1) * per_page`. `(?1 IS NULL OR p.title LIKE ?1 ESCAPE '\' OR …)` takes a filter that
    //       may be absent.
    todo!("page {page} of the posts matching {filter:?}, {per_page} a page")
}
// ANCHOR_END: find_posts

// ANCHOR: listing_page
/// `GET /?page=N&q=text`: a page of the list, of the posts that contain `q`
/// (trimmed) when it is not blank, rendered with `index.html` and `posts`,
/// `pager` (the `Listing`), `q`, and a `heading`: "All posts", or
/// `Posts with “rust”` for a search.
pub async fn listing_page(
    State(state): State<AppState>,
    params: ListParams,
    flashes: Flashes,
) -> Result<Page, AppError> {
    // TODO: `page_number`, the trimmed `q` (blank is no search), `find_posts` with `PER_PAGE`; render
    //       `index.html` with `posts`, `pager` (the `Listing`), a `heading` and `q`.
    todo!("render a page of the list for {params:?}")
}
// ANCHOR_END: listing_page

// ANCHOR: user_page
/// `GET /user/{username}?page=N`: the user's posts, page by page, rendered
/// like `listing_page` with the `heading` "Posts by ada" and `user` (the
/// username, for the links to the other pages); for an unknown user the 404
/// page, `There is no user "zed".`
pub async fn user_page(
    State(state): State<AppState>,
    Path(username): Path<String>,
    params: Result<Query<ListParams>, QueryRejection>,
    flashes: Flashes,
) -> Result<Page, AppError> {
    // TODO: the user by `find_user` (none: `AppError::NotFound`), then as `listing_page` with
    //       `user_id` in the filter, and `user` (the username) for the pager's links.
    todo!("render the posts of {username:?}")
}
// ANCHOR_END: user_page
