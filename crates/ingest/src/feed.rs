//! RSS 0.9x/1.0/2.0, Atom and JSON Feed: one document per item, parsed by `feed-rs`.
//!
//! Why: feeds are how most news arrives. Each item's text is its content, else its summary,
//! with the HTML inside turned into paragraphs; the feed's title is the source, the item's link
//! its URL, its guid or id the external id, and its publication (else update) time the date.
//!
//! Example: an RSS 2.0 channel "Example Wire" with two `<item>`s gives two drafts, origins
//! `news.xml#1` and `news.xml#2`, each with `source` "Example Wire".
//!
//! Before parsing, the feed is decoded to UTF-8 here (BOM, UTF-16/32 by their zero bytes, the
//! XML declaration, else sniffing) and a few common faults are mended, since feed-rs would
//! otherwise refuse the whole feed: HTML named entities and bare `&`, `&#X41;`, `<rss>` without
//! a version feed-rs knows, Atom 0.3, and a final `>` cut off.
//!
//! Known limits: other ill-formed XML is rejected whole (feed-rs does not salvage "bozo" feeds
//! as Python's feedparser does); base64 text constructs and CDF are refused; a title-only item is a document with an empty body
//! (many feeds carry nothing else), only an item with neither title nor text is rejected; ids
//! feed-rs would invent for items without one are not kept. JSON Feed items come out as RSS.

use crate::error::{Error, Location};
use crate::{charset, snippet};
use chrono::{DateTime, Utc};
use feed_rs::model::{Entry, Feed, FeedType, Text};
use model::{Draft, Format};

/// Reads every item of a feed into `sink`, as documents or per-item rejections.
pub fn read_feed(bytes: &[u8], origin: &str, sink: &mut dyn FnMut(Result<Item, Error>)) {
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
            sink(Err(Error::NotAFeed { at: Location::file(origin), reason: feed_error(&e, &text) }));
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
        // Nothing is wrong with a feed that has no items today; it is counted, not rejected.
        sink(Ok(Item::Empty));
        return;
    }
    let format = match feed.feed_type {
        FeedType::Atom => Format::Atom,
        FeedType::RSS0 | FeedType::RSS1 | FeedType::RSS2 | FeedType::JSON => Format::Rss,
    };
    let source = feed.title.as_ref().map(text_of).filter(|t| !t.is_empty());
    for (index, entry) in feed.entries.iter().enumerate() {
        let at = Location::record(origin, index as u64 + 1, None);
        sink(item(&feed, entry, format, source.clone(), at).map(|draft| Item::Document(Box::new(draft))));
    }
}

/// What a feed gave besides rejections.
pub enum Item {
    /// One item's draft.
    Document(Box<Draft>),
    /// The feed parsed but has no items.
    Empty,
}

fn item(feed: &Feed, entry: &Entry, format: Format, source: Option<String>, at: Location) -> Result<Draft, Error> {
    let mut draft = Draft::new(format, at.origin_with_record());
    draft.title = entry.title.as_ref().map(text_of).map(demoronize).filter(|t| !t.is_empty());
    let content = entry.content.as_ref().and_then(|c| {
        let body = c.body.as_deref()?;
        let html = c.content_type.subty().as_str().contains("html") || looks_like_html(body);
        Some(if html { snippet::to_text(body) } else { body.trim().to_owned() })
    });
    // Media RSS items (video, photo feeds) keep their text in `media:description`.
    let media = || entry.media.iter().find_map(|m| m.description.as_ref()).map(text_of);
    let body = content
        .filter(|b| !b.is_empty())
        .or_else(|| entry.summary.as_ref().map(text_of).filter(|b| !b.is_empty()))
        .or_else(media)
        .unwrap_or_default();
    draft.body = demoronize(body);
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

/// Maps C1 control characters to what Windows-1252 puts there (`&#146;` is meant as `’`): feeds
/// written on Windows produce them, and no news text means a control character.
fn demoronize(text: String) -> String {
    if !text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)) {
        return text;
    }
    text.chars()
        .map(|c| match c {
            '\u{80}'..='\u{9f}' => char::from_u32(snippet::windows_1252(c as u8)).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// Decodes a feed to UTF-8 by byte-order mark, the XML declaration's `encoding`, or sniffing,
/// and drops the declaration, so the XML parser never has to switch encodings itself.
fn to_utf8(bytes: &[u8]) -> String {
    let text = match utf32(bytes).or_else(|| utf16(bytes)) {
        Some(text) => text,
        None => charset::decode(bytes, declared_encoding(bytes).as_deref()),
    };
    let text = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    // The declaration goes wherever it is (after a comment, where it is an error, is common).
    let root = root_start(text).unwrap_or(text.len());
    let text = match text[..root].find("<?xml").and_then(|start| Some((start, text[start..].find("?>")? + start + 2))) {
        Some((start, end)) => format!("{}{}", &text[..start], &text[end..]),
        None => text.to_owned(),
    };
    let text = atom03_as_10(text);
    let mut text = with_rss_version(&xml_entities(&text));
    close_last_tag(&mut text);
    text
}

/// Atom 0.3 is close enough to 1.0 for what is read here (title, id, link, summary, content)
/// once it has 1.0's namespace and text types (0.3 used MIME types where 1.0 says `text`,
/// `html`, `xhtml`; link types are MIME types in both, and nothing here reads them).
fn atom03_as_10(text: String) -> String {
    const ATOM_03: &str = "\"http://purl.org/atom/ns#\"";
    if !text.contains(ATOM_03) {
        return text;
    }
    text.replace(ATOM_03, "\"http://www.w3.org/2005/Atom\"")
        .replace("type=\"text/plain\"", "type=\"text\"")
        .replace("type=\"text/html\"", "type=\"html\"")
        .replace("type=\"application/xhtml+xml\"", "type=\"xhtml\"")
}

/// A feed cut off right before the final `>` (`…</rss`) loses only that character; put it back.
fn close_last_tag(text: &mut String) {
    let trimmed = text.trim_end().len();
    text.truncate(trimmed);
    let Some(lt) = text.rfind('<') else { return };
    let tail = &text[lt..];
    if tail.starts_with("</") && tail.len() > 2 && tail[2..].chars().all(|c| c.is_alphanumeric() || c == ':') {
        text.push('>');
    }
}

/// Rewrites references XML does not define: HTML named entities (`&eacute;`, which RSS feeds
/// use freely) become numeric references, and a bare `&` (`AT&T`) becomes `&amp;`, so that one
/// careless character does not cost the whole feed. CDATA sections are left alone.
fn xml_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(i) = rest.find(['&', '<']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if let Some(after) = rest.strip_prefix("<![CDATA[") {
            let end = after.find("]]>").map_or(after.len(), |e| e + 3);
            out.push_str(&rest[..9 + end]);
            rest = &after[end..];
            continue;
        }
        if let Some(after) = rest.strip_prefix('<') {
            out.push('<');
            rest = after;
            continue;
        }
        let after = &rest[1..];
        let name_len = after.bytes().take(40).take_while(|b| b.is_ascii_alphanumeric() || *b == b'#').count();
        let name = &after[..name_len];
        let closed = after[name_len..].starts_with(';');
        if let Some(hex) = name.strip_prefix("#X").filter(|_| closed) {
            // XML allows only a lower-case `x` in hexadecimal references.
            out.push_str("&#x");
            out.push_str(hex);
            rest = &after[name_len..];
        } else if closed && (name.starts_with('#') || matches!(name, "amp" | "lt" | "gt" | "quot" | "apos")) {
            out.push('&');
            rest = after;
        } else if let Some(c) = snippet::named(name).filter(|_| closed) {
            out.push_str(&format!("&#x{:x}", u32::from(c)));
            rest = &after[name_len..];
        } else {
            out.push_str("&amp;");
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// feed-rs reads `<rss>` only with version 2.0, 0.91 or 0.92; `<rss>` without a version and
/// versions such as 0.93 or 2.01 are common and read fine as 2.0.
fn with_rss_version(text: &str) -> String {
    let Some(start) = root_start(text) else { return text.to_owned() };
    let root = &text[start..];
    let is_rss = root.strip_prefix("<rss").is_some_and(|r| r.starts_with(|c: char| c.is_whitespace() || c == '>'));
    if !is_rss {
        return text.to_owned();
    }
    let tag_end = root.find('>').unwrap_or(root.len());
    let tag = &root[..tag_end];
    if ["\"2.0\"", "'2.0'", "\"0.91\"", "'0.91'", "\"0.92\"", "'0.92'"]
        .iter()
        .any(|v| tag.contains(&format!("version={v}")))
    {
        return text.to_owned();
    }
    // Rename any other version attribute out of the way and state 2.0.
    let tag = tag.replacen("version=", "data-version=", 1);
    format!("{}<rss version=\"2.0\"{}{}", &text[..start], &tag[4..], &root[tag_end..])
}

/// Where the root element starts, past comments, processing instructions and a doctype.
fn root_start(text: &str) -> Option<usize> {
    let mut position = 0;
    loop {
        let rest = &text[position..];
        let lt = rest.find('<')?;
        let at = &rest[lt..];
        let skip_to = if at.starts_with("<!--") {
            at.find("-->").map(|e| e + 3)
        } else if at.starts_with("<?") || at.starts_with("<!") {
            at.find('>').map(|e| e + 1)
        } else {
            return Some(position + lt);
        };
        position += lt + skip_to?;
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

/// UTF-16 by byte-order mark, or by the zero byte of `<` without one. The zero bytes decide,
/// not a declared `encoding="utf-16"`, which does not say which byte order.
fn utf16(bytes: &[u8]) -> Option<String> {
    let (big_endian, body) = match bytes {
        [0xfe, 0xff, rest @ ..] => (true, rest),
        [0xff, 0xfe, rest @ ..] => (false, rest),
        [0, b'<', ..] => (true, bytes),
        [b'<', 0, ..] => (false, bytes),
        _ => return None,
    };
    let units: Vec<u16> = body
        .chunks_exact(2)
        .map(|c| if big_endian { u16::from_be_bytes([c[0], c[1]]) } else { u16::from_le_bytes([c[0], c[1]]) })
        .collect();
    Some(String::from_utf16_lossy(&units))
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

/// feed-rs's message, reworded where it is vague: "no root" says which root was found instead.
fn feed_error(error: &feed_rs::parser::ParseFeedError, text: &str) -> String {
    use feed_rs::parser::{ParseErrorKind, ParseFeedError};
    match error {
        ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot) => match root_name(text) {
            None => "no root element (the file holds no xml element)".into(),
            Some(name) if name == "rss" => "the <rss> element has no <channel>".into(),
            Some(name) if matches!(name.as_str(), "feed" | "rdf:RDF" | "RDF") => {
                format!("the <{name}> element could not be read (the xml is not well-formed)")
            }
            Some(name) => format!("the root element <{name}> is not rss, rdf or atom"),
        },
        ParseFeedError::ParseError(ParseErrorKind::UnknownMimeType { mime, .. }) => {
            format!("unsupported content type {mime:?} in a text element")
        }
        ParseFeedError::ParseError(ParseErrorKind::MissingContent { reference, .. }) => format!("missing {reference}"),
        ParseFeedError::ParseError(ParseErrorKind::UnknownEnumVariant { reference, .. }) => {
            format!("unknown value {reference:?}")
        }
        ParseFeedError::ParseError(ParseErrorKind::IllegalState { reference, .. }) => format!("unexpected {reference}"),
        ParseFeedError::XmlReader(e) => {
            let message = lower_first(&e.to_string());
            format!("ill-formed xml: {}", message.strip_prefix("parser error: ").unwrap_or(&message))
        }
        ParseFeedError::JsonSerde(e) => format!("json feed: {e}"),
        ParseFeedError::JsonUnsupportedVersion(v) => format!("unsupported json feed version {v}"),
        ParseFeedError::IoError(e) => format!("read error: {e}"),
    }
}

/// The name of the root element, if there is one.
fn root_name(text: &str) -> Option<String> {
    let root = &text[root_start(text)? + 1..];
    let end = root.find(|c: char| c.is_whitespace() || c == '>' || c == '/').unwrap_or(root.len());
    Some(root[..end].to_owned()).filter(|n| !n.is_empty())
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
