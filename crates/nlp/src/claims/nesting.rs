//! Nesting and coordination: which claim sits inside which, and where a content stops because
//! another claim begins beside it.
//!
//! What: a claim whose cue lies inside another claim's content is nested in it ("US officials
//! said South Korean intelligence estimated …" gives the estimate the statement as parent); a
//! participle citing a source ("KCNA, citing directives from Kim, …") is nested in the claim it
//! hangs on. When the later claim is coordinated instead — after `;`, `, and`, `, but`,
//! `, while`, or a conjunction right before a verb cue ("denied it or refused to comment") — the
//! earlier content ends before it and there is no nesting.
//!
//! Why: the ledger keeps the chain of who reported whom; and "X said A, and Y said B" are two
//! claims side by side, not B inside A.
//!
//! Example: `Officials said the report showed that troops had left.` gives `said` with content
//! `the report showed that troops had left` and `showed`, nested, with content `troops had left`.
//!
//! Known limits: coordination is read from punctuation and a few conjunctions only.

use super::lexicon::Class;
use super::tokens::Cue;
use super::{Cand, Ctx};

/// Parents of `cands` (in order); contents of coordinated claims are shortened in place.
pub(super) fn nest(cx: &Ctx, cands: &mut [Cand]) -> Vec<Option<usize>> {
    let mut parents = vec![None; cands.len()];
    for j in 0..cands.len() {
        let start = cands[j].source.map_or(cands[j].cue.0, |s| s.0.min(cands[j].cue.0));
        let cue = cands[j].cue.0;
        let mut best: Option<usize> = None;
        for i in 0..cands.len() {
            let c = cands[i].content;
            if i == j || !(c.0 <= cue && cue < c.1) {
                continue;
            }
            let right = cands[j].content.0 >= cue;
            if let Some(cut) = coordination(cx, c.0, start, right).or_else(|| coordination(cx, c.0, cue, right)) {
                cands[i].content.1 = cut;
                continue;
            }
            if best.is_none_or(|b| cands[b].content.1 - cands[b].content.0 > c.1 - c.0) {
                best = Some(i);
            }
        }
        parents[j] = best.or(cands[j].cites);
    }
    parents
}

/// Where a content starting at `from` ends when a coordinated clause begins at `start`; `right`
/// says whether the later claim's content follows its cue (so `, X said Y` opens a new clause,
/// while `, X said` closes the clause before it).
fn coordination(cx: &Ctx, from: usize, start: usize, right: bool) -> Option<usize> {
    let toks = &cx.toks;
    let k = start.checked_sub(1).filter(|&k| k > from)?;
    let t = &toks[k];
    if t.is_punct(';') || (right && (t.is_punct(',') || t.is_punct('—'))) {
        return Some(k);
    }
    let w = cx.word(t);
    let conj = t.class == Class::Conj
        && ["and", "but", "or", "nor", "while", "whereas", "though", "although"]
            .iter()
            .any(|c| w.eq_ignore_ascii_case(c));
    if conj && k > from && toks[k - 1].is_punct(',') {
        return Some(k - 1);
    }
    // "X called A and said B", "X denied it or refused to comment": a verb cue right after the
    // conjunction.
    if conj && toks.get(k + 1).is_some_and(|n| n.cue == Cue::Verb) {
        return Some(k);
    }
    None
}
