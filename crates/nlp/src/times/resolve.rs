//! Normalization: turns a recognized [`Meaning`] into a TIMEX3 type and ISO value, anchored at
//! the publication date and never at the clock.
//!
//! Why: "last Tuesday" is only useful as a date; the anchor is the one thing a news article
//! reliably gives for free.
//!
//! Example: with an anchor of 2025-04-28 (a Monday), `Weekday { wd: 2, rel: -1 }` ("last
//! Tuesday") resolves to DATE `2025-04-22`, `UnitRel { Week, -1 }` to `2025-W17`, and
//! `Date { Rel(-1), 10, 0 }` ("October last year") to `2024-10`.
//!
//! Known limits: a bare weekday or month without a tense cue is taken to be the closest past
//! one (news convention); winter is filed under the year it starts in; week values use ISO
//! weeks.

use super::Resolved;
use super::lexicon::Unit;
use super::recognize::{Meaning, Tod, YearRef};
use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime};
use model::TimeType;

/// Type, value and vagueness of `m`; `future` is the sentence's tense cue, if any.
pub(super) fn resolve(m: &Meaning, anchor: Option<NaiveDateTime>, future: Option<bool>) -> Resolved {
    let kind = match m {
        Meaning::Duration { .. } => TimeType::Duration,
        Meaning::Set(_) => TimeType::Set,
        // A clock time is a TIME; "Friday night" is annotated as a DATE more often than not.
        Meaning::Date { tod: Some(Tod::Clock(..)), .. }
        | Meaning::Weekday { tod: Some(Tod::Clock(..)), .. }
        | Meaning::DayRel { tod: Some(Tod::Clock(..)), .. } => TimeType::Time,
        _ => TimeType::Date,
    };
    let vague = matches!(m, Meaning::Ref(_) | Meaning::Duration { n: None, .. } | Meaning::Ago { n: None, .. });
    let value = value(m, anchor.map(|a| a.date()), future);
    Resolved { kind, value, vague }
}

/// The TIMEX3 value of a duration: `P3W`, `PT5H`, `PXY`.
pub(super) fn duration(n: Option<u32>, unit: Unit) -> String {
    let (t, k, letter) = match unit {
        Unit::Second => ("T", 1, "S"),
        Unit::Minute => ("T", 1, "M"),
        Unit::Hour => ("T", 1, "H"),
        Unit::Day => ("", 1, "D"),
        Unit::Week => ("", 1, "W"),
        Unit::Fortnight => ("", 2, "W"),
        Unit::Month => ("", 1, "M"),
        Unit::Quarter => ("", 1, "Q"),
        Unit::Year => ("", 1, "Y"),
        Unit::Decade => ("", 10, "Y"),
        Unit::Century => ("", 100, "Y"),
        Unit::Millennium => ("", 1000, "Y"),
    };
    match n {
        Some(n) => format!("P{t}{}{letter}", n.saturating_mul(k)),
        None => match unit {
            Unit::Decade => "PXDE".to_owned(),
            Unit::Century => "PXCE".to_owned(),
            _ => format!("P{t}X{letter}"),
        },
    }
}

fn value(m: &Meaning, anchor: Option<NaiveDate>, future: Option<bool>) -> Option<String> {
    // Values that need no anchor.
    match *m {
        Meaning::Duration { n, unit } => return Some(duration(n, unit)),
        Meaning::Set(ref s) => return Some(s.clone()),
        Meaning::Ref(r) => return Some(r.to_owned()),
        Meaning::Decade(d) => return Some(format!("{d:03}X")),
        Meaning::Century(c) => return Some(format!("{c:02}")),
        Meaning::Date { y: YearRef::Abs(y), m, d, tod } => return Some(with_tod(ymd(y, m, d), tod)),
        Meaning::Season { s, y: YearRef::Abs(y) } => return Some(format!("{y:04}-{s}")),
        Meaning::Quarter { q: 1.., y: YearRef::Abs(y) } => return Some(format!("{y:04}-Q{}", quarter_of(m))),
        Meaning::Half { h, y: YearRef::Abs(y) } => return Some(format!("{y:04}-H{h}")),
        Meaning::Ago { n: None, sign, .. } => return Some(if sign < 0 { "PAST_REF" } else { "FUTURE_REF" }.to_owned()),
        _ => {}
    }
    let a = anchor?;
    let ay = a.year();
    Some(match *m {
        Meaning::Date { y, m, d, tod } => {
            let year = match y {
                YearRef::Rel(n) => ay + n,
                YearRef::Occurrence(n) => occurrence(a, m, d, n),
                _ => closest(a, m, d, future == Some(true)),
            };
            with_tod(ymd(year, m, d), tod)
        }
        Meaning::Weekday { wd, rel, tod } => {
            let back = (a.weekday().number_from_monday() as i64 - i64::from(wd)).rem_euclid(7);
            let offset = match rel {
                -1 => -(if back == 0 { 7 } else { back }),
                1 => {
                    if back == 0 {
                        7
                    } else {
                        7 - back
                    }
                }
                _ if back == 0 => 0,
                _ if direction(future) > 0 || rel == 2 && future != Some(false) => 7 - back,
                _ => -back,
            };
            with_tod(day(a + Duration::days(offset)), tod)
        }
        Meaning::DayRel { days, tod } => with_tod(day(a + Duration::days(i64::from(days))), tod),
        Meaning::UnitRel { unit, n } => shifted(a, unit, n)?,
        Meaning::Weekend(n) => {
            let n = n.unwrap_or(if a.weekday().number_from_monday() <= 3 { -1 } else { 0 });
            let w = (a + Duration::weeks(i64::from(n))).iso_week();
            format!("{:04}-W{:02}-WE", w.year(), w.week())
        }
        Meaning::Season { s, y } => {
            let start = match s {
                "SP" => 3,
                "SU" => 6,
                "FA" => 9,
                _ => 12,
            };
            let year = match y {
                YearRef::Rel(n) => ay + n,
                YearRef::Occurrence(-1) if a.month() < start + 3 => ay - 1,
                YearRef::Occurrence(1) if a.month() >= start => ay + 1,
                _ => ay,
            };
            format!("{year:04}-{s}")
        }
        Meaning::Quarter { q, y } => {
            let aq = (a.month0() / 3 + 1) as i32;
            let (mut year, mut q) = (ay, i32::from(q));
            if q == 0 {
                // The latest reported quarter is the one before the publication date's.
                q = aq - 1;
                if q == 0 {
                    q = 4;
                    year -= 1;
                }
            }
            match y {
                YearRef::Rel(n) => year += n,
                YearRef::Abs(abs) => year = abs,
                _ => {}
            }
            format!("{year:04}-Q{q}")
        }
        Meaning::Half { h, y } => {
            let year = if let YearRef::Rel(n) = y { ay + n } else { ay };
            format!("{year:04}-H{h}")
        }
        Meaning::Ago { unit, n: Some(n), sign } => {
            let n = i32::try_from(n).ok()?.checked_mul(sign)?;
            ago(a, unit, n)?
        }
        _ => return None,
    })
}

fn quarter_of(m: &Meaning) -> u8 {
    if let Meaning::Quarter { q, .. } = m { *q } else { 0 }
}

/// The year that puts month `m` (day `d`, 0 if none) closest to the anchor; a tie half a
/// year away goes to the past unless the sentence points to the future.
fn closest(a: NaiveDate, m: u8, d: u8, future: bool) -> i32 {
    let here = i64::from(a.month()) * 31 + i64::from(if d == 0 { 15 } else { a.day() });
    let there = i64::from(m) * 31 + i64::from(if d == 0 { 15 } else { d });
    let half = 6 * 31;
    match there - here {
        x if x > half || x == half && !future => a.year() - 1,
        x if x < -half || x == -half && future => a.year() + 1,
        _ => a.year(),
    }
}

/// -1 for the past (the default in news), 1 for the future.
fn direction(future: Option<bool>) -> i32 {
    if future == Some(true) { 1 } else { -1 }
}

/// The year of month `m` (day `d`, 0 if none) before (`n` < 0), after (`n` > 0) or in the
/// anchor's year; the anchor's own month counts as both.
fn occurrence(a: NaiveDate, m: u8, d: u8, n: i32) -> i32 {
    let here = (a.month(), if d == 0 { 0 } else { a.day() });
    let there = (u32::from(m), u32::from(d));
    match n.signum() {
        -1 if there > here => a.year() - 1,
        1 if there < here => a.year() + 1,
        _ => a.year(),
    }
}

fn ymd(y: i32, m: u8, d: u8) -> String {
    match (m, d) {
        (0, _) => format!("{y:04}"),
        (m, 0) => format!("{y:04}-{m:02}"),
        (m, d) => format!("{y:04}-{m:02}-{d:02}"),
    }
}

fn day(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn with_tod(date: String, tod: Option<Tod>) -> String {
    match tod {
        None => date,
        Some(Tod::Clock(h, m)) => format!("{date}T{h:02}:{m:02}"),
        Some(Tod::Part(p)) => format!("{date}T{p}"),
    }
}

/// The period `n` units from the anchor's, at that unit's granularity: "last week" is the ISO
/// week before the anchor's.
fn shifted(a: NaiveDate, unit: Unit, n: i32) -> Option<String> {
    Some(match unit {
        Unit::Day => day(a.checked_add_signed(Duration::days(i64::from(n)))?),
        Unit::Week | Unit::Fortnight => {
            let w = a.checked_add_signed(Duration::weeks(i64::from(n)))?.iso_week();
            format!("{:04}-W{:02}", w.year(), w.week())
        }
        Unit::Month => {
            let d = add_months(a, n)?;
            format!("{:04}-{:02}", d.year(), d.month())
        }
        Unit::Quarter => {
            let d = add_months(a, n.checked_mul(3)?)?;
            format!("{:04}-Q{}", d.year(), d.month0() / 3 + 1)
        }
        Unit::Year => format!("{:04}", a.year() + n),
        Unit::Decade => format!("{:03}X", a.year() / 10 + n),
        Unit::Century => format!("{:02}", a.year() / 100 + n),
        _ => return None,
    })
}

/// The point `n` units from the anchor: days and weeks give a date, months a month, years a
/// year.
fn ago(a: NaiveDate, unit: Unit, n: i32) -> Option<String> {
    Some(match unit {
        Unit::Day => day(a.checked_add_signed(Duration::days(i64::from(n)))?),
        Unit::Week => day(a.checked_add_signed(Duration::weeks(i64::from(n)))?),
        Unit::Fortnight => day(a.checked_add_signed(Duration::weeks(i64::from(n) * 2))?),
        Unit::Month | Unit::Quarter | Unit::Year => shifted(a, unit, n)?,
        Unit::Decade => format!("{:03}X", (a.year() + n.checked_mul(10)?) / 10),
        Unit::Century => format!("{:02}", (a.year() + n.checked_mul(100)?) / 100),
        Unit::Hour | Unit::Minute | Unit::Second => day(a),
        Unit::Millennium => return None,
    })
}

fn add_months(a: NaiveDate, n: i32) -> Option<NaiveDate> {
    let first = a.with_day(1)?;
    if n >= 0 {
        first.checked_add_months(Months::new(n as u32))
    } else {
        first.checked_sub_months(Months::new(n.unsigned_abs()))
    }
}
