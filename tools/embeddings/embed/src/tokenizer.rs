//! The BERT-uncased WordPiece tokenizer that all-MiniLM-L6-v2 was trained with, as model2vec
//! runs it: no `[CLS]`/`[SEP]`, no padding.
//!
//! Why: the embedding table has one row per WordPiece token, so a text must be cut into exactly
//! the tokens the Python `tokenizers` library would give — a different cut reads different rows.
//! The `tokenizers` crate does this too, but brings regex engines and a JSON model loader for one
//! fixed, simple pipeline.
//!
//! How: three steps, in the order of `tokenizers`' `BertNormalizer`, `BertPreTokenizer` and
//! `WordPiece`. Normalizing drops NUL, U+FFFD and characters of the Unicode "other" categories
//! (control, format, private use, unassigned; tab and line breaks excepted), turns every
//! whitespace character into a space, puts spaces around CJK ideographs, decomposes (NFD) and
//! drops non-spacing marks (accents), and lower-cases. Pre-tokenizing splits on whitespace and
//! makes every punctuation character (ASCII punctuation or Unicode category P) a word of its
//! own. WordPiece then cuts each word greedily, longest vocabulary entry first, later pieces
//! looked up with the `##` prefix; a word with a part no entry covers, or longer than 100
//! characters, is one `[UNK]`.
//!
//! Example: "Naïve x-ray's" → `naive`, `x`, `-`, `ray`, `'`, `s`; "Zürich" → `zurich`.
//!
//! Known limits: character categories come from Unicode 16 where `tokenizers` uses an older
//! table, so a character assigned since then (a new emoji) is kept here and dropped there; as it
//! is never in the vocabulary, the two differ only when such a character touches a word.

use std::collections::HashMap;
use unicode_general_category::{GeneralCategory, get_general_category};

/// Special tokens matched before normalization (the ones model2vec's distilled tokenizer keeps).
const SPECIAL: [&str; 2] = ["[PAD]", "[UNK]"];

/// Longest word WordPiece cuts; a longer one is `[UNK]`.
const MAX_WORD_CHARS: usize = 100;

/// A WordPiece vocabulary: token ids by text, word-initial pieces and `##` continuations apart,
/// so lookups need no allocation.
pub(crate) struct WordPiece {
    initial: HashMap<&'static str, u32>,
    continuation: HashMap<&'static str, u32>,
    unk: u32,
}

impl WordPiece {
    /// Reads one token a line, the line number being the id.
    pub(crate) fn new(vocab: &'static str) -> Result<Self, String> {
        let mut initial = HashMap::new();
        let mut continuation = HashMap::new();
        for (id, token) in vocab.lines().enumerate() {
            let id = u32::try_from(id).map_err(|_| "vocabulary too large".to_owned())?;
            match token.strip_prefix("##") {
                Some(rest) if !rest.is_empty() => continuation.insert(rest, id),
                _ => initial.insert(token, id),
            };
        }
        let unk = *initial.get("[UNK]").ok_or("no [UNK] token in the vocabulary")?;
        Ok(Self { initial, continuation, unk })
    }

    /// Number of tokens.
    pub(crate) fn len(&self) -> usize {
        self.initial.len() + self.continuation.len()
    }

    /// The id of `[UNK]`.
    pub(crate) fn unk(&self) -> u32 {
        self.unk
    }

    /// Calls `f` with the id of each token of `text`, in order, `[UNK]` included.
    pub(crate) fn for_each_id(&self, text: &str, mut f: impl FnMut(u32)) {
        // The special tokens left in the vocabulary are matched in the raw text first, as
        // `tokenizers` does with added tokens.
        let mut rest = text;
        while let Some(at) = rest.find('[') {
            let special = SPECIAL.iter().find(|s| rest[at..].starts_with(**s));
            if let Some(id) = special.and_then(|s| self.initial.get(s)) {
                self.words(&rest[..at], &mut f);
                f(*id);
                rest = &rest[at + special.map_or(1, |s| s.len())..];
            } else {
                self.words(&rest[..at + 1], &mut f);
                rest = &rest[at + 1..];
            }
        }
        self.words(rest, &mut f);
    }

    /// Normalizes, pre-tokenizes and cuts `text`, which holds no special token.
    fn words(&self, text: &str, f: &mut impl FnMut(u32)) {
        if text.is_empty() {
            return;
        }
        let normalized = normalize(text);
        let mut word_start = None;
        for (i, c) in normalized.char_indices() {
            let punct = is_punctuation(c);
            if c == ' ' || punct {
                if let Some(s) = word_start.take() {
                    self.word(&normalized[s..i], f);
                }
                if punct {
                    self.word(&normalized[i..i + c.len_utf8()], f);
                }
            } else if word_start.is_none() {
                word_start = Some(i);
            }
        }
        if let Some(s) = word_start {
            self.word(&normalized[s..], f);
        }
    }

    /// Greedy longest-match-first WordPiece over one word.
    fn word(&self, word: &str, f: &mut impl FnMut(u32)) {
        if word.chars().nth(MAX_WORD_CHARS).is_some() {
            return f(self.unk);
        }
        // Ids are buffered: a word with an uncovered part yields one [UNK] and nothing else.
        let mut ids = [0u32; 32];
        let mut spill = Vec::new();
        let mut n = 0;
        let mut start = 0;
        while start < word.len() {
            let map = if start == 0 { &self.initial } else { &self.continuation };
            let mut end = word.len();
            let found = loop {
                if let Some(&id) = map.get(&word[start..end]) {
                    break Some(id);
                }
                match word[start..end].char_indices().next_back() {
                    Some((last, _)) if last > 0 => end = start + last,
                    _ => break None,
                }
            };
            let Some(id) = found else { return f(self.unk) };
            if n < ids.len() {
                ids[n] = id;
            } else {
                spill.push(id);
            }
            n += 1;
            start = end;
        }
        ids[..n.min(ids.len())].iter().chain(&spill).for_each(|&id| f(id));
    }
}

/// `BertNormalizer` with `clean_text`, `handle_chinese_chars`, `strip_accents` and `lowercase`.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_ascii() {
            match c {
                '\t' | '\n' | '\r' | ' ' => out.push(' '),
                c if c.is_ascii_control() => {}
                c => out.push(c.to_ascii_lowercase()),
            }
            continue;
        }
        if c == '\u{fffd}' || is_other(c) {
            continue;
        }
        if c.is_whitespace() {
            out.push(' ');
        } else if is_cjk(c) {
            out.push(' ');
            out.push(c);
            out.push(' ');
        } else {
            unicode_normalization::char::decompose_canonical(c, |d| {
                if get_general_category(d) != GeneralCategory::NonspacingMark {
                    out.extend(d.to_lowercase());
                }
            });
        }
    }
    out
}

/// Unicode "other" (C*): control, format, surrogate, private use, unassigned.
fn is_other(c: char) -> bool {
    use GeneralCategory as G;
    matches!(get_general_category(c), G::Control | G::Format | G::Surrogate | G::PrivateUse | G::Unassigned)
}

/// ASCII punctuation (which includes `$`, `+`, `<`, `^`, `|`, `~`) or Unicode category P*.
fn is_punctuation(c: char) -> bool {
    use GeneralCategory as G;
    c.is_ascii_punctuation()
        || (!c.is_ascii()
            && matches!(
                get_general_category(c),
                G::ConnectorPunctuation
                    | G::DashPunctuation
                    | G::OpenPunctuation
                    | G::ClosePunctuation
                    | G::InitialPunctuation
                    | G::FinalPunctuation
                    | G::OtherPunctuation
            ))
}

/// The CJK Unified Ideographs blocks BERT isolates.
fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x4E00..=0x9FFF
        | 0x3400..=0x4DBF
        | 0x20000..=0x2A6DF
        | 0x2A700..=0x2B73F
        | 0x2B740..=0x2B81F
        | 0x2B920..=0x2CEAF
        | 0xF900..=0xFAFF
        | 0x2F800..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(wp: &WordPiece, vocab: &str, text: &str) -> Vec<String> {
        let names: Vec<&str> = vocab.lines().collect();
        let mut out = Vec::new();
        wp.for_each_id(text, |id| out.push(names[id as usize].to_owned()));
        out
    }

    #[test]
    fn greedy_longest_match_with_continuations_and_unk() {
        let vocab = "[UNK]\nun\n##believ\n##able\nunbeliev\n##ably\n.\nx\n-\nray\ncafe\n";
        let wp = WordPiece::new(Box::leak(vocab.to_owned().into_boxed_str())).unwrap();
        assert_eq!(tokens(&wp, vocab, "Unbelievably."), ["unbeliev", "##ably", "."]);
        assert_eq!(tokens(&wp, vocab, "X-RAY  café"), ["x", "-", "ray", "cafe"]);
        // One uncovered part makes the whole word [UNK].
        assert_eq!(tokens(&wp, vocab, "unbelievz ray"), ["[UNK]", "ray"]);
        assert_eq!(tokens(&wp, vocab, &"x".repeat(101)), ["[UNK]"]);
        // A literal special token is kept whole; other brackets are punctuation (none here).
        assert_eq!(tokens(&wp, vocab, "ray[UNK]x [ray]"), ["ray", "[UNK]", "x", "[UNK]", "ray", "[UNK]"]);
    }

    #[test]
    fn normalizes_like_bert() {
        assert_eq!(normalize("Zürich\u{200b}\tNAÏVE\u{0}"), "zurich naive");
        assert_eq!(normalize("日本"), " 日  本 ");
        assert!(is_punctuation('—') && is_punctuation('$') && !is_punctuation('€'));
    }
}
