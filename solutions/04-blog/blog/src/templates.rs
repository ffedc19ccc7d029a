//! The page templates, built into the binary with `include_str!`, so that
//! the blog runs from any folder with nothing beside it. minijinja escapes
//! every value in a `.html` template: a title `<script>` shows as text.

use minijinja::Environment;

/// Every template, by name.
const TEMPLATES: [(&str, &str); 5] = [
    ("base.html", include_str!("../templates/base.html")),
    ("index.html", include_str!("../templates/index.html")),
    ("post.html", include_str!("../templates/post.html")),
    ("form.html", include_str!("../templates/form.html")),
    ("error.html", include_str!("../templates/error.html")),
];

/// The templates, compiled, with the blog's filters. A template that does
/// not compile is a bug in this crate, caught by every check.
pub fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    for (name, source) in TEMPLATES {
        if let Err(error) = env.add_template(name, source) {
            eprintln!("error: the template {name} does not compile: {error}");
        }
    }
    env.add_filter("date", date);
    env.add_filter("urlencode", urlencode);
    env
}

/// `{{ post.created_at|date }}`: `2024-05-01T12:00:00` as `2024-05-01 12:00`.
fn date(value: &str) -> String {
    value.replacen('T', " ", 1).chars().take(16).collect()
}

/// `{{ q|urlencode }}`: a value made safe for a URL's query string.
fn urlencode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(char::from(byte)),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}
