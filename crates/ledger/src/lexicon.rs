//! Phrase lexicons of the proposition stage, read from the TSV files under `data/`
//! (`predicates.tsv`, `stance.tsv`, `measures.tsv`, `affiliations.tsv`), compiled in, and
//! matched over lower-cased word tokens.
//!
//! Why: the words that decide a predicate family ("deployed", "took part"), a stance ("fake",
//! "groundless") or a measure ("killed") are data to review, not code.
//!
//! Example: the phrase `deploy*` matches the tokens of "units were deployed"; `took part`
//! matches "KPA subunits took part in liberating Kursk".
//!
//! Known limits: English only; no lemmatizer beyond the `*` prefix patterns; a phrase matches
//! contiguous tokens only.

use crate::hash::IntMap;
use std::sync::OnceLock;

/// Lower-cased word tokens of `text`: letters, digits and inner apostrophes (typographic
/// apostrophes folded), plus `?` as a token of its own.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        let c = if c == '\u{2019}' { '\'' } else { c };
        if c.is_alphanumeric() || (c == '\'' && !word.is_empty()) {
            push_lower(&mut word, c);
        } else {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word).trim_end_matches('\'').to_owned());
            }
            if c == '?' {
                out.push("?".into());
            }
        }
    }
    if !word.is_empty() {
        out.push(word.trim_end_matches('\'').to_owned());
    }
    out
}

/// Appends `c` lower-cased (the common ASCII case without `char::to_lowercase`'s iterator).
pub fn push_lower(word: &mut String, c: char) {
    if c.is_ascii() {
        word.push(c.to_ascii_lowercase());
    } else {
        word.extend(c.to_lowercase());
    }
}

#[derive(Debug)]
enum Word {
    Exact(String),
    Prefix(String),
}

impl Word {
    fn matches(&self, token: &str) -> bool {
        match self {
            Word::Exact(w) => w == token,
            Word::Prefix(p) => token.starts_with(p.as_str()),
        }
    }
}

/// One lexicon: phrases, each with its class (the first column), in file order, indexed by
/// their first word (exact words by the word, prefixes by their first [`KEY_BYTES`] bytes) so a
/// lookup tries only the phrases that can start at each token.
#[derive(Debug)]
pub struct Phrases {
    list: Vec<(String, Vec<Word>)>,
    exact: IntMap<String, Vec<u32>>,
    prefix: IntMap<Vec<u8>, Vec<u32>>,
    short: Vec<u32>,
}

/// Bytes of a prefix word that key the index.
const KEY_BYTES: usize = 3;

/// Where a phrase matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit<'a> {
    /// The phrase's class.
    pub class: &'a str,
    /// First token index.
    pub start: usize,
    /// One past the last token index.
    pub end: usize,
}

impl Phrases {
    /// Parses `class<TAB>phrase` lines; `#` starts a comment line.
    pub fn parse(tsv: &str) -> Phrases {
        let list = tsv
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(class, phrase)| {
                let words = phrase
                    .split_whitespace()
                    .map(|w| match w.strip_suffix('*') {
                        Some(p) => Word::Prefix(p.to_owned()),
                        None => Word::Exact(w.to_owned()),
                    })
                    .collect();
                (class.trim().to_owned(), words)
            })
            .collect::<Vec<(String, Vec<Word>)>>();
        let (mut exact, mut prefix, mut short) = (IntMap::default(), IntMap::default(), Vec::new());
        for (k, (_, words)) in list.iter().enumerate() {
            match words.first() {
                None => {}
                Some(Word::Exact(w)) => exact.entry(w.clone()).or_insert_with(Vec::new).push(k as u32),
                Some(Word::Prefix(p)) if p.len() >= KEY_BYTES => {
                    prefix.entry(p.as_bytes()[..KEY_BYTES].to_vec()).or_insert_with(Vec::new).push(k as u32);
                }
                Some(Word::Prefix(_)) => short.push(k as u32),
            }
        }
        Phrases { list, exact, prefix, short }
    }

    /// Every match in `tokens`, in file order of the phrases, then token order.
    pub fn hits<'a>(&'a self, tokens: &[String]) -> Vec<Hit<'a>> {
        let mut found: Vec<(u32, usize)> = Vec::new();
        for (start, token) in tokens.iter().enumerate() {
            let by_word = self.exact.get(token.as_str()).into_iter().flatten();
            let by_prefix = token.as_bytes().get(..KEY_BYTES).and_then(|k| self.prefix.get(k)).into_iter().flatten();
            for &k in by_word.chain(by_prefix).chain(&self.short) {
                let words = &self.list[k as usize].1;
                if words.len() <= tokens.len() - start && words.iter().zip(&tokens[start..]).all(|(w, t)| w.matches(t))
                {
                    found.push((k, start));
                }
            }
        }
        found.sort_unstable();
        found
            .into_iter()
            .map(|(k, start)| Hit {
                class: &self.list[k as usize].0,
                start,
                end: start + self.list[k as usize].1.len(),
            })
            .collect()
    }

    /// Whether a phrase of `class` occurs in `tokens`.
    pub fn has(&self, class: &str, tokens: &[String]) -> bool {
        self.hits(tokens).iter().any(|h| h.class == class)
    }
}

/// The predicate families (`data/predicates.tsv`).
pub fn predicates() -> &'static Phrases {
    static P: OnceLock<Phrases> = OnceLock::new();
    P.get_or_init(|| Phrases::parse(include_str!("../data/predicates.tsv")))
}

/// The stance words (`data/stance.tsv`).
pub fn stance() -> &'static Phrases {
    static P: OnceLock<Phrases> = OnceLock::new();
    P.get_or_init(|| Phrases::parse(include_str!("../data/stance.tsv")))
}

/// The measures of estimates (`data/measures.tsv`): `after:` phrases and unit lemmas.
pub struct Measures {
    /// Phrases that may follow a number, with their measure, in file order.
    pub after: Phrases,
    /// Unit lemma → measure.
    pub units: IntMap<String, String>,
}

/// The measures lexicon.
pub fn measures() -> &'static Measures {
    static M: OnceLock<Measures> = OnceLock::new();
    M.get_or_init(|| {
        let text = include_str!("../data/measures.tsv");
        let mut after = String::new();
        let mut units = IntMap::default();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let Some((measure, what)) = line.split_once('\t') else { continue };
            match what.strip_prefix("after:") {
                Some(phrase) => after.push_str(&format!("{measure}\t{phrase}\n")),
                None => {
                    units.insert(what.trim().to_owned(), measure.trim().to_owned());
                }
            }
        }
        Measures { after: Phrases::parse(&after), units }
    })
}

/// The state (or alliance) an entity speaks for, from `data/affiliations.tsv`, or the country
/// a place id folds to (`gpe:KP:pyongyang` → `gpe:KP`).
pub fn affiliation(id: &str) -> Option<&'static str> {
    static A: OnceLock<IntMap<&'static str, &'static str>> = OnceLock::new();
    let map = A.get_or_init(|| {
        include_str!("../data/affiliations.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(a, b)| (a.trim(), b.trim()))
            .collect()
    });
    map.get(id).copied()
}

/// An entity id with places folded to their country: `gpe:RU:kursk` → `gpe:RU`.
pub fn fold_place(id: &str) -> &str {
    match id.strip_prefix("gpe:") {
        Some(rest)
            if rest.len() > 3 && rest.as_bytes()[2] == b':' && rest[..2].bytes().all(|b| b.is_ascii_uppercase()) =>
        {
            &id[..6]
        }
        _ => id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_inner_apostrophes_and_questions() {
        assert_eq!(tokens("Kim didn’t say? Kursk's"), ["kim", "didn't", "say", "?", "kursk's"]);
    }

    #[test]
    fn phrases_match_prefixes_and_sequences() {
        let p = Phrases::parse("a\tdeploy*\nb\ttook part\n");
        let hits = p.hits(&tokens("units deployed and took part"));
        assert_eq!(hits.iter().map(|h| h.class).collect::<Vec<_>>(), ["a", "b"]);
    }

    #[test]
    fn places_fold_to_their_country() {
        assert_eq!(fold_place("gpe:RU:kursk"), "gpe:RU");
        assert_eq!(fold_place("gpe:KP"), "gpe:KP");
        assert_eq!(fold_place("gpe:kazan"), "gpe:kazan");
        assert_eq!(affiliation("org:kcna"), Some("gpe:KP"));
    }
}
