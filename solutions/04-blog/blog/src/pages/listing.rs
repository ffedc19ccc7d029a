//! Step 7: the list in pages, searchable, and a user's posts.

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
    format!("\"{}\"", text.replace('"', "\"\""))
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
    let total = match filter {
        Filter::All => {
            sqlx::query_scalar!(r#"SELECT posts AS "posts!: i64" FROM post_count"#)
                .fetch_one(pool)
                .await?
        }
        Filter::User(user_id) => sqlx::query_scalar!(
            r#"SELECT post_count AS "posts!: i64" FROM users WHERE id = ?1"#,
            user_id
        )
        .fetch_optional(pool)
        .await?
        .unwrap_or(0),
        Filter::Search(text) => {
            if text.chars().count() < MIN_SEARCH {
                return Err(AppError::BadRequest(format!(
                    "A search needs at least {MIN_SEARCH} characters, not {text:?}."
                )));
            }
            let phrase = search_phrase(text);
            sqlx::query_scalar!(
                r#"SELECT count(*) AS "posts!: i64" FROM post_search WHERE post_search MATCH ?1"#,
                phrase
            )
            .fetch_one(pool)
            .await?
        }
    };
    Ok(total)
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
    let total = count_posts(pool, filter).await?;
    let pages = ((total + per_page - 1) / per_page).max(1);
    if page > pages {
        return Err(AppError::NotFound(format!(
            "There is no page {page}: the last page is {pages}."
        )));
    }
    let offset = (page - 1) * per_page;
    let posts = match filter {
        Filter::All => {
            sqlx::query_as!(
                PostSummary,
                r#"SELECT p.id, p.title, u.username AS author, p.created_at,
                          (SELECT count(*) FROM comments c WHERE c.post_id = p.id) AS "comment_count!: i64"
                   FROM posts p JOIN users u ON u.id = p.user_id
                   ORDER BY p.created_at DESC, p.id DESC
                   LIMIT ?1 OFFSET ?2"#,
                per_page,
                offset
            )
            .fetch_all(pool)
            .await?
        }
        Filter::User(user_id) => {
            sqlx::query_as!(
                PostSummary,
                r#"SELECT p.id, p.title, u.username AS author, p.created_at,
                          (SELECT count(*) FROM comments c WHERE c.post_id = p.id) AS "comment_count!: i64"
                   FROM posts p JOIN users u ON u.id = p.user_id
                   WHERE p.user_id = ?1
                   ORDER BY p.created_at DESC, p.id DESC
                   LIMIT ?2 OFFSET ?3"#,
                user_id,
                per_page,
                offset
            )
            .fetch_all(pool)
            .await?
        }
        Filter::Search(text) => {
            let phrase = search_phrase(text);
            sqlx::query_as!(
                PostSummary,
                r#"SELECT p.id, p.title, u.username AS author, p.created_at,
                          (SELECT count(*) FROM comments c WHERE c.post_id = p.id) AS "comment_count!: i64"
                   FROM posts p JOIN users u ON u.id = p.user_id
                   WHERE p.id IN (SELECT rowid FROM post_search WHERE post_search MATCH ?1)
                   ORDER BY p.created_at DESC, p.id DESC
                   LIMIT ?2 OFFSET ?3"#,
                phrase,
                per_page,
                offset
            )
            .fetch_all(pool)
            .await?
        }
    };
    Ok(Listing {
        posts,
        page,
        per_page,
        total,
        pages,
    })
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
    let page = page_number(params.page.as_deref())?;
    let q = params.q.map(|q| q.trim().to_string()).filter(|q| !q.is_empty());
    let filter = match &q {
        Some(q) => Filter::Search(q.clone()),
        None => Filter::All,
    };
    let listing = find_posts(&state.pool, &filter, page, PER_PAGE).await?;
    let heading = match &q {
        Some(q) => format!("Posts with “{q}”"),
        None => "All posts".to_string(),
    };
    state.page(
        "index.html",
        flashes,
        context! { posts => Serde(&listing.posts), pager => Serde(&listing), heading, q },
    )
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
    let Query(params) = params?;
    let page = page_number(params.page.as_deref())?;
    let user = find_user(&state.pool, &username)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("There is no user {username:?}.")))?;
    let listing = find_posts(&state.pool, &Filter::User(user.id), page, PER_PAGE).await?;
    state.page(
        "index.html",
        flashes,
        context! {
            posts => Serde(&listing.posts),
            pager => Serde(&listing),
            heading => format!("Posts by {}", user.username),
            user => user.username,
        },
    )
}
// ANCHOR_END: user_page
