//! Salient terms: the content words of a document (lower-cased, lightly stemmed, stop words
//! dropped) with their counts, and the document frequencies that turn counts into TF-IDF
//! weights, maintained incrementally as documents arrive.
//!
//! Why: entities alone cannot tell two earthquakes in the same country apart or join "strike"
//! stories that name different union leaders; the words an article repeats, weighed by how rare
//! they are in the ledger, can.
//!
//! A document keeps its [`TERMS_KEPT`] most frequent terms (ties by key, so the choice depends on
//! the document alone, never on what came before); the headline's words count twice. Document
//! frequencies count every distinct term of every document, so after any set of documents they
//! are the same whatever the order — which `Ledger::rebuild` relies on.
//!
//! Example: "North Korean troops deployed to Kursk" gives `north`, `korean`, `troop`, `deployed`,
//! `kursk`.
//!
//! Known limits: English only; the stemmer only folds plurals (`troops` → `troop`, `casualties`
//! → `casualty`); numbers are not terms.

use crate::hash;
use crate::lexicon;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// Terms kept per document.
pub const TERMS_KEPT: usize = 64;

/// The feature key of a term.
pub fn key(term: &str) -> u64 {
    hash::combine(hash::str64(term), 0x7465_726d)
}

/// Distinct term keys of `title` and `body` with counts (the title's words twice), the
/// [`TERMS_KEPT`] most frequent first, and the full set of distinct keys for the frequencies.
pub fn count(title: &str, body: &str) -> (Vec<(u64, u16)>, Vec<u64>) {
    let mut counts: hash::IntMap<u64, u16> = hash::IntMap::default();
    for (text, weight) in [(title, 2), (body, 1)] {
        for_each_term(text, |term| {
            let c = counts.entry(key(term)).or_default();
            *c = c.saturating_add(weight);
        });
    }
    let mut all: Vec<u64> = counts.keys().copied().collect();
    all.sort_unstable();
    let mut kept: Vec<(u64, u16)> = counts.into_iter().collect();
    kept.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    kept.truncate(TERMS_KEPT);
    (kept, all)
}

/// Calls `f` with each term of `text`, in order.
pub fn for_each_term(text: &str, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    let mut flush = |word: &mut String| {
        if word.chars().count() >= 3 && word.chars().any(char::is_alphabetic) && !is_stop(word) {
            let stem = stem(word);
            if !is_stop(stem) {
                f(stem);
            }
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            lexicon::push_lower(&mut word, c);
        } else if !word.is_empty() {
            flush(&mut word);
        }
    }
    if !word.is_empty() {
        flush(&mut word);
    }
}

fn stem(word: &mut String) -> &str {
    let n = word.len();
    if n > 4 && word.ends_with("ies") {
        word.truncate(n - 3);
        word.push('y');
    } else if n > 3 && word.ends_with('s') && !(word.ends_with("ss") || word.ends_with("us") || word.ends_with("is")) {
        word.truncate(n - 1);
    }
    word
}

fn is_stop(word: &str) -> bool {
    static STOP: OnceLock<crate::hash::IntSet<&'static str>> = OnceLock::new();
    STOP.get_or_init(|| {
        include_str!("../data/stopwords.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(str::split_whitespace)
            .collect()
    })
    .contains(word)
}

/// Document frequencies of feature keys (terms and entities) over the documents seen.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Frequencies {
    docs: u32,
    /// Documents per key (keys are hashes already: SipHash over them was wasted work).
    counts: hash::IntMap<u64, u32>,
}

impl Frequencies {
    /// Counts one more document with these distinct keys.
    pub fn add(&mut self, keys: impl IntoIterator<Item = u64>) {
        self.docs += 1;
        for k in keys {
            *self.counts.entry(k).or_default() += 1;
        }
    }

    /// Smoothed inverse document frequency: ln((1 + N) / (1 + df)) + 1.
    pub fn idf(&self, key: u64) -> f32 {
        let df = self.counts.get(&key).copied().unwrap_or(0);
        ((1.0 + self.docs as f32) / (1.0 + df as f32)).ln() + 1.0
    }

    /// Documents counted.
    pub fn docs(&self) -> u32 {
        self.docs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_stemmed_and_stop_words_dropped() {
        let mut out = Vec::new();
        for_each_term("The troops said casualties were high in 2024, Kursk's", |t| out.push(t.to_owned()));
        assert_eq!(out, ["troop", "casualty", "high", "kursk"]);
    }

    #[test]
    fn title_words_count_twice() {
        let (kept, all) = count("Kursk", "Kursk troops");
        assert_eq!(kept[0], (key("kursk"), 3));
        assert_eq!(all.len(), 2);
    }
}
