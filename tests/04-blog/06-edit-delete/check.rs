//! The check for `blog-edit-delete`: the edit form comes filled in, an edit
//! follows the create form's rules and replaces the tags in one
//! transaction, a delete takes the comments and tag links with it, and
//! either on a post that is not there is the 404 page.

use blog::AppError;
use blog::pages::edit::{delete_post, update_post};
use blog::validate::NewPost;

#[path = "../support/app.rs"]
mod app;

use app::{TestApp, bad_input_row, snapshot};

/// The earlier steps this check builds on: it tries them first.
const BUILDS_ON: &[app::Step] = &[
    app::Step::Schema,
    app::Step::List,
    app::Step::PostPage,
    app::Step::Create,
];

#[tokio::test]
async fn the_edit_form_is_filled_with_the_post() {
    let app = TestApp::with_fixtures().await;
    snapshot!(
        "form",
        "GET /post/3/edit: the form filled with the post, its tags joined with a comma and a space.",
        app.get("/post/3/edit").await.show()
    );
}

#[tokio::test]
async fn an_edit_is_saved_and_shown_with_a_flash() {
    let app = TestApp::with_fixtures().await;
    let reply = app
        .post_form(
            "/post/3/edit",
            &[
                ("title", "Rust's ownership, revised"),
                (
                    "content",
                    "Who frees what, and when: the owner, at the end of its scope.",
                ),
                ("author", "grace"),
                ("tags", "Rust, memory"),
            ],
        )
        .await;
    let page = app.follow(&reply).await;
    snapshot!(
        "edited",
        "A valid edit of post 3: the redirect, the page it leads to with its flash, and the rows after.",
        format!(
            "{}\n--- the page it leads to, with the cookie sent back ---\n{}\n--- the database ---\n{}",
            reply.show(),
            page.show(),
            app.dump().await
        )
    );
}

#[tokio::test]
async fn an_invalid_edit_gets_the_form_back_and_changes_nothing() {
    let app = TestApp::with_fixtures().await;
    let before = app.dump().await;
    let reply = app
        .post_form(
            "/post/1/edit",
            &[
                ("title", ""),
                ("content", "New text"),
                ("author", "ada"),
                ("tags", "intro"),
            ],
        )
        .await;
    assert_eq!(before, app.dump().await, "nothing changed");
    snapshot!(
        "invalid",
        "An invalid edit of post 1: 422 and the form again with the values as typed and the error.",
        reply.show()
    );
}

#[tokio::test]
async fn a_delete_takes_comments_and_tag_links_with_it() {
    let app = TestApp::with_fixtures().await;
    let before = app.counts().await;
    let reply = app.post_form("/post/1/delete", &[]).await;
    let front = app.follow(&reply).await;
    let twice = app.post_form("/post/1/delete", &[]).await;
    snapshot!(
        "deleted",
        "Deleting post 1: the redirect, the front page with its flash, the rows before and after, and the answer to deleting it again.",
        format!(
            "{}\n--- the page it leads to, with the cookie sent back ---\n{}\n--- rows ---\nbefore: {before}\nafter:  {}\n--- deleting post 1 again ---\n{}",
            reply.show(),
            front.show(),
            app.counts().await,
            twice.show()
        )
    );
}

#[tokio::test]
async fn update_and_delete_report_a_missing_post() {
    let app = TestApp::with_fixtures().await;
    let post = NewPost {
        title: "Ghost".to_string(),
        content: "Nobody home.".to_string(),
        user_id: 1,
        tags: vec!["ghost".to_string()],
    };
    let updated = update_post(&app.pool, 77, &post, app::now()).await;
    assert!(
        matches!(&updated, Err(AppError::NotFound(message)) if message == "There is no post 77."),
        "update of post 77: {updated:?}"
    );
    let deleted = delete_post(&app.pool, 77).await;
    assert!(
        matches!(&deleted, Err(AppError::NotFound(message)) if message == "There is no post 77."),
        "delete of post 77: {deleted:?}"
    );
    // The update's transaction was rolled back: no tag "ghost" was left.
    snapshot!(
        "missing",
        "The rows after update_post and delete_post on post 77, which does not exist.",
        app.counts().await
    );
}

#[tokio::test]
async fn an_update_is_written_whole_or_not_at_all() {
    let app = TestApp::with_fixtures().await;
    let before = app.dump().await;
    // Past the validation, straight to the transaction: the second tag
    // breaks the schema's CHECK after the post and the first tag changed.
    let post = NewPost {
        title: "Half updated".to_string(),
        content: "Never seen.".to_string(),
        user_id: 2,
        tags: vec!["fine".to_string(), "x".repeat(31)],
    };
    let updated = update_post(&app.pool, 1, &post, app::now()).await;
    assert!(
        matches!(&updated, Err(AppError::Database(_))),
        "the CHECK on tags.name refuses the second tag: {updated:?}"
    );
    assert_eq!(before, app.dump().await, "nothing of the update is left");
}

#[tokio::test]
async fn bad_edits_and_deletes_are_refused_and_nothing_changes() {
    let app = TestApp::with_fixtures().await;
    let before = app.counts().await;
    let dump = app.dump().await;
    let valid = [("title", "T"), ("content", "C"), ("author", "ada"), ("tags", "")];
    let mut table = String::from("request\n  -> status -> what you see\n\n");
    for (name, uri, fields) in [
        (
            "edit with a title of spaces",
            "/post/1/edit",
            vec![("title", "   "), ("content", "C"), ("author", "ada")],
        ),
        (
            "edit with an author who does not exist",
            "/post/1/edit",
            vec![("title", "T"), ("content", "C"), ("author", "zed")],
        ),
        (
            "edit with 11 tags",
            "/post/1/edit",
            vec![
                ("title", "T"),
                ("content", "C"),
                ("author", "ada"),
                ("tags", "a,b,c,d,e,f,g,h,i,j,k"),
            ],
        ),
        ("edit of a post that does not exist", "/post/999/edit", valid.to_vec()),
        (
            "an invalid edit of a post that does not exist",
            "/post/999/edit",
            vec![("title", ""), ("content", "C"), ("author", "ada")],
        ),
        ("edit of /post/abc", "/post/abc/edit", valid.to_vec()),
        ("delete of a post that does not exist", "/post/999/delete", vec![]),
        ("delete of /post/-3", "/post/-3/delete", vec![]),
        ("delete of /post/3.0", "/post/3.0/delete", vec![]),
    ] {
        let reply = app.post_form(uri, &fields).await;
        table += &bad_input_row(&app, &format!("{name}: POST {uri}"), reply, &before).await;
    }
    for uri in ["/post/999/edit", "/post/zero/edit"] {
        let reply = app.get(uri).await;
        table += &bad_input_row(&app, &format!("the edit form of GET {uri}"), reply, &before).await;
    }
    assert_eq!(dump, app.dump().await, "no row changed");
    table += &format!("\nrows before and after every case: {before}\n");
    snapshot!(
        "bad_input",
        "Bad edits, deletes and edit forms: each with its status and what the sender sees, and the rows of every table, unchanged.",
        table
    );
}
