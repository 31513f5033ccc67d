//! Cross-document linking over analyzed documents: near-duplicate groups (`duplicates`), stories
//! (`stories`), the source registry (`sources`), and propositions (`propositions`) — claims
//! joined across documents, each attribution's stance (`stance`), Admiralty credibility with
//! reasons (`credibility`), a dated lifecycle (`lifecycle`) and series of estimates (`series`),
//! shown through `view`. Pure and incremental: no I/O, no clock; [`Ledger::add`] links one more document
//! without recomputing the rest, and the [`Ledger`] serializes so the engine can persist it.
//!
//! Example:
//! ```
//! # use model::{Analysis, Document, Draft, Format};
//! let doc = Document::from_draft(Draft { title: Some("Port strike ends".into()),
//!     body: "Dockworkers returned to work on Friday.".into(), ..Draft::new(Format::Text, "a.txt") }).unwrap();
//! let mut ledger = ledger::Ledger::default();
//! let update = ledger.add(&doc, &Analysis::default());
//! assert_eq!(ledger.stories()[0].id, update.story);
//! ```
//!
//! Known limits: the online `add` depends on arrival order; [`Ledger::rebuild`] re-links in
//! canonical order (published time, id) when the same set must give the same ledger.

pub mod attribution;
pub mod credibility;
mod doc_id;
pub mod duplicates;
pub mod features;
pub mod hash;
pub mod lexicon;
pub mod lifecycle;
pub mod linkage;
pub mod lsh;
pub mod minhash;
pub mod pairs;
pub mod propositions;
pub mod series;
pub mod shingles;
pub mod sources;
pub mod stance;
pub mod stance_model;
pub mod state;
pub mod stories;
pub mod terms;
pub mod view;

pub use attribution::Attribution;
pub use credibility::Credibility;
pub use lifecycle::{Stage, Transition};
pub use pairs::LinkModel;
pub use series::{Estimate, Series};
pub use sources::{Grade, Kind, ParseError, Source, SourceRegistry};
pub use stance::Polarity;
pub use state::{
    Changes, ClaimLink, Config, DocumentView, Ledger, LedgerUpdate, Prepared, PropositionRecord, StoryId, StoryView,
};
pub use view::{ExportLine, PropositionId, PropositionView, Status};
