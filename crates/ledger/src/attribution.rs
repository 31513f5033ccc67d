//! One attribution of a proposition: which document, publisher and voice said it, when, with
//! what stance — the record credibility, the lifecycle and the view all read.
//!
//! Why: its own module so that `view.rs` (which builds attributions), `credibility.rs` and
//! `lifecycle.rs` (which weigh them) depend on it and not on each other.

use crate::sources::{Grade, Kind};
use crate::stance::Polarity;
use model::DocId;
use serde::Serialize;

/// One attribution of a proposition.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Attribution {
    /// The document.
    pub document: DocId,
    /// Index into the document's claims; `None` for the publisher's own assertion.
    pub claim: Option<usize>,
    /// The publisher (registry name when known).
    pub source: Option<String>,
    /// Publication time, Unix seconds.
    pub published: Option<i64>,
    /// The publisher's reliability grade (F when unknown).
    pub grade: Grade,
    /// The publisher's kind, when the registry knows it.
    pub kind: Option<Kind>,
    /// Support, contradict or report.
    pub stance: Polarity,
    /// The speaker's words.
    pub speaker: Option<String>,
    /// The voice key (a state, a body, or `owner:` + the publisher's owner).
    pub voice: String,
    /// The voice's display name.
    pub voice_name: String,
    /// The claim's content.
    pub text: String,
    /// Whether the document is a near-duplicate copy of another (not counted).
    pub copy: bool,
    /// Whether this is the actor itself acknowledging the proposition.
    pub acknowledgment: bool,
    /// The figure that conflicts with the proposition's own and the proposition's figure
    /// ("3,000 troops", "around 12,000 troops"), when it gives one: such an attribution is
    /// classed as contradicting.
    pub conflict: Option<(String, String)>,
    /// How the user finds the document again: the input's own id (a JSON Lines `id`, a feed
    /// item's guid), else its URL, else the file (and record) it was read from. The ledger does
    /// not keep it: `None` until a reader of the store fills it in (`engine`'s readers do).
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    /// The document's URL.
    pub url: Option<String>,
    /// The document's title, filled in like `reference` (`None` also for an untitled document).
    pub title: Option<String>,
}

impl Attribution {
    /// Publication order (undated last), then document and claim.
    pub fn order(&self) -> (bool, Option<i64>, DocId, i64) {
        (self.published.is_none(), self.published, self.document, self.claim.map_or(-1, |c| c as i64))
    }
}
