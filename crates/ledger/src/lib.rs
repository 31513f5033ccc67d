//! Cross-document linking over analyzed documents: near-duplicate groups (`duplicates`), stories
//! (`stories`) and the source registry (`sources`); propositions, corroboration and grades will
//! build on them. Pure and incremental: no I/O, no clock; [`Ledger::add`] links one more document
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

pub mod duplicates;
pub mod features;
pub mod hash;
pub mod lsh;
pub mod minhash;
pub mod shingles;
pub mod sources;
pub mod state;
pub mod stories;
pub mod terms;

pub use sources::{Grade, Kind, ParseError, Source, SourceRegistry};
pub use state::{Config, DocumentView, Ledger, LedgerUpdate, StoryId, StoryView};
