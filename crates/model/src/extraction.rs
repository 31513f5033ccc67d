//! The `dossier extract` JSON contract, stable from its first release: tests, evaluations and
//! users' scripts depend on its shape.
//!
//! Every item carries `start`/`end` UTF-8 byte offsets into `text` and the `text` it covers, so
//! a wrong offset is visible at a glance. The `entities`, `claims`, `times`, `quantities` and
//! `events` arrays are filled by later analyzers; until then they are present and empty.

use crate::analysis::{Analysis, Bound, Claim, Entity, EntityType, MentionKind, Stance, TimeType};
use crate::document::Document;
use serde::Serialize;
use text::TextRange;

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
        Span { start: range.start, end: range.end, text: slice(range, text) }
    }
}

fn claim_item(claim: &Claim, text: &str) -> ClaimItem {
    let mut cover = claim.cue.cover(claim.content);
    if let Some(speaker) = &claim.speaker {
        cover = cover.cover(speaker.range);
    }
    ClaimItem {
        start: cover.start,
        end: cover.end,
        text: slice(cover, text),
        speaker: claim.speaker.as_ref().map(|s| SpeakerItem {
            start: s.range.start,
            end: s.range.end,
            text: slice(s.range, text),
            entity: s.entity.clone(),
        }),
        cue: Span::of(claim.cue, text),
        stance: claim.stance,
        content: Span::of(claim.content, text),
        direct: claim.direct,
        hedged: !claim.hedges.is_empty(),
        hedges: claim.hedges.iter().map(|h| Span::of(*h, text)).collect(),
        negated: claim.negated,
        sentence: claim.sentence,
        parent: claim.parent,
    }
}

fn entity_item(entity: &Entity, text: &str) -> EntityItem {
    let first = entity.mentions.first().map(|m| m.range).unwrap_or_default();
    EntityItem {
        start: first.start,
        end: first.end,
        text: slice(first, text),
        id: entity.id.clone(),
        name: entity.name.clone(),
        kind: entity.kind,
        roles: entity.roles.clone(),
        mentions: entity
            .mentions
            .iter()
            .map(|m| MentionItem { start: m.range.start, end: m.range.end, text: slice(m.range, text), kind: m.kind })
            .collect(),
    }
}

fn slice(range: TextRange, text: &str) -> String {
    range.slice(text).unwrap_or_default().to_owned()
}

/// A time expression in the JSON contract.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimeItem {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// The covered text.
    pub text: String,
    /// TIMEX3 type.
    #[serde(rename = "type")]
    pub kind: TimeType,
    /// TIMEX3 value, or null when unresolved.
    pub value: Option<String>,
    /// Whether the expression is vague.
    pub vague: bool,
}

/// A quantity in the JSON contract.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuantityItem {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// The covered text.
    pub text: String,
    /// Single value, when given.
    pub value: Option<f64>,
    /// Lower end or bound.
    pub min: Option<f64>,
    /// Upper end or bound.
    pub max: Option<f64>,
    /// Whether the number is approximate ("about 1,000", "thousands"): `bound` is `approximate`.
    /// A bound ("more than 1,000", "up to 300") or a range is not an approximation: its ends are
    /// exact, and `min`/`max` carry them.
    pub approx: bool,
    /// How the number is qualified.
    pub bound: Bound,
    /// The counted noun.
    pub unit: Option<String>,
}

/// A mention in the JSON contract.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MentionItem {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// The covered text.
    pub text: String,
    /// How it names the entity.
    pub kind: MentionKind,
}

/// A speaker in the JSON contract.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpeakerItem {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// The covered text.
    pub text: String,
    /// Canonical entity id, when resolved.
    pub entity: Option<String>,
}

/// A claim in the JSON contract; `start`/`end`/`text` cover speaker, cue and content together.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClaimItem {
    /// First byte of the claim.
    pub start: u32,
    /// One past the last byte of the claim.
    pub end: u32,
    /// The covered text.
    pub text: String,
    /// The speaker, or null.
    pub speaker: Option<SpeakerItem>,
    /// The reporting expression.
    pub cue: Span,
    /// The stance class of the cue.
    pub stance: Stance,
    /// The proposition.
    pub content: Span,
    /// Direct or partial quotation.
    pub direct: bool,
    /// Whether any hedge marker is present.
    pub hedged: bool,
    /// The hedge markers.
    pub hedges: Vec<Span>,
    /// Whether the cue is negated.
    pub negated: bool,
    /// Index of the sentence holding the cue.
    pub sentence: usize,
    /// Index of the enclosing claim, for nested attributions.
    pub parent: Option<usize>,
}

/// An entity in the JSON contract; `start`/`end`/`text` are those of its first mention.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntityItem {
    /// First byte of the first mention.
    pub start: u32,
    /// One past the last byte of the first mention.
    pub end: u32,
    /// Text of the first mention.
    pub text: String,
    /// Canonical id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Entity type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Roles and titles.
    pub roles: Vec<String>,
    /// Every mention.
    pub mentions: Vec<MentionItem>,
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
    /// Entities with their mentions.
    pub entities: Vec<EntityItem>,
    /// Attributed claims.
    pub claims: Vec<ClaimItem>,
    /// Time expressions.
    pub times: Vec<TimeItem>,
    /// Quantities.
    pub quantities: Vec<QuantityItem>,
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
            entities: analysis.entities.iter().map(|e| entity_item(e, &doc.text)).collect(),
            claims: analysis.claims.iter().map(|c| claim_item(c, &doc.text)).collect(),
            times: analysis
                .times
                .iter()
                .map(|t| TimeItem {
                    start: t.range.start,
                    end: t.range.end,
                    text: slice(t.range, &doc.text),
                    kind: t.kind,
                    value: t.value.clone(),
                    vague: t.vague,
                })
                .collect(),
            quantities: analysis
                .quantities
                .iter()
                .map(|q| QuantityItem {
                    start: q.range.start,
                    end: q.range.end,
                    text: slice(q.range, &doc.text),
                    value: q.value,
                    min: q.min,
                    max: q.max,
                    approx: q.bound == Bound::Approximate,
                    bound: q.bound,
                    unit: q.unit.clone(),
                })
                .collect(),
            events: Vec::new(),
        }
    }
}
