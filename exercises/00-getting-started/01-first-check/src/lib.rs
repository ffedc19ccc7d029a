//! Your first exercise: learn the loop of edit, check, read the verdict.

/// A user of the blog, as the course will store one in a database.
pub struct User {
    pub id: i64,
    pub username: String,
    pub email: String,
}

// ANCHOR: describe
/// Describes a user in one line: `#1 john_doe <john@example.com>`.
pub fn describe(user: &User) -> String {
    // TODO: this compiles and runs, but the check expects another format.
    // Run the check, read the snapshot diff, and make the line match.
    format!("{} {}", user.username, user.email)
}
// ANCHOR_END: describe

// ANCHOR: describe_all
/// Describes every user, one line each, in the order given.
pub fn describe_all(users: &[User]) -> String {
    // TODO: join the lines of `describe`, each ending with a newline.
    todo!("describe {} users, one line each", users.len())
}
// ANCHOR_END: describe_all
