//! How a time range is answered from the stored counts (`document_counts`, `claim_counts`,
//! schema v14): whole UTC months from the month rows, the whole days left at either end from
//! the day rows, and the partial days left at either end by counting the rows themselves.
//!
//! Why: a year of news holds millions of claims but a few thousand (month, source, stance)
//! counts; summing those is what keeps facets fast at a million documents.
//!
//! The counts are kept by the writes themselves: [`Tally`] adds up what a transaction stores or
//! removes per key and writes each key once when the transaction ends.
//!
//! Example: `[2024-10-18T12:00Z, 2024-12-03T00:00Z)` → the partial day 2024-10-18 counted, the
//! days 2024-10-19 to 2024-10-31 summed from day rows, November from its month row, the days
//! 2024-12-01 and 2024-12-02 from day rows.

use crate::{Count, Result};
use chrono::{Datelike, NaiveDate};
use rusqlite::{OptionalExtension, Transaction, params};
use std::collections::HashMap;

/// Seconds per day.
const DAY: i64 = 86_400;

/// Days from 0001-01-01 (chrono's day 1) to 1970-01-01.
const UNIX_EPOCH_DAYS: i64 = 719_163;

/// A time range split by what answers each part. Day numbers count days since 1970-01-01 UTC.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Tiers {
    /// Whole months, `[first, end)` by the day numbers of their first days, either side open;
    /// `None` when the range holds no whole month. Open on both sides, undated rows count too.
    pub months: Option<(Option<i64>, Option<i64>)>,
    /// Runs of whole days, `[first, end)` by day number.
    pub days: Vec<(i64, i64)>,
    /// Partial days, `[since, until)` in Unix seconds.
    pub edges: Vec<(i64, i64)>,
}

impl Tiers {
    /// The parts the stored counts answer, as `(span, first, end)`: the months (span 31, by
    /// the day numbers of their first days, either open), then each run of days (span 1).
    pub(crate) fn stored(&self) -> impl Iterator<Item = (i64, Option<i64>, Option<i64>)> + '_ {
        let months = self.months.map(|(first, end)| (31, first, end));
        months.into_iter().chain(self.days.iter().map(|&(first, end)| (1, Some(first), Some(end))))
    }
}

/// Counts, the largest first (ties by name).
pub(crate) fn by_count(counts: impl IntoIterator<Item = (String, u64)>) -> Vec<Count> {
    let mut counts: Vec<Count> = counts.into_iter().map(|(name, count)| Count { name, count }).collect();
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    counts
}

/// Splits `[since, until)` (Unix seconds, either open).
pub(crate) fn tiers(since: Option<i64>, until: Option<i64>) -> Tiers {
    let mut out = Tiers::default();
    let first_day = since.map(|t| t.div_euclid(DAY) + i64::from(t.rem_euclid(DAY) != 0));
    let end_day = until.map(|t| t.div_euclid(DAY));
    if let (Some(s), Some(u), Some(f), Some(e)) = (since, until, first_day, end_day)
        && f >= e
    {
        if s < u {
            out.edges.push((s, u));
        }
        return out;
    }
    if let (Some(s), Some(f)) = (since, first_day)
        && s < f * DAY
    {
        out.edges.push((s, f * DAY));
    }
    if let (Some(u), Some(e)) = (until, end_day)
        && e * DAY < u
    {
        out.edges.push((e * DAY, u));
    }
    let first_month = first_day.map(|d| if month_start(d) == d { d } else { next_month_start(d) });
    let end_month = end_day.map(month_start);
    if let (Some(f), Some(e), Some(fm), Some(em)) = (first_day, end_day, first_month, end_month)
        && fm >= em
    {
        out.days.push((f, e));
        return out;
    }
    if let (Some(f), Some(fm)) = (first_day, first_month)
        && f < fm
    {
        out.days.push((f, fm));
    }
    if let (Some(e), Some(em)) = (end_day, end_month)
        && em < e
    {
        out.days.push((em, e));
    }
    out.months = Some((first_month, end_month));
    out
}

/// A document as the counts and its claims' rows see it: its publication time (Unix seconds,
/// which each claim row carries) and where its rows are counted.
#[derive(Clone, Debug)]
pub(crate) struct Place {
    /// Publication time; `None` when undated.
    pub(crate) ts: Option<i64>,
    key: Key,
}

/// Where rows are counted: the UTC day and month (day numbers; `None` when undated), the month
/// as written (`YYYY-MM` in the document's own offset, what facets show) and the source.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Key {
    day: Option<i64>,
    month_day: Option<i64>,
    month: Option<String>,
    source: Option<i64>,
}

impl Place {
    /// The place of a document published at `ts` (Unix seconds), written as `published`
    /// (RFC 3339), from the source with this id.
    pub(crate) fn new(ts: Option<i64>, published: Option<&str>, source: Option<i64>) -> Place {
        let day = ts.map(|t| t.div_euclid(DAY));
        let month = published.map(|p| p.chars().take(7).collect());
        Place { ts, key: Key { day, month_day: day.map(month_start), month, source } }
    }

    /// The place of the stored document at `rowid`.
    pub(crate) fn of_document(tx: &Transaction<'_>, rowid: i64) -> Result<Place> {
        let mut stmt =
            tx.prepare_cached("SELECT published_ts, published, source_id FROM documents WHERE rowid = ?1")?;
        let found = stmt
            .query_row([rowid], |row| {
                Ok((row.get::<_, Option<i64>>(0)?, row.get::<_, Option<String>>(1)?, row.get::<_, Option<i64>>(2)?))
            })
            .optional()?;
        let (ts, published, source) = found.unwrap_or_default();
        Ok(Place::new(ts, published.as_deref(), source))
    }
}

/// What one transaction adds to (or removes from) the counts, per key.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    /// Documents and their text bytes per place and format.
    documents: HashMap<(Key, String), (i64, i64)>,
    /// Claims per place and stance code.
    claims: HashMap<(Key, i64), i64>,
    /// Documents and mentions per entity key.
    entities: HashMap<i64, (i64, i64)>,
}

impl Tally {
    /// One more document (`sign` -1: one fewer) of `text_bytes` bytes.
    pub(crate) fn document(&mut self, place: &Place, format: &str, text_bytes: usize, sign: i64) {
        let entry = self.documents.entry((place.key.clone(), format.to_owned())).or_default();
        entry.0 += sign;
        entry.1 += sign * text_bytes as i64;
    }

    /// `n` more claims of this stance code (negative: fewer).
    pub(crate) fn claims(&mut self, place: &Place, stance: i64, n: i64) {
        *self.claims.entry((place.key.clone(), stance)).or_default() += n;
    }

    /// One more document (`sign` -1: one fewer) mentioning the entity with this key
    /// `mentions` times.
    pub(crate) fn entity(&mut self, key: i64, mentions: i64, sign: i64) {
        let entry = self.entities.entry(key).or_default();
        entry.0 += sign;
        entry.1 += sign * mentions;
    }

    /// Applies the tally to the day and month rows and the entity counts, in `tx`.
    pub(crate) fn write(self, tx: &Transaction<'_>) -> Result<()> {
        let mut entity = tx.prepare_cached(
            "INSERT INTO entity_counts (entity, documents, mentions) VALUES (?1, ?2, ?3)
             ON CONFLICT (entity) DO UPDATE
             SET documents = documents + excluded.documents, mentions = mentions + excluded.mentions",
        )?;
        for (key, (documents, mentions)) in self.entities.into_iter().filter(|(_, n)| *n != (0, 0)) {
            entity.execute(params![key, documents, mentions])?;
        }
        let mut update_documents = tx.prepare_cached(
            "UPDATE document_counts SET documents = documents + ?6, text_bytes = text_bytes + ?7
             WHERE span = ?1 AND start IS ?2 AND month IS ?3 AND source_id IS ?4 AND format = ?5",
        )?;
        let mut insert_documents = tx.prepare_cached(
            "INSERT INTO document_counts (span, start, month, source_id, format, documents, text_bytes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for ((key, format), (documents, bytes)) in self.documents.into_iter().filter(|(_, n)| *n != (0, 0)) {
            for (span, start) in [(1, key.day), (31, key.month_day)] {
                let values = params![span, start, key.month, key.source, format, documents, bytes];
                if update_documents.execute(values)? == 0 {
                    insert_documents.execute(values)?;
                }
            }
        }
        let mut update_claims = tx.prepare_cached(
            "UPDATE claim_counts SET claims = claims + ?6
             WHERE span = ?1 AND start IS ?2 AND month IS ?3 AND source_id IS ?4 AND stance = ?5",
        )?;
        let mut insert_claims = tx.prepare_cached(
            "INSERT INTO claim_counts (span, start, month, source_id, stance, claims) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for ((key, stance), n) in self.claims.into_iter().filter(|(_, n)| *n != 0) {
            for (span, start) in [(1, key.day), (31, key.month_day)] {
                let values = params![span, start, key.month, key.source, stance, n];
                if update_claims.execute(values)? == 0 {
                    insert_claims.execute(values)?;
                }
            }
        }
        Ok(())
    }
}

fn date(day: i64) -> NaiveDate {
    i32::try_from(day + UNIX_EPOCH_DAYS).ok().and_then(NaiveDate::from_num_days_from_ce_opt).unwrap_or(if day < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    })
}

fn number(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) - UNIX_EPOCH_DAYS
}

/// The day number of the first day of `day`'s month.
fn month_start(day: i64) -> i64 {
    number(date(day).with_day(1).unwrap_or(NaiveDate::MIN))
}

/// The day number of the first day of the month after `day`'s.
fn next_month_start(day: i64) -> i64 {
    let d = date(day);
    let (year, month) = if d.month() == 12 { (d.year() + 1, 1) } else { (d.year(), d.month() + 1) };
    NaiveDate::from_ymd_opt(year, month, 1).map_or(i64::MAX / DAY, number)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> i64 {
        chrono::DateTime::parse_from_rfc3339(s).unwrap().timestamp()
    }

    fn day(s: &str) -> i64 {
        at(&format!("{s}T00:00:00Z")) / DAY
    }

    #[test]
    fn a_range_splits_into_partial_days_days_and_months() {
        let t = tiers(Some(at("2024-10-18T12:00:00Z")), Some(at("2024-12-03T00:00:00Z")));
        assert_eq!(t.edges, vec![(at("2024-10-18T12:00:00Z"), at("2024-10-19T00:00:00Z"))]);
        assert_eq!(t.days, vec![(day("2024-10-19"), day("2024-11-01")), (day("2024-12-01"), day("2024-12-03"))]);
        assert_eq!(t.months, Some((Some(day("2024-11-01")), Some(day("2024-12-01")))));
    }

    #[test]
    fn open_and_aligned_ranges_use_months_alone() {
        assert_eq!(tiers(None, None), Tiers { months: Some((None, None)), ..Tiers::default() });
        let t = tiers(Some(at("2024-01-01T00:00:00Z")), None);
        assert_eq!(t, Tiers { months: Some((Some(day("2024-01-01")), None)), ..Tiers::default() });
        let t = tiers(None, Some(at("2024-03-15T06:00:00Z")));
        assert_eq!(t.months, Some((None, Some(day("2024-03-01")))));
        assert_eq!(t.days, vec![(day("2024-03-01"), day("2024-03-15"))]);
        assert_eq!(t.edges, vec![(at("2024-03-15T00:00:00Z"), at("2024-03-15T06:00:00Z"))]);
    }

    #[test]
    fn short_ranges_use_days_and_edges_only() {
        let t = tiers(Some(at("2024-12-30T00:00:00Z")), Some(at("2025-01-02T00:00:00Z")));
        assert_eq!(t, Tiers { days: vec![(day("2024-12-30"), day("2025-01-02"))], ..Tiers::default() });
        let t = tiers(Some(at("2024-10-18T10:00:00Z")), Some(at("2024-10-18T11:00:00Z")));
        assert_eq!(t.edges, vec![(at("2024-10-18T10:00:00Z"), at("2024-10-18T11:00:00Z"))]);
        assert_eq!(tiers(Some(10), Some(5)), Tiers::default());
        // Before 1970 too.
        let t = tiers(Some(at("1969-12-31T12:00:00Z")), Some(at("1970-01-01T00:00:00Z")));
        assert_eq!(t.edges, vec![(at("1969-12-31T12:00:00Z"), 0)]);
    }
}
