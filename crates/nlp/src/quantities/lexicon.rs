//! The quantity finder's word lists, compiled in from `crates/nlp/data/quantities/` and parsed once.
//!
//! Why data files: which words count things, which hedge a number and which make a number a date or
//! a name are judgement calls reviewers should see and extend without reading code. Each file opens
//! with a comment that says its columns.
//!
//! Example: `LEXICON.unit("troops")` gives `Unit { lemma: "troop", class: UnitClass::Noun }`;
//! `LEXICON.number("thousands")` gives `(1000.0, NumberKind::Plural)`.
//!
//! Known limits: entries are ASCII and matched case-insensitively through a lower-cased stack copy
//! of the word ([`lower`]), so words longer than 32 bytes or with non-ASCII letters never match.

use model::Bound;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// How a number word combines with its neighbours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NumberKind {
    /// 0–19.
    Small,
    /// 20, 30, … 90.
    Tens,
    /// hundred, thousand, million …
    Scale,
    /// A short scale after digits ("bn", "k").
    Abbr,
    /// A short scale only after a currency sign ("m", "b").
    Money,
    /// dozen.
    Dozen,
    /// A vague plural ("thousands").
    Plural,
}

/// What a counted-noun entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnitClass {
    /// A counted noun.
    Noun,
    /// A participle used as a noun ("killed").
    State,
    /// A unit of measure ("km").
    Measure,
    /// A unit of time: numbers counting it belong to the times analyzer.
    Time,
}

/// A counted-noun entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Unit {
    pub lemma: &'static str,
    pub class: UnitClass,
}

/// Where a hedge stands relative to the number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Place {
    Before,
    After,
    Between,
}

/// A hedge phrase, split into lower-case words.
#[derive(Clone, Debug)]
pub(crate) struct Hedge {
    pub words: Vec<&'static str>,
    pub bound: Bound,
    pub place: Place,
}

/// Where a currency surface stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CurrencyPlace {
    Sign,
    Prefix,
    Code,
    Word,
}

/// All word lists.
pub(crate) struct Lexicon {
    numbers: HashMap<&'static str, (f64, NumberKind)>,
    units: HashMap<&'static str, Unit>,
    /// Hedges, longest first so the longest phrase wins.
    pub hedges: Vec<Hedge>,
    currencies: HashMap<(&'static str, u8), &'static str>,
    stop: HashSet<&'static str>,
    months: HashSet<&'static str>,
    ids: HashSet<&'static str>,
    few: HashSet<&'static str>,
}

pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon {
    numbers: parse_numbers(include_str!("../../data/quantities/numbers.tsv")),
    units: parse_units(include_str!("../../data/quantities/units.tsv")),
    hedges: parse_hedges(include_str!("../../data/quantities/hedges.tsv")),
    currencies: parse_currencies(include_str!("../../data/quantities/currencies.tsv")),
    stop: section(include_str!("../../data/quantities/context.txt"), "[stop]"),
    months: section(include_str!("../../data/quantities/context.txt"), "[month]"),
    ids: section(include_str!("../../data/quantities/context.txt"), "[id]"),
    few: section(include_str!("../../data/quantities/context.txt"), "[few]"),
});

impl Lexicon {
    /// A number word's value and kind.
    pub fn number(&self, word: &str) -> Option<(f64, NumberKind)> {
        self.numbers.get(lower(word, &mut [0; 32])?).copied()
    }

    /// A counted-noun entry.
    pub fn unit(&self, word: &str) -> Option<Unit> {
        self.units.get(lower(word, &mut [0; 32])?).copied()
    }

    /// The ISO code (or "cent"/"penny") of a currency surface at `place`. Signs, prefixes and
    /// codes are case-sensitive; words are matched lower-cased.
    pub fn currency(&self, word: &str, place: CurrencyPlace) -> Option<&'static str> {
        let mut buf = [0; 32];
        let key = if place == CurrencyPlace::Word { lower(word, &mut buf)? } else { word };
        self.currencies.get(&(key, place as u8)).copied()
    }

    /// Whether `word` ends the search for a counted noun.
    pub fn is_stop(&self, word: &str) -> bool {
        lower(word, &mut [0; 32]).is_some_and(|w| self.stop.contains(w))
    }

    /// Whether `word` is a capitalised month name or abbreviation.
    pub fn is_month(&self, word: &str) -> bool {
        word.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
            && lower(word, &mut [0; 32]).is_some_and(|w| self.months.contains(w))
    }

    /// Whether `word` before a number makes it a name or index ("Flight 447").
    pub fn is_id(&self, word: &str) -> bool {
        lower(word, &mut [0; 32]).is_some_and(|w| self.ids.contains(w))
    }

    /// Whether `word` is a vague multiplier before a scale ("several").
    pub fn is_few(&self, word: &str) -> bool {
        lower(word, &mut [0; 32]).is_some_and(|w| self.few.contains(w))
    }
}

/// `word` lower-cased into `buf`, or `None` if it is too long or not ASCII (no entry can match).
pub(crate) fn lower<'a>(word: &str, buf: &'a mut [u8; 32]) -> Option<&'a str> {
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    let out = &mut buf[..bytes.len()];
    for (o, b) in out.iter_mut().zip(bytes) {
        *o = b.to_ascii_lowercase();
    }
    std::str::from_utf8(out).ok()
}

fn parse_numbers(data: &'static str) -> HashMap<&'static str, (f64, NumberKind)> {
    rows(data)
        .filter_map(|cols| {
            let kind = match *cols.get(2)? {
                "small" => NumberKind::Small,
                "tens" => NumberKind::Tens,
                "scale" => NumberKind::Scale,
                "abbr" => NumberKind::Abbr,
                "money" => NumberKind::Money,
                "dozen" => NumberKind::Dozen,
                "plural" => NumberKind::Plural,
                other => panic!("numbers.tsv: unknown kind {other:?}"),
            };
            Some((cols[0], (cols[1].parse().expect("numbers.tsv: a number in column 2"), kind)))
        })
        .collect()
}

fn parse_units(data: &'static str) -> HashMap<&'static str, Unit> {
    rows(data)
        .filter_map(|cols| {
            let class = match *cols.get(2)? {
                "noun" => UnitClass::Noun,
                "state" => UnitClass::State,
                "measure" => UnitClass::Measure,
                "time" => UnitClass::Time,
                other => panic!("units.tsv: unknown class {other:?}"),
            };
            Some((cols[0], Unit { lemma: cols[1], class }))
        })
        .collect()
}

fn parse_hedges(data: &'static str) -> Vec<Hedge> {
    let mut hedges: Vec<Hedge> = rows(data)
        .filter_map(|cols| {
            let bound = match *cols.get(1)? {
                "exact" => Bound::Exact,
                "approximate" => Bound::Approximate,
                "at_least" => Bound::AtLeast,
                "at_most" => Bound::AtMost,
                other => panic!("hedges.tsv: unknown bound {other:?}"),
            };
            let place = match *cols.get(2)? {
                "before" => Place::Before,
                "after" => Place::After,
                "between" => Place::Between,
                other => panic!("hedges.tsv: unknown place {other:?}"),
            };
            Some(Hedge { words: cols[0].split(' ').collect(), bound, place })
        })
        .collect();
    hedges.sort_by_key(|h| std::cmp::Reverse(h.words.len()));
    hedges
}

fn parse_currencies(data: &'static str) -> HashMap<(&'static str, u8), &'static str> {
    rows(data)
        .filter_map(|cols| {
            let place = match *cols.get(2)? {
                "sign" => CurrencyPlace::Sign,
                "prefix" => CurrencyPlace::Prefix,
                "code" => CurrencyPlace::Code,
                "word" => CurrencyPlace::Word,
                other => panic!("currencies.tsv: unknown place {other:?}"),
            };
            Some(((cols[0], place as u8), cols[1]))
        })
        .collect()
}

/// The words of one `[section]` of a context file.
fn section(data: &'static str, name: &str) -> HashSet<&'static str> {
    let mut inside = false;
    let mut words = HashSet::new();
    for line in data.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        if line.starts_with('[') {
            inside = line == name;
        } else if inside {
            words.insert(line);
        }
    }
    words
}

/// TAB-separated columns of the non-empty, non-comment lines.
fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).map(|l| l.split('\t').collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_parse_and_answer() {
        assert_eq!(LEXICON.unit("Troops"), Some(Unit { lemma: "troop", class: UnitClass::Noun }));
        assert_eq!(LEXICON.number("thousands"), Some((1000.0, NumberKind::Plural)));
        assert_eq!(LEXICON.currency("$", CurrencyPlace::Sign), Some("USD"));
        assert_eq!(LEXICON.currency("Dollars", CurrencyPlace::Word), Some("USD"));
        assert!(LEXICON.is_month("April") && !LEXICON.is_month("may"));
        assert!(LEXICON.hedges.iter().all(|h| h.words.iter().all(|w| !w.is_empty())));
    }
}
