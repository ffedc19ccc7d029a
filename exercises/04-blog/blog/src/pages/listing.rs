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

// ANCHOR: filter
/// Which posts a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Filter {
    /// Every post.
    #[default]
    All,
    /// The posts of the user with this id.
    User(i64),
    /// The posts whose title or content contains this text, ignoring case;
    /// it must have at least `MIN_SEARCH` characters.
    Search(String),
}

/// The fewest characters a search may have: the search index is made of
/// every three characters of the text, so a shorter text finds nothing in it.
pub const MIN_SEARCH: usize = 3;
// ANCHOR_END: filter

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
    let Some(raw) = raw else { return Ok(1) };
    match raw.trim().parse::<i64>() {
        Ok(page) if page >= 1 => Ok(page),
        _ => Err(AppError::BadRequest(format!(
            "The page must be a whole number from 1, not {raw:?}."
        ))),
    }
}
// ANCHOR_END: page_number

// ANCHOR: search_phrase
/// `text` as one FTS5 string, to search for literally: inside double quotes,
/// with each `"` in it doubled. `say "hi"` becomes `"say ""hi"""`, and words
/// such as `OR`, `NOT` or `title:` lose their meaning to FTS5.
pub fn search_phrase(text: &str) -> String {
    // TODO: the text between double quotes, each `"` in it written twice.
    todo!("quote {text:?} for FTS5")
}
// ANCHOR_END: search_phrase

// ANCHOR: count_posts
/// How many posts match `filter`. All posts and a user's posts are counted
/// by the triggers of the migration `0005_fast_lists.sql`: read
/// `post_count.posts` or the user's `users.post_count` (0 for no such user),
/// never `count(*)` over `posts`. A search counts its matches in the index
/// `post_search`; one shorter than `MIN_SEARCH` characters is
/// `AppError::BadRequest`: `A search needs at least 3 characters, not "%".`
pub async fn count_posts(pool: &SqlitePool, filter: &Filter) -> Result<i64, AppError> {
    // TODO: one query per kind of filter: `post_count.posts` for all, the user's `post_count` for
    //       a user (`fetch_optional`: no such user is 0), and for a search first the length rule,
    //       then `count(*)` of `post_search WHERE post_search MATCH ?` with `search_phrase`.
    todo!("count the posts matching {filter:?}")
}
// ANCHOR_END: count_posts

// ANCHOR: find_posts
/// The page `page` of the posts that match `filter`, `per_page` a page,
/// newest first (ties: the higher id first). A page after the last is
/// `AppError::NotFound` with "There is no page 7: the last page is 3."; page
/// 1 always exists, empty or not. One query per kind of filter, so that each
/// has its index: `posts_created_at` for all, `posts_user_created_at` for a
/// user's, `post_search` for a search.
pub async fn find_posts(pool: &SqlitePool, filter: &Filter, page: i64, per_page: i64) -> Result<Listing, AppError> {
    // TODO: `count_posts`; `pages` = total divided by `per_page`, rounded up, at least 1; a page
    //       past it is `AppError::NotFound`; then one query per kind of filter, each with
    //       `LIMIT ? OFFSET ?`, OFFSET being `(page - 1) * per_page`. A search keeps the posts
    //       `WHERE p.id IN (SELECT rowid FROM post_search WHERE post_search MATCH ?)`.
    todo!("page {page} of the posts matching {filter:?}, {per_page} a page")
}
// ANCHOR_END: find_posts

// ANCHOR: listing_page
/// `GET /?page=N&q=text`: a page of the list, of the posts that contain `q`
/// (trimmed; `Filter::Search`) when it is not blank, rendered with `index.html` and `posts`,
/// `pager` (the `Listing`), `q`, and a `heading`: "All posts", or
/// `Posts with “rust”` for a search.
pub async fn listing_page(
    State(state): State<AppState>,
    params: ListParams,
    flashes: Flashes,
) -> Result<Page, AppError> {
    // TODO: `page_number`, the trimmed `q` (blank is no search: `Filter::All`), `find_posts` with
    //       `PER_PAGE`; render `index.html` with `posts`, `pager` (the `Listing`), a `heading` and `q`.
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
    //       `Filter::User`, and `user` (the username) for the pager's links.
    todo!("render the posts of {username:?}")
}
// ANCHOR_END: user_page
