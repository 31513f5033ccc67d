//! The domain types every stage shares.
//!
//! A reader produces a [`Draft`] (what the input said, untouched); [`Document::from_draft`]
//! normalizes it into the document text all offsets index and derives the content id; the
//! analyzers produce an [`Analysis`]; [`Extraction`] is the stable `dossier extract` JSON contract
//! built from the two.

mod analysis;
mod document;
mod extraction;

pub use analysis::{
    Analysis, Bound, Claim, Entity, EntityType, Mention, MentionKind, Quantity, Speaker, Stance, TimeExpr, TimeType,
};
pub use document::{DocId, Document, Draft, Format, compose_text};
pub use extraction::{
    ClaimItem, EntityItem, Extraction, MentionItem, QuantityItem, Sentence, Span, SpeakerItem, TimeItem,
};
