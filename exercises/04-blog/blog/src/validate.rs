//! Step 4: the rules a post must follow, in one place. The create form, the
//! edit form and the API all call `validate`, so they agree on every rule.

// Until you write the bodies, their parameters and some imports are unused:
// this keeps the compiler quiet about that. You may delete it once you are done.
#![allow(unused_variables, unused_imports)]

use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;

use crate::error::{AppError, FieldErrors};
use crate::models::find_user;

/// The longest title, in characters.
pub const MAX_TITLE: usize = 100;
/// The longest content, in characters.
pub const MAX_CONTENT: usize = 10_000;
/// The longest tag, in characters.
pub const MAX_TAG: usize = 30;
/// The most tags a post may have.
pub const MAX_TAGS: usize = 10;

// ANCHOR: input
/// A post as a form or a JSON body gives it, before any rule is checked. A
/// field that is missing is empty. `tags` is the text of the form's field:
/// names separated by commas.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PostInput {
    pub title: String,
    pub content: String,
    pub author: String,
    pub tags: String,
}

/// A post that follows every rule, ready to be written: the title trimmed,
/// the author found, the tags cleaned up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPost {
    pub title: String,
    pub content: String,
    pub user_id: i64,
    pub tags: Vec<String>,
}
// ANCHOR_END: input

// ANCHOR: validate
/// Checks `input` against every rule and returns the post to write, or
/// `AppError::Invalid` with one message for each field that breaks a rule:
/// - `title`, trimmed: "Enter a title." when empty, "Keep the title to 100
///   characters." when longer than `MAX_TITLE` characters;
/// - `content`, kept as typed: "Write some content." when only whitespace,
///   "Keep the content to 10000 characters." when longer than `MAX_CONTENT`;
/// - `tags`: the message of `parse_tags`;
/// - `author`, trimmed: "Enter the author's username." when empty,
///   `There is no user "zed".` (the name as `{:?}` shows it) when no user
///   has it.
///
/// Only the author needs the database, and only when the field is filled.
pub async fn validate(pool: &SqlitePool, input: &PostInput) -> Result<NewPost, AppError> {
    // TODO: collect a message per field in `FieldErrors` (`errors.add("title", "…")`): the title
    //       trimmed, the content, the tags (`parse_tags`), and only then the author with
    //       `find_user`. Any error: `Err(AppError::Invalid(errors))`; none: the `NewPost`.
    todo!("check {input:?} against every rule")
}
// ANCHOR_END: validate

// ANCHOR: parse_tags
/// Splits `text` at commas into tags: each trimmed and lowercased, the empty
/// ones dropped, the repeated ones kept once (in the order first seen).
/// A tag longer than `MAX_TAG` characters is the error "Keep each tag to 30
/// characters."; more than `MAX_TAGS` tags, "Use at most 10 tags."
pub fn parse_tags(text: &str) -> Result<Vec<String>, String> {
    // TODO: split at commas; trim and lowercase each; drop the empty ones and the repeats;
    //       then check each length and their number.
    todo!("split {text:?} into clean tags")
}
// ANCHOR_END: parse_tags
