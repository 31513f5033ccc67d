//! Documents: the [`Draft`] a reader fills in, and the normalized [`Document`] with its content id.
//!
//! The id is a hash of the normalized text (title, blank line, body), so the same article read from
//! an HTML page, a feed item and a WARC record gets the same id when the extracted text agrees, and
//! re-ingesting a file is a no-op.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use std::fmt;
use text::{TextRange, normalize_body, normalize_title};

/// The format a document was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text.
    Text,
    /// Markdown, possibly with YAML front matter.
    Markdown,
    /// An HTML page.
    Html,
    /// An RSS 0.9x/1.0/2.0 item.
    Rss,
    /// An Atom entry.
    Atom,
    /// One line of a JSON Lines file.
    Jsonl,
    /// A `response` record of a WARC file.
    Warc,
}

impl Format {
    /// The lower-case name used in JSON, the store and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Rss => "rss",
            Format::Atom => "atom",
            Format::Jsonl => "jsonl",
            Format::Warc => "warc",
        }
    }

    /// Parses [`Format::as_str`] back.
    pub fn parse(name: &str) -> Option<Format> {
        Some(match name {
            "text" => Format::Text,
            "markdown" => Format::Markdown,
            "html" => Format::Html,
            "rss" => Format::Rss,
            "atom" => Format::Atom,
            "jsonl" => Format::Jsonl,
            "warc" => Format::Warc,
            _ => return None,
        })
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A document as a reader found it, before normalization. Readers fill what the format offers
/// and leave the rest `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    /// The input's own identifier (a JSONL `id`, a feed item's guid), kept for the user.
    pub external_id: Option<String>,
    /// The headline, raw.
    pub title: Option<String>,
    /// The main text, raw; paragraphs separated by blank lines.
    pub body: String,
    /// Publication time, when the input states one.
    pub published: Option<DateTime<FixedOffset>>,
    /// The publisher or channel (a feed's title, a site name, front matter `source`).
    pub source: Option<String>,
    /// Canonical URL of the article.
    pub url: Option<String>,
    /// Language code (BCP 47, e.g. `en`) when stated or detected.
    pub language: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// The format the reader parsed.
    pub format: Format,
    /// Where the document came from: the file path, plus `#N` for the N-th record (1-based) of a
    /// multi-document input.
    pub origin: String,
}

impl Draft {
    /// An empty draft of `format` from `origin`, for readers to fill in.
    pub fn new(format: Format, origin: impl Into<String>) -> Draft {
        Draft {
            external_id: None,
            title: None,
            body: String::new(),
            published: None,
            source: None,
            url: None,
            language: None,
            author: None,
            format,
            origin: origin.into(),
        }
    }
}

/// A content id: the first 64 bits of the BLAKE3 hash of the normalized text, as 16 hex digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocId([u8; 8]);

impl DocId {
    /// The id of a normalized document text.
    pub fn of_text(text: &str) -> DocId {
        let hash = blake3::hash(text.as_bytes());
        let mut bytes = [0; 8];
        bytes.copy_from_slice(&hash.as_bytes()[..8]);
        DocId(bytes)
    }

    /// The id as one number (its bytes, big-endian: ordered as the ids are).
    pub fn as_u64(self) -> u64 {
        u64::from_be_bytes(self.0)
    }

    /// Parses the 16-hex-digit form.
    pub fn parse(hex: &str) -> Option<DocId> {
        if hex.len() != 16 {
            return None;
        }
        let mut bytes = [0; 8];
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
        }
        Some(DocId(bytes))
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for byte in self.0 {
            write!(f, "{byte:02x}")?;
        }
        Ok(())
    }
}

impl Serialize for DocId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DocId {
    /// Reads the 16-hex-digit form.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<DocId, D::Error> {
        let hex = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        DocId::parse(&hex).ok_or_else(|| serde::de::Error::custom(format!("bad document id `{hex}`")))
    }
}

/// A normalized document: the text every offset indexes, and its metadata.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// Content id of `text`.
    pub id: DocId,
    /// The input's own id, if it had one.
    pub external_id: Option<String>,
    /// The normalized title (may be empty).
    pub title: String,
    /// The normalized title, a blank line, then the normalized body; without a title, the body.
    pub text: String,
    /// Byte offset where the body begins in `text`.
    pub body_start: usize,
    /// Publication time, when known.
    pub published: Option<DateTime<FixedOffset>>,
    /// Publisher or channel.
    pub source: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Language code.
    pub language: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// Format read from.
    pub format: Format,
    /// File and record the document came from.
    pub origin: String,
}

impl Document {
    /// Normalizes a draft. Returns `None` when there is no text at all (an empty record), which
    /// readers report as a rejection.
    pub fn from_draft(draft: Draft) -> Option<Document> {
        let title = draft.title.as_deref().map(normalize_title).unwrap_or_default();
        let body = normalize_body(&draft.body);
        if title.is_empty() && body.is_empty() {
            return None;
        }
        let (text, body_start) = compose_text(&title, &body);
        Some(Document {
            id: DocId::of_text(&text),
            external_id: draft.external_id.map(|s| normalize_title(&s)).filter(|s| !s.is_empty()),
            title,
            text,
            body_start,
            published: draft.published,
            source: clean(draft.source),
            url: clean(draft.url),
            language: clean(draft.language),
            author: clean(draft.author),
            format: draft.format,
            origin: draft.origin,
        })
    }

    /// The range of the body in `text`.
    pub fn body_range(&self) -> TextRange {
        TextRange::new(self.body_start, self.text.len())
    }

    /// The body text.
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }
}

/// The document text for a normalized title and body, and the offset where the body begins: the
/// title, a blank line, then the body; either part may be empty, and then no blank line is added.
pub fn compose_text(title: &str, body: &str) -> (String, usize) {
    match (title.is_empty(), body.is_empty()) {
        (true, _) => (body.to_owned(), 0),
        (false, true) => (title.to_owned(), title.len()),
        (false, false) => (format!("{title}\n\n{body}"), title.len() + 2),
    }
}

fn clean(field: Option<String>) -> Option<String> {
    field.map(|s| normalize_title(&s)).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(title: &str, body: &str) -> Draft {
        Draft { title: Some(title.into()), body: body.into(), ..Draft::new(Format::Text, "t.txt") }
    }

    #[test]
    fn text_is_title_blank_line_body() {
        let doc = Document::from_draft(draft(" Troops  seen ", "Line one\nwrapped.\n\nTwo.")).unwrap();
        assert_eq!(doc.text, "Troops seen\n\nLine one wrapped.\n\nTwo.");
        assert_eq!(doc.body(), "Line one wrapped.\n\nTwo.");
        assert_eq!(&doc.text[..doc.body_start - 2], doc.title);
    }

    #[test]
    fn layout_noise_does_not_change_the_id() {
        let a = Document::from_draft(draft("T", "a b\r\n\r\nc")).unwrap();
        let b = Document::from_draft(draft("T ", "a  b\n\n\n\nc\n")).unwrap();
        assert_eq!(a.id, b.id);
        assert_ne!(a.id, Document::from_draft(draft("T", "a b c")).unwrap().id);
    }

    #[test]
    fn empty_draft_is_no_document() {
        assert!(Document::from_draft(draft(" ", "\n\n")).is_none());
    }

    #[test]
    fn title_only_document_has_empty_body() {
        let doc = Document::from_draft(draft("Only a headline", "")).unwrap();
        assert_eq!(doc.body(), "");
        assert_eq!(doc.body_start, doc.text.len());
    }

    #[test]
    fn doc_id_round_trips() {
        let id = DocId::of_text("x");
        assert_eq!(DocId::parse(&id.to_string()), Some(id));
        assert_eq!(DocId::parse("zz"), None);
    }
}
