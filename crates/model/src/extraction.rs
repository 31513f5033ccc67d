//! The `dossier extract` JSON contract, stable from its first release: tests, evaluations and
//! users' scripts depend on its shape.
//!
//! Every item carries `start`/`end` UTF-8 byte offsets into `text` and the `text` it covers, so
//! a wrong offset is visible at a glance. The `entities`, `claims`, `times`, `quantities` and
//! `events` arrays are filled by later analyzers; until then they are present and empty.

use crate::document::Document;
use serde::Serialize;
use text::TextRange;

/// What the analyzers found in one document. Pure data, produced by `nlp`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Analysis {
    /// Sentence ranges, in order, covering the title and every sentence of the body.
    pub sentences: Vec<TextRange>,
}

/// A sentence in the JSON contract.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sentence {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

/// A generic covered span: offsets plus the text they cover.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// The covered text, `text[start..end]`.
    pub text: String,
}

impl Span {
    /// The span of `range` in `text`.
    pub fn of(range: TextRange, text: &str) -> Span {
        Span { start: range.start, end: range.end, text: range.slice(text).unwrap_or_default().to_owned() }
    }
}

/// One document in the `extract` JSON contract.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Extraction {
    /// The input's own id where it had one, else the content id.
    pub id: String,
    /// The content id (16 hex digits), the document's id in the store.
    pub content_id: String,
    /// Normalized title (may be empty).
    pub title: String,
    /// Publication time, ISO 8601, or null.
    pub published: Option<String>,
    /// Publisher or channel.
    pub source: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Language code.
    pub language: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// Format the document was read from.
    pub format: String,
    /// Normalized title, a blank line, then the normalized body. All offsets index this.
    pub text: String,
    /// Byte offset where the body begins.
    pub body_start: usize,
    /// Sentence ranges.
    pub sentences: Vec<Sentence>,
    /// Entity mentions (filled by a later analyzer).
    pub entities: Vec<Span>,
    /// Attributed claims (filled by a later analyzer).
    pub claims: Vec<Span>,
    /// Time expressions (filled by a later analyzer).
    pub times: Vec<Span>,
    /// Quantities (filled by a later analyzer).
    pub quantities: Vec<Span>,
    /// Events (filled by a later analyzer).
    pub events: Vec<Span>,
}

impl Extraction {
    /// Builds the contract object from a document and its analysis.
    pub fn new(doc: &Document, analysis: &Analysis) -> Extraction {
        Extraction {
            id: doc.external_id.clone().unwrap_or_else(|| doc.id.to_string()),
            content_id: doc.id.to_string(),
            title: doc.title.clone(),
            published: doc.published.map(|t| t.to_rfc3339()),
            source: doc.source.clone(),
            url: doc.url.clone(),
            language: doc.language.clone(),
            author: doc.author.clone(),
            format: doc.format.as_str().to_owned(),
            text: doc.text.clone(),
            body_start: doc.body_start,
            sentences: analysis.sentences.iter().map(|r| Sentence { start: r.start, end: r.end }).collect(),
            entities: Vec::new(),
            claims: Vec::new(),
            times: Vec::new(),
            quantities: Vec::new(),
            events: Vec::new(),
        }
    }
}
