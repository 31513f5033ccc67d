//! The time-word lexicon, compiled in from `data/times/words.tsv`: months, weekdays, number and
//! ordinal words, units, seasons, parts of day, vague references, sets, and the structural words
//! that start or glue an expression ("last", "the", "early").
//!
//! Why: rules stay short when they ask "is this a month?" instead of listing spellings, and the
//! word lists are data reviewed like code.
//!
//! Example: `lookup("Sept")` gives `month = 9`; `lookup("years")` gives `unit = Some(Year)` with
//! `plural = true`.
//!
//! Known limits: ASCII words of at most 15 bytes only (no time word is longer); the table is
//! parsed once per process on first use.

use std::collections::HashMap;
use std::sync::OnceLock;

const WORDS: &str = include_str!("../../data/times/words.tsv");

/// A TIMEX3 granularity used in durations and relative expressions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
    Millennium,
}

/// Everything the lexicon knows about one lower-case word.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Entry {
    /// 1-12, or 0.
    pub month: u8,
    /// 1 (Monday) to 7, or 0.
    pub weekday: u8,
    /// Cardinal value, or 0.
    pub num: u32,
    /// Ordinal value (-1 for "last"), or 0.
    pub ord: i32,
    pub unit: Option<Unit>,
    /// The unit word is plural ("years").
    pub plural: bool,
    /// `SP`, `SU`, `FA` or `WI`.
    pub season: Option<&'static str>,
    /// `MO`, `AF`, `EV` or `NI`.
    pub daypart: Option<&'static str>,
    /// A vague value such as `PAST_REF`.
    pub reference: Option<&'static str>,
    /// A SET value such as `P1D`.
    pub set: Option<&'static str>,
    /// Days from the publication date ("yesterday" is -1).
    pub dayrel: Option<i32>,
}

fn table() -> &'static HashMap<&'static str, Entry> {
    static TABLE: OnceLock<HashMap<&'static str, Entry>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map: HashMap<&'static str, Entry> = HashMap::new();
        for line in WORDS.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(word), Some(role)) = (cols.next(), cols.next()) else { continue };
            let arg = cols.next().unwrap_or("");
            let entry = map.entry(word).or_default();
            let n = arg.parse::<i64>().unwrap_or(0);
            match role {
                "month" => entry.month = n as u8,
                "weekday" => entry.weekday = n as u8,
                "num" => entry.num = n as u32,
                "ord" => entry.ord = n as i32,
                "unit" => {
                    entry.unit = unit_of(arg);
                    entry.plural = word.ends_with('s') || word == "centuries" || word == "millennia";
                }
                "season" => entry.season = Some(arg),
                "daypart" => entry.daypart = Some(arg),
                "ref" => entry.reference = Some(arg),
                "set" => entry.set = Some(arg),
                "dayrel" => entry.dayrel = Some(n as i32),
                _ => {}
            }
        }
        map
    })
}

fn unit_of(code: &str) -> Option<Unit> {
    Some(match code {
        "S" => Unit::Second,
        "MIN" => Unit::Minute,
        "H" => Unit::Hour,
        "D" => Unit::Day,
        "W" => Unit::Week,
        "FN" => Unit::Fortnight,
        "M" => Unit::Month,
        "Q" => Unit::Quarter,
        "Y" => Unit::Year,
        "DE" => Unit::Decade,
        "CE" => Unit::Century,
        "ML" => Unit::Millennium,
        _ => return None,
    })
}

/// The entry of `word`, case-insensitively, without allocating.
pub(super) fn lookup(word: &str) -> Option<&'static Entry> {
    let bytes = word.as_bytes();
    if bytes.is_empty() || bytes.len() > 15 || !word.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 15];
    for (b, c) in buf.iter_mut().zip(bytes) {
        *b = c.to_ascii_lowercase();
    }
    let lower = std::str::from_utf8(&buf[..bytes.len()]).ok()?;
    table().get(lower)
}
