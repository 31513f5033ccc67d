//! Hedges: the markers that weaken a claim ("could have", "reportedly", "allegedly", "may",
//! "unconfirmed"), found in the cue and the content.
//!
//! Why: an analyst weighs "North Korea could have dispatched thousands" differently from "North
//! Korea dispatched thousands"; the markers are kept as spans so the reason is visible.
//!
//! Example: in `officials said it may have been a drill` the hedge is `may have`.
//!
//! Known limits: markers come from `data/claims/hedges.txt` alone, with no scope: a hedge inside
//! a nested claim's content also hedges the outer claim; "May" with a capital is taken for the
//! month and skipped.

use super::Ctx;
use super::lexicon::{LEXICON, NONE};
use text::TextRange;

/// Hedge markers among the tokens `[a, b)`, longest first at each position.
pub(super) fn find(cx: &Ctx, a: usize, b: usize) -> Vec<TextRange> {
    let lex = &*LEXICON;
    let mut out = Vec::new();
    let mut i = a;
    while i < b {
        let t = &cx.toks[i];
        if t.id == NONE || !t.is_word() || (t.cap && cx.word(t) == "May") {
            i += 1;
            continue;
        }
        let hit = lex
            .entry(t.id)
            .hedges
            .iter()
            .find(|rest| i + rest.len() < b && rest.iter().enumerate().all(|(k, id)| cx.toks[i + 1 + k].id == *id));
        match hit {
            Some(rest) => {
                out.push(cx.range(i, i + 1 + rest.len()));
                i += 1 + rest.len();
            }
            None => i += 1,
        }
    }
    out
}
