//! JSON Lines: one article per line, read as a stream so a 10 GB dump never sits in memory.
//!
//! Why: scraped corpora and exports (news-please, GDELT article dumps, our own `export`) are
//! JSONL. Field names differ between tools, so the common synonyms are accepted: `text`, `body`,
//! `content` or `article` for the text; `published`, `date`, `published_at`, `pubDate` or
//! `date_publish` for the date (a string, or a Unix timestamp); `id` may be a string or a number.
//!
//! Example: `{"id": 7, "title": "T", "text": "Body.", "published": "2025-04-28"}` gives a draft
//! with external id `7`, origin `dump.jsonl#N` where N is its line number.
//!
//! Known limits: a line longer than the record limit is refused (it is skipped without being
//! held in memory); blank lines are passed over silently; nested objects are not searched for
//! fields (`{"article": {"text": …}}` has no text).

use crate::error::{Error, Location};
use crate::open::{Line, read_line_limited};
use crate::{Config, dates};
use model::{Draft, Format};
use serde_json::{Map, Value};
use std::io::BufRead;

/// Reads `reader` line by line, giving each line's draft or rejection to `sink`. Stops at a read
/// error (reported as a rejection of the line being read).
pub fn read_jsonl(reader: &mut dyn BufRead, origin: &str, config: &Config, sink: &mut dyn FnMut(Result<Draft, Error>)) {
    let mut line = Vec::new();
    let mut offset = 0u64;
    let mut number = 0u64;
    let mut first = true;
    loop {
        number += 1;
        let at = Location::record(origin, number, Some(offset));
        let (kind, consumed) = match read_line_limited(reader, &mut line, config.max_record_bytes) {
            Ok(read) => read,
            Err(source) => {
                sink(Err(Error::Read { at, what: "read error", source }));
                return;
            }
        };
        offset += consumed;
        match kind {
            Line::End => return,
            Line::TooLong => sink(Err(Error::TooLarge { at, what: "record", limit: config.max_record_bytes })),
            Line::Complete => {
                let text = trim_ascii(&line);
                if text.is_empty() {
                    continue;
                }
                let result = record(text, at);
                if first && is_incomplete(&result) {
                    // A pretty-printed JSON file would otherwise give one rejection per line.
                    let at = Location::record(origin, number, Some(0));
                    let reason =
                        "the first line is an incomplete json value: a multi-line json file, not json lines".into();
                    return sink(Err(Error::InvalidJson { at, reason }));
                }
                first = false;
                sink(result);
            }
        }
    }
}

fn is_incomplete(result: &Result<Draft, Error>) -> bool {
    matches!(result, Err(Error::InvalidJson { reason, .. }) if reason.starts_with("EOF while parsing"))
}

fn trim_ascii(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    bytes.trim_ascii()
}

/// One line's object to a draft.
fn record(line: &[u8], at: Location) -> Result<Draft, Error> {
    let value: Value =
        serde_json::from_slice(line).map_err(|e| Error::InvalidJson { at: at.clone(), reason: e.to_string() })?;
    let Value::Object(object) = value else {
        let found = match value {
            Value::Array(_) => "an array",
            Value::String(_) => "a string",
            Value::Number(_) => "a number",
            Value::Bool(_) => "a boolean",
            _ => "null",
        };
        return Err(Error::InvalidJson { at, reason: format!("expected an object, found {found}") });
    };
    let mut draft = Draft::new(Format::Jsonl, at.origin_with_record());
    draft.body = match field(&object, &["text", "body", "content", "article", "maintext", "full_text"], &at)? {
        Some(text) => text,
        None => {
            return Err(Error::NoText { at, detail: "expected a non-empty `text`, `body` or `content` field".into() });
        }
    };
    draft.title = field(&object, &["title", "headline"], &at)?;
    draft.url = field(&object, &["url", "link", "canonical_url"], &at)?;
    draft.source = field(&object, &["source", "source_name", "publisher", "site", "source_domain"], &at)?;
    draft.language = field(&object, &["language", "lang"], &at)?;
    draft.author = authors(&object, &at)?;
    draft.external_id = match object.get("id").or_else(|| object.get("guid")) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(other) => return Err(wrong_type(&at, "id", "a string or a number", other)),
    };
    draft.published = published(&object, &at)?;
    Ok(draft)
}

/// The first of `names` present with a non-empty string (`null` counts as absent).
fn field(object: &Map<String, Value>, names: &[&str], at: &Location) -> Result<Option<String>, Error> {
    for name in names {
        match object.get(*name) {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) if s.trim().is_empty() => {}
            Some(Value::String(s)) => return Ok(Some(s.clone())),
            Some(other) => return Err(wrong_type(at, name, "a string", other)),
        }
    }
    Ok(None)
}

fn authors(object: &Map<String, Value>, at: &Location) -> Result<Option<String>, Error> {
    for name in ["author", "authors", "byline"] {
        match object.get(name) {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) => return Ok(Some(s.clone()).filter(|s| !s.trim().is_empty())),
            Some(Value::Array(items)) => {
                let names: Vec<&str> =
                    items.iter().filter_map(Value::as_str).filter(|s| !s.trim().is_empty()).collect();
                return Ok((!names.is_empty()).then(|| names.join(", ")));
            }
            Some(other) => return Err(wrong_type(at, name, "a string or a list of strings", other)),
        }
    }
    Ok(None)
}

fn published(
    object: &Map<String, Value>,
    at: &Location,
) -> Result<Option<chrono::DateTime<chrono::FixedOffset>>, Error> {
    for name in ["published", "date", "published_at", "pubDate", "date_publish", "datePublished"] {
        let parsed = match object.get(name) {
            None | Some(Value::Null) => continue,
            Some(Value::String(s)) => dates::parse_published(s),
            Some(Value::Number(n)) => n.as_i64().and_then(dates::from_timestamp),
            Some(other) => return Err(wrong_type(at, name, "a date string or a timestamp", other)),
        };
        if parsed.is_none() {
            // A bad date costs the date, not the article.
            tracing::warn!(origin = %at, field = name, value = %object[name], "date not understood; ignored");
        }
        return Ok(parsed);
    }
    Ok(None)
}

fn wrong_type(at: &Location, name: &str, expected: &str, found: &Value) -> Error {
    let found = match found {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    };
    Error::InvalidJson { at: at.clone(), reason: format!("`{name}` should be {expected}, found {found}") }
}
