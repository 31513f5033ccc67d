//! The HTTP response inside a web-archive record: status, headers, and the body with chunked
//! transfer coding and gzip/deflate content coding undone, then handed to the HTML reader.
//!
//! Why: WARC and ARC records store the response as it came over the wire, so the page bytes are
//! behind a header block and often chunked and compressed; only HTML pages are articles.
//!
//! Example: a record holding `HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n
//! Transfer-Encoding: chunked\r\n\r\n5\r\n<html\r\n…0\r\n\r\n` gives the page to
//! `html::read_html` with charset hint `utf-8`.
//!
//! Known limits: Brotli and zstd content coding are refused, not decoded; a body whose chunked
//! coding is broken is used as stored (what browsers and warcio do), chunk markers and all.

use crate::error::{Error, Location};
use crate::{Config, Event, detect, html};
use std::io::Read;

/// What the caller knows about the record holding the response.
pub struct Record<'a> {
    /// Where the record is.
    pub at: Location,
    /// The URL the response came from.
    pub target_uri: Option<&'a str>,
    /// The archive's name for the record kind in skip counts (`warc`, `arc`).
    pub archive: &'static str,
}

/// Turns an HTTP response block into a document, a rejection, or a skip.
pub fn response(block: &[u8], record: Record<'_>, config: &Config) -> Event {
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut parsed = httparse::Response::new(&mut headers);
    let header_len = match parsed.parse(block) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => {
            return reject(record.at, "the header block has no end (no blank line)".into());
        }
        Err(e) => return reject(record.at, http_error(e)),
    };
    let status = parsed.code.unwrap_or(0);
    if !(200..300).contains(&status) {
        return skip(&record, &format!("response (http status {}xx)", status / 100));
    }
    let header = |name: &str| {
        parsed
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_ascii_lowercase())
    };
    let content_type = header("content-type");
    let body = &block[header_len..];
    let mut body = match header("transfer-encoding") {
        Some(coding) if coding.contains("chunked") => match dechunk(body) {
            Ok(plain) => plain,
            Err(reason) => {
                tracing::warn!(origin = %record.at, reason, "broken chunked coding; body used as stored");
                body.to_vec()
            }
        },
        _ => body.to_vec(),
    };
    match header("content-encoding").as_deref() {
        None | Some("" | "identity" | "none") => {}
        Some("gzip" | "x-gzip") => match inflate(flate2::read::MultiGzDecoder::new(&body[..]), config) {
            Ok(plain) => body = plain,
            Err(reason) => return reject(record.at, format!("content-encoding gzip: {reason}")),
        },
        Some("deflate") => {
            // `deflate` should be zlib-wrapped, but servers send raw deflate too.
            let zlib = inflate(flate2::read::ZlibDecoder::new(&body[..]), config);
            match zlib.or_else(|_| inflate(flate2::read::DeflateDecoder::new(&body[..]), config)) {
                Ok(plain) => body = plain,
                Err(reason) => return reject(record.at, format!("content-encoding deflate: {reason}")),
            }
        }
        Some(other) => return reject(record.at, format!("unsupported content-encoding {other}")),
    }
    let is_html = match &content_type {
        Some(t) if !t.is_empty() => t.contains("html"),
        _ => detect::detect(Some("html"), &body[..body.len().min(detect::HEAD_BYTES)]) == detect::Kind::Html,
    };
    if !is_html {
        return skip(&record, "response (not html)");
    }
    let charset = content_type.as_deref().and_then(charset_of);
    page(&body, charset.as_deref(), record)
}

/// A page stored as is (a WARC `resource` record of type HTML).
pub fn page(body: &[u8], charset: Option<&str>, record: Record<'_>) -> Event {
    let origin = record.at.origin_with_record();
    match html::read_html(body, charset, record.target_uri, &origin) {
        Ok(mut draft) => {
            draft.format = model::Format::Warc;
            draft.origin = origin;
            if draft.url.is_none() {
                draft.url = record.target_uri.map(str::to_owned);
            }
            Event::Document(draft)
        }
        Err(reason) => Event::Rejected(Error::Html { at: record.at, reason }),
    }
}

/// The `charset` parameter of a `Content-Type` value.
pub fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        (name.trim().eq_ignore_ascii_case("charset")).then(|| value.trim().trim_matches(['"', '\'']).to_owned())
    })
}

fn reject(at: Location, reason: String) -> Event {
    Event::Rejected(Error::Http { at, reason })
}

fn skip(record: &Record<'_>, kind: &str) -> Event {
    Event::Skipped { origin: record.at.origin_with_record(), kind: format!("{} {kind}", record.archive) }
}

fn http_error(error: httparse::Error) -> String {
    match error {
        httparse::Error::TooManyHeaders => "more than 128 header lines".into(),
        httparse::Error::Version => "not an http response (no `HTTP/1.x` status line)".into(),
        other => other.to_string(),
    }
}

/// Decompresses with the document limit, so a compressed body cannot grow without bound. A body
/// cut short keeps what decompressed before the cut, as a browser would show it.
fn inflate(decoder: impl Read, config: &Config) -> Result<Vec<u8>, String> {
    let limit = config.max_document_bytes;
    let mut bytes = Vec::new();
    match decoder.take(limit.saturating_add(1)).read_to_end(&mut bytes) {
        Ok(_) if bytes.len() as u64 > limit => {
            Err(format!("larger than {} once decompressed", crate::error::human_size(limit)))
        }
        Ok(_) => Ok(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof && !bytes.is_empty() => {
            tracing::warn!(error = %e, kept = bytes.len(), "compressed body cut short; keeping what decoded");
            Ok(bytes)
        }
        Err(e) => Err(e.to_string()),
    }
}

/// Undoes HTTP/1.1 chunked transfer coding. A body cut short after whole chunks keeps what it
/// has; a malformed chunk-size line is an error.
pub fn dechunk(mut body: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let Some(line_end) = body.iter().position(|&b| b == b'\n') else {
            if body.iter().all(u8::is_ascii_whitespace) && !out.is_empty() {
                return Ok(out);
            }
            return Err("chunk size line without end".into());
        };
        let line = String::from_utf8_lossy(&body[..line_end]);
        let size_text = line.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_text, 16).map_err(|_| format!("bad chunk size {size_text:?}"))?;
        body = &body[line_end + 1..];
        if size == 0 {
            return Ok(out);
        }
        if size > body.len() {
            if out.is_empty() {
                return Err(format!("chunk of {size} bytes but only {} left", body.len()));
            }
            out.extend_from_slice(body);
            return Ok(out);
        }
        out.extend_from_slice(&body[..size]);
        body = &body[size..];
        body = body.strip_prefix(b"\r\n").or_else(|| body.strip_prefix(b"\n")).unwrap_or(body);
    }
}
