//! Format detection from the first bytes of an input and its extension; content wins when the two
//! disagree and the content is decisive.
//!
//! Why: files are misnamed all the time (an RSS feed saved as `.txt`, a JSONL export served as
//! `.html`, anything on standard input), but plain text has no signature, so the extension still
//! decides between text, Markdown and an unknown format when the content says nothing.
//!
//! Example: `detect(Some("txt"), b"<?xml version=\"1.0\"?><rss version=\"2.0\">")` is
//! [`Kind::Feed`].
//!
//! Known limits: only the first [`HEAD_BYTES`] bytes are looked at, so an XML root preceded by
//! a longer comment is judged by the extension; UTF-16 and UTF-32 are read by dropping the zero
//! bytes of the head, which is enough to see markup.

use std::borrow::Cow;

/// How much of an input detection looks at.
pub const HEAD_BYTES: usize = 8192;

/// What reader an input goes to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Plain text.
    Text,
    /// Markdown.
    Markdown,
    /// An HTML page.
    Html,
    /// RSS, RDF, Atom or JSON Feed.
    Feed,
    /// JSON Lines.
    Jsonl,
    /// A WARC file.
    Warc,
    /// A legacy Internet Archive ARC file.
    Arc,
    /// Content no reader takes; the text says what it looked like.
    Unknown(String),
}

/// Decides the reader for an input from its extension (lower-case, without the dot and without a
/// trailing `.gz`) and its first bytes.
pub fn detect(extension: Option<&str>, head: &[u8]) -> Kind {
    if let Some(kind) = signature(head) {
        return Kind::Unknown(kind);
    }
    let view = ascii_view(head);
    let start = skip_noise(&view);
    if start.starts_with(b"WARC/") {
        return Kind::Warc;
    }
    if start.starts_with(b"filedesc://") {
        return Kind::Arc;
    }
    if start.starts_with(b"{") {
        return if is_json_feed(start) { Kind::Feed } else { Kind::Jsonl };
    }
    if start.starts_with(b"<")
        && let Some(kind) = markup(start)
    {
        return kind;
    }
    // Only now: a WARC or feed may well hold binary payloads in its first kilobytes.
    if is_binary(head) {
        return Kind::Unknown("binary content".into());
    }
    match extension {
        Some("md" | "markdown" | "mdown" | "mkd") => Kind::Markdown,
        Some("html" | "htm" | "xhtml" | "shtml") => Kind::Html,
        Some("xml" | "rss" | "atom" | "rdf" | "feed") => Kind::Feed,
        Some("jsonl" | "ndjson" | "json") => Kind::Jsonl,
        Some("warc") => Kind::Warc,
        Some("arc") => Kind::Arc,
        None | Some("txt" | "text") => Kind::Text,
        Some(other) => Kind::Unknown(format!("text file with unknown extension .{other}")),
    }
}

/// Recognises common binary formats by signature.
fn signature(head: &[u8]) -> Option<String> {
    const SIGNATURES: [(&[u8], &str); 12] = [
        (b"%PDF", "a pdf document"),
        (b"\x89PNG", "a png image"),
        (b"\xff\xd8\xff", "a jpeg image"),
        (b"GIF8", "a gif image"),
        (b"PK\x03\x04", "a zip archive"),
        (b"BZh", "a bzip2 stream"),
        (b"\xfd7zXZ", "an xz stream"),
        (b"\x28\xb5\x2f\xfd", "a zstd stream"),
        (b"7z\xbc\xaf", "a 7z archive"),
        (b"\xd0\xcf\x11\xe0", "an ms office document"),
        (b"\x7fELF", "an executable"),
        (b"\x1f\x8b", "a gzip stream nested in a gzip stream"),
    ];
    if let Some((_, name)) = SIGNATURES.iter().find(|(magic, _)| head.starts_with(magic)) {
        return Some(format!("binary content ({name})"));
    }
    if head.len() > 262 && &head[257..262] == b"ustar" {
        return Some("binary content (a tar archive)".into());
    }
    None
}

/// Binary junk: text has no NUL bytes and few control bytes other than tab, CR, LF, form feed
/// and escape.
fn is_binary(head: &[u8]) -> bool {
    if utf16_or_32(head).is_some() {
        return false;
    }
    let control = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)).count();
    head.contains(&0) || control * 20 > head.len()
}

/// Whether the head is UTF-16 or UTF-32 text, by byte-order mark or by the zero bytes every
/// ASCII character gets in those encodings. Returns the code unit width.
fn utf16_or_32(head: &[u8]) -> Option<usize> {
    if head.starts_with(&[0xff, 0xfe, 0, 0]) || head.starts_with(&[0, 0, 0xfe, 0xff]) {
        return Some(4);
    }
    if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) {
        return Some(2);
    }
    match head {
        [0, 0, 0, b'<', ..] | [b'<', 0, 0, 0, ..] => Some(4),
        [0, b'<', 0, _, ..] | [b'<', 0, _, 0, ..] => Some(2),
        _ => None,
    }
}

/// The head with zero bytes dropped when it is UTF-16 or UTF-32, so markup can be seen.
fn ascii_view(head: &[u8]) -> Cow<'_, [u8]> {
    match utf16_or_32(head) {
        Some(_) => Cow::Owned(head.iter().copied().filter(|&b| b != 0 && b != 0xff && b != 0xfe).collect()),
        None => Cow::Borrowed(head),
    }
}

/// Skips a UTF-8 byte-order mark and leading whitespace.
fn skip_noise(head: &[u8]) -> &[u8] {
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    &head[start..]
}

fn is_json_feed(start: &[u8]) -> bool {
    let first_line = start.split(|&b| b == b'\n').next().unwrap_or_default();
    let window = &start[..start.len().min(1024)];
    // A JSON Feed is one pretty-printed object that names its version; a JSONL record that
    // merely mentions the URL keeps its whole object on the first line.
    contains(window, b"jsonfeed.org/version") && serde_json::from_slice::<serde_json::Value>(first_line).is_err()
}

/// Looks past the XML declaration, comments, processing instructions and doctype to the first
/// element, and decides from its name.
fn markup(start: &[u8]) -> Option<Kind> {
    let mut rest = start;
    // An HTML doctype decides unless the root element says otherwise (an RSS feed behind an
    // XHTML doctype occurs).
    let mut html_doctype = false;
    loop {
        rest = skip_noise(rest);
        if rest.starts_with(b"<?") {
            rest = after(rest, b"?>")?;
        } else if rest.starts_with(b"<!--") {
            rest = after(rest, b"-->")?;
        } else if rest.len() >= 9 && rest[..9].eq_ignore_ascii_case(b"<!doctype") {
            let doctype = &rest[..rest.len().min(200)];
            html_doctype = contains_ignore_case(doctype, b"html");
            rest = match after(rest, b">") {
                Some(rest) => rest,
                None if html_doctype => return Some(Kind::Html),
                None => return None,
            };
        } else {
            break;
        }
    }
    if !rest.starts_with(b"<") {
        return html_doctype.then_some(Kind::Html);
    }
    let name_end = rest[1..]
        .iter()
        .position(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))
        .map_or(rest.len(), |i| i + 1);
    let name = rest[1..name_end].to_ascii_lowercase();
    let local = name.rsplit(|&b| b == b':').next().unwrap_or_default();
    match local {
        b"rss" | b"feed" | b"rdf" | b"channel" | b"entry" => Some(Kind::Feed),
        b"html" | b"head" | b"body" | b"div" | b"p" | b"meta" | b"title" | b"article" | b"section" | b"table"
        | b"h1" | b"h2" | b"script" | b"link" | b"style" | b"span" | b"main" | b"header" => Some(Kind::Html),
        _ => html_doctype.then_some(Kind::Html),
    }
}

fn after<'a>(haystack: &'a [u8], needle: &[u8]) -> Option<&'a [u8]> {
    haystack.windows(needle.len()).position(|w| w == needle).map(|i| &haystack[i + needle.len()..])
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn contains_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
}
