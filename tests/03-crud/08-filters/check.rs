//! The check for `filters`: the 24 seeded posts, narrowed by every
//! combination of filters that matters, the hostile ones included.

use chrono::NaiveDateTime;
use course_support::{posts_seed, snapshot};
use filters::{PostFilter, PostRow, filter_posts};

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").expect("a valid time")
}

/// One post a line: `#id created_at author: title`.
fn lines(posts: &[PostRow]) -> String {
    if posts.is_empty() {
        return "  (none)\n".to_string();
    }
    posts
        .iter()
        .map(|p| format!("  #{} {} {}: {}\n", p.id, p.created_at, p.author, p.title))
        .collect()
}

#[tokio::test]
async fn filters_combine() {
    // Without the index on posts (created_at, id): posts 7 and 8, of the
    // same second, are in the order the query asks for, not by luck.
    let pool = posts_seed::seeded_without_index(&sqlx::migrate!()).await;
    let filter = |author: Option<&str>, tag: Option<&str>, text: Option<&str>, since: Option<&str>| PostFilter {
        author: author.map(str::to_string),
        tag: tag.map(str::to_string),
        text: text.map(str::to_string),
        since: since.map(at),
    };
    let cases = [
        filter(None, None, None, None),
        filter(Some("ada"), None, None, None),
        filter(None, Some("web"), None, None),
        filter(Some("ada"), Some("sqlite"), None, None),
        filter(None, Some("sqlite"), Some("pag"), None),
        filter(None, None, Some("rust"), Some("2024-02-01 00:00:00")),
        filter(Some("linus"), Some("python"), Some("_"), Some("2024-01-10 08:15:00")),
        filter(None, Some("web"), Some("%"), None),
        filter(Some("nobody"), None, None, None),
        filter(Some("ada' OR '1'='1"), None, None, None),
        filter(None, Some("web') OR ('1'='1"), None, None),
    ];
    let mut out = String::new();
    for case in &cases {
        let posts = filter_posts(&pool, case).await.expect("a filtered list");
        out += &format!(
            "author {:?}, tag {:?}, text {:?}, since {:?}: {} found\n{}",
            case.author,
            case.tag,
            case.text,
            case.since.map(|t| t.to_string()),
            posts.len(),
            lines(&posts)
        );
    }
    snapshot!(
        "filters",
        "filter_posts for eleven combinations of author, tag, text and since, over the 24 seeded posts",
        &out,
    );
}
