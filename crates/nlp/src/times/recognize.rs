//! The grammar of time expressions: from a token, the longest expression that starts there and
//! what it means, still unresolved (no publication date is needed here).
//!
//! Why: recognition and normalization are separate so a span is found the same way with or
//! without a publication date, and the meaning can be tested on its own.
//!
//! How: [`scan`] walks the tokens left to right and, at each token the lexicon knows (or a
//! number), asks [`Parser::expr`] for the longest match; a match consumes its tokens, so results
//! never overlap. `expr` first tries modifiers that TimeML puts inside the span ("nearly",
//! "more than", "early", "the end of"), then every core rule, keeping the longest.
//!
//! Example: at "the" in "over the past three months", `expr` matches "the past three months" as
//! `Meaning::Duration { n: Some(3), unit: Month }`.
//!
//! Known limits: no part-of-speech tags, so "May" and "March" need a date-like neighbour and
//! bare plural units ("for years") need a preposition before them; number words stop at the
//! hundreds.

use super::lexicon::{Entry, Unit, lookup};
use super::{Kind, Tok};

mod rules;

/// Which year a partial date belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum YearRef {
    /// Written out: "2025".
    Abs(i32),
    /// Relative to the publication year: "last year" is -1.
    Rel(i32),
    /// The occurrence before (-1), after (+1) or in (0) the publication year: "last April".
    Occurrence(i32),
    /// Not said: the closest one, in the direction the sentence's tense suggests.
    Infer,
}

/// A time of day attached to a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tod {
    /// Hours and minutes, 24-hour clock.
    Clock(u8, u8),
    /// `MO`, `AF`, `EV` or `NI`.
    Part(&'static str),
}

/// What an expression means, before it is resolved against the publication date.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Meaning {
    /// A calendar date or month or year; `m`/`d` are 0 when not given.
    Date { y: YearRef, m: u8, d: u8, tod: Option<Tod> },
    /// "the 1990s" as the three leading digits (199).
    Decade(i32),
    /// "the 1900s" as the two leading digits (19).
    Century(i32),
    /// A weekday; `rel` is 0 when bare, -1 "last", 1 "next", 2 "this".
    Weekday { wd: u8, rel: i32, tod: Option<Tod> },
    /// Days from the publication date: "yesterday" is -1.
    DayRel { days: i32, tod: Option<Tod> },
    /// "this week" (0), "last month" (-1), "next year" (1).
    UnitRel { unit: Unit, n: i32 },
    /// "this weekend" (0), "last weekend" (-1); `None` for a bare "the weekend".
    Weekend(Option<i32>),
    /// "last summer", "summer 2024".
    Season { s: &'static str, y: YearRef },
    /// "the third quarter" (q = 3); q = 0 is the latest reported quarter ("the quarter").
    Quarter { q: u8, y: YearRef },
    /// "the first half" (h = 1).
    Half { h: u8, y: YearRef },
    /// "three weeks ago" (sign -1), "two years from now" (sign 1); `n` is `None` when vague.
    Ago { unit: Unit, n: Option<u32>, sign: i32 },
    /// A vague reference: `PRESENT_REF`, `PAST_REF` or `FUTURE_REF`.
    Ref(&'static str),
    /// A length of time; `n` is `None` when vague ("several years").
    Duration { n: Option<u32>, unit: Unit },
    /// A recurrence, with its TIMEX3 value already known.
    Set(String),
}

/// One recognized expression: the first and last token it covers, and its meaning.
#[derive(Debug)]
pub(super) struct Found {
    pub first: usize,
    pub last: usize,
    pub meaning: Meaning,
}

/// All expressions in `toks`, in order and non-overlapping.
pub(super) fn scan(text: &str, toks: &[Tok]) -> Vec<Found> {
    let lex: Vec<Option<&'static Entry>> =
        toks.iter().map(|t| if t.kind == Kind::Word { lookup(slice(text, t)) } else { None }).collect();
    let parser = Parser { text, toks, lex: &lex };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let trigger = lex[i].is_some() || toks[i].kind == Kind::Num || toks[i].kind == Kind::Punct;
        if trigger && let Some((end, meaning)) = parser.expr(i) {
            out.push(Found { first: i, last: end - 1, meaning });
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// Whether the sentence around tokens `first..=last` points to the future (`Some(true)`), the
/// past (`Some(false)`), or says nothing. The nearest cue wins: "will", "'ll", "next", "expected"
/// point forward; "said", "was", and other past-tense forms point back.
pub(super) fn future_cue(text: &str, toks: &[Tok], first: usize, last: usize) -> Option<bool> {
    let cue = |i: usize| -> Option<bool> {
        let w = slice(text, &toks[i]);
        if toks[i].kind != Kind::Word || w.len() < 2 || w.len() > 12 {
            return None;
        }
        let mut buf = [0u8; 12];
        for (b, c) in buf.iter_mut().zip(w.bytes()) {
            *b = c.to_ascii_lowercase();
        }
        let w = std::str::from_utf8(&buf[..w.len()]).ok()?;
        match w {
            "will" | "ll" | "shall" | "wo" | "going" | "expected" | "expects" | "scheduled" | "planned" | "plans"
            | "plan" | "due" | "would" | "until" | "upcoming" | "hopes" | "aims" | "intends" => Some(true),
            "said" | "was" | "were" | "had" | "did" | "ago" | "earlier" | "last" | "told" | "says" => Some(false),
            _ if w.len() > 4 && w.ends_with("ed") => Some(false),
            _ => None,
        }
    };
    let ends_sentence = |i: usize| {
        let t = &toks[i];
        t.newline || (t.kind == Kind::Punct && matches!(slice(text, t), "." | "!" | "?" | ";"))
    };
    // The clause before the expression usually holds its verb; look there first.
    let mut back = first;
    for _ in 0..30 {
        if back == 0 || toks[back].newline {
            break;
        }
        back -= 1;
        if ends_sentence(back) {
            break;
        }
        if let Some(c) = cue(back) {
            return Some(c);
        }
    }
    for fwd in (last + 1..toks.len()).take(15) {
        if ends_sentence(fwd) {
            break;
        }
        if let Some(c) = cue(fwd) {
            return Some(c);
        }
    }
    None
}

fn slice<'t>(text: &'t str, tok: &Tok) -> &'t str {
    text.get(tok.start as usize..tok.end as usize).unwrap_or("")
}

/// Token access for the rules in [`rules`].
struct Parser<'a> {
    text: &'a str,
    toks: &'a [Tok],
    lex: &'a [Option<&'static Entry>],
}

impl Parser<'_> {
    /// The text of token `i`, or "" past the end.
    fn w(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| slice(self.text, t))
    }

    /// Whether token `i` is `word`, case-insensitively.
    fn is(&self, i: usize, word: &str) -> bool {
        self.w(i).eq_ignore_ascii_case(word)
    }

    /// Whether token `i` is one of `words`.
    fn any(&self, i: usize, words: &[&str]) -> bool {
        words.iter().any(|w| self.is(i, w))
    }

    fn entry(&self, i: usize) -> Option<&'static Entry> {
        self.lex.get(i).copied().flatten()
    }

    /// Whether token `i` exists and touches the token before it (no space between).
    fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space)
    }

    fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// The value of a digit token of at most `max_len` digits.
    fn digits(&self, i: usize, max_len: usize) -> Option<u32> {
        if self.kind(i) != Some(Kind::Num) || self.w(i).len() > max_len {
            return None;
        }
        self.w(i).parse().ok()
    }

    /// Whether token `i` starts with an upper-case letter.
    fn capital(&self, i: usize) -> bool {
        self.w(i).chars().next().is_some_and(char::is_uppercase)
    }
}
