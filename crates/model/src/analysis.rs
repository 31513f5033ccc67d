//! What the analyzers find in one document: [`Analysis`] and its parts, all as byte ranges into
//! `Document::text`. These types are pure data, produced by `nlp`, stored compactly (ranges only,
//! no copies of the text) by `store`, and turned into the `extract` JSON by `Extraction::new`.

use serde::{Deserialize, Serialize};
use text::TextRange;

/// What the analyzers found in one document. Pure data, produced by `nlp`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// The span naming the source ("U.S. officials", "a report from KCNA", "he").
    pub range: TextRange,
    /// The canonical id of the entity the speaker resolves to, when one is known (pronouns and
    /// descriptions resolved across sentences).
    pub entity: Option<String>,
}

/// One attributed claim: who said what, how, and how sure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Where it is in the text.
    pub range: TextRange,
    /// How it names the entity.
    pub kind: MentionKind,
}

/// A canonical entity and its mentions in one document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
