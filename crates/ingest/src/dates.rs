//! Publication dates as inputs state them: feeds (RFC 2822), JSON and front matter (RFC 3339,
//! bare ISO dates), and the English forms people type ("28 April 2025", "April 28, 2025 10:30").
//!
//! Why: the publication time anchors every relative time expression later on ("last October"), so
//! a date that is present but in an odd form should still be read, and text that is not a date
//! must give `None`, never a guess. The clock is never read: a date without a year is not a date.
//!
//! Example: `parse_published("April 28, 2025")` is 2025-04-28T00:00:00+00:00.
//!
//! Known limits: zone abbreviations other than UTC/GMT/Z and the North American ones that RFC 2822
//! lists (EST, PDT, …) are not understood; day-first versus month-first is only decided for
//! spelled-out months (`04/05/2025` is not read).

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

/// Parses a publication date in the forms news inputs use (RFC 3339, RFC 2822, ISO dates without
/// time, `YYYY/MM/DD`, "28 April 2025", "April 28, 2025", with or without a time). Dates without
/// a zone are taken as UTC. `None` when the text is not a date.
pub fn parse_published(raw: &str) -> Option<DateTime<FixedOffset>> {
    let raw = raw.trim();
    if raw.is_empty() || raw.len() > 64 {
        return None;
    }
    let parsed = DateTime::parse_from_rfc3339(raw)
        .ok()
        .or_else(|| DateTime::parse_from_rfc2822(raw).ok())
        .or_else(|| numeric(raw))
        .or_else(|| spelled(raw))?;
    // Years outside this range are typos or placeholders (0001-01-01), not publication dates.
    (1800..=2200).contains(&chrono::Datelike::year(&parsed)).then_some(parsed)
}

fn utc() -> FixedOffset {
    FixedOffset::east_opt(0).expect("zero offset is valid")
}

/// `YYYY-MM-DD` or `YYYY/MM/DD`, optionally followed by `T` or a space, a time, and a zone.
fn numeric(raw: &str) -> Option<DateTime<FixedOffset>> {
    let bytes = raw.as_bytes();
    if bytes.len() < 10 || !bytes[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let separator = bytes[4];
    if !(separator == b'-' || separator == b'/') || bytes[7] != separator {
        return None;
    }
    let date =
        NaiveDate::parse_from_str(raw.get(..10)?, if separator == b'-' { "%Y-%m-%d" } else { "%Y/%m/%d" }).ok()?;
    let rest = raw.get(10..)?.trim_start_matches(['T', 't', ' ']);
    if rest.is_empty() {
        return Some(utc().from_utc_datetime(&date.and_time(NaiveTime::MIN)));
    }
    let (time, zone) = split_zone(rest)?;
    let time = parse_time(time)?;
    zone.from_local_datetime(&NaiveDateTime::new(date, time)).single()
}

/// Splits `10:30:00+02:00`, `10:30Z`, `10:30 UTC` into the time and its zone (UTC when absent).
fn split_zone(rest: &str) -> Option<(&str, FixedOffset)> {
    let rest = rest.trim();
    for suffix in [" UTC", " GMT", "Z", "z", "UTC", "GMT"] {
        if let Some(time) = rest.strip_suffix(suffix) {
            return Some((time.trim(), utc()));
        }
    }
    if let Some(pos) = rest.rfind(['+', '-']) {
        let zone = parse_offset(&rest[pos..])?;
        return Some((rest[..pos].trim(), zone));
    }
    Some((rest, utc()))
}

/// `+02:00`, `+0200` or `-05`.
fn parse_offset(zone: &str) -> Option<FixedOffset> {
    let sign = if zone.starts_with('-') { -1 } else { 1 };
    let digits: String = zone[1..].chars().filter(|c| *c != ':').collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (hours, minutes) = match digits.len() {
        2 => (digits.parse::<i32>().ok()?, 0),
        4 => (digits[..2].parse::<i32>().ok()?, digits[2..].parse::<i32>().ok()?),
        _ => return None,
    };
    if hours > 23 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

/// `HH:MM`, `HH:MM:SS`, `HH:MM:SS.fff`, each optionally followed by `am`/`pm`.
fn parse_time(time: &str) -> Option<NaiveTime> {
    let lower = time.trim().to_ascii_lowercase();
    let (clock, meridiem) = if let Some(t) = lower.strip_suffix("am").or_else(|| lower.strip_suffix("a.m.")) {
        (t.trim(), Some(false))
    } else if let Some(t) = lower.strip_suffix("pm").or_else(|| lower.strip_suffix("p.m.")) {
        (t.trim(), Some(true))
    } else {
        (lower.as_str(), None)
    };
    let time = ["%H:%M:%S%.f", "%H:%M:%S", "%H:%M"].iter().find_map(|f| NaiveTime::parse_from_str(clock, f).ok())?;
    match meridiem {
        None => Some(time),
        Some(pm) => {
            let hour = chrono::Timelike::hour(&time);
            if hour == 0 || hour > 12 {
                return None;
            }
            let hour = (hour % 12) + if pm { 12 } else { 0 };
            chrono::Timelike::with_hour(&time, hour)
        }
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_ascii_lowercase();
    if word.len() < 3 {
        return None;
    }
    let position =
        MONTHS.iter().position(|m| *m == word || (m.starts_with(&word) && (word.len() == 3 || word == "sept")))?;
    Some(position as u32 + 1)
}

fn is_weekday(word: &str) -> bool {
    let word = word.trim_end_matches('.').to_ascii_lowercase();
    word.len() >= 3 && WEEKDAYS.iter().any(|d| *d == word || (word.len() == 3 && d.starts_with(&word)))
}

/// "28 April 2025", "April 28, 2025", "Monday, 28 Apr 2025 10:30 GMT", "April 28th, 2025 at 3:15 pm".
/// Every word must be understood, so a sentence that happens to hold a date is not one.
fn spelled(raw: &str) -> Option<DateTime<FixedOffset>> {
    let (mut day, mut month, mut year) = (None, None, None);
    let mut time_words = Vec::new();
    let mut zone = None;
    for word in raw.split([' ', ',']).filter(|w| !w.is_empty()) {
        let lower = word.to_ascii_lowercase();
        if time_words.is_empty() && (is_weekday(word) || lower == "at" || lower == "on") {
            continue;
        }
        if month.is_none()
            && time_words.is_empty()
            && let Some(m) = month_number(word)
        {
            month = Some(m);
            continue;
        }
        let digits = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &lower[digits.len()..];
        if !digits.is_empty()
            && digits.chars().all(|c| c.is_ascii_digit())
            && matches!(suffix, "" | "st" | "nd" | "rd" | "th")
        {
            if digits.len() == 4 && suffix.is_empty() && year.is_none() {
                year = digits.parse().ok();
                continue;
            }
            if digits.len() <= 2 && day.is_none() {
                day = digits.parse().ok();
                continue;
            }
            return None;
        }
        if word.contains(':') || matches!(lower.as_str(), "am" | "pm" | "a.m." | "p.m.") {
            time_words.push(word);
            continue;
        }
        if matches!(lower.as_str(), "utc" | "gmt" | "z") {
            zone = Some(utc());
            continue;
        }
        if word.starts_with(['+', '-']) && !time_words.is_empty() {
            zone = Some(parse_offset(word)?);
            continue;
        }
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year?, month?, day?)?;
    let time = if time_words.is_empty() { NaiveTime::MIN } else { parse_time(&time_words.join(" "))? };
    zone.unwrap_or_else(utc).from_local_datetime(&NaiveDateTime::new(date, time)).single()
}

/// A Unix timestamp in seconds (or milliseconds, when too large to be seconds), as JSON exports
/// sometimes give it.
pub fn from_timestamp(value: i64) -> Option<DateTime<FixedOffset>> {
    let seconds = if value.abs() > 100_000_000_000 { value / 1000 } else { value };
    let time = DateTime::<Utc>::from_timestamp(seconds, 0)?.fixed_offset();
    (1800..=2200).contains(&chrono::Datelike::year(&time)).then_some(time)
}
