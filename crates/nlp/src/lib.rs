//! Pure analyzers over one document's text: no I/O, no clock, no failure on content.
//!
//! [`analyze`] runs every stage in order (today: sentence segmentation) and returns a
//! [`model::Analysis`] whose ranges index `Document::text`.

pub mod segment;

use model::{Analysis, Document};

/// Analyzes one document.
pub fn analyze(doc: &Document) -> Analysis {
    Analysis { sentences: segment::sentences(&doc.text) }
}
