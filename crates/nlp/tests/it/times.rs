//! Time expressions: small cases through one `check` helper, the gold files under
//! `tests/gold/times/` (each `NAME.txt` beside `NAME.expected`; `UPDATE_EXPECT=1` re-blesses),
//! and a property test that `find` never panics and keeps its range invariants.
//!
//! Example: `check("2025-04-28", "it ended last week", &["last week DATE 2025-W17"])`.
//! Gold inputs start with a `published: <RFC 3339 date or date-time | none>` line; offsets in
//! the expected output index the text after that line. All texts are written for these tests.

use chrono::{DateTime, FixedOffset};
use nlp::times::find;
use proptest::prelude::*;
use std::fmt::Write as _;

fn published(raw: &str) -> Option<DateTime<FixedOffset>> {
    let raw = raw.trim();
    if raw == "none" {
        return None;
    }
    DateTime::parse_from_rfc3339(raw)
        .ok()
        .or_else(|| DateTime::parse_from_rfc3339(&format!("{raw}T12:00:00+00:00")).ok())
}

fn type_name(t: model::TimeType) -> &'static str {
    match t {
        model::TimeType::Date => "DATE",
        model::TimeType::Time => "TIME",
        model::TimeType::Duration => "DURATION",
        model::TimeType::Set => "SET",
    }
}

/// Finds the times of `input` published on `date` and compares "text TYPE value" lines.
#[track_caller]
fn check(date: &str, input: &str, expected: &[&str]) {
    let got: Vec<String> = find(input, published(date))
        .iter()
        .map(|t| {
            let text = t.range.slice(input).expect("range on char boundaries");
            format!("{text} {} {}", type_name(t.kind), t.value.as_deref().unwrap_or("-"))
        })
        .collect();
    assert_eq!(got, expected, "input: {input:?}");
}

#[test]
fn absolute_dates() {
    check(
        "2025-04-28",
        "on 28 April 2025 and April 28, 2025",
        &["28 April 2025 DATE 2025-04-28", "April 28, 2025 DATE 2025-04-28"],
    );
    check("2025-04-28", "the memo of 2025-04-28", &["2025-04-28 DATE 2025-04-28"]);
    check(
        "2025-04-28",
        "in April 2025, in 2024 and in the 1990s",
        &["April 2025 DATE 2025-04", "2024 DATE 2024", "the 1990s DATE 199X"],
    );
    check("2025-04-28", "since mid-October", &["mid-October DATE 2024-10"]);
    check("2025-04-28", "from Dec. 5 until Sept. 2024", &["Dec. 5 DATE 2024-12-05", "Sept. 2024 DATE 2024-09"]);
}

#[test]
fn numeric_dates_only_when_unambiguous() {
    check("2025-04-28", "on 28/04/2025", &["28/04/2025 DATE 2025-04-28"]);
    check("2025-04-28", "on 4/28/2025", &["4/28/2025 DATE 2025-04-28"]);
    check("2025-04-28", "on 04/05/2025", &["04/05/2025 DATE 2025"]);
}

#[test]
fn weekdays_follow_news_convention() {
    // 2025-04-28 is a Monday.
    check("2025-04-28", "talks began on Tuesday", &["Tuesday DATE 2025-04-22"]);
    check("2025-04-28", "talks began last Tuesday", &["last Tuesday DATE 2025-04-22"]);
    check("2025-04-28", "talks will begin on Tuesday", &["Tuesday DATE 2025-04-29"]);
    check("2025-04-28", "he spoke on Monday", &["Monday DATE 2025-04-28"]);
}

#[test]
fn relative_periods() {
    check(
        "2025-04-28",
        "yesterday, today and tomorrow",
        &["yesterday DATE 2025-04-27", "today DATE 2025-04-28", "tomorrow DATE 2025-04-29"],
    );
    check(
        "2025-04-28",
        "this week, last week and next week",
        &["this week DATE 2025-W18", "last week DATE 2025-W17", "next week DATE 2025-W19"],
    );
    check(
        "2025-04-28",
        "this month, last month, last year",
        &["this month DATE 2025-04", "last month DATE 2025-03", "last year DATE 2024"],
    );
    check("2025-04-28", "it surfaced in October last year", &["October last year DATE 2024-10"]);
    check("2025-04-28", "earlier this month", &["earlier this month DATE 2025-04"]);
    check("2025-04-28", "three weeks ago", &["three weeks ago DATE 2025-04-07"]);
    check(
        "2025-04-28",
        "last summer and the third quarter",
        &["last summer DATE 2024-SU", "the third quarter DATE 2025-Q3"],
    );
}

#[test]
fn durations_refs_sets_and_times() {
    check(
        "2025-04-28",
        "for two years over the past three months",
        &["two years DURATION P2Y", "the past three months DURATION P3M"],
    );
    check("2025-04-28", "nearly forty years", &["nearly forty years DURATION P40Y"]);
    check(
        "2025-04-28",
        "recently, now, in the coming weeks",
        &["recently DATE PAST_REF", "now DATE PRESENT_REF", "the coming weeks DATE FUTURE_REF"],
    );
    check("2025-04-28", "every week and daily", &["every week SET P1W", "daily SET P1D"]);
    check(
        "2025-04-28",
        "at 9 a.m. and at 14:30 GMT",
        &["9 a.m. TIME 2025-04-28T09:00", "14:30 GMT TIME 2025-04-28T14:30"],
    );
}

#[test]
fn without_publication_date_relative_values_are_unresolved() {
    check(
        "none",
        "last week, in March 2021, for two years",
        &["last week DATE -", "March 2021 DATE 2021-03", "two years DURATION P2Y"],
    );
}

#[test]
fn not_times() {
    check("2025-04-28", "it may rise; troops march; he paid $2000 for 1,995 seats at 3:1 odds", &[]);
}

#[test]
fn gold_files() {
    crate::gold::check_folder("times", |raw| {
        let (header, body) = raw.split_once('\n').unwrap_or((raw, ""));
        let date = header.strip_prefix("published:").expect("first line is `published: ...`");
        let mut out = String::new();
        for t in find(body, published(date)) {
            let text = t.range.slice(body).expect("range on char boundaries");
            let value = t.value.as_deref().unwrap_or("-");
            writeln!(out, "{}..{} {text:?} {} {value}", t.range.start, t.range.end, type_name(t.kind)).unwrap();
        }
        out
    });
}

proptest! {
    #[test]
    fn never_panics_and_keeps_ranges_valid(input in "\\PC{0,80}|[0-9 :/.,'a-zA-Z-]{0,60}") {
        let date = published("2025-04-28");
        let mut last_end = 0;
        for t in find(&input, date) {
            prop_assert!(t.range.start() >= last_end, "overlap or out of order");
            prop_assert!(t.range.slice(&input).is_some_and(|s| !s.is_empty()), "bad range");
            last_end = t.range.end();
        }
    }

    #[test]
    fn never_panics_on_time_words(words in proptest::collection::vec(
        "(last|next|the|past|three|weeks|ago|May|March|Friday|a\\.m\\.|9|12:30|2024|'|-|,|\\.|1990s|quarter|third|every|early|mid|of|year|s|st)",
        0..12,
    )) {
        let input = words.join(" ");
        for date in [published("2025-04-28"), None] {
            let mut last_end = 0;
            for t in find(&input, date) {
                prop_assert!(t.range.start() >= last_end);
                prop_assert!(t.range.slice(&input).is_some());
                last_end = t.range.end();
            }
        }
    }
}
