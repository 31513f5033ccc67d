//! Unattributed reports: "Reports of X surfaced", "Rumours that X circulated", "Allegations
//! emerged that X".
//!
//! What: a report noun (reports, rumours, allegations, claims, either number) heading the subject
//! of a verb of appearing (surface, resurface, emerge, circulate, appear) is a claim without a
//! speaker. The noun is the cue — its stance from `nouns.tsv` (report for "reports", allege for
//! "allegations" and "claims"), report where the noun is not listed ("rumours") — and the content
//! is the matter reported: the object of "of", "about", "on", "over", "regarding", "concerning"
//! or "against" after the noun, the that-clause after the noun, or the that-clause after the
//! verb ("reports emerged on Tuesday that …"), never the complementizer itself.
//!
//! Why: articles often say that something was reported before naming anyone who reported it,
//! and such a sentence dates when a claim first went round ("initially surfaced in October");
//! the ledger needs it as a claim like any other.
//!
//! Example: `Reports of a second convoy surfaced in March.` gives cue `Reports`, stance report,
//! no speaker, content `a second convoy`.
//!
//! Known limits: the noun must open its clause (the sentence start, after punctuation, a
//! conjunction, a complementizer, a time word, a reporting verb or a preposition other than "of"),
//! after modifiers that name no one ("Reuters reports", "his claims" are left to the other
//! patterns), and the tagger must not read it as a verb; the verb must come within 30 tokens; "appear" before "to" is a raising verb ("reports appear to show"), left
//! to the cue lexicon; "reports from Kyiv surfaced" names a place, not a matter, and gives none.

use super::Ctx;
use super::lexicon::Class;
use super::patterns::{clause_end, extend_left};
use super::speaker::{finite_verb, np_left};
use super::tokens::{Cue, Kind};
use crate::tagger::Upos;

/// Report nouns that may head the subject.
const NOUNS: &[&str] =
    &["reports", "report", "rumours", "rumour", "rumors", "rumor", "allegations", "allegation", "claims", "claim"];

/// Verbs of appearing, in every form a subject noun takes them.
const VERBS: &[&str] = &[
    "surfaced",
    "surface",
    "surfaces",
    "resurfaced",
    "resurface",
    "resurfaces",
    "emerged",
    "emerge",
    "emerges",
    "circulated",
    "circulate",
    "circulates",
    "appeared",
    "appear",
    "appears",
];

/// Prepositions after the noun whose object is the matter reported.
const MATTER: &[&str] = &["of", "about", "on", "over", "regarding", "concerning", "against"];

/// How far after the noun the verb may stand, in tokens.
const MAX_GAP: usize = 30;

/// An unattributed report whose noun is token `i`.
pub(super) struct Surfaced {
    /// The content, in tokens (`[start, end)`).
    pub content: (usize, usize),
    /// The verb of appearing.
    pub verb: usize,
    /// Whether the verb is negated ("no reports have surfaced").
    pub negated: bool,
}

/// The unattributed report whose cue is the noun at token `i` of the sentence `[a, b)`, if the
/// noun heads the subject of a verb of appearing.
pub(super) fn at(cx: &Ctx, a: usize, b: usize, i: usize) -> Option<Surfaced> {
    let toks = &cx.toks;
    // Every noun starts with one of these letters: most words are turned away with one byte.
    let first = cx.text.as_bytes().get(toks[i].start as usize).map(u8::to_ascii_lowercase);
    // "Smith claims that …", "Reuters reports that …": the tagger's verb is no subject noun.
    if !matches!(first, Some(b'r' | b'a' | b'c'))
        || !is(cx, i, NOUNS)
        || toks[i].pos == Upos::Verb
        || !opens_clause(cx, a, i)
    {
        return None;
    }
    let verb = (i + 1..b.min(i + 1 + MAX_GAP))
        .take_while(|&j| !toks[j].is_punct(';') && !toks[j].is_punct(':'))
        .find(|&j| is(cx, j, VERBS) && !(j + 1 < b && toks[j + 1].class == Class::To))?;
    let (start, negated, _) = extend_left(cx, i + 1, verb);
    let content = if start == i + 1 {
        // "Reports emerged on Tuesday that …": the that-clause after the verb.
        let that = (verb + 1..b.min(verb + 12))
            .take_while(|&k| toks[k].is_word())
            .find(|&k| toks[k].class == Class::Comp && is(cx, k, &["that"]))?;
        (that + 1, clause_end(cx, that + 1, b))
    } else {
        let after = &toks[i + 1];
        let that = after.class == Class::Comp && is(cx, i + 1, &["that"]);
        if !that && !is(cx, i + 1, MATTER) {
            return None;
        }
        let mut end = start;
        while end > i + 2 && !toks[end - 1].is_word() && toks[end - 1].kind != Kind::Quote {
            end -= 1;
        }
        // "dismissed reports of a convoy that surfaced": the verb is in a relative clause.
        let relative = toks[i + 2..end].iter().any(|t| matches!(t.class, Class::Comp | Class::Wh));
        // "reports that new problems emerged": a that-clause without a verb of its own ends
        // with the verb of appearing, so the noun is no subject of it.
        let finite =
            toks[i + 2..end].iter().any(|t| matches!(t.class, Class::Be | Class::Aux | Class::Modal) || finite_verb(t));
        if !that && relative || that && !finite {
            return None;
        }
        (i + 2, end)
    };
    let words = content.0 < content.1 && toks[content.0..content.1].iter().any(|t| t.is_word());
    words.then_some(Surfaced { content, verb, negated })
}

/// Whether the noun phrase ending with the noun at `i` opens a clause: nothing before it in the
/// sentence, or punctuation, a conjunction, a complementizer, a time word, a reporting verb or a
/// preposition other than "of" ("after reports emerged", "Earlier, rumours circulated", "said
/// reports had surfaced").
fn opens_clause(cx: &Ctx, a: usize, i: usize) -> bool {
    // The modifiers before the noun ("new", "unconfirmed"); the tagger may read the noun itself
    // as a verb, so the walk starts before it.
    let s = np_left(cx, a, i).unwrap_or(i);
    // "Reuters reports", "his claims": a name or pronoun before the noun is its speaker, or the
    // subject of the noun read as a verb.
    if cx.toks[s..i].iter().any(|t| matches!(t.pos, Upos::Propn | Upos::Pron) || t.class == Class::Poss) {
        return false;
    }
    if s == a {
        return true;
    }
    let p = &cx.toks[s - 1];
    !p.is_word()
        || matches!(p.class, Class::Conj | Class::Comp | Class::Time)
        || p.class == Class::Prep && !is(cx, s - 1, &["of", "by"])
        || p.cue == Cue::Verb
}

fn is(cx: &Ctx, i: usize, words: &[&str]) -> bool {
    cx.toks.get(i).is_some_and(|t| t.is_word() && words.iter().any(|w| cx.word(t).eq_ignore_ascii_case(w)))
}
