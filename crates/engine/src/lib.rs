//! The use cases, each a plain function over the stages: [`ingest()`] reads inputs into the store,
//! [`extract()`] analyzes inputs without a store. The CLI and, later, the server call these and
//! only these; they never drive readers or the database themselves.

mod extract;
mod ingest;

pub use extract::extract;
pub use ingest::{IngestConfig, Progress, Summary, ingest};

/// Runs every analyzer on one document (pure; see `nlp`).
pub fn analyze(doc: &model::Document) -> model::Analysis {
    nlp::analyze(doc)
}
