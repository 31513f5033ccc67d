//! The use cases, each a plain function over the stages: [`ingest()`] reads inputs into the store,
//! [`extract()`] analyzes inputs without a store. The CLI and, later, the server call these and
//! only these; they never drive readers or the database themselves.

mod bench;
mod extract;
mod ingest;
mod link;
mod live;
mod propositions;
mod reanalyze;

pub use bench::{BenchReport, Figure, bench};
pub use extract::extract;
pub use ingest::{IngestConfig, Progress, Summary, ingest};
pub use link::{LinkSummary, document_link, link, load_ledger, snapshot, stories, story, story_page};
pub use live::{Accepted, Intake};
pub use propositions::{document_propositions, proposition, proposition_page, propositions, story_propositions};
pub use reanalyze::reanalyze;

/// Runs every analyzer on one document (pure; see `nlp`).
pub fn analyze(doc: &model::Document) -> model::Analysis {
    nlp::analyze(doc)
}

/// The stored analysis of a document when it is current, else a fresh one.
pub fn stored_or_fresh_analysis(store: &store::Store, doc: &model::Document) -> store::Result<model::Analysis> {
    Ok(match store.analysis(doc.id)? {
        Some((analysis, version)) if version == nlp::VERSION => analysis,
        _ => nlp::analyze(doc),
    })
}
