//! `parse_published` on the forms inputs use, and on text that is not a date.

use ingest::dates::parse_published;

fn check(raw: &str, expected: Option<&str>) {
    let got = parse_published(raw).map(|d| d.to_rfc3339());
    assert_eq!(got.as_deref(), expected, "parsing {raw:?}");
}

#[test]
fn standard_forms() {
    check("2025-04-28T10:30:00+02:00", Some("2025-04-28T10:30:00+02:00"));
    check("2025-04-28T10:30:00Z", Some("2025-04-28T10:30:00+00:00"));
    check("Mon, 28 Apr 2025 10:30:00 GMT", Some("2025-04-28T10:30:00+00:00"));
    check("28 Apr 2025 10:30:00 -0500", Some("2025-04-28T10:30:00-05:00"));
}

#[test]
fn dates_without_zone_are_utc() {
    check("2025-04-28", Some("2025-04-28T00:00:00+00:00"));
    check("2025-04-28T10:30", Some("2025-04-28T10:30:00+00:00"));
    check("2025-04-28 10:30:15", Some("2025-04-28T10:30:15+00:00"));
    check("2025/04/28", Some("2025-04-28T00:00:00+00:00"));
    check("2025-04-28T10:30+01:00", Some("2025-04-28T10:30:00+01:00"));
}

#[test]
fn spelled_out_months() {
    check("28 April 2025", Some("2025-04-28T00:00:00+00:00"));
    check("April 28, 2025", Some("2025-04-28T00:00:00+00:00"));
    check("Apr 28 2025", Some("2025-04-28T00:00:00+00:00"));
    check("April 28th, 2025 at 3:15 pm", Some("2025-04-28T15:15:00+00:00"));
    check("Monday, 28 April 2025, 10:30 GMT", Some("2025-04-28T10:30:00+00:00"));
    check("Sept. 3, 2024", Some("2024-09-03T00:00:00+00:00"));
}

#[test]
fn not_dates() {
    for raw in
        ["", "yesterday", "April 2025", "28 April", "2025-13-01", "Volume 3 of 2025", "may 5 2025 banana", "0001-01-01"]
    {
        check(raw, None);
    }
}
