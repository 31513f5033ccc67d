//! Attributed claims: who said what, how, and how sure.
//!
//! What: every reported statement, belief, estimate, confirmation or denial in a document,
//! headline and summary lines included, as a [`model::Claim`]: the speaker span (linked to an
//! entity, pronouns and descriptions resolved to the most recent compatible one), the cue and
//! its stance from the cue lexicon, the content (that-clause, quotation across sentences and
//! paragraphs, "according to" clause, nominal content), whether it is quoted, its hedges, whether
//! the cue is negated, and the claim it is nested in.
//!
//! How, in steps, one file each: `tokens` (words with byte offsets, looked up once in `lexicon`,
//! carrying the part-of-speech tags [`find_tagged`] is given, computed once for the analysis),
//! `quotes` (quotation spans across paragraphs), `patterns` (cues of each sentence and, for each,
//! the source and content its neighbours give; `surfaced`, reports without a speaker), `nesting` (claims inside claims, coordinated
//! claims cut apart), `hedges` (markers in cue and content), `speaker` (noun phrases and entity
//! resolution). The lexicons are data under `data/claims/`.
//!
//! Example: `Western intelligence had previously indicated that North Korea could have sent
//! troops.` gives speaker `Western intelligence`, cue `had previously indicated` (estimate),
//! content `North Korea could have sent troops` (the complementizer left out), hedge `could have`.
//!
//! Known limits: rules over word classes, tags and punctuation, no parser: long sentences with several
//! clauses can get a content that runs too far or a source cut short; cues inside quotations are
//! skipped; see each step's own limits.

mod hedges;
mod lexicon;
mod nesting;
mod patterns;
mod quotes;
mod speaker;
mod surfaced;
mod tokens;

use crate::tagger::{Tag, Upos};
use lexicon::Class;
use model::{Claim, Entity, Speaker, Stance};
use text::TextRange;
use tokens::Token;

/// Claims in `text`; `body_start` separates headline from body, `sentences` and `entities` come
/// from the earlier stages. Claims are in text order of their cues; every range lies on
/// character boundaries of `text`.
///
/// ```
/// let text = "Officials said the troops had left.";
/// let sentences = nlp::segment::sentences(text);
/// let claims = nlp::claims::find(text, 0, &sentences, &[]);
/// let c = &claims[0];
/// assert_eq!(c.speaker.as_ref().unwrap().range.slice(text), Some("Officials"));
/// assert_eq!(c.cue.slice(text), Some("said"));
/// assert_eq!(c.content.slice(text), Some("the troops had left"));
/// ```
pub fn find(text: &str, body_start: usize, sentences: &[TextRange], entities: &[Entity]) -> Vec<Claim> {
    let words = crate::tokens::tokenize(text);
    let tags = crate::tagger::tag_sentences(text, &words, sentences);
    find_tagged(text, body_start, sentences, entities, &words, &tags)
}

/// [`find`] over the shared tokens and tags of the analysis: `words` from
/// [`crate::tokens::tokenize`] of `text`, `tags` from [`crate::tagger::tag_sentences`] over them,
/// one per word.
pub fn find_tagged(
    text: &str,
    body_start: usize,
    sentences: &[TextRange],
    entities: &[Entity],
    words: &[crate::tokens::Token],
    tags: &[Tag],
) -> Vec<Claim> {
    let mut toks = tokens::tokenize(text);
    if toks.is_empty() {
        return Vec::new();
    }
    tokens::attach_tags(&mut toks, words, tags);
    let quotes = quotes::find(&toks);
    let mut cx = Ctx { text, toks, quotes };
    let mut cands = Vec::new();
    let mut t = 0;
    for (si, s) in sentences.iter().enumerate() {
        while t < cx.toks.len() && cx.toks[t].start < s.start {
            t += 1;
        }
        let a = t;
        while t < cx.toks.len() && cx.toks[t].end <= s.end {
            t += 1;
        }
        if a < t {
            let first = cands.len();
            let headline = s.start() < body_start || title_case(&cx, a, t);
            patterns::sentence(&mut cx, si, a, t, headline, &mut cands);
            for c in &mut cands[first..] {
                c.cites = c.cites.map(|k| first + k);
            }
        }
    }
    continue_quotes(&cx, &mut cands);
    let parents = nesting::nest(&cx, &mut cands);
    for c in &mut cands {
        if c.source.is_some_and(|s| bare_quantifier(&cx, s)) {
            c.source = None;
        }
    }
    let speakers: Vec<_> = cands.iter().map(|c| c.source).collect();
    let ids = speaker::resolve(&cx, &speakers, entities);
    cands
        .iter()
        .zip(parents)
        .zip(ids)
        .map(|((c, parent), entity)| Claim {
            speaker: c.source.map(|s| Speaker { range: cx.range(s.0, s.1), entity }),
            cue: cx.range(c.cue.0, c.cue.1),
            stance: c.stance,
            content: cx.range(past_complementizer(&cx, c.content), c.content.1),
            direct: c.direct,
            hedges: hedges::find(&cx, c.cue.0.min(c.content.0), c.content.1.max(c.cue.1)),
            negated: c.negated,
            sentence: c.sentence,
            parent,
        })
        .collect()
}

/// `"A," she said. "B. C."`: a quoted claim takes in the quotations that follow it in the same
/// paragraph, up to the next cue.
fn continue_quotes(cx: &Ctx, cands: &mut [Cand]) {
    let next_cues: Vec<usize> = cands.iter().map(|c| c.cue.0).collect();
    for (k, c) in cands.iter_mut().enumerate() {
        // `said the "train may have left. I don't …"`: a quotation opened in the content runs
        // to its end.
        let q = cx.quotes.partition_point(|q| q.last < c.content.1);
        if let Some(q) = cx.quotes.get(q).filter(|q| q.open >= c.content.0 && q.open < c.content.1) {
            c.content.1 = q.last + 1;
            c.direct = true;
        }
        if !c.direct {
            continue;
        }
        let limit = next_cues.get(k + 1).copied().unwrap_or(usize::MAX);
        // The next quotation may come after the rest of the sentence: `"…," X said of Y. "…"`.
        let mut e = c.content.1.max(c.cue.1).max(c.source.map_or(0, |s| s.1)).max(c.sent_end);
        loop {
            while e < cx.toks.len()
                && cx.toks[e].kind == tokens::Kind::Punct
                && matches!(cx.toks[e].ch, '.' | ',' | '!' | '?')
            {
                e += 1;
            }
            let Some(q) = cx.toks.get(e).filter(|t| !t.line_start).and_then(|_| quotes::opening_at(&cx.quotes, e))
            else {
                break;
            };
            // A quotation followed by its own cue belongs to that cue.
            if q.last + 3 >= limit {
                break;
            }
            c.content.1 = c.content.1.max(q.last + 1);
            e = q.last + 1;
        }
    }
}

/// "Some denied it, while others refused to comment": a determiner or quantifier standing alone
/// names no one; the claim keeps no speaker rather than a junk word.
fn bare_quantifier(cx: &Ctx, (a, b): (usize, usize)) -> bool {
    const WORDS: [&str; 16] = [
        "either", "neither", "both", "some", "others", "other", "many", "most", "all", "several", "few", "each",
        "none", "another", "any", "one",
    ];
    b == a + 1 && WORDS.iter().any(|w| cx.word(&cx.toks[a]).eq_ignore_ascii_case(w))
}

/// `said that the port was closed`: the content starts after a leading complementizer, unless the
/// "that" is a determiner ("rejected that argument": no verb follows), a pronoun followed by its
/// verb ("said that was wrong") or stands alone.
fn past_complementizer(cx: &Ctx, (a, b): (usize, usize)) -> usize {
    let t = &cx.toks[a];
    let that =
        t.is_word() && t.class == Class::Comp && cx.word(t).eq_ignore_ascii_case("that") && t.xpos.as_str() != "DT";
    let clause = cx.toks.get(a + 1).filter(|_| a + 1 < b).is_some_and(|n| {
        let w = cx.word(n);
        // A finite verb with its ending ("that sounded", "that seems"); the tagger alone also
        // reads "that fish had died" as a relative clause.
        let verb = speaker::finite_verb(n) && (w.ends_with("ed") || w.ends_with('s'));
        n.kind == tokens::Kind::Quote
            || n.is_word() && !matches!(n.class, Class::Be | Class::Aux | Class::Modal | Class::Neg) && !verb
    });
    // "rejected that argument on Monday": without a verb after it, "that" is a determiner the
    // tagger missed.
    let verb = cx.toks[(a + 1).min(b)..b]
        .iter()
        .any(|t| matches!(t.class, Class::Be | Class::Aux | Class::Modal | Class::Neg) || t.pos == Upos::Verb);
    if that && clause && verb { a + 1 } else { a }
}

/// Whether a sentence is written in title case, as headlines are: at least four words of four
/// letters or more, nearly all capitalised.
fn title_case(cx: &Ctx, a: usize, b: usize) -> bool {
    let (mut long, mut caps) = (0, 0);
    for t in &cx.toks[a..b] {
        if t.is_word() && t.end - t.start >= 4 {
            long += 1;
            caps += usize::from(t.cap);
        }
    }
    long >= 4 && caps * 10 >= long * 9
}

/// One document's tokens and quotations, shared by the steps.
pub(super) struct Ctx<'a> {
    text: &'a str,
    toks: Vec<Token>,
    quotes: Vec<quotes::Quote>,
}

impl Ctx<'_> {
    /// The text of a token.
    fn word(&self, t: &Token) -> &str {
        self.text.get(t.start as usize..t.end as usize).unwrap_or_default()
    }

    /// The byte range of tokens `[a, b)`; `b > a`.
    fn range(&self, a: usize, b: usize) -> TextRange {
        TextRange { start: self.toks[a].start, end: self.toks[b - 1].end.max(self.toks[a].start) }
    }
}

/// A claim under construction, in token indices (`[start, end)`).
#[derive(Clone, Debug)]
pub(super) struct Cand {
    cue: (usize, usize),
    stance: Stance,
    source: Option<(usize, usize)>,
    content: (usize, usize),
    direct: bool,
    negated: bool,
    sentence: usize,
    /// The token index just past the cue's sentence.
    sent_end: usize,
    /// The claim a "citing" participle hangs on.
    cites: Option<usize>,
}
