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
    let Some(raw) = raw else { return Ok(1) };
    match raw.trim().parse::<i64>() {
        Ok(page) if page >= 1 => Ok(page),
        _ => Err(AppError::BadRequest(format!(
            "The page must be a whole number from 1, not {raw:?}."
        ))),
    }
}
// ANCHOR_END: page_number

// ANCHOR: escape_like
/// `text` made literal for `LIKE … ESCAPE '\'`: each `\`, `%` and `_` gets a
/// `\` before it, so that it matches itself and not "anything".
pub fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
// ANCHOR_END: escape_like

// ANCHOR: find_posts
/// The page `page` of the posts that match `filter`, `per_page` a page,
/// newest first (ties: the higher id first). A page after the last is
/// `AppError::NotFound` with "There is no page 7: the last page is 3."; page
/// 1 always exists, empty or not.
pub async fn find_posts(pool: &SqlitePool, filter: &Filter, page: i64, per_page: i64) -> Result<Listing, AppError> {
    let pattern = filter.q.as_deref().map(|q| format!("%{}%", escape_like(q)));
    let total = sqlx::query_scalar!(
        r#"SELECT count(*) AS "total!: i64" FROM posts p
           WHERE (?1 IS NULL OR p.title LIKE ?1 ESCAPE '\' OR p.content LIKE ?1 ESCAPE '\')
             AND (?2 IS NULL OR p.user_id = ?2)"#,
        pattern,
        filter.user_id
    )
    .fetch_one(pool)
    .await?;
    let pages = ((total + per_page - 1) / per_page).max(1);
    if page > pages {
        return Err(AppError::NotFound(format!(
            "There is no page {page}: the last page is {pages}."
        )));
    }
    let offset = (page - 1) * per_page;
    let posts = sqlx::query_as!(
        PostSummary,
        r#"SELECT p.id, p.title, u.username AS author, p.created_at,
                  (SELECT count(*) FROM comments c WHERE c.post_id = p.id) AS "comment_count!: i64"
           FROM posts p JOIN users u ON u.id = p.user_id
           WHERE (?1 IS NULL OR p.title LIKE ?1 ESCAPE '\' OR p.content LIKE ?1 ESCAPE '\')
             AND (?2 IS NULL OR p.user_id = ?2)
           ORDER BY p.created_at DESC, p.id DESC
           LIMIT ?3 OFFSET ?4"#,
        pattern,
        filter.user_id,
        per_page,
        offset
    )
    .fetch_all(pool)
    .await?;
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
/// (trimmed) when it is not blank, rendered with `index.html` and `posts`,
/// `pager` (the `Listing`), `q`, and a `heading`: "All posts", or
/// `Posts with “rust”` for a search.
pub async fn listing_page(
    State(state): State<AppState>,
    params: ListParams,
    flashes: Flashes,
) -> Result<Page, AppError> {
    let page = page_number(params.page.as_deref())?;
    let q = params.q.map(|q| q.trim().to_string()).filter(|q| !q.is_empty());
    let filter = Filter {
        q: q.clone(),
        user_id: None,
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
    let filter = Filter {
        q: None,
        user_id: Some(user.id),
    };
    let listing = find_posts(&state.pool, &filter, page, PER_PAGE).await?;
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
