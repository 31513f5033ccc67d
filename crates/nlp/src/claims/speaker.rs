//! Speakers: the noun phrase next to a cue, and what it refers to.
//!
//! What: [`np_left`] walks left from a cue over the words of a noun phrase ("Western
//! intelligence and South Korean assessments", "a report from KCNA", "U.S. officials"),
//! [`np_right`] walks right (after "according to", after "said" in inversion), and the apposition
//! helpers take in a comma-separated description ("KCNA, North Korea's state news agency,").
//! [`resolve`] links each speaker to an entity: the entity with a mention inside the speaker
//! span, or for pronouns and descriptions ("he", "the agency", "the general") the most recent
//! compatible entity mentioned or speaking before it.
//!
//! Why: news sources are noun phrases bounded by closed-class words (determiners, auxiliaries,
//! complementizers, punctuation), so a walk over word classes finds most of them without a
//! parser; linking through `model::Entity` mentions lets the speaker follow whatever the entity
//! stage knows.
//!
//! Example: in "Military analysts have criticized ..." the walk left from "have criticized" takes
//! "analysts", "Military" and stops at the sentence start.
//!
//! Known limits: part-of-speech tags stop the walk only at confident finite verbs, so a verb the
//! tagger misreads can still be swallowed into a phrase; pronoun and
//! description resolution works only on entities the entity stage found, and plurality is read
//! from the pronoun alone.

use super::Ctx;
use super::lexicon::Class;
use super::tokens::{Cue, Token};
use crate::tagger::Upos;
use model::{Entity, EntityType, MentionKind};
use text::TextRange;

/// Longest noun phrase the walks accept, in tokens.
const MAX_NP: usize = 14;

/// Whether a word looks like a verb form that ends a noun phrase ("-ed", "-ing" in lower case).
fn verbish(cx: &Ctx, t: &Token) -> bool {
    if t.cap || t.class != Class::Other {
        return false;
    }
    let w = cx.word(t);
    w.len() > 4 && (w.ends_with("ed") || w.ends_with("ing"))
}

/// Whether the tagger reads a word as a finite verb ("rushed everyone inside said", "the man who
/// won the race said"): a verb never belongs to the speaker's noun phrase.
pub(super) fn finite_verb(t: &Token) -> bool {
    t.pos == Upos::Verb && !t.cap && matches!(t.xpos.as_str(), "VBD" | "VBZ" | "VBP")
}

/// "records compiled by the Center": token `k` is "by" after a participle that follows a noun,
/// so the participle and its agent belong to the noun's phrase.
fn agent_by(cx: &Ctx, lo: usize, k: usize) -> bool {
    let toks = &cx.toks;
    k >= lo + 2
        && word_is_by(cx, &toks[k])
        && verbish(cx, &toks[k - 1])
        && cx.word(&toks[k - 1]).ends_with("ed")
        && nounish(&toks[k - 2])
        && !verbish(cx, &toks[k - 2])
}

fn word_is_by(cx: &Ctx, t: &Token) -> bool {
    t.class == Class::Prep && cx.word(t).eq_ignore_ascii_case("by")
}

fn linking_prep(cx: &Ctx, t: &Token) -> bool {
    let w = cx.word(t);
    t.class == Class::Prep && ["of", "from", "for", "at", "in", "with"].iter().any(|p| w.eq_ignore_ascii_case(p))
}

fn nounish(t: &Token) -> bool {
    t.is_word() && matches!(t.class, Class::Other | Class::Abbr)
}

/// Start of the noun phrase ending just before token `end`, not crossing `lo`.
pub(super) fn np_left(cx: &Ctx, lo: usize, end: usize) -> Option<usize> {
    let toks = &cx.toks;
    let mut i = end;
    let mut n = 0;
    let mut and_at: Option<usize> = None;
    let mut hard = true;
    while i > lo {
        let t = &toks[i - 1];
        if !t.is_word() {
            break;
        }
        let before = (i >= lo + 2).then(|| &toks[i - 2]);
        match t.class {
            Class::Det | Class::Poss => {
                i -= 1;
                n += 1;
                let chain = before.is_some_and(|b| linking_prep(cx, b)) && i >= lo + 2 && nounish(&toks[i - 2]);
                if i > lo && agent_by(cx, lo, i - 1) {
                    i -= 2;
                    continue;
                }
                // "the two ministries", "its many critics": a numeral or quantifier after a
                // determiner.
                let inner = ["two", "three", "four", "five", "few", "many", "several", "other"]
                    .iter()
                    .any(|w| cx.word(t).eq_ignore_ascii_case(w));
                if inner && before.is_some_and(|b| b.is_word() && matches!(b.class, Class::Det | Class::Poss)) {
                    continue;
                }
                if !chain {
                    break;
                }
                continue;
            }
            Class::Pron | Class::Wh => {
                if n == 0 {
                    i -= 1;
                }
                hard = false;
                break;
            }
            Class::Prep => {
                if n > 0 && linking_prep(cx, t) && before.is_some_and(nounish) {
                    i -= 1;
                    continue;
                }
                if n > 0 && agent_by(cx, lo, i - 1) {
                    i -= 2;
                    n += 1;
                    continue;
                }
                hard = false;
                break;
            }
            Class::Conj => {
                let and = cx.word(t).eq_ignore_ascii_case("and") || t.ch == '&';
                if n > 0 && and && before.is_some_and(nounish) && !before.is_some_and(|b| b.cue != Cue::None) {
                    and_at = Some(i);
                    i -= 1;
                    continue;
                }
                hard = false;
                break;
            }
            Class::Other | Class::Abbr => {
                // "new fundraising reports", "voters backing Smith": an -ing word between a
                // modifier or noun and the rest of the phrase belongs to it.
                let inner_ing = n > 0
                    && cx.word(t).ends_with("ing")
                    && before
                        .is_some_and(|b| matches!(b.class, Class::Det | Class::Poss | Class::Other) && b.is_word());
                if t.cue != Cue::None
                    || finite_verb(t)
                    || (verbish(cx, t)
                        && !inner_ing
                        && !before.is_some_and(|b| matches!(b.class, Class::Det | Class::Poss)))
                {
                    hard = false;
                    break;
                }
                i -= 1;
                n += 1;
            }
            _ => {
                hard = false;
                break;
            }
        }
        if n >= MAX_NP {
            break;
        }
    }
    if !hard && let Some(a) = and_at {
        i = a;
    }
    // A phrase never starts with a preposition or a conjunction.
    while i < end && matches!(toks[i].class, Class::Prep | Class::Conj | Class::To) {
        i += 1;
    }
    (i < end).then_some(i)
}

/// End (exclusive) of the noun phrase starting at `start`, not crossing `hi`.
pub(super) fn np_right(cx: &Ctx, start: usize, hi: usize) -> Option<usize> {
    let toks = &cx.toks;
    let mut i = start;
    let mut n = 0;
    while i < hi {
        let t = &toks[i];
        if !t.is_word() {
            break;
        }
        let next = toks.get(i + 1).filter(|_| i + 1 < hi);
        match t.class {
            Class::Det | Class::Poss | Class::Other | Class::Abbr => {
                let modifier = next.is_some_and(|x| x.is_word() && x.class == Class::Other && x.cue == Cue::None);
                // "told reporters the budget …": a determiner after a noun starts a new phrase.
                let new_phrase = n > 0
                    && t.class == Class::Det
                    && !matches!(toks[i - 1].class, Class::Prep | Class::Conj | Class::Det);
                if t.cue != Cue::None || (n > 0 && verbish(cx, t) && !modifier) || new_phrase {
                    break;
                }
            }
            Class::Pron | Class::Obj if n == 0 => {
                i += 1;
                break;
            }
            Class::Prep if n > 0 && linking_prep(cx, t) && next.is_some_and(|x| x.is_word()) => {}
            Class::Conj if n > 0 && cx.word(t).eq_ignore_ascii_case("and") && next.is_some_and(nounish) => {}
            _ => break,
        }
        i += 1;
        n += 1;
        if n >= MAX_NP {
            break;
        }
    }
    while i > start && matches!(toks[i - 1].class, Class::Prep | Class::Conj | Class::Det | Class::Poss | Class::To) {
        i -= 1;
    }
    (i > start).then_some(i)
}

/// Whether the phrase `[a, b)` reads as a description in apposition ("a former British Army
/// officer", "North Korea's state news agency", "the head of the agency").
pub(super) fn appositive(cx: &Ctx, a: usize, b: usize) -> bool {
    let Some(first) = cx.toks.get(a) else { return false };
    if b <= a || b - a > 10 {
        return false;
    }
    let w = cx.word(first);
    ["a", "an", "former", "the", "its", "his", "her", "their"].iter().any(|x| w.eq_ignore_ascii_case(x))
        || first.poss
        || cx.toks[a..b].iter().any(|t| t.poss)
}

/// The source of a cue whose left neighbour is a comma closing an apposition:
/// `NP, APPOSITIVE, cue`. Returns the span from NP to the appositive.
pub(super) fn apposition_left(cx: &Ctx, lo: usize, comma: usize) -> Option<(usize, usize)> {
    let s2 = np_left(cx, lo, comma)?;
    if s2 <= lo || !cx.toks[s2 - 1].is_punct(',') || !appositive(cx, s2, comma) {
        // "KCNA, the agency," also reads the other way: a name after a description.
        let name_after = s2 > lo && cx.toks[s2 - 1].is_punct(',') && cx.toks[s2].cap;
        if !name_after {
            return None;
        }
    }
    let s1 = np_left(cx, lo, s2 - 1)?;
    let boundary = s1 == lo || !cx.toks[s1 - 1].is_word() || cx.toks[s1 - 1].class == Class::Conj;
    boundary.then_some((s1, comma))
}

/// What a speaker phrase is, for resolution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Refers {
    /// A name or phrase: link through overlapping mentions.
    Direct,
    /// "he", "she": the last person.
    Person,
    /// "it": the last organisation or place.
    Thing,
    /// "they", "we": the last group, organisation or place.
    Group,
    /// "the agency", "the general": the last entity of the type the head noun names.
    Description(EntityType),
    /// "who", "which": the phrase the relative clause hangs on.
    Relative,
}

fn refers(cx: &Ctx, r: (usize, usize)) -> Refers {
    let toks = &cx.toks[r.0..r.1];
    if toks.len() == 1 && toks[0].class == Class::Wh {
        return Refers::Relative;
    }
    if toks.len() == 1 && toks[0].class == Class::Pron {
        return match cx.word(&toks[0]).to_ascii_lowercase().as_str() {
            "he" | "she" => Refers::Person,
            "it" => Refers::Thing,
            "i" | "you" => Refers::Direct,
            _ => Refers::Group,
        };
    }
    let definite = toks.first().is_some_and(|t| cx.word(t).eq_ignore_ascii_case("the"));
    if definite && toks.len() <= 3 && toks.iter().skip(1).all(|t| !t.cap) {
        let head = cx.word(&toks[toks.len() - 1]).to_ascii_lowercase();
        let kind = match head.as_str() {
            "agency" | "ministry" | "government" | "company" | "group" | "party" | "committee" | "campaign"
            | "office" | "department" | "army" | "military" | "organisation" | "organization" | "outlet"
            | "newspaper" | "network" | "regime" | "administration" | "report" | "statement" => EntityType::Org,
            "country" | "nation" | "state" | "city" | "kingdom" | "republic" => EntityType::Gpe,
            "general" | "president" | "minister" | "spokesman" | "spokeswoman" | "spokesperson" | "official"
            | "leader" | "chief" | "commander" | "officer" | "analyst" | "senator" | "governor" | "candidate"
            | "nominee" | "secretary" | "ambassador" | "director" | "envoy" | "premier" | "chancellor" | "king"
            | "colonel" | "admiral" | "man" | "woman" => EntityType::Person,
            _ => return Refers::Direct,
        };
        return Refers::Description(kind);
    }
    Refers::Direct
}

fn compatible(want: Refers, e: &Entity) -> bool {
    match want {
        Refers::Person => e.kind == EntityType::Person,
        Refers::Thing => matches!(e.kind, EntityType::Org | EntityType::Gpe | EntityType::Military),
        Refers::Group => matches!(e.kind, EntityType::Org | EntityType::Gpe | EntityType::Military | EntityType::Norp),
        Refers::Description(EntityType::Org) => matches!(e.kind, EntityType::Org | EntityType::Military),
        Refers::Description(k) => e.kind == k,
        Refers::Direct | Refers::Relative => false,
    }
}

/// The entity each speaker refers to, in claim order. `speakers[i]` is the token span of claim
/// `i`'s speaker.
pub(super) fn resolve(cx: &Ctx, speakers: &[Option<(usize, usize)>], entities: &[Entity]) -> Vec<Option<String>> {
    let mut out: Vec<Option<String>> = Vec::with_capacity(speakers.len());
    for (k, sp) in speakers.iter().enumerate() {
        let Some(sp) = *sp else {
            out.push(None);
            continue;
        };
        let range = cx.range(sp.0, sp.1);
        let want = refers(cx, sp);
        let found = match want {
            Refers::Direct => linked(cx.text, range, entities),
            Refers::Relative => relative_antecedent(cx, sp.0).and_then(|r| linked(cx.text, r, entities)),
            _ => antecedent(cx, want, range, entities, &speakers[..k], &out),
        };
        out.push(found);
    }
    out
}

/// The phrase a relative pronoun at token `w` refers to: the run of capitalised words before it
/// ("Mayor Tomas Greer, who"), else the noun phrase.
fn relative_antecedent(cx: &Ctx, w: usize) -> Option<TextRange> {
    let toks = &cx.toks;
    let end = if w > 0 && toks[w - 1].is_punct(',') { w - 1 } else { w };
    let lo = end.saturating_sub(MAX_NP);
    let mut s = end;
    while s > lo && toks[s - 1].is_word() && (toks[s - 1].cap || toks[s - 1].class == Class::Abbr) {
        s -= 1;
    }
    if s == end {
        s = np_left(cx, lo, end)?;
    }
    Some(cx.range(s, end))
}

/// The entity with a mention inside `range`: the first mention that is not a possessive
/// modifier ("KCNA" in "a report from KCNA, North Korea's agency"), else the first.
fn linked(text: &str, range: TextRange, entities: &[Entity]) -> Option<String> {
    let mut best: Option<(bool, u32, &Entity)> = None;
    for e in entities {
        for m in &e.mentions {
            let overlaps = m.range.start < range.end && range.start < m.range.end;
            let rest = text.get(m.range.end()..).unwrap_or_default();
            let possessive = rest.starts_with("'s") || rest.starts_with("’s");
            // "Western intelligence", "South Korean assessments": a demonym modifying the head
            // noun names no speaker.
            let inside = text.get(m.range.end()..range.end()).unwrap_or_default();
            let modifier = (e.kind == EntityType::Norp || m.kind == MentionKind::Demonym)
                && inside.trim_start().chars().next().is_some_and(char::is_lowercase)
                && m.range.end < range.end;
            if modifier {
                continue;
            }
            let better = best.is_none_or(|(p, at, _)| (possessive, m.range.start) < (p, at));
            if overlaps && better {
                best = Some((possessive, m.range.start, e));
            }
        }
    }
    best.map(|(_, _, e)| e.id.clone())
}

/// The most recent compatible entity before `range`: an entity mention, or an earlier speaker
/// already resolved to a compatible entity.
fn antecedent<'e>(
    cx: &Ctx,
    want: Refers,
    range: TextRange,
    entities: &'e [Entity],
    earlier: &[Option<(usize, usize)>],
    resolved: &[Option<String>],
) -> Option<String> {
    let mut best: Option<(u32, &str)> = None;
    let mut consider = |at: u32, e: &'e Entity| {
        if at < range.start && compatible(want, e) && best.is_none_or(|(b, _)| at > b) {
            best = Some((at, e.id.as_str()));
        }
    };
    for e in entities {
        for m in &e.mentions {
            consider(m.range.start, e);
        }
    }
    for (sp, id) in earlier.iter().zip(resolved) {
        if let (Some(sp), Some(id)) = (sp, id)
            && let Some(e) = entities.iter().find(|e| &e.id == id)
        {
            consider(cx.range(sp.0, sp.1).start, e);
        }
    }
    best.map(|(_, id)| id.to_owned())
}
