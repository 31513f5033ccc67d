//! Attribution patterns: cues found in a sentence, and for each its source and content.
//!
//! What: one pass finds the cues of a sentence (verbs of `cues.tsv` in any inflection and with
//! their auxiliaries — "had previously indicated", "did not clarify"; phrases of `phrases.tsv` —
//! "according to"; nominal cues before "that"; a colon after a short name before a quotation).
//! A second pass reads each cue with the pattern its neighbours make:
//!
//! - `X said (that) Y`, `X told Z (that) Y`, `X confirmed/denied/accused Z of Y`: source is the
//!   noun phrase left of the cue (through an apposition, "KCNA, the state agency, said"; through
//!   a relative pronoun, "Gerasimov, who hailed"), content the rest of the clause after the cue,
//!   past a hearer ("told reporters"), a time ("on Monday") or a channel ("in a statement").
//! - `Y, X said` and `"…," X said`: the cue ends its clause, so the content is what precedes the
//!   comma, or the whole quotation that closes there, however many sentences back it opened.
//! - `"…," said X`: inversion; the source follows the cue.
//! - `X said: "…"` and `"…," X said, "…"`: the content is the quotation, across sentences and
//!   paragraphs, or both halves of it.
//! - `"…," said X, a lawyer who …` and `X (R-Ohio) said`: the sentence-final description and a
//!   parenthesised party belong to the source; `X who did Y said`: so does a restrictive relative.
//! - `X avoided criticism of Y`, `X raised questions about Y`: a nominal cue with its preposition
//!   (`nouns.tsv`) after a verb; the verb's subject is the source, the object the content.
//! - `according to X, Y` and `Y, according to X`; `it was reported by X that Y`; `it is
//!   believed that Y` (no source); `X, citing Z, …` (a participle takes the clause's source).
//! - `Reports of Y surfaced`, `rumours emerged that Y`: no source, the noun is the cue
//!   (`surfaced.rs`).
//!
//! Why: news attribution is regular enough at the surface that word classes, punctuation and
//! quotation marks recover most source/cue/content triples, quickly and without a model.
//!
//! Example: `"We will win," the general said on Monday.` gives cue `said`, source `the general`,
//! content `"We will win,"` (direct).
//!
//! Tags: a lexicon verb the tagger confidently reads as a noun ("the attacks") is no cue; an
//! adverb tag lets "once said" join the cue; finite-verb tags bound descriptions.
//!
//! Known limits: clause boundaries come from punctuation and a few conjunctions only, so a long
//! content may run past the end of what was said; cues inside quotations are not read (their
//! speech belongs to the quoted speaker); the tagger is unsure after names ("Blackwell wrote" as
//! a noun), so tags veto a cue only when confident and the word before still decides the rest.

use super::lexicon::{Class, Form, Frame, LEXICON, PhraseKind};
use super::quotes;
use super::speaker::{apposition_left, appositive, np_left, np_right};
use super::surfaced;
use super::tokens::{Cue, Kind};
use super::{Cand, Ctx};
use crate::tagger::Upos;
use model::Stance;

/// A cue found in a sentence, by token range.
#[derive(Clone, Copy, Debug)]
struct Hit {
    start: usize,
    end: usize,
    kind: Cue,
    stance: Stance,
    form: Form,
    frame: Frame,
}

/// Finds the claims of the sentence whose tokens are `[a, b)` and appends them to `out`.
pub(super) fn sentence(cx: &mut Ctx, sent: usize, a: usize, b: usize, headline: bool, out: &mut Vec<Cand>) {
    let hits = detect(cx, a, b, headline);
    let first = out.len();
    for hit in hits {
        if let Some(c) = read(cx, sent, a, b, hit, &out[first..]) {
            out.push(c);
        }
    }
}

fn matches_rest(cx: &Ctx, at: usize, rest: &[u32], b: usize) -> bool {
    at + rest.len() <= b && rest.iter().enumerate().all(|(k, id)| cx.toks[at + k].id == *id)
}

fn word_is(cx: &Ctx, i: usize, words: &[&str]) -> bool {
    cx.toks.get(i).is_some_and(|t| t.is_word() && words.iter().any(|w| cx.word(t).eq_ignore_ascii_case(w)))
}

fn adverb(cx: &Ctx, i: usize) -> bool {
    let Some(t) = cx.toks.get(i) else { return false };
    let w = cx.word(t);
    t.is_word()
        && !t.cap
        && t.class == Class::Other
        && ((w.len() > 4 && w.ends_with("ly"))
            || matches!(
                w,
                "also"
                    | "again"
                    | "first"
                    | "now"
                    | "still"
                    | "already"
                    | "just"
                    | "then"
                    | "however"
                    | "meanwhile"
                    | "too"
                    | "instead"
                    | "nonetheless"
                    | "nevertheless"
                    | "long"
                    | "often"
                    | "once"
                    | "even"
            ))
}

fn detect(cx: &mut Ctx, a: usize, b: usize, headline: bool) -> Vec<Hit> {
    let lex = &*LEXICON;
    let mut hits = Vec::new();
    let mut i = a;
    // The verb of an unattributed report, which is no cue of its own ("reports appeared").
    let mut skip = None;
    while i < b {
        let t = cx.toks[i];
        if skip == Some(i) {
            i += 1;
            continue;
        }
        // "Reports of X surfaced", "rumours emerged that X": a report without a speaker.
        if t.is_word()
            && let Some(s) = surfaced::at(cx, a, b, i)
            && !quotes::around(&cx.quotes, i).is_some_and(|q| q.closed)
        {
            let stance = lex.entry(t.id).noun.unwrap_or(Stance::Report);
            hits.push(Hit { start: i, end: i + 1, kind: Cue::Surfaced, stance, form: Form::Base, frame: Frame::Plain });
            cx.toks[i].cue = Cue::Surfaced;
            skip = Some(s.verb);
            i += 1;
            continue;
        }
        if !t.is_word() || t.id == super::lexicon::NONE || quotes::around(&cx.quotes, i).is_some_and(|q| q.closed) {
            if t.is_punct(':') && colon_cue(cx, a, i, b, headline) {
                hits.push(Hit {
                    start: i,
                    end: i + 1,
                    kind: Cue::Verb,
                    stance: Stance::Report,
                    form: Form::Past,
                    frame: Frame::Plain,
                });
            }
            i += 1;
            continue;
        }
        if i == a && word_is(cx, i, &["in"]) && in_source(cx, i, b) {
            hits.push(Hit {
                start: i,
                end: i + 1,
                kind: Cue::Source,
                stance: Stance::Report,
                form: Form::Base,
                frame: Frame::Plain,
            });
            cx.toks[i].cue = Cue::Source;
            i += 1;
            continue;
        }
        let entry = lex.entry(t.id);
        if let Some(p) = entry.phrases.iter().find(|p| matches_rest(cx, i + 1, &p.rest, b)) {
            let end = i + 1 + p.rest.len();
            if p.kind == PhraseKind::Source {
                hits.push(Hit {
                    start: i,
                    end,
                    kind: Cue::Source,
                    stance: p.stance,
                    form: Form::Base,
                    frame: Frame::Plain,
                });
                cx.toks[i].cue = Cue::Source;
            }
            i = end;
            continue;
        }
        // A capitalised word inside a body sentence is a name ("Fox News Reports"), not a cue.
        let verb_ok = (headline || !t.cap || i == a) && (headline || verb_tag(&t));
        let verb = entry.verbs.iter().find(|v| {
            matches_rest(cx, i + 1, &v.rest, b) && verb_ok && valid(cx, a, b, i, i + 1 + v.rest.len(), v.form, v.frame)
        });
        if let Some(v) = verb {
            let end = i + 1 + v.rest.len();
            let kind = if v.form == Form::Ing { Cue::Ing } else { Cue::Verb };
            hits.push(Hit { start: i, end, kind, stance: v.stance, form: v.form, frame: v.frame });
            cx.toks[i].cue = kind;
            i = end;
            // "declined to comment", "seems to work": the infinitive is the content; but in
            // "seemed to confirm" the cue is the inner verb, which takes "seemed to" in.
            if matches!(v.frame, Frame::To | Frame::Raise) && i + 1 < b && cx.toks[i].class == Class::To {
                let inner = lex.entry(cx.toks[i + 1].id);
                if v.frame == Frame::Raise && !inner.verbs.is_empty() {
                    hits.pop();
                    cx.toks[i - 1 - v.rest.len()].cue = Cue::None;
                    continue;
                }
                i += 2;
            }
            continue;
        }
        if let Some(stance) = entry.noun
            && cx.toks.get(i + 1).is_some_and(|n| n.class == Class::Comp && cx.word(n).eq_ignore_ascii_case("that"))
            && i > a
            && !matches!(cx.toks[i - 1].class, Class::Pron | Class::Obj)
        {
            hits.push(Hit { start: i, end: i + 1, kind: Cue::Noun, stance, form: Form::Base, frame: Frame::Plain });
            cx.toks[i].cue = Cue::Noun;
        } else if let Some(stance) = entry.noun
            && i + 2 < b
            && entry.noun_preps.contains(&cx.toks[i + 1].id)
            && t.pos == Upos::Noun
            && cx.toks[i + 2].is_word()
        {
            // "her criticism of the bill", "attacks on Smith": the preposition's object is the
            // content; the cue takes the preposition in.
            hits.push(Hit { start: i, end: i + 2, kind: Cue::Noun, stance, form: Form::Base, frame: Frame::Plain });
            cx.toks[i].cue = Cue::Noun;
            i += 2;
            continue;
        }
        i += 1;
    }
    hits
}

/// The tagger's score lead above which its reading of a word overrides the lexicon: on news text
/// it misreads "Blackwell wrote" (NOUN, lead 3) but is right about "the attacks" (lead 20+).
const VETO_MARGIN: f32 = 10.0;

/// Whether the tagger lets a lexicon verb be a verb here: "the attacks", "a report", "his
/// support" are tagged as nouns and are no verb cues. Title-case headlines are exempt (the tagger
/// reads their capitals as names).
fn verb_tag(t: &super::tokens::Token) -> bool {
    !(matches!(t.pos, Upos::Noun) && t.margin >= VETO_MARGIN)
}

/// `In the latest poll, …`: a sentence opening with a document or survey as the source.
fn in_source(cx: &Ctx, i: usize, b: usize) -> bool {
    let Some(e) = np_right(cx, i + 1, b) else { return false };
    let heads = [
        "poll",
        "polls",
        "survey",
        "surveys",
        "report",
        "study",
        "memo",
        "editorial",
        "analysis",
        "filing",
        "complaint",
        "lawsuit",
        "video",
        "ad",
        "book",
        "article",
        "column",
        "op-ed",
        "documents",
        "records",
        "data",
    ];
    word_is(cx, e - 1, &heads) && (e..b.min(e + 10)).any(|j| cx.toks[j].is_punct(','))
}

/// `Name: "quote"` at the start of a sentence; in a headline, `Name: content`.
fn colon_cue(cx: &Ctx, a: usize, i: usize, b: usize, headline: bool) -> bool {
    let quoted = cx.toks.get(i + 1).is_some_and(|t| t.kind == Kind::Quote);
    i > a && i - a <= 5 && i + 1 < b && (quoted || headline) && cx.toks[a].cap && np_left(cx, a, i) == Some(a)
}

/// Whether a finite clause starts at `end`: a subject-like word followed, within a few words and
/// before any comma, by an auxiliary, a modal, a negation or a past-tense-looking verb
/// ("records show he backed", "saying they were").
fn clause_follows(cx: &Ctx, end: usize, b: usize) -> bool {
    let toks = &cx.toks;
    let Some(first) = toks.get(end).filter(|_| end < b) else { return false };
    if !first.is_word() || matches!(first.class, Class::Prep | Class::To | Class::Conj | Class::Obj) {
        return false;
    }
    for t in toks.get(end + 1..b.min(end + 8)).unwrap_or_default() {
        if !t.is_word() {
            return false;
        }
        let w = cx.word(t);
        if matches!(t.class, Class::Be | Class::Aux | Class::Modal | Class::Neg)
            || (t.class == Class::Other && !t.cap && w.len() > 3 && w.ends_with("ed"))
        {
            return true;
        }
    }
    false
}

/// Whether a word is a number ("271", "nine").
fn number(cx: &Ctx, t: &super::tokens::Token) -> bool {
    t.is_word()
        && (t.ch.is_ascii_digit()
            || word_is_tok(
                cx,
                t,
                &["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen", "hundreds"],
            ))
}

fn word_is_tok(cx: &Ctx, t: &super::tokens::Token, words: &[&str]) -> bool {
    words.iter().any(|w| cx.word(t).eq_ignore_ascii_case(w))
}

/// Whether a to-infinitive starts at `end`, or after a noun phrase of at most `object` tokens
/// ("wants to run", "wants Smith to lose").
fn to_follows(cx: &Ctx, end: usize, b: usize, object: usize) -> bool {
    let infinitive = |j: usize| {
        j + 1 < b && cx.toks[j].class == Class::To && cx.toks[j + 1].is_word() && cx.toks[j + 1].class != Class::Det
    };
    if infinitive(end) {
        return true;
    }
    object > 0 && np_right(cx, end, b).is_some_and(|e| e - end <= object && infinitive(e))
}

/// Whether "as" follows within the clause: "sees the vote as a test".
fn as_follows(cx: &Ctx, end: usize, b: usize) -> bool {
    (end..b.min(end + 10)).take_while(|&j| cx.toks[j].is_word()).any(|j| word_is(cx, j, &["as"]))
}

/// Whether the subject of the cue at `i` is a document ("the poll shows", "records found"):
/// the noun right before it.
fn document_subject(cx: &Ctx, a: usize, i: usize) -> bool {
    i > a
        && word_is(
            cx,
            i - 1,
            &[
                "poll",
                "polls",
                "survey",
                "surveys",
                "study",
                "studies",
                "data",
                "report",
                "reports",
                "records",
                "documents",
                "video",
                "footage",
                "numbers",
                "figures",
                "results",
                "analysis",
                "research",
                "review",
                "audit",
                "investigation",
                "memo",
                "email",
                "emails",
                "letter",
                "filing",
                "filings",
            ],
        )
}

/// The word before `i`, skipping adverbs and floating quantifiers ("they both said").
fn prev_word(cx: &Ctx, a: usize, i: usize) -> Option<usize> {
    let mut p = i;
    while p > a {
        p -= 1;
        if !adverb(cx, p) && !floating(cx, a, p) {
            return Some(p);
        }
    }
    None
}

fn valid(cx: &Ctx, a: usize, b: usize, i: usize, end: usize, form: Form, frame: Frame) -> bool {
    let toks = &cx.toks;
    let p_at = prev_word(cx, a, i);
    let p = p_at.map(|p| toks[p]);
    // "Both denied it", "…, and some said …": a quantifier standing alone as the subject.
    let lone = p_at.is_some_and(|k| {
        (k == a || !toks[k - 1].is_word() || toks[k - 1].class == Class::Conj)
            && word_is(cx, k, &["both", "some", "many", "most", "all", "several", "few"])
    });
    let next = (end < b).then(|| toks[end]);
    let next_opens = next.is_some_and(|n| {
        n.kind == Kind::Quote || n.is_punct(':') || (n.class == Class::Comp) || matches!(n.class, Class::Wh) && !n.cap
    });
    // "is expected to win", "was said to be ill": a passive before an infinitive.
    let passive_to = form == Form::Past && p.is_some_and(|p| p.class == Class::Be) && to_follows(cx, end, b, 0);
    let framed = match frame {
        Frame::Plain | Frame::Obj | Frame::Quote => true,
        Frame::That => next_opens || clause_follows(cx, end, b) || document_subject(cx, a, i),
        Frame::To => next.is_some_and(|n| n.class == Class::Comp) || to_follows(cx, end, b, 4),
        Frame::Raise => {
            next.is_some_and(|n| matches!(n.class, Class::To | Class::Comp)) || word_is(cx, end, &["like", "as"])
        }
        Frame::As => next.is_some_and(|n| n.class == Class::Comp) || as_follows(cx, end, b),
    };
    if !framed && !passive_to {
        return false;
    }
    let Some(p) = p else {
        // Sentence-initial: only "Asked about/whether …, X said".
        return form == Form::Past
            && word_is(cx, i, &["asked"])
            && next.is_some_and(|n| {
                n.class == Class::Prep && cx.word(&n).eq_ignore_ascii_case("about")
                    || n.class == Class::Wh
                    || n.class == Class::Comp
            });
    };
    if !p.is_word() {
        return match form {
            Form::Ing => p.is_punct(',') || p.is_punct('—'),
            Form::Past | Form::Third => {
                p.is_punct(',') || p.kind == Kind::Quote || p.is_punct('—') || paren_before(cx, a, i).is_some()
            }
            Form::Base => false,
        };
    }
    match form {
        Form::Base => {
            let ambiguous = LEXICON.entry(toks[i].id).ambiguous;
            // "troops to support Russia" is a purpose, not a position taken.
            let strong = matches!(p.class, Class::Modal | Class::Aux | Class::Neg)
                || (p.class == Class::To && !ambiguous)
                || (p.class == Class::Pron && !cx.word(&p).eq_ignore_ascii_case("it"));
            let after_noun = matches!(p.class, Class::Other | Class::Abbr | Class::Wh) && !p.poss;
            let clause = next_opens || clause_follows(cx, end, b) || frame != Frame::Plain && framed;
            // "Most voters support Smith": after a plural subject, an object names what is backed.
            let object = next.is_some_and(|n| n.cap || matches!(n.class, Class::Det | Class::Poss));
            let plural = cx.word(&p).ends_with('s') && !cx.word(&p).ends_with("ss");
            strong
                || p.class == Class::Wh && !p.cap
                || (after_noun && !ambiguous && (clause || word_is(cx, i, &["say"])))
                || (after_noun && plural && (clause || object))
        }
        Form::Third => {
            let subject = matches!(p.class, Class::Other | Class::Abbr | Class::Pron | Class::Wh) && !p.poss;
            // "a dozen states held", "his recent attacks": a plural noun, unless a name or a
            // pronoun precedes or a clause follows.
            let noun_too = LEXICON.entry(toks[i].id).ambiguous
                || cx
                    .word(&toks[i])
                    .get(..cx.word(&toks[i]).len().saturating_sub(1))
                    .is_some_and(|stem| LEXICON.entry(LEXICON.id(&stem.to_ascii_lowercase())).ambiguous);
            // "states where", "states that Smith won": a relative clause after a noun is no
            // complement; a name before it ("Western states") is no subject either.
            let opens = next.is_some_and(|n| n.kind == Kind::Quote || n.is_punct(':'))
                || next.is_some_and(|n| n.class == Class::Comp) && clause_follows(cx, end + 1, b)
                || next.is_some_and(|n| n.is_word() && !matches!(n.class, Class::Wh | Class::Comp))
                    && clause_follows(cx, end, b);
            subject
                && !number(cx, &p)
                && (!noun_too
                    || p.cap && !next.is_some_and(|n| matches!(n.class, Class::Wh | Class::Comp))
                    || matches!(p.class, Class::Pron | Class::Wh)
                    || opens
                    || frame != Frame::Plain && framed)
        }
        // "271 pledged delegates": an adjective after a number.
        Form::Past if number(cx, &p) => false,
        // "a program called Safe Streets": naming, not reporting.
        Form::Past
            if word_is(cx, i, &["called"])
                && p.class == Class::Other
                && !p.cap
                && next.is_some_and(|n| n.cap || n.kind == Kind::Quote || n.is_punct('#')) =>
        {
            false
        }
        Form::Past => match p.class {
            Class::Det if lone => true,
            Class::Det | Class::Poss | Class::Prep | Class::To => false,
            Class::Be => passive_to || word_is(cx, end, &["by", "as"]) || next.is_some_and(|n| n.class == Class::Comp),
            _ => true,
        },
        Form::Ing => {
            matches!(p.class, Class::Be)
                || (next_opens || clause_follows(cx, end, b))
                    && matches!(p.class, Class::Other | Class::Abbr | Class::Pron)
        }
    }
}

/// "The ministries either denied it or …", "they both denied it": a correlative or a floating
/// quantifier at `i`, after the subject, belongs to the verb ("neither … nor" negates it); at
/// the sentence start or after a determiner it is the subject itself ("Both denied it").
fn floating(cx: &Ctx, a: usize, i: usize) -> bool {
    i > a
        && word_is(cx, i, &["either", "neither", "both", "all", "each"])
        && cx.toks[i - 1].is_word()
        && !matches!(cx.toks[i - 1].class, Class::Det | Class::Prep | Class::Conj | Class::Comp | Class::To)
}

/// The cue's auxiliaries, negation and adverbs to its left: the new start, whether it is
/// negated, and whether it is passive (a form of "be" before a past participle).
pub(super) fn extend_left(cx: &Ctx, a: usize, i: usize) -> (usize, bool, bool) {
    let (mut s, mut neg, mut be) = (i, false, false);
    while s > a {
        let t = &cx.toks[s - 1];
        if !t.is_word() {
            break;
        }
        match t.class {
            Class::Aux | Class::Modal => s -= 1,
            Class::Be => {
                be = true;
                s -= 1;
            }
            Class::Neg => {
                neg = true;
                s -= 1;
            }
            Class::To
                if word_is(
                    cx,
                    s.wrapping_sub(2),
                    &["declined", "refused", "failed", "declines", "refuses", "fails"],
                ) =>
            {
                neg = true;
                s -= 2;
            }
            Class::To
                if word_is(
                    cx,
                    s.wrapping_sub(2),
                    &["appeared", "seemed", "appears", "seems", "continued", "continues"],
                ) =>
            {
                s -= 2;
            }
            Class::Time if word_is(cx, s - 1, &["recently", "earlier", "later"]) => s -= 1,
            // "neither confirmed nor denied it": "nor" negates the verb, and stays out of the cue
            // so that the source is read through it.
            Class::Conj if word_is(cx, s - 1, &["nor"]) => {
                neg = true;
                break;
            }
            _ if floating(cx, a, s - 1) => {
                neg |= word_is(cx, s - 1, &["neither"]);
                s -= 1;
            }
            _ if adverb(cx, s - 1) => s -= 1,
            // "once said", "later told": a lower-case word the tagger reads as an adverb.
            Class::Conj | Class::Other if !t.cap && t.pos == Upos::Adv && t.xpos.as_str() == "RB" => s -= 1,
            _ => break,
        }
    }
    (s, neg, be)
}

/// End (exclusive) of the content clause starting at `r`: the sentence end less its final
/// punctuation, cut before `;` and before `, according to` or `, saying`.
pub(super) fn clause_end(cx: &Ctx, r: usize, b: usize) -> usize {
    let toks = &cx.toks;
    let mut e = b;
    // "hailed the bravery of the troops, the first …": an apposition after a nominal content.
    let nominal = toks.get(r).is_some_and(|t| matches!(t.class, Class::Det | Class::Poss));
    for j in r..b {
        if nominal
            && j > r + 1
            && toks[j].is_punct(',')
            && toks.get(j + 1).is_some_and(|n| n.class == Class::Det && j + 1 < b)
            && quotes::around(&cx.quotes, j).is_none()
        {
            e = j;
            break;
        }
        let t = &toks[j];
        if t.is_punct(';') && quotes::around(&cx.quotes, j).is_none() {
            e = j;
            break;
        }
        if t.is_punct(',') && toks.get(j + 1).is_some_and(|n| matches!(n.cue, Cue::Ing | Cue::Source)) && j + 1 < b {
            e = j;
            break;
        }
        if j > r + 2 && quotes::around(&cx.quotes, j).is_none() && clause_break(cx, j) {
            e = j;
            break;
        }
    }
    while e > r
        && toks[e - 1].kind == Kind::Punct
        && matches!(toks[e - 1].ch, '.' | '!' | '?' | ';' | ':' | ',' | '—' | '-')
    {
        e -= 1;
    }
    e
}

fn direct(cx: &Ctx, c: (usize, usize)) -> bool {
    cx.toks[c.0..c.1].iter().any(|t| t.kind == Kind::Quote)
}

/// Whether the content stops before token `j`: a contrasting clause (", but", "but", ", while",
/// ", although"), a non-restrictive relative clause (", which", ", who") or a participial
/// clause (", adding", ", marking") is the writer's comment, not the source's words.
fn clause_break(cx: &Ctx, j: usize) -> bool {
    let toks = &cx.toks;
    let t = &toks[j];
    let comma = t.is_punct(',') || t.is_punct('—');
    let n = j + 1;
    let participle =
        toks.get(n).is_some_and(|x| x.is_word() && !x.cap && x.class == Class::Other && cx.word(x).ends_with("ing"));
    (comma && (word_is(cx, n, &["but", "while", "whereas", "although", "though", "which", "who"]) || participle))
        || word_is(cx, j, &["but"])
}

/// Content after the cue ending at `r`: skips a hearer (for `obj` verbs), times, channels and a
/// colon; returns the content span and the (possibly extended) cue end.
fn right_content(cx: &Ctx, b: usize, mut r: usize, frame: Frame) -> (Option<(usize, usize)>, usize) {
    let toks = &cx.toks;
    let mut cue_end = r;
    // "said in a statement", "said on Twitter": the channel joins the cue.
    if r < b
        && let Some(p) = LEXICON
            .entry(toks[r].id)
            .phrases
            .iter()
            .find(|p| p.kind == PhraseKind::Frame && matches_rest(cx, r + 1, &p.rest, b))
    {
        r += 1 + p.rest.len();
        cue_end = r;
    }
    if frame == Frame::Obj
        && r < b
        && let Some(e) = np_right(cx, r, b)
    {
        let after = toks.get(e).filter(|_| e < b);
        let short = e - r <= 5;
        let hearer = e - r == 1
            || after.is_none_or(|n| {
                n.kind != Kind::Word
                    || matches!(n.class, Class::Comp | Class::Time | Class::Prep | Class::Pron | Class::To)
            });
        if short && hearer {
            r = e;
        }
    }
    loop {
        if r >= b {
            break;
        }
        let t = &toks[r];
        if t.class == Class::Time
            || adverb(cx, r)
            || t.is_punct(':')
            || (t.is_punct(',') && toks.get(r + 1).is_some_and(|n| n.kind == Kind::Quote))
        {
            r += 1;
        } else if word_is(cx, r, &["on", "last", "this", "late", "earlier"])
            && toks.get(r + 1).is_some_and(|n| {
                n.class == Class::Time
                    || word_is(cx, r + 1, &["week", "month", "year", "night", "morning", "evening", "afternoon"])
            })
        {
            r += 2;
        } else {
            break;
        }
    }
    if r >= b {
        return (None, cue_end);
    }
    // "said during a speech in Ohio, "…"": the quotation is the content.
    if toks[r].class == Class::Prep
        && let Some(q) = (r + 1..b)
            .filter(|&j| toks[j].kind == Kind::Quote && (toks[j - 1].is_punct(',') || toks[j - 1].is_punct(':')))
            .find_map(|j| quotes::opening_at(&cx.quotes, j))
    {
        return (Some((q.open, q.last + 1)), cue_end);
    }
    // "said in an interview with CNBC that …": the that-clause after the adverbial.
    if toks[r].class == Class::Prep
        && let Some(c) = (r + 1..b.min(r + 14))
            .take_while(|&j| toks[j].is_word())
            .find(|&j| toks[j].class == Class::Comp && word_is(cx, j, &["that"]))
    {
        let e = clause_end(cx, c, b);
        return ((e > c).then_some((c, e)), cue_end);
    }
    if toks[r].kind == Kind::Quote
        && let Some(q) = quotes::opening_at(&cx.quotes, r)
    {
        let e = clause_end(cx, r, b);
        if q.last + 1 >= e {
            return (Some((r, q.last + 1)), cue_end);
        }
    }
    let e = clause_end(cx, r, b);
    ((e > r).then_some((r, e)), cue_end)
}

/// Content before the separator at `k` (a comma, dash or quotation mark before the source or
/// cue): the quotation that closes there, or the clause from the sentence start.
fn left_content(cx: &Ctx, a: usize, k: usize) -> Option<(usize, usize)> {
    let toks = &cx.toks;
    let mut e = k;
    if toks.get(k).is_some_and(|t| t.kind == Kind::Quote) && quotes::closing_at(&cx.quotes, k).is_some() {
        e = k + 1;
    }
    if e > 0
        && toks[e - 1].kind == Kind::Quote
        && let Some(q) = quotes::closing_at(&cx.quotes, e - 1)
    {
        return Some((q.open, e));
    }
    let mut s = a;
    while s < e && toks[s].kind == Kind::Punct {
        s += 1;
    }
    while e > s && toks[e - 1].kind == Kind::Punct && matches!(toks[e - 1].ch, ',' | '—' | '-' | ':') {
        e -= 1;
    }
    (e > s).then_some((s, e))
}

/// The noun phrase opening the clause that ends at `i` (for participles and infinitives).
fn subject(cx: &Ctx, a: usize, i: usize) -> Option<(usize, usize)> {
    let mut s = a;
    if cx.toks.get(a).is_some_and(|t| matches!(t.class, Class::Prep | Class::Conj)) {
        // "In response to X, officials ...": the subject follows the opening adverbial.
        s = (a..i).find(|&j| cx.toks[j].is_punct(','))? + 1;
    }
    let e = np_right(cx, s, i)?;
    Some((s, e))
}

/// Start of the subject of the clause whose verb starts at `s`: the clause start, past
/// conjunctions, complementizers and adverbs.
fn clause_subject(cx: &Ctx, a: usize, s: usize) -> usize {
    let mut j = clause_start(cx, a, s);
    while j < s && (matches!(cx.toks[j].class, Class::Conj | Class::Comp) || adverb(cx, j) || !cx.toks[j].is_word()) {
        j += 1;
    }
    j
}

/// Start of the clause holding token `i`: after the last comma, semicolon or subordinating
/// conjunction before it, or the sentence start.
fn clause_start(cx: &Ctx, a: usize, i: usize) -> usize {
    (a..i)
        .rev()
        .find(|&j| {
            let t = &cx.toks[j];
            t.is_punct(',') || t.is_punct(';') || (t.class == Class::Conj && !word_is(cx, j, &["and", "or"]))
        })
        .map_or(a, |j| j + 1)
}

/// `X, a Y from Z, who …, said`: the subject of a cue whose left neighbour is the comma `k`
/// closing one or more comma-separated descriptions, with the descriptions (PolNeAR's sources
/// take them in). The subject is a noun phrase filling its whole segment, at the sentence start or
/// after an opening adverbial ("On Monday,"); the descriptions hold no quotation and no cue
/// outside a relative clause.
fn described_subject(cx: &Ctx, a: usize, k: usize) -> Option<(usize, usize)> {
    let toks = &cx.toks;
    let lo = a.max(k.saturating_sub(45));
    let mut end = k;
    let mut source_end = k;
    for _ in 0..5 {
        let start = (lo..end).rev().find(|&j| toks[j].is_punct(',')).map_or(lo, |j| j + 1);
        if start >= end {
            return None;
        }
        let seg = &toks[start..end];
        if seg.iter().any(|t| t.kind == Kind::Quote || t.is_punct(';') || t.is_punct(':')) {
            return None;
        }
        let relative = seg.iter().position(|t| t.class == Class::Wh).unwrap_or(seg.len());
        let head = end < k
            && np_right(cx, start, end) == Some(end)
            && (toks[start].cap || matches!(toks[start].class, Class::Det | Class::Poss))
            && relative == seg.len()
            && (start == a || opener(cx, a, start - 1));
        if head {
            return Some((start, source_end));
        }
        if seg[..relative].iter().any(|t| t.cue != Cue::None) || start == lo {
            return None;
        }
        let adverbial = matches!(toks[start].class, Class::Prep | Class::Time) || adverb(cx, start);
        if adverbial || seg[relative..].iter().any(|t| t.cue != Cue::None) {
            // "Barkley, who said he votes, said …": a relative clause with a claim of its own
            // stays out of the source (PolNeAR gives each token one role), and so does an
            // adverbial ("The agency, in a statement, said").
            source_end = start - 1;
        }
        end = start - 1;
    }
    None
}

/// Whether the sentence segment ending at the comma `k` is an opening adverbial ("On Monday",
/// "In a statement", "Still"): the sentence's first segment, led by a preposition, a conjunction,
/// a time word or an adverb.
fn opener(cx: &Ctx, a: usize, k: usize) -> bool {
    let toks = &cx.toks;
    let first = (a..k).rev().find(|&j| toks[j].is_punct(',')).map_or(a, |j| j + 1);
    first == a
        && first < k
        && (matches!(toks[first].class, Class::Prep | Class::Conj | Class::Time) || adverb(cx, first) || k - first == 1)
}

/// `X, who …, said`: the antecedent of a relative clause that ends at the comma `k`.
fn relative_left(cx: &Ctx, a: usize, k: usize) -> Option<(usize, usize)> {
    let lo = a.max(k.saturating_sub(30));
    for j in (lo + 1..k).rev() {
        let t = &cx.toks[j];
        if t.kind == Kind::Quote || t.is_punct(';') {
            return None;
        }
        let participle = t.cue == Cue::Ing || (t.is_word() && !t.cap && cx.word(t).ends_with("ing"));
        let frame = LEXICON
            .entry(t.id)
            .phrases
            .iter()
            .any(|p| p.kind == PhraseKind::Frame && matches_rest(cx, j + 1, &p.rest, k));
        let relative = t.class == Class::Wh && word_is(cx, j, &["who", "which"]);
        if (participle || frame || relative) && cx.toks[j - 1].is_punct(',') {
            let s = antecedent(cx, a, j - 1)?;
            return Some((s, j - 1));
        }
    }
    None
}

/// Start of the phrase a comma-led clause hangs on: the run of capitalised words before the
/// comma when there is one ("praise from Mayor Tomas Greer, who"), else the noun phrase.
fn antecedent(cx: &Ctx, a: usize, comma: usize) -> Option<usize> {
    let toks = &cx.toks;
    if comma > a && toks[comma - 1].cap {
        let mut s = comma - 1;
        while s > a && toks[s - 1].is_word() && (toks[s - 1].cap || toks[s - 1].class == Class::Abbr) {
            s -= 1;
        }
        return Some(s);
    }
    np_left(cx, a, comma)
}

/// `Name (R-Ohio)` before token `i`: the index of the opening parenthesis, when a capitalised
/// word precedes it and the parentheses hold at most six tokens.
fn paren_before(cx: &Ctx, a: usize, i: usize) -> Option<usize> {
    let toks = &cx.toks;
    if !(i > a && toks[i - 1].is_punct(')')) {
        return None;
    }
    let open = (i.saturating_sub(8).max(a)..i - 1).rev().find(|&j| toks[j].is_punct('('))?;
    (open > a && toks[open - 1].cap).then_some(open)
}

/// "The judge who ruled on the case said": when the noun phrase at `x` closes a restrictive
/// relative clause (no comma), the start of the phrase the clause belongs to.
fn restrictive_relative(cx: &Ctx, a: usize, x: usize) -> Option<usize> {
    let toks = &cx.toks;
    let lo = a.max(x.saturating_sub(12));
    let w = (lo..x).rev().find(|&j| !toks[j].is_word() || word_is(cx, j, &["who", "that"]))?;
    if !toks[w].is_word() || w == a || !(w + 1..x).any(|j| toks[j].pos == Upos::Verb) {
        return None;
    }
    let s = np_left(cx, a, w)?;
    // The clause is the subject's only when the phrase before it opens the clause.
    (s == a || !toks[s - 1].is_word()).then_some(s)
}

/// Source after the cue (inversion, "according to X"), with an apposition.
fn source_right(cx: &Ctx, r: usize, b: usize) -> Option<(usize, usize)> {
    let mut e = np_right(cx, r, b)?;
    // "Gov. John Kasich (R-Ohio)": a parenthesised party and state belong to the name.
    if let Some(p) = paren_after(cx, e, b) {
        e = p;
    }
    if !cx.toks.get(e).is_some_and(|t| t.is_punct(',')) {
        return Some((r, e));
    }
    // `said X, a lawyer in Orlando who specializes in land use.`, `said X, executive director of
    // Y.`: a description running to the end of the sentence belongs to the source.
    if let Some(end) = description_end(cx, e + 1, b)
        && cx.toks[e + 1].is_word()
        && (nominal_tag(&cx.toks[e + 1]) || appositive(cx, e + 1, end))
    {
        return Some((r, end));
    }
    if let Some(e2) = np_right(cx, e + 1, b)
        && appositive(cx, e + 1, e2)
        && (e2 >= b || !cx.toks[e2].is_word())
    {
        e = e2;
    }
    Some((r, e))
}

/// Whether the tagger reads a word as part of a noun phrase: a determiner, possessive,
/// adjective, number, noun or name.
fn nominal_tag(t: &super::tokens::Token) -> bool {
    t.pos.is_nominal() || t.pos == Upos::Det || t.xpos.as_str() == "PRP$"
}

/// `(R-Ohio)` right after a name ending at `e`: the end past the closing parenthesis.
fn paren_after(cx: &Ctx, e: usize, b: usize) -> Option<usize> {
    let toks = &cx.toks;
    if !(e > 0 && toks[e - 1].cap && toks.get(e).is_some_and(|t| t.is_punct('('))) {
        return None;
    }
    (e + 1..b.min(e + 8)).find(|&j| toks[j].is_punct(')')).map(|j| j + 1)
}

/// End of a description that starts at `e` and runs to the sentence end (less its final
/// punctuation), with no quotation, colon, semicolon or parenthesis and no reporting cue, and
/// at most 30 tokens.
fn description_end(cx: &Ctx, e: usize, b: usize) -> Option<usize> {
    let toks = &cx.toks;
    let mut end = b;
    while end > e && toks[end - 1].kind == Kind::Punct && matches!(toks[end - 1].ch, '.' | '!' | '?') {
        end -= 1;
    }
    if end <= e || end - e > 30 {
        return None;
    }
    let clean = toks[e..end].iter().all(|t| {
        t.kind != Kind::Quote && !t.is_punct(':') && !t.is_punct(';') && !t.is_punct('(') && t.cue == Cue::None
    });
    // "According to X, two boats sank": a finite verb outside a relative clause makes a clause
    // of its own, not a description.
    let relative = toks[e..end].iter().position(|t| t.class == Class::Wh).map_or(end, |k| e + k);
    let finite = toks[e..relative].iter().any(|t| {
        matches!(t.class, Class::Be | Class::Aux | Class::Modal)
            || matches!(t.xpos.as_str(), "VBD" | "VBZ" | "VBP" | "MD")
    });
    (clean && !finite).then_some(end)
}

fn read(cx: &Ctx, sent: usize, a: usize, b: usize, hit: Hit, earlier: &[Cand]) -> Option<Cand> {
    let toks = &cx.toks;
    let mut cand = Cand {
        cue: (hit.start, hit.end),
        stance: hit.stance,
        source: None,
        content: (0, 0),
        direct: false,
        negated: false,
        sentence: sent,
        sent_end: b,
        cites: None,
    };
    match hit.kind {
        Cue::Source => {
            let src = source_right(cx, hit.end, b)?;
            cand.source = Some(src);
            let content = if hit.start > a && !toks[hit.start - 1].is_word() {
                left_content(cx, a, hit.start - 1)
            } else {
                let mut r = src.1;
                if word_is(cx, hit.start, &["in"]) {
                    r = (r..b).find(|&j| toks[j].is_punct(',')).unwrap_or(r);
                }
                while r < b && toks[r].is_punct(',') {
                    r += 1;
                }
                right_content(cx, b, r, Frame::Plain).0
            };
            cand.content = content?;
        }
        Cue::Noun if hit.end - hit.start == 2 => {
            // Only after a verb whose subject holds the position: "he avoided direct criticism
            // of", "the leaders signaled their support for", "she raised questions about"; a bare
            // "support for" names a position without anyone taking it here.
            let mut v = hit.start;
            while v > a && (matches!(toks[v - 1].class, Class::Det | Class::Poss) || toks[v - 1].pos == Upos::Adj) {
                v -= 1;
            }
            let verb = v.checked_sub(1).filter(|&p| {
                p >= a && toks[p].pos == Upos::Verb && toks[p].cue == Cue::None && toks[p].class != Class::Be
            })?;
            let (vs, _, _) = extend_left(cx, a, verb);
            let src = np_left(cx, a, vs).filter(|&s| s < vs)?;
            cand.source = Some((src, vs));
            cand.cue.0 = vs;
            let e = match np_right(cx, hit.end, b) {
                Some(e) => e,
                None => clause_end(cx, hit.end, b),
            };
            if e <= hit.end {
                return None;
            }
            cand.content = (hit.end, e);
        }
        Cue::Noun => {
            let s = np_left(cx, a, hit.start).filter(|&s| !(hit.start - s == 1 && toks[s].class == Class::Det));
            cand.source = s.map(|s| (s, hit.start));
            let e = clause_end(cx, hit.end, b);
            if e <= hit.end {
                return None;
            }
            cand.content = (hit.end, e);
        }
        Cue::Surfaced => {
            let s = surfaced::at(cx, a, b, hit.start)?;
            cand.content = s.content;
            cand.negated = s.negated;
        }
        _ if toks[hit.start].is_punct(':') => {
            cand.source = Some((a, hit.start));
            cand.content = match quotes::opening_at(&cx.quotes, hit.end) {
                Some(q) => (hit.end, q.last + 1),
                None => (hit.end, clause_end(cx, hit.end, b).max(hit.end + 1)),
            };
        }
        _ => return read_verb(cx, a, b, hit, cand, earlier),
    }
    cand.direct = direct(cx, cand.content);
    Some(cand)
}

fn read_verb(cx: &Ctx, a: usize, b: usize, hit: Hit, mut cand: Cand, earlier: &[Cand]) -> Option<Cand> {
    let toks = &cx.toks;
    let (s, negated, passive) = extend_left(cx, a, hit.start);
    let passive = passive && hit.form == Form::Past;
    cand.cue = (s, hit.end);
    cand.negated = negated;
    let before = (s > a).then(|| toks[s - 1]);
    if s == a && word_is(cx, s, &["asked"]) {
        // "Asked whether …, X said": the question has no speaker of its own.
        let e = (hit.end..b).find(|&j| toks[j].is_punct(',')).unwrap_or_else(|| clause_end(cx, hit.end, b));
        cand.content = (hit.end, e.max(hit.end + 1).min(b));
        return Some(cand);
    }
    let passive_raise = passive && (to_follows(cx, hit.end, b, 0) || word_is(cx, hit.end, &["as"]));
    if hit.frame == Frame::Raise || passive_raise {
        // "The plan seems to work", "Smith is expected to win": no source; the content is the
        // subject with the infinitive (PolNeAR splits it around the cue, we keep one span).
        let e = clause_end(cx, hit.end, b);
        let subj = clause_subject(cx, a, s);
        let expletive = subj == s || s - subj == 1 && word_is(cx, subj, &["it"]);
        cand.content = if expletive { (hit.end, e) } else { (subj, e) };
        if cand.content.1 <= cand.content.0 || cand.content.1 <= hit.end {
            return None;
        }
        cand.direct = direct(cx, cand.content);
        return Some(cand);
    }
    if passive {
        // "It was reported by X that Y"; "it is believed that Y"; "Y was confirmed by X".
        let subj = np_left(cx, a, s);
        let expletive = subj.is_some_and(|p| s - p == 1 && cx.word(&toks[p]).eq_ignore_ascii_case("it"));
        if word_is(cx, hit.end, &["by"]) {
            let src = np_right(cx, hit.end + 1, b)?;
            cand.source = Some((hit.end + 1, src));
            cand.content =
                if expletive || subj.is_none() { right_content(cx, b, src, Frame::Plain).0? } else { (subj?, s) };
        } else if expletive {
            cand.content = right_content(cx, b, hit.end, Frame::Plain).0?;
        } else {
            return None;
        }
        cand.direct = direct(cx, cand.content);
        return Some(cand);
    }
    // Participles take the source of the clause they hang on: "KCNA said ..., citing Z".
    let participle = hit.form == Form::Ing && before.is_some_and(|p| p.is_punct(',') || p.is_punct('—'));
    let mut inverted = false;
    let source = if participle {
        let prior = earlier.iter().rposition(|c| c.source.is_some() && c.cue.0 < s);
        if word_is(cx, hit.start, &["citing", "quoting"]) {
            cand.cites = prior;
        }
        prior.and_then(|k| earlier[k].source).or_else(|| subject(cx, a, s - 1))
    } else {
        match before {
            // "Gerasimov, who hailed ...": the relative pronoun is the source, as PolNeAR marks
            // it; the speaker stage links it to the antecedent.
            Some(p) if p.is_word() && p.class == Class::Wh => Some((s - 1, s)),
            Some(p) if p.is_word() && p.class == Class::Conj && word_is(cx, s - 1, &["and", "but", "or", "nor"]) => {
                // "X thanked Miami and said …", "X denied it or refused to comment": the subject
                // of the first verb.
                let prior = earlier.iter().rev().find(|c| c.source.is_some() && c.cue.0 < s);
                prior.and_then(|c| c.source).or_else(|| subject(cx, clause_start(cx, a, s - 1), s - 1))
            }
            // "Gov. John Kasich (R-Ohio) said": the name before the parenthesis.
            Some(p) if p.is_punct(')') => paren_before(cx, a, s).and_then(|o| np_left(cx, a, o)).map(|x| (x, s)),
            Some(p) if p.is_word() => np_left(cx, a, s)
                .map(|x| (restrictive_relative(cx, a, x).unwrap_or(x), s))
                .or_else(|| (p.class == Class::To).then(|| subject(cx, a, s)).flatten()),
            Some(p) if p.is_punct(',') => {
                let right = source_right(cx, hit.end, b).filter(|r| r.1 >= b || !toks[r.1].is_word());
                let described = described_subject(cx, a, s - 1);
                if described.is_some() {
                    described
                } else if right.is_some() && left_content(cx, a, s - 1).is_some() {
                    // `…, said X.`: inversion, the source ends its clause.
                    inverted = true;
                    right
                } else {
                    relative_left(cx, a, s - 1).or_else(|| apposition_left(cx, a, s - 1)).or_else(|| {
                        inverted = true;
                        source_right(cx, hit.end, b)
                    })
                }
            }
            _ => {
                inverted = true;
                source_right(cx, hit.end, b)
            }
        }
    };
    cand.source = source;
    if inverted {
        // `"…," said X` / `…, said X`: the content precedes the cue.
        let k = s.checked_sub(1)?;
        cand.content = left_content(cx, a, k)?;
        let src = cand.source?;
        // The cue may go on after the source: `"…," said X, "…"`.
        if let (Some(right), _) = right_content(cx, b, src.1, Frame::Plain)
            && toks[right.0].kind == Kind::Quote
        {
            cand.content.1 = right.1;
        }
    } else {
        let (right, cue_end) = right_content(cx, b, hit.end, hit.frame);
        cand.cue.1 = cue_end;
        let src_start = cand.source.map_or(s, |x| x.0);
        let sep = src_start.checked_sub(1).filter(|&k| k >= a && !toks[k].is_word());
        let left = sep.and_then(|k| left_content(cx, a, k));
        cand.content = match (right, left) {
            // `"…," X said, "…"`: both halves of the quotation.
            (Some(r), Some(l)) if toks[r.0].kind == Kind::Quote && toks[l.1 - 1].kind == Kind::Quote => (l.0, r.1),
            // `"…," he said on Monday in Ohio.`: a trailing adverbial is not the content.
            (Some(r), Some(l)) if toks[r.0].class == Class::Prep || toks[r.0].is_punct(',') => l,
            (Some(r), _) => r,
            (None, Some(l)) => l,
            (None, None) => next_quote(cx, b)?,
        };
        // "neither confirmed nor denied it", "did not confirm or deny the report": the content
        // is the second verb's; a second verb that is no cue of its own joins this cue.
        let c0 = cand.content.0;
        if word_is(cx, c0, &["or", "nor"])
            && toks.get(c0 + 1).is_some_and(|t| t.is_word() && !LEXICON.entry(t.id).verbs.is_empty())
            && let (Some(r), _) = right_content(cx, b, c0 + 2, Frame::Plain)
        {
            if toks[c0 + 1].cue == Cue::None {
                cand.cue.1 = c0 + 2;
            }
            cand.content = r;
        }
        if hit.frame == Frame::To && hit.stance == Stance::Deny && cand.content.0 == cue_end {
            refused_verbs(cx, &mut cand);
        }
    }
    if !cx.toks[cand.content.0..cand.content.1].iter().any(|t| t.is_word()) {
        return None;
    }
    // "KCNA said …, citing directives from Kim": the cited source speaks the claim it hangs on,
    // through it (the parent keeps the chain); "citing her emails" names evidence, not a source.
    if let Some(k) = cand.cites
        && cited_source(cx, cand.content)
    {
        cand.source = Some(cand.content);
        cand.content = earlier[k].content;
    }
    cand.direct = direct(cx, cand.content);
    let quote_side = toks[cand.content.0].kind == Kind::Quote || toks[cand.content.1 - 1].kind == Kind::Quote;
    if hit.frame == Frame::Quote && !quote_side {
        return None;
    }
    Some(cand)
}

/// "declined to confirm or deny the account", "refused to comment on them": the verbs of telling
/// refused join the cue, and what they would have been about — often an anaphor the ledger
/// resolves — is the content. "declined to comment" alone keeps its infinitive as the content,
/// and so does any other verb ("refused to endorse Smith" is a refusal to act, not to tell).
fn refused_verbs(cx: &Ctx, cand: &mut Cand) {
    let toks = &cx.toks;
    let (c0, c1) = cand.content;
    let telling = ["comment", "confirm", "deny", "acknowledge", "say", "elaborate", "speculate"];
    let reporting = |j: usize| j < c1 && word_is(cx, j, &telling);
    if toks[c0].class != Class::To || !reporting(c0 + 1) {
        return;
    }
    let mut j = c0 + 2;
    while word_is(cx, j, &["or", "and", "nor"]) && reporting(j + 1) {
        j += 2;
    }
    if j < c1 && word_is(cx, j, &["on", "about"]) {
        j += 1;
    }
    if j < c1 && toks[j..c1].iter().any(|t| t.is_word()) {
        cand.cue.1 = j;
        cand.content.0 = j;
    }
}

/// Whether the object of "citing"/"quoting" names a source: a name, or a head noun for people
/// or documents that speak ("directives from Kim", "unnamed officials", "a Pentagon report").
fn cited_source(cx: &Ctx, (a, b): (usize, usize)) -> bool {
    let Some(e) = np_right(cx, a, b) else { return false };
    let heads = [
        "directive",
        "directives",
        "source",
        "sources",
        "official",
        "officials",
        "report",
        "reports",
        "statement",
        "statements",
        "document",
        "documents",
        "data",
        "study",
        "studies",
        "survey",
        "surveys",
        "poll",
        "polls",
        "intelligence",
        "analysts",
        "experts",
        "witnesses",
        "records",
        "figures",
        "estimates",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "minister",
        "ministry",
        "agency",
        "media",
        "memo",
        "letter",
        "testimony",
    ];
    e == b && ((a + 1..e).any(|j| cx.toks[j].cap) || (a..e).any(|j| word_is(cx, j, &heads)))
}

/// A quotation opening right after the sentence (`X reports:` then a quoted paragraph).
fn next_quote(cx: &Ctx, b: usize) -> Option<(usize, usize)> {
    if !cx.toks.get(b.checked_sub(1)?).is_some_and(|t| t.is_punct(':')) {
        return None;
    }
    let q = quotes::opening_at(&cx.quotes, b)?;
    Some((q.open, q.last + 1))
}
