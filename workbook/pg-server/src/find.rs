//! Finding installed programs: on the PATH, or in the folders where an
//! installer puts them without touching the PATH.

use std::path::{Path, PathBuf};

/// A program on the PATH, or else in one of `folders` (globs of one `*`).
pub fn find_program(name: &str, folders: &[&str]) -> Option<PathBuf> {
    candidates(name, folders).into_iter().find(|path| path.is_file())
}

/// Every place `name` may be, in the order [`find_program`] looks.
fn candidates(name: &str, folders: &[&str]) -> Vec<PathBuf> {
    let on_path = std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).collect::<Vec<_>>())
        .unwrap_or_default();
    let mut candidates: Vec<PathBuf> = on_path.into_iter().map(|dir| dir.join(name)).collect();
    for folder in folders {
        match folder.split_once('*') {
            None => candidates.push(Path::new(folder).join(name)),
            Some((before, after)) => {
                // `dir/*`: every entry of dir; `dir/name*`: those starting with name.
                let (parent, prefix) = match before.strip_suffix('/') {
                    Some(dir) => (Path::new(dir), None),
                    None => (
                        Path::new(before).parent().unwrap_or(Path::new("/")),
                        Path::new(before).file_name().map(|p| p.to_string_lossy().into_owned()),
                    ),
                };
                let mut matches: Vec<PathBuf> = std::fs::read_dir(parent)
                    .into_iter()
                    .flatten()
                    .flatten()
                    .filter(|entry| {
                        prefix
                            .as_deref()
                            .is_none_or(|p| entry.file_name().to_string_lossy().starts_with(p))
                    })
                    .map(|entry| entry.path().join(after.trim_start_matches('/')).join(name))
                    .collect();
                // The newest version first.
                matches.sort();
                matches.reverse();
                candidates.extend(matches);
            }
        }
    }
    candidates
}

/// Where PostgreSQL's server programs usually are, besides the PATH: Debian
/// and Ubuntu keep them off the PATH, under a folder per major version.
pub const POSTGRES_FOLDERS: [&str; 5] = [
    "/usr/lib/postgresql/*/bin",
    "/usr/local/opt/postgresql*/bin",
    "/opt/homebrew/opt/postgresql*/bin",
    "/usr/local/pgsql/bin",
    "/Applications/Postgres.app/Contents/Versions/latest/bin",
];

/// `initdb`, with a `pg_ctl` beside it: the two programs a throwaway server
/// is made with.
pub fn find_initdb() -> Option<PathBuf> {
    candidates(&exe("initdb"), &POSTGRES_FOLDERS)
        .into_iter()
        .find(|initdb| initdb.is_file() && initdb.with_file_name(exe("pg_ctl")).is_file())
}

/// A program's file name on this system.
fn exe(name: &str) -> String {
    format!("{name}{}", std::env::consts::EXE_SUFFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_program_is_found_in_a_versioned_folder() {
        let dir = tempfile::tempdir().expect("a folder");
        for version in ["13", "15"] {
            let bin = dir.path().join(format!("postgresql/{version}/bin"));
            std::fs::create_dir_all(&bin).expect("folders");
            std::fs::write(bin.join("initdb-test"), "").expect("a file");
        }
        let pattern = format!("{}/postgresql/*/bin", dir.path().display());
        let found = find_program("initdb-test", &[&pattern]).expect("found");
        assert!(
            found.ends_with("postgresql/15/bin/initdb-test"),
            "the newest: {found:?}"
        );
        assert_eq!(find_program("no-such-program-here", &[&pattern]), None);
    }
}
