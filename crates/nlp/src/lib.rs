//! Pure analyzers over one document's text: no I/O, no clock, no failure on content.
//!
//! [`analyze`] runs every stage in order — sentences, times, quantities, tags, entities, claims — and returns a
//! [`model::Analysis`] whose ranges index `Document::text`.

pub mod claims;
pub mod entities;
pub mod quantities;
pub mod segment;
pub mod tagger;
pub mod times;
pub mod tokens;

use model::{Analysis, Document};

/// The version of the analyzers' output. Bump it whenever a change alters what `analyze`
/// returns; stores record it per document, and `dossier reanalyze` brings older documents up to
/// date.
pub const VERSION: i64 = 3;

/// The stages of [`analyze`], in the order they run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stage {
    /// Sentence segmentation.
    Sentences,
    /// Time expressions.
    Times,
    /// Quantities.
    Quantities,
    /// Word tokens and their part-of-speech tags, shared by entities and claims.
    Tags,
    /// Entities (gazetteer, names, roles, short forms).
    Entities,
    /// Attributed claims.
    Claims,
}

impl Stage {
    /// Every stage, in running order.
    pub const ALL: [Stage; 6] =
        [Stage::Sentences, Stage::Times, Stage::Quantities, Stage::Tags, Stage::Entities, Stage::Claims];

    /// Lower-case name, for reports.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Sentences => "sentences",
            Stage::Times => "times",
            Stage::Quantities => "quantities",
            Stage::Tags => "tags",
            Stage::Entities => "entities",
            Stage::Claims => "claims",
        }
    }
}

/// Analyzes one document. Relative times resolve against `doc.published` only.
pub fn analyze(doc: &Document) -> Analysis {
    analyze_observed(doc, &mut |_| {})
}

/// [`analyze`], calling `stage_done` after each stage: how benchmarks time the stages without
/// this crate reading the clock itself.
pub fn analyze_observed(doc: &Document, stage_done: &mut dyn FnMut(Stage)) -> Analysis {
    let sentences = segment::sentences(&doc.text);
    stage_done(Stage::Sentences);
    let times = times::find(&doc.text, doc.published);
    stage_done(Stage::Times);
    let quantities = quantities::find(&doc.text);
    stage_done(Stage::Quantities);
    // Tokens and tags are computed once and read by both entities and claims.
    let words = tokens::tokenize(&doc.text);
    let tags = tagger::tag_sentences(&doc.text, &words, &sentences);
    stage_done(Stage::Tags);
    let entities = entities::find_tagged(&doc.text, &sentences, &words, &tags);
    stage_done(Stage::Entities);
    let claims = claims::find_tagged(&doc.text, doc.body_start, &sentences, &entities, &words, &tags);
    stage_done(Stage::Claims);
    Analysis { sentences, times, quantities, entities, claims }
}
