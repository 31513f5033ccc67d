//! What the writer thread of a server that writes is sent: a batch of documents, with the
//! followed source's state to save once they are linked, and where to send the outcome.
//!
//! Why: its own module so that `live.rs` (the writer) and `follow.rs` (which sends batches)
//! both depend on it and not on each other.

use engine::{Accepted, LinkSummary};
use model::Document;

/// What the writer did with a batch.
pub type Outcome = Result<(Vec<Accepted>, LinkSummary), String>;

/// A batch for the writer, with the follow state to save once it is linked.
pub(crate) struct Job {
    pub(crate) docs: Vec<Document>,
    pub(crate) state: Option<(String, String)>,
    pub(crate) reply: tokio::sync::oneshot::Sender<Outcome>,
}
