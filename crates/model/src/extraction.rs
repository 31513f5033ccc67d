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
    /// Normalized time expressions, in text order.
    pub times: Vec<TimeExpr>,
    /// Counted quantities, in text order.
    pub quantities: Vec<Quantity>,
    /// Entities, each with all its mentions in this document, in order of first mention.
    pub entities: Vec<Entity>,
    /// Attributed claims, in text order of their cues.
    pub claims: Vec<Claim>,
}

/// The stance class of a reporting cue, from the cue lexicon.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// Neutral reporting: said, told, according to, in a statement.
    Report,
    /// Asserting firmly: asserted, insisted, stressed, declared.
    Assert,
    /// Confirming or admitting: confirmed, acknowledged, admitted.
    Confirm,
    /// Denying: denied, rejected, dismissed.
    Deny,
    /// Estimating or assessing: estimated, assessed, indicated, believed.
    Estimate,
    /// Alleging: claimed, accused, alleged.
    Allege,
    /// Praising: hailed, praised, lauded.
    Praise,
    /// Criticizing: condemned, criticized, slammed.
    Criticize,
    /// Warning or threatening: warned, threatened.
    Warn,
    /// Promising: promised, pledged, vowed.
    Promise,
    /// Asking: asked, questioned, wondered.
    Question,
}

/// The speaker of a claim: the span naming the source, and the entity it resolves to.
#[derive(Clone, Debug, PartialEq)]
pub struct Speaker {
    /// The span naming the source ("U.S. officials", "a report from KCNA", "he").
    pub range: TextRange,
    /// The canonical id of the entity the speaker resolves to, when one is known (pronouns and
    /// descriptions resolved across sentences).
    pub entity: Option<String>,
}

/// One attributed claim: who said what, how, and how sure.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// The speaker, when the text names one ("it was reported" has none).
    pub speaker: Option<Speaker>,
    /// The reporting expression ("said", "had previously indicated", "according to").
    pub cue: TextRange,
    /// The stance class of the cue.
    pub stance: Stance,
    /// The proposition itself (that-clause, quotation, infinitive, nominal content).
    pub content: TextRange,
    /// Whether the content is a direct or partial quotation.
    pub direct: bool,
    /// Hedge markers inside the claim ("could have", "reportedly", "allegedly").
    pub hedges: Vec<TextRange>,
    /// Whether the cue is negated ("did not confirm").
    pub negated: bool,
    /// Index of the sentence (in `Analysis::sentences`) holding the cue.
    pub sentence: usize,
    /// Index (in `Analysis::claims`) of the claim this one is nested in: "US officials said (South
    /// Korean intelligence estimated …)" gives the inner claim the outer one as parent.
    pub parent: Option<usize>,
}

/// Entity types. The first seven are Dossier's core; the rest serve the gold sets' types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    /// A person.
    Person,
    /// An organisation: company, agency, ministry, party, news outlet, international body.
    Org,
    /// A geopolitical entity: country, city, region as a polity.
    Gpe,
    /// A non-political location: river, mountain, sea, battlefield area.
    Loc,
    /// A facility: building, airport, bridge, base.
    Fac,
    /// A nationality, religious or political group used as an adjective or noun ("North Korean").
    Norp,
    /// A military unit or formation ("the 11th Airborne Brigade", "the Storm Corps").
    Military,
    /// A weapon or military platform ("HIMARS", "Storm Shadow missiles").
    Weapon,
    /// A product or work (for the wikigold/WNUT types).
    Product,
    /// An event name ("the Kursk offensive").
    Event,
    /// Anything else named (the gold sets' MISC).
    Misc,
}

/// How a mention names its entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// The full name or a listed alias ("North Korea", "DPRK").
    Name,
    /// A place standing for its government ("Pyongyang", "the Kremlin").
    Metonym,
    /// A demonym or adjective ("North Korean").
    Demonym,
    /// A later short form of a name in the same document ("Gerasimov", "Mr Kim").
    ShortForm,
    /// A description resolved to the entity ("the agency", "the general").
    Description,
}

/// One mention of an entity.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// Where it is in the text.
    pub range: TextRange,
    /// How it names the entity.
    pub kind: MentionKind,
}

/// A canonical entity and its mentions in one document.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// Stable canonical id: a gazetteer id (`gpe:KP`, `org:kcna`) or, for entities not in the
    /// gazetteer, one derived from the type and the normalized full name (`person:valery-gerasimov`).
    pub id: String,
    /// The canonical name ("North Korea", "Valery Gerasimov").
    pub name: String,
    /// The entity's type.
    pub kind: EntityType,
    /// Roles and titles attached in the text ("Chief of the General Staff").
    pub roles: Vec<String>,
    /// Every mention, in text order; never empty.
    pub mentions: Vec<Mention>,
}

/// TIMEX3 type of a time expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimeType {
    /// A calendar date or period: "28 April 2025", "October last year", "2024".
    Date,
    /// A time of day: "9 a.m. on Monday".
    Time,
    /// A length of time: "three weeks".
    Duration,
    /// A recurrence: "every week", "daily".
    Set,
}

/// A time expression, normalized against the document's publication time (never the clock).
#[derive(Clone, Debug, PartialEq)]
pub struct TimeExpr {
    /// Where it is in the text.
    pub range: TextRange,
    /// TIMEX3 type.
    pub kind: TimeType,
    /// TIMEX3 value: `2024-10`, `2025-04-28`, `2024-W43`, `P3W`, `PRESENT_REF`, `PAST_REF`, or
    /// `None` when a relative expression cannot be resolved (no publication date).
    pub value: Option<String>,
    /// Whether the expression is vague ("recently", "in the coming weeks").
    pub vague: bool,
}

/// A comparator or hedge on a quantity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// Stated as exact ("1,500 troops").
    Exact,
    /// Approximate ("about", "nearly", "an estimated", "some", "thousands").
    Approximate,
    /// A lower bound ("more than", "at least", "exceeding", "over").
    AtLeast,
    /// An upper bound ("up to", "fewer than", "at most", "under").
    AtMost,
    /// A range ("10,000 to 12,000", "between 10 and 12").
    Range,
}

/// A counted quantity: a number or range, how it is hedged, and what it counts.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// The whole expression, hedge and unit included ("more than 1,000 casualties").
    pub range: TextRange,
    /// The value when a single number is given (exact or approximate).
    pub value: Option<f64>,
    /// Lower end of a range or lower bound.
    pub min: Option<f64>,
    /// Upper end of a range or upper bound.
    pub max: Option<f64>,
    /// How the number is qualified.
    pub bound: Bound,
    /// The counted noun, lower-case singular lemma ("troop", "casualty", "drone"), if any.
    pub unit: Option<String>,
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
    /// Whether the number is approximate or a bound rather than exact.
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
                    approx: q.bound != Bound::Exact,
                    bound: q.bound,
                    unit: q.unit.clone(),
                })
                .collect(),
            events: Vec::new(),
        }
    }
}
