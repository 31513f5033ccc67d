//! Legacy Internet Archive ARC files (version 1 and 2), the format before WARC: a header line
//! `URL IP-address archive-date content-type [more fields…] length`, then `length` bytes of
//! HTTP response.
//!
//! Why: old crawls and some national-library collections are still ARC; the format is simple
//! enough that reading it costs one header-line parser on top of the WARC reader's machinery.
//!
//! Example: `http://example.com/ 93.184.216.119 20140216050221 text/html 1591` followed by a
//! 1591-byte HTTP response gives one document (format `warc`, origin `x.arc#2`).
//!
//! Known limits: the `filedesc://` version block is skipped, not checked; a record whose length
//! is missing or not a number cannot be skipped over, so reading resumes at the next line that
//! looks like an ARC header.

use crate::error::{Error, Location};
use crate::http::{self, Record};
use crate::open::{Line, MemberMap};
use crate::warc::Cursor;
use crate::{Config, Event};
use std::io::{self, BufRead};

/// Reads every record of an ARC stream.
pub fn read_arc(
    reader: &mut dyn BufRead,
    members: Option<MemberMap>,
    origin: &str,
    config: &Config,
    sink: &mut dyn FnMut(Event),
) {
    let mut cursor = Cursor { reader, offset: 0, members, origin, archive: "arc" };
    let mut line = Vec::new();
    let mut number = 0u64;
    // Set when resynchronisation has already read the next record's header line.
    let mut carried: Option<u64> = None;
    loop {
        let (start, have_line) = match carried.take() {
            Some(start) => (start, true),
            None => match cursor.skip_blank() {
                Ok(true) => (cursor.offset, false),
                Ok(false) => return,
                Err(e) => return sink(cursor.read_error(number + 1, e)),
            },
        };
        number += 1;
        let at = cursor.location(number, start);
        match next_record(&mut cursor, &mut line, have_line, at, config) {
            Ok(Step::Done(event)) => sink(event),
            Ok(Step::Last(event)) => return sink(event),
            Ok(Step::Lost(event)) => {
                sink(event);
                match resync(&mut cursor, &mut line) {
                    Ok(Some(next)) => carried = Some(next),
                    Ok(None) => return,
                    Err(e) => return sink(cursor.read_error(number, e)),
                }
            }
            Err(e) => return sink(cursor.read_error(number, e)),
        }
    }
}

/// How reading one record ended.
enum Step {
    /// Read; go on.
    Done(Event),
    /// Broken, and where the next record starts is unknown.
    Lost(Event),
    /// Broken at the end of the stream.
    Last(Event),
}

/// A parsed header line: URL, content type, length.
fn header_line(text: &str) -> Result<(&str, &str, u64), String> {
    let fields: Vec<&str> = text.split_ascii_whitespace().collect();
    if fields.len() < 5 || !fields[0].contains(':') {
        let shown: String = text.chars().take(40).collect();
        return Err(format!("expected an arc header line, found {shown:?}"));
    }
    let last = fields[fields.len() - 1];
    let length = last.parse::<u64>().map_err(|_| format!("bad record length {last:?}"))?;
    // URLs with spaces (they occur) shift the fields, but the length is always last and the
    // content type fourth from the end in version 1.
    Ok((fields[0], fields[fields.len() - 2], length))
}

/// Reads lines until one is a valid header line, left in `line`; returns its offset.
fn resync(cursor: &mut Cursor<'_>, line: &mut Vec<u8>) -> io::Result<Option<u64>> {
    loop {
        let start = cursor.offset;
        if let Line::End = cursor.line(line, 4096)? {
            return Ok(None);
        }
        if header_line(&String::from_utf8_lossy(line)).is_ok() {
            return Ok(Some(start));
        }
    }
}

fn next_record(
    cursor: &mut Cursor<'_>,
    line: &mut Vec<u8>,
    have_line: bool,
    at: Location,
    config: &Config,
) -> io::Result<Step> {
    if !have_line && matches!(cursor.line(line, 4096)?, Line::TooLong) {
        return Ok(Step::Lost(corrupt(at, "a header line longer than 4 KiB".into())));
    }
    let text = String::from_utf8_lossy(line).into_owned();
    let (url, content_type, length) = match header_line(&text) {
        Ok(fields) => fields,
        Err(reason) => return Ok(Step::Lost(corrupt(at, reason))),
    };
    if length > config.max_record_bytes {
        let got = cursor.skip(length)?;
        if got < length {
            return Ok(Step::Last(Event::Rejected(truncated(at, length, got))));
        }
        return Ok(Step::Done(Event::Rejected(Error::TooLarge { at, what: "record", limit: config.max_record_bytes })));
    }
    let content = cursor.content(length)?;
    if (content.len() as u64) < length {
        return Ok(Step::Last(Event::Rejected(truncated(at, length, content.len() as u64))));
    }
    if url.starts_with("filedesc:") {
        return Ok(Step::Done(Event::Skipped { origin: at.origin_with_record(), kind: "arc filedesc".into() }));
    }
    let record = Record { at, target_uri: Some(url), archive: "arc" };
    if content.starts_with(b"HTTP/") {
        return Ok(Step::Done(http::response(&content, record, config)));
    }
    if content_type.contains("html") {
        return Ok(Step::Done(http::page(&content, None, record)));
    }
    Ok(Step::Done(Event::Skipped { origin: record.at.origin_with_record(), kind: "arc record (not html)".into() }))
}

fn corrupt(at: Location, reason: String) -> Event {
    Event::Rejected(Error::CorruptRecord { archive: "arc", at, reason })
}

fn truncated(at: Location, expected: u64, got: u64) -> Error {
    Error::TruncatedRecord {
        archive: "arc",
        at,
        reason: format!("expected {expected} bytes of content, the file ends after {got}"),
    }
}
