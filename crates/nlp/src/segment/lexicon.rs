//! The segmenter's word lists, compiled in from `crates/nlp/data/*.txt` and parsed once.
//!
//! Why data files: which abbreviations may end a sentence, and which words usually start one, are
//! judgement calls that reviewers should see and extend without reading code.
//! `data/abbreviations.txt` sorts abbreviations into classes ([`Class`]);
//! `data/sentence_starters.txt` lists words that commonly open a sentence.
//!
//! Example: `class("Gen") == Some(Class::Title)`, `is_starter("The") == true`.
//!
//! Known limits: lookups are case-sensitive apart from one fallback (a capitalised token also finds
//! its lower-case entry), so "GEN." or "INC." in all-caps text are not recognised.

use std::collections::HashMap;
use std::collections::HashSet;
use std::sync::LazyLock;

/// How an abbreviation behaves before a space and another word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// Comes before a name and never ends a sentence ("Gen. Smith").
    Title,
    /// Sits inside a sentence and never ends one ("e.g.", "vs.").
    Inner,
    /// Comes before a number ("No. 5"); otherwise an ordinary word.
    Number,
    /// May end a sentence; a break only before a common sentence starter ("Inc.", "U.S.").
    Regular,
}

static ABBREVIATIONS: LazyLock<HashMap<&'static str, Class>> =
    LazyLock::new(|| parse_abbreviations(include_str!("../../data/abbreviations.txt")));

static STARTERS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| entries(include_str!("../../data/sentence_starters.txt")).collect());

/// The class of `token` (written without its final period), if it is a listed abbreviation.
pub(crate) fn class(token: &str) -> Option<Class> {
    if let Some(&class) = ABBREVIATIONS.get(token) {
        return Some(class);
    }
    // "Approx." at the start of a sentence should find "approx": lower the first letter on the
    // stack rather than allocating a lower-cased copy.
    let first = *token.as_bytes().first()?;
    if !first.is_ascii_uppercase() || token.len() > 16 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..token.len()].copy_from_slice(token.as_bytes());
    buf[0] = first.to_ascii_lowercase();
    let lowered = std::str::from_utf8(&buf[..token.len()]).ok()?;
    ABBREVIATIONS.get(lowered).copied()
}

/// Whether `word` is a common sentence starter ("The", "He", "However").
pub(crate) fn is_starter(word: &str) -> bool {
    STARTERS.contains(word)
}

fn parse_abbreviations(data: &'static str) -> HashMap<&'static str, Class> {
    let mut map = HashMap::new();
    let mut class = Class::Regular;
    for entry in entries(data) {
        class = match entry {
            "[title]" => Class::Title,
            "[inner]" => Class::Inner,
            "[number]" => Class::Number,
            "[regular]" => Class::Regular,
            word => {
                map.insert(word, class);
                continue;
            }
        };
    }
    map
}

/// Non-empty, non-comment lines, trimmed.
fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_come_from_sections() {
        assert_eq!(class("Gen"), Some(Class::Title));
        assert_eq!(class("e.g"), Some(Class::Inner));
        assert_eq!(class("No"), Some(Class::Number));
        assert_eq!(class("Inc"), Some(Class::Regular));
        assert_eq!(class("Approx"), Some(Class::Regular));
        assert_eq!(class("house"), None);
        assert_eq!(class(""), None);
    }

    #[test]
    fn starters_are_listed_words() {
        assert!(is_starter("The"));
        assert!(!is_starter("Army"));
        assert!(!is_starter("#"));
    }
}
