//! Time expressions: finds TIMEX3 spans (DATE, TIME, DURATION, SET) and normalizes their ISO
//! values against the document's publication time, never against the clock.
//!
//! Why: a claim is dated by what its text says ("initially surfaced in October last year"), and
//! that only means something once resolved against the day the article appeared.
//!
//! How: the text is split once into word, number and punctuation tokens with byte offsets; each
//! token is looked up in a small compiled-in lexicon (`data/times/words.tsv`); a hand-written
//! grammar ([`recognize`]) tries its rules only at tokens the lexicon knows (or numbers) and keeps
//! the longest match; [`resolve`] turns each match into a TIMEX3 type and value. Spans follow the
//! TimeML conventions as TempEval-3 annotates them: "last week", "the third quarter", "the past
//! three months" and "nearly forty years" are one expression each; "on" and "in" are left out.
//!
//! Example: in an article published 2025-04-28, "in October last year" yields `October last year`
//! (DATE `2024-10`), "three weeks ago" yields DATE `2025-04-07`, "the past three months" yields
//! DURATION `P3M`, "recently" yields DATE `PAST_REF` (vague) and "every week" yields SET `P1W`.
//!
//! Known limits: anaphoric expressions ("that day", "the following year") resolve against the
//! publication date, not against the time the text last talked about; a bare weekday or month
//! picks its direction from a crude tense cue in the sentence ("will", "next", past-tense
//! verbs); ambiguous numeric dates such as `04/05/2025` keep only the year; the `mod` of TIMEX3
//! ("early", "about") widens the span but is not recorded.

mod lexicon;
mod recognize;
mod resolve;

use chrono::{DateTime, FixedOffset};
use lexicon::Unit;
use model::{TimeExpr, TimeType};
use recognize::{Meaning, YearRef};
use text::TextRange;

/// Time expressions in `text`, in text order and non-overlapping, normalized against
/// `published` (never the clock). Without `published`, relative expressions keep their span and
/// get `value: None`.
pub fn find(text: &str, published: Option<DateTime<FixedOffset>>) -> Vec<TimeExpr> {
    let toks = tokenize(text);
    let anchor = published.map(|p| p.naive_local());
    let mut out = Vec::new();
    // Financial news compares a quarter with the same quarter a year before: after "the third
    // quarter", "a year earlier" means that quarter of the previous year.
    let mut last_quarter: Option<(i32, u8)> = None;
    for found in recognize::scan(text, &toks) {
        let start = toks[found.first].start as usize;
        let end = toks[found.last].end as usize;
        let future = recognize::future_cue(text, &toks, found.first, found.last);
        let mut resolved = resolve::resolve(&found.meaning, anchor, future);
        match found.meaning {
            Meaning::Quarter { q: 1.., .. } | Meaning::Quarter { y: YearRef::Infer, .. } => {
                last_quarter = resolved.value.as_deref().and_then(parse_quarter).or(last_quarter);
            }
            Meaning::Ago { unit: Unit::Year, n: Some(1), sign: -1 }
            | Meaning::Quarter { q: 0, y: YearRef::Rel(-1) } => {
                if let Some((y, q)) = last_quarter {
                    resolved.value = Some(format!("{:04}-Q{q}", y - 1));
                }
            }
            _ => {}
        }
        out.push(TimeExpr {
            range: TextRange::new(start, end),
            kind: resolved.kind,
            value: resolved.value,
            vague: resolved.vague,
        });
    }
    out
}

/// `2025-Q3` as (2025, 3).
fn parse_quarter(v: &str) -> Option<(i32, u8)> {
    let (y, q) = v.split_once("-Q")?;
    Some((y.parse().ok()?, q.parse().ok()?))
}

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A run of letters.
    Word,
    /// A run of ASCII digits.
    Num,
    /// One other non-space character.
    Punct,
}

/// A token: a byte range into the text, what it is made of, and whether space precedes it.
#[derive(Clone, Copy, Debug)]
struct Tok {
    start: u32,
    end: u32,
    kind: Kind,
    /// Whitespace (or the start of text) right before it.
    space: bool,
    /// A paragraph break (two line breaks) in the whitespace before it.
    newline: bool,
}

/// Splits `text` into letter runs, digit runs and single other characters, skipping spaces.
fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(text.len() / 5);
    let mut space = true;
    let mut breaks = 0u8;
    let mut iter = text.char_indices().peekable();
    while let Some((start, c)) = iter.next() {
        if c.is_whitespace() {
            space = true;
            breaks = breaks.saturating_add(u8::from(c == '\n'));
            continue;
        }
        let kind = if c.is_ascii_digit() {
            Kind::Num
        } else if c.is_alphabetic() {
            Kind::Word
        } else {
            Kind::Punct
        };
        let mut end = start + c.len_utf8();
        if kind != Kind::Punct {
            while let Some(&(i, d)) = iter.peek() {
                let same = if kind == Kind::Num { d.is_ascii_digit() } else { d.is_alphabetic() };
                if !same {
                    break;
                }
                end = i + d.len_utf8();
                iter.next();
            }
        }
        toks.push(Tok { start: start as u32, end: end as u32, kind, space, newline: breaks >= 2 });
        space = false;
        breaks = 0;
    }
    toks
}

/// The TIMEX3 type, value and vagueness of one expression.
#[derive(Debug)]
struct Resolved {
    kind: TimeType,
    value: Option<String>,
    vague: bool,
}
