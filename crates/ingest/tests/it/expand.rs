//! `expand`: folders walked sorted without hidden entries, globs, stdin, and errors for
//! arguments that match nothing.

use super::fixture;
use ingest::{Error, Input, expand};

fn names(inputs: &[Input]) -> Vec<String> {
    let root = format!("{}/", fixture("tree").parent().unwrap().display());
    inputs.iter().map(|i| i.name().replace(&root, "")).collect()
}

#[test]
fn folders_are_walked_sorted_without_hidden_files() {
    let (inputs, errors) = expand(&[fixture("tree").display().to_string()]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(names(&inputs), ["tree/b.txt", "tree/sub/a.md"]);
}

#[test]
fn globs_stdin_and_duplicates() {
    let glob = format!("{}/*.xml", fixture("feeds").display());
    let file = fixture("feeds/atom.xml").display().to_string();
    let (inputs, errors) = expand(&[glob, "-".into(), file]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(names(&inputs), ["feeds/atom.xml", "feeds/rss2.xml", "-"]);
    assert_eq!(inputs[2], Input::Stdin);
}

#[test]
fn recursive_glob() {
    let glob = format!("{}/**/*.md", fixture("tree").display());
    let (inputs, errors) = expand(&[glob]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(names(&inputs), ["tree/sub/a.md"]);
}

#[test]
fn arguments_matching_nothing_are_errors_naming_them() {
    let (inputs, errors) = expand(&["no/such/file.txt".into(), "no/such/*.xml".into(), "bad[".into()]);
    assert!(inputs.is_empty());
    let messages: Vec<String> = errors.iter().map(Error::to_string).collect();
    assert_eq!(messages[0], "no/such/file.txt: no such file or folder");
    assert_eq!(messages[1], "no/such/*.xml: no file matches this pattern");
    assert!(messages[2].starts_with("bad[: invalid pattern: "), "{}", messages[2]);
}
