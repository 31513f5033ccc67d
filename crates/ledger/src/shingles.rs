//! Word shingles: the overlapping runs of `k` words a document's text is cut into before
//! MinHash, each hashed to 64 bits.
//!
//! Why: two copies of a wire story differ in a headline, a credit line, a spelling or a
//! re-written lead; most of their word runs stay the same. The Jaccard similarity of their
//! shingle sets measures how much text they share, independent of length differences in the
//! boilerplate around it.
//!
//! Words are maximal runs of alphanumeric characters, lower-cased; punctuation and layout do not
//! count, so re-flowed or re-punctuated copies still match. `k` = [`SHINGLE_WORDS`] = 3 was
//! chosen by measurement (see `eval::ledger`): on the planted wire re-publication in
//! `examples/corpus` (new headline, new first sentence, US spelling, credit line), k = 3 keeps
//! its Jaccard well above unrelated pairs while k = 5 drops it towards the threshold.
//!
//! Example: `shingles("The troops, the troops!", 2)` has the shingles "the troops" and
//! "troops the" (the repeated one once).
//!
//! Known limits: no stemming or spelling folding ("defence" vs "defense" breaks the k shingles
//! that cover it); texts shorter than `k` words give one shingle of all their words.

use crate::hash;
use crate::lexicon;

/// Words per shingle, chosen by measurement (see the module documentation).
pub const SHINGLE_WORDS: usize = 3;

/// The lower-cased words of `text`, hashed, in order.
pub fn word_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            lexicon::push_lower(&mut word, c);
        } else if !word.is_empty() {
            out.push(hash::str64(&word));
            word.clear();
        }
    }
    if !word.is_empty() {
        out.push(hash::str64(&word));
    }
    out
}

/// The distinct `k`-word shingles of `text`, hashed and sorted. Empty for a text without words.
pub fn shingles(text: &str, k: usize) -> Vec<u64> {
    let words = word_hashes(text);
    let k = k.max(1);
    let mut out: Vec<u64> = if words.len() <= k {
        if words.is_empty() { Vec::new() } else { vec![fold(&words)] }
    } else {
        words.windows(k).map(fold).collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

fn fold(words: &[u64]) -> u64 {
    words.iter().fold(0x5348_494e_474c_4531, |h, &w| hash::combine(h, w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_and_case_do_not_matter() {
        assert_eq!(shingles("The troops, the TROOPS!", 2), shingles("the troops the troops", 2));
        assert_eq!(shingles("the troops the troops", 2).len(), 2);
    }

    #[test]
    fn short_text_gives_one_shingle() {
        assert_eq!(shingles("Kursk", 3).len(), 1);
        assert!(shingles(" ,. ", 3).is_empty());
    }
}
