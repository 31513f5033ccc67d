//! WARC 1.0/1.1 web archives, plain or gzip (one member per record, or the whole file), read
//! record by record as a stream.
//!
//! Why: crawls (Common Crawl, Webrecorder, wget `--warc-file`) keep pages as WARC. `response`
//! records holding an HTML page, and `resource` records of an HTML page, become documents through
//! the HTML reader; every other record is counted as skipped with its kind. A broken record is
//! rejected with its byte offset and reading resumes at the next `WARC/` line when it can.
//!
//! Example: `crawl.warc.gz#3 (byte 1024): truncated warc record: expected 5120 bytes of content,
//! the file ends after 3000`.
//!
//! Known limits: `continuation` records (segmented payloads) are not joined; a record larger than
//! the record limit is skipped unread; after a corrupt gzip member reading stops (the decoder
//! cannot find the next member); digests are not checked.

use crate::error::{Error, Location};
use crate::http::{self, Record};
use crate::open::{Line, MemberMap, read_line_limited};
use crate::{Config, Event};
use std::io::{self, BufRead, Read};

/// Longest header line accepted; real ones are a few hundred bytes.
const MAX_LINE: u64 = 64 << 10;
/// Largest header block accepted.
const MAX_HEADER: u64 = 1 << 20;

/// Reads every record of a WARC stream. `members` maps decompressed offsets back to gzip member
/// offsets when the stream was compressed.
pub fn read_warc(
    reader: &mut dyn BufRead,
    members: Option<MemberMap>,
    origin: &str,
    config: &Config,
    sink: &mut dyn FnMut(Event),
) {
    let mut cursor = Cursor { reader, offset: 0, members, origin, archive: "warc" };
    let mut number = 0u64;
    let mut line = Vec::new();
    // Set when resynchronisation has already read the next record's version line.
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
            Ok(Step::Last(error)) => return sink(Event::Rejected(error)),
            Ok(Step::Lost(error)) => {
                sink(Event::Rejected(error));
                match cursor.resync(&mut line) {
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
    /// The record was read (as a document, a skip or a rejection); go on.
    Done(Event),
    /// The record is broken and where the next one starts is unknown: resynchronise.
    Lost(Error),
    /// The record is broken and nothing can follow (the stream ended).
    Last(Error),
}

fn next_record(
    cursor: &mut Cursor<'_>,
    line: &mut Vec<u8>,
    have_line: bool,
    at: Location,
    config: &Config,
) -> io::Result<Step> {
    if !have_line {
        cursor.line(line, 256)?;
    }
    if !line.starts_with(b"WARC/") {
        let found = String::from_utf8_lossy(&line[..line.len().min(40)]).trim_end().to_owned();
        return Ok(Step::Lost(Error::CorruptRecord {
            archive: "warc",
            at,
            reason: format!("expected a `WARC/1.x` line, found {found:?}"),
        }));
    }
    let headers = match cursor.headers(line)? {
        Ok(headers) => headers,
        Err(reason) => {
            return Ok(match reason.strip_prefix("truncated: ") {
                Some(reason) => Step::Last(Error::TruncatedRecord { archive: "warc", at, reason: reason.to_owned() }),
                None => Step::Lost(Error::CorruptRecord { archive: "warc", at, reason }),
            });
        }
    };
    let length = match header(&headers, "content-length").map(|v| (v, v.parse::<u64>())) {
        None => {
            return Ok(Step::Lost(Error::CorruptRecord {
                archive: "warc",
                at,
                reason: "no Content-Length header".into(),
            }));
        }
        Some((value, Err(_))) => {
            return Ok(Step::Lost(Error::CorruptRecord {
                archive: "warc",
                at,
                reason: format!("bad Content-Length {value:?}"),
            }));
        }
        Some((_, Ok(length))) => length,
    };
    if length > config.max_record_bytes {
        let got = cursor.skip(length)?;
        if got < length {
            return Ok(Step::Last(truncated(at, length, got)));
        }
        return Ok(Step::Done(Event::Rejected(Error::TooLarge { at, what: "record", limit: config.max_record_bytes })));
    }
    let content = cursor.content(length)?;
    if (content.len() as u64) < length {
        return Ok(Step::Last(truncated(at, length, content.len() as u64)));
    }
    Ok(Step::Done(record(&headers, &content, at, config)))
}

/// The reader and where it is.
pub(crate) struct Cursor<'a> {
    pub reader: &'a mut dyn BufRead,
    /// Bytes consumed so far, in the decompressed stream.
    pub offset: u64,
    pub members: Option<MemberMap>,
    pub origin: &'a str,
    /// `warc` or `arc`, for messages.
    pub archive: &'static str,
}

impl Cursor<'_> {
    pub(crate) fn location(&self, number: u64, start: u64) -> Location {
        let position = self.members.as_ref().map_or(start, |m| m.locate(start));
        Location::record(self.origin, number, Some(position))
    }

    pub(crate) fn read_error(&self, number: u64, source: io::Error) -> Event {
        let at = self.location(number, self.offset);
        if source.kind() == io::ErrorKind::UnexpectedEof || source.kind() == io::ErrorKind::InvalidInput {
            return Event::Rejected(Error::TruncatedRecord {
                archive: self.archive,
                at,
                reason: format!("the stream ends inside a record ({source})"),
            });
        }
        let what = if self.members.is_some() { "gzip stream" } else { "read error" };
        Event::Rejected(Error::Read { at, what, source })
    }

    /// Skips blank lines between records; false at the end of the stream.
    pub(crate) fn skip_blank(&mut self) -> io::Result<bool> {
        loop {
            let available = self.reader.fill_buf()?;
            if available.is_empty() {
                return Ok(false);
            }
            let blank = available.iter().take_while(|b| b.is_ascii_whitespace()).count();
            let done = blank < available.len();
            self.reader.consume(blank);
            self.offset += blank as u64;
            if done {
                return Ok(true);
            }
        }
    }

    /// Reads one line (without its line end) into `line`; a line over `limit` comes back cut.
    pub(crate) fn line(&mut self, line: &mut Vec<u8>, limit: u64) -> io::Result<Line> {
        let (kind, consumed) = read_line_limited(self.reader, line, limit)?;
        self.offset += consumed;
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        Ok(kind)
    }

    /// Reads lines until one starts with `WARC/`, which is left in `line`; returns its offset.
    fn resync(&mut self, line: &mut Vec<u8>) -> io::Result<Option<u64>> {
        loop {
            let start = self.offset;
            if let Line::End = self.line(line, MAX_LINE)? {
                return Ok(None);
            }
            if line.starts_with(b"WARC/1.") || line.starts_with(b"WARC/0.") {
                return Ok(Some(start));
            }
        }
    }

    /// The named header fields up to the blank line, or why they could not be read.
    fn headers(&mut self, line: &mut Vec<u8>) -> io::Result<Result<Vec<(String, String)>, String>> {
        let mut headers: Vec<(String, String)> = Vec::new();
        let start = self.offset;
        loop {
            let kind = self.line(line, MAX_LINE)?;
            match kind {
                Line::End => return Ok(Err("truncated: the file ends inside the record header".into())),
                Line::TooLong => return Ok(Err("a header line longer than 64 KiB".into())),
                Line::Complete => {}
            }
            if line.is_empty() {
                return Ok(Ok(headers));
            }
            if self.offset - start > MAX_HEADER {
                return Ok(Err("a header block larger than 1 MiB".into()));
            }
            let text = String::from_utf8_lossy(line);
            if text.starts_with([' ', '\t']) {
                // An obsolete folded continuation of the previous field.
                if let Some((_, value)) = headers.last_mut() {
                    value.push(' ');
                    value.push_str(text.trim());
                }
                continue;
            }
            let Some((name, value)) = text.split_once(':') else {
                let shown: String = text.chars().take(40).collect();
                return Ok(Err(format!("header line without a colon: {shown:?}")));
            };
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }

    /// Reads up to `length` bytes of content; fewer only at the end of the stream.
    pub(crate) fn content(&mut self, length: u64) -> io::Result<Vec<u8>> {
        let mut content = Vec::with_capacity(length.min(1 << 20) as usize);
        let got = (&mut self.reader).take(length).read_to_end(&mut content)?;
        self.offset += got as u64;
        Ok(content)
    }

    /// Skips `length` bytes without keeping them; returns how many there were.
    pub(crate) fn skip(&mut self, length: u64) -> io::Result<u64> {
        let got = io::copy(&mut (&mut self.reader).take(length), &mut io::sink())?;
        self.offset += got;
        Ok(got)
    }
}

fn truncated(at: Location, expected: u64, got: u64) -> Error {
    Error::TruncatedRecord {
        archive: "warc",
        at,
        reason: format!("expected {expected} bytes of content, the file ends after {got}"),
    }
}

fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

/// One complete record to an event.
fn record(headers: &[(String, String)], content: &[u8], at: Location, config: &Config) -> Event {
    let kind = header(headers, "warc-type").unwrap_or("untyped").to_ascii_lowercase();
    // WARC 1.0 drafts and wget write the URI in angle brackets.
    let target = header(headers, "warc-target-uri").map(|u| u.trim_start_matches('<').trim_end_matches('>'));
    let content_type = header(headers, "content-type").unwrap_or("").to_ascii_lowercase();
    let record = Record { at, target_uri: target, archive: "warc" };
    match kind.as_str() {
        "response" if content_type.is_empty() || content_type.contains("application/http") => {
            http::response(content, record, config)
        }
        "response" | "resource" if content_type.contains("html") => {
            let charset = http::charset_of(&content_type);
            http::page(content, charset.as_deref(), record)
        }
        "response" | "resource" => {
            Event::Skipped { origin: record.at.origin_with_record(), kind: format!("warc {kind} (not html)") }
        }
        _ => Event::Skipped { origin: record.at.origin_with_record(), kind: format!("warc {kind}") },
    }
}
