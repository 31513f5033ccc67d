//! JSONL: one document per line, bad lines rejected with their line number and offset, the rest
//! read on.

use super::{documents, outline, read_bytes_with, read_fixture};
use ingest::Config;

#[test]
fn bad_lines_are_rejected_and_the_rest_read() {
    let events = read_fixture("jsonl/bad-line.jsonl");
    assert_eq!(
        outline(&events),
        [
            "document jsonl/bad-line.jsonl#1",
            "document jsonl/bad-line.jsonl#2",
            "rejected jsonl/bad-line.jsonl#3 (byte 248): invalid json: EOF while parsing an object at line 1 column 52",
            "rejected jsonl/bad-line.jsonl#5 (byte 302): invalid json: expected an object, found an array",
            "rejected jsonl/bad-line.jsonl#6 (byte 326): no text (expected a non-empty `text`, `body` or `content` field)",
            "document jsonl/bad-line.jsonl#7",
        ]
    );
    let docs = documents(&events);
    let first = docs[0];
    assert_eq!(first.external_id.as_deref(), Some("a1"));
    assert_eq!(first.title.as_deref(), Some("First"));
    assert_eq!(first.body, "First body.");
    assert_eq!(first.url.as_deref(), Some("https://j.example/1"));
    assert_eq!(first.source.as_deref(), Some("J Times"));
    assert_eq!(first.language.as_deref(), Some("en"));
    assert_eq!(first.author.as_deref(), Some("C. D."));
    assert_eq!(first.published.map(|d| d.to_rfc3339()).as_deref(), Some("2025-04-28T00:00:00+00:00"));
    // Numbers as ids, `body` as text, spelled dates, Unix timestamps.
    assert_eq!(docs[1].external_id.as_deref(), Some("2"));
    assert_eq!(docs[1].body, "Second body.");
    assert_eq!(docs[1].published.map(|d| d.to_rfc3339()).as_deref(), Some("2025-04-27T00:00:00+00:00"));
    assert_eq!(docs[2].body, "Sixth body.");
    assert_eq!(docs[2].published.map(|d| d.to_rfc3339()).as_deref(), Some("2025-04-28T00:00:00+00:00"));
}

#[test]
fn long_lines_are_refused_without_stopping() {
    let long = format!("{{\"text\": \"{}\"}}", "x".repeat(500));
    let input = format!("{{\"text\": \"short\"}}\n{long}\n{{\"text\": \"after\"}}\n");
    let config = Config { max_record_bytes: 100, ..Config::default() };
    let events = read_bytes_with("big.jsonl", input.as_bytes(), &config);
    assert_eq!(
        outline(&events),
        [
            "document big.jsonl#1",
            "rejected big.jsonl#2 (byte 18): larger than the 100 bytes limit for one record",
            "document big.jsonl#3"
        ]
    );
}

#[test]
fn wrong_field_types_are_named() {
    let events = read_bytes_with("t.jsonl", br#"{"text": "a", "title": 5}"#, &Config::default());
    assert_eq!(
        outline(&events),
        ["rejected t.jsonl#1 (byte 0): invalid json: `title` should be a string, found a number"]
    );
}

#[test]
fn jsonl_named_html_is_read_as_jsonl() {
    let events = read_bytes_with("page.html", b"{\"text\": \"body\"}\n", &Config::default());
    assert_eq!(outline(&events), ["document page.html#1"]);
}

#[test]
fn pretty_printed_json_is_one_rejection() {
    let events = read_bytes_with("one.json", b"{\n  \"text\": \"a\"\n}\n", &Config::default());
    assert_eq!(
        outline(&events),
        [
            "rejected one.json#1 (byte 0): invalid json: the first line is an incomplete json value: a multi-line json file, not json lines"
        ]
    );
}
