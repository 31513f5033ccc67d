//! Pure analyzers over one document's text: no I/O, no clock, no failure on content.
//!
//! [`analyze`] runs every stage in order — sentences, times, quantities, entities, claims — and returns a
//! [`model::Analysis`] whose ranges index `Document::text`.

pub mod claims;
pub mod entities;
pub mod quantities;
pub mod segment;
pub mod times;
pub mod tokens;

use model::{Analysis, Document};

/// The version of the analyzers' output. Bump it whenever a change alters what `analyze`
/// returns; stores record it per document, and `dossier reanalyze` brings older documents up to
/// date.
pub const VERSION: i64 = 1;

/// Analyzes one document. Relative times resolve against `doc.published` only.
pub fn analyze(doc: &Document) -> Analysis {
    let sentences = segment::sentences(&doc.text);
    let times = times::find(&doc.text, doc.published);
    let quantities = quantities::find(&doc.text);
    let entities = entities::find(&doc.text, &sentences);
    let claims = claims::find(&doc.text, doc.body_start, &sentences, &entities);
    Analysis { sentences, times, quantities, entities, claims }
}
