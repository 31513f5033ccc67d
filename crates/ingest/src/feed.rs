//! RSS 0.9x/1.0/2.0, Atom and JSON Feed: one document per item, parsed by `feed-rs`.
//!
//! Why: feeds are how most news arrives. Each item's text is its content, else its summary,
//! with the HTML inside turned into paragraphs; the feed's title is the source, the item's link
//! its URL, its guid or id the external id, and its publication (else update) time the date.
//!
//! Example: an RSS 2.0 channel "Example Wire" with two `<item>`s gives two drafts, origins
//! `news.xml#1` and `news.xml#2`, each with `source` "Example Wire".
//!
//! Known limits: a feed that is not well-formed XML is rejected whole (feed-rs does not salvage
//! "bozo" feeds as Python's feedparser does); a title-only item is a document with an empty body
//! (many feeds carry nothing else), only an item with neither title nor text is rejected; ids
//! feed-rs would invent for items without one are not kept. JSON Feed items come out as RSS.

use crate::error::{Error, Location};
use crate::{charset, snippet};
use chrono::{DateTime, Utc};
use feed_rs::model::{Entry, Feed, FeedType, Text};
use model::{Draft, Format};

/// Reads every item of a feed into `sink`, as documents or per-item rejections.
pub fn read_feed(bytes: &[u8], origin: &str, sink: &mut dyn FnMut(Result<Draft, Error>)) {
    let parser = feed_rs::parser::Builder::new()
        // An empty id tells "the feed gave none" apart from a hash feed-rs would make up.
        .id_generator(|_, _, _| String::new())
        .build();
    let text = to_utf8(bytes);
    // feed-rs sits on quick-xml, which has panicked on odd encodings; a bad feed must cost one
    // rejection, not the batch.
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parser.parse(text.as_bytes())));
    let feed = match parsed {
        Ok(Ok(feed)) => feed,
        Ok(Err(e)) => {
            sink(Err(Error::NotAFeed { at: Location::file(origin), reason: feed_error(&e) }));
            return;
        }
        Err(_) => {
            tracing::warn!(origin, "feed parser panicked");
            sink(Err(Error::NotAFeed {
                at: Location::file(origin),
                reason: "the feed parser failed on this input".into(),
            }));
            return;
        }
    };
    if feed.entries.is_empty() {
        sink(Err(Error::NoText { at: Location::file(origin), detail: "the feed has no items".into() }));
        return;
    }
    let format = match feed.feed_type {
        FeedType::Atom => Format::Atom,
        FeedType::RSS0 | FeedType::RSS1 | FeedType::RSS2 | FeedType::JSON => Format::Rss,
    };
    let source = feed.title.as_ref().map(text_of).filter(|t| !t.is_empty());
    for (index, entry) in feed.entries.iter().enumerate() {
        let at = Location::record(origin, index as u64 + 1, None);
        sink(item(&feed, entry, format, source.clone(), at));
    }
}

fn item(feed: &Feed, entry: &Entry, format: Format, source: Option<String>, at: Location) -> Result<Draft, Error> {
    let mut draft = Draft::new(format, at.origin_with_record());
    draft.title = entry.title.as_ref().map(text_of).filter(|t| !t.is_empty());
    let content = entry.content.as_ref().and_then(|c| {
        let body = c.body.as_deref()?;
        let html = c.content_type.subty().as_str().contains("html") || looks_like_html(body);
        Some(if html { snippet::to_text(body) } else { body.trim().to_owned() })
    });
    draft.body = content.filter(|b| !b.is_empty()).or_else(|| entry.summary.as_ref().map(text_of)).unwrap_or_default();
    if draft.title.is_none() && draft.body.trim().is_empty() {
        return Err(Error::NoText { at, detail: "the item has neither title nor content".into() });
    }
    draft.external_id = Some(entry.id.clone()).filter(|id| !id.trim().is_empty());
    draft.url = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        .map(|l| l.href.clone());
    draft.published = entry.published.or(entry.updated).map(|d: DateTime<Utc>| d.fixed_offset());
    draft.source = source;
    let authors: Vec<&str> =
        entry.authors.iter().filter_map(|p| Some(p.name.as_deref()?.trim())).filter(|n| !n.is_empty()).collect();
    draft.author = (!authors.is_empty()).then(|| authors.join(", "));
    draft.language = entry.language.clone().or_else(|| feed.language.clone());
    Ok(draft)
}

/// Decodes a feed to UTF-8 by byte-order mark, the XML declaration's `encoding`, or sniffing,
/// and drops the declaration, so the XML parser never has to switch encodings itself.
fn to_utf8(bytes: &[u8]) -> String {
    let text = if let Some(text) = utf32(bytes) {
        text
    } else {
        let declared = declared_encoding(bytes);
        let declared = declared.as_deref().or_else(|| utf16_without_bom(bytes));
        charset::decode(bytes, declared)
    };
    let text = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    match text.strip_prefix("<?xml").and_then(|rest| rest.find("?>").map(|end| &rest[end + 2..])) {
        Some(rest) => rest.to_owned(),
        None => text.to_owned(),
    }
}

/// The `encoding` of an XML declaration, read from the ASCII bytes of the first line (zero bytes
/// of UTF-16 dropped).
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head: Vec<u8> = bytes.iter().take(400).copied().filter(|&b| b != 0).collect();
    let head = String::from_utf8_lossy(&head);
    let declaration = &head[head.find("<?xml")?..];
    let declaration = &declaration[..declaration.find("?>")?];
    let value = declaration.split("encoding").nth(1)?.trim_start().strip_prefix('=')?.trim_start();
    let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &value[1..];
    Some(value[..value.find(quote)?].to_owned())
}

/// UTF-16 recognised by the zero byte of `<` when there is no byte-order mark.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0, b'<', 0, b'?' | b'r' | b'f', ..] => Some("utf-16be"),
        [b'<', 0, b'?' | b'r' | b'f', 0, ..] => Some("utf-16le"),
        _ => None,
    }
}

/// UTF-32 (which the web's encoding standard leaves out), by byte-order mark or the zero bytes
/// around `<`.
fn utf32(bytes: &[u8]) -> Option<String> {
    let big_endian = match bytes {
        [0, 0, 0xfe, 0xff, ..] | [0, 0, 0, b'<', ..] => true,
        [0xff, 0xfe, 0, 0, ..] | [b'<', 0, 0, 0, ..] => false,
        _ => return None,
    };
    let text = bytes
        .chunks_exact(4)
        .map(|c| {
            let unit = if big_endian {
                u32::from_be_bytes([c[0], c[1], c[2], c[3]])
            } else {
                u32::from_le_bytes([c[0], c[1], c[2], c[3]])
            };
            char::from_u32(unit).unwrap_or('\u{fffd}')
        })
        .collect();
    Some(text)
}

/// The plain text of a feed text construct: HTML (declared, or looking like it) is stripped.
fn text_of(text: &Text) -> String {
    let subtype = text.content_type.subty();
    if subtype.as_str().contains("html") || looks_like_html(&text.content) {
        snippet::to_text(&text.content)
    } else {
        text.content.trim().to_owned()
    }
}

/// RSS says nothing about whether a description holds HTML; it usually does.
fn looks_like_html(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        "<p", "<br", "<div", "<a ", "<img", "<b>", "<i>", "<em>", "<strong>", "<span", "<ul", "<li", "&lt;", "&amp;",
        "&#", "&quot;",
    ]
    .iter()
    .any(|tag| lower.contains(tag))
}

/// feed-rs's message, with its generic "unable to parse feed" prefix dropped and a hint for the
/// commonest case.
fn feed_error(error: &feed_rs::parser::ParseFeedError) -> String {
    use feed_rs::parser::{ParseErrorKind, ParseFeedError};
    match error {
        ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot) => {
            "no rss, rdf or atom root element (or the xml is not well-formed)".into()
        }
        ParseFeedError::ParseError(kind) => kind.to_string(),
        ParseFeedError::XmlReader(e) => format!("xml: {}", lower_first(&e.to_string())),
        ParseFeedError::JsonSerde(e) => format!("json feed: {e}"),
        ParseFeedError::JsonUnsupportedVersion(v) => format!("unsupported json feed version {v}"),
        ParseFeedError::IoError(e) => format!("read error: {e}"),
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if !chars.as_str().starts_with(|c: char| c.is_uppercase()) => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => text.to_owned(),
    }
}
