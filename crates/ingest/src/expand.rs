//! Command-line arguments to inputs: files, folders (walked recursively), globs, and `-`.
//!
//! Why: `dossier ingest news/ 'dumps/**/*.jsonl.gz' - today.html` should read what a person
//! means, in a stable order (sorted, so two runs ingest in the same order), without hidden files
//! (`.DS_Store`, `.git/`), and say which argument matched nothing instead of silently doing less.
//!
//! Example: `expand(&["feeds".into(), "-".into()])` gives every non-hidden file under `feeds/`
//! sorted by path, then [`Input::Stdin`].
//!
//! Known limits: symbolic links to folders are not followed (no cycles to guard against); a file
//! named by two arguments is read once, at its first place; glob matching is case-sensitive.

use crate::{Error, Input};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Expands command-line arguments into inputs, in argument order; each argument that matches
/// nothing, or a folder that cannot be read, is an error naming it.
pub fn expand(patterns: &[String]) -> (Vec<Input>, Vec<Error>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    let mut add = |input: Input, inputs: &mut Vec<Input>| {
        if seen.insert(input.clone()) {
            inputs.push(input);
        }
    };
    for pattern in patterns {
        if pattern == "-" {
            add(Input::Stdin, &mut inputs);
            continue;
        }
        let path = Path::new(pattern);
        let mut found = Vec::new();
        if path.exists() {
            collect(path, &mut found, &mut errors);
        } else if is_glob(pattern) {
            let options = glob::MatchOptions {
                case_sensitive: true,
                require_literal_separator: true,
                require_literal_leading_dot: true,
            };
            match glob::glob_with(pattern, options) {
                Ok(paths) => {
                    for entry in paths {
                        match entry {
                            Ok(path) => collect(&path, &mut found, &mut errors),
                            Err(e) => {
                                errors.push(Error::Io { path: e.path().to_path_buf(), source: e.into() });
                            }
                        }
                    }
                    if found.is_empty() {
                        errors.push(Error::NoMatch { pattern: pattern.clone(), glob: true });
                    }
                }
                Err(e) => errors.push(Error::Pattern { pattern: pattern.clone(), reason: e.msg.to_owned() }),
            }
            found.sort();
        } else {
            errors.push(Error::NoMatch { pattern: pattern.clone(), glob: false });
        }
        for path in found {
            add(Input::Path(path), &mut inputs);
        }
    }
    (inputs, errors)
}

fn is_glob(pattern: &str) -> bool {
    pattern.contains(['*', '?', '['])
}

fn is_hidden(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'))
}

/// Adds `path` if it is a file, or the files under it, sorted, if it is a folder.
fn collect(path: &Path, found: &mut Vec<PathBuf>, errors: &mut Vec<Error>) {
    if !path.is_dir() {
        found.push(path.to_path_buf());
        return;
    }
    let entries = match std::fs::read_dir(path) {
        Ok(entries) => entries,
        Err(source) => return errors.push(Error::Io { path: path.to_path_buf(), source }),
    };
    let mut children: Vec<PathBuf> = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => children.push(entry.path()),
            Err(source) => errors.push(Error::Io { path: path.to_path_buf(), source }),
        }
    }
    children.sort();
    for child in children {
        if is_hidden(&child) {
            continue;
        }
        let Ok(metadata) = std::fs::symlink_metadata(&child) else { continue };
        if metadata.is_dir() {
            collect(&child, found, errors);
        } else if metadata.is_file() || (metadata.file_type().is_symlink() && child.is_file()) {
            found.push(child);
        }
    }
}
