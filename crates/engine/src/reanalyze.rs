//! `reanalyze`: bring stored analyses up to the current analyzer version.
//!
//! Analyzers improve; documents stored by an older version keep their old entities and claims
//! until re-analyzed. The text never changes, so this is safe to interrupt and re-run: each batch
//! is one transaction, and finished documents are no longer stale.

use model::Document;
use store::Store;

/// Re-analyzes every document whose analysis is older than `nlp::VERSION`, `batch_size` per
/// transaction, reporting the running count; returns how many were re-analyzed.
pub fn reanalyze(store: &mut Store, batch_size: usize, progress: &mut dyn FnMut(u64)) -> store::Result<u64> {
    let mut done = 0;
    loop {
        let stale = store.stale_analyses(nlp::VERSION, batch_size.max(1))?;
        if stale.is_empty() {
            return Ok(done);
        }
        let mut analyses = Vec::with_capacity(stale.len());
        for id in stale {
            let doc: Option<Document> = store.document(&id.to_string())?;
            if let Some(doc) = doc {
                analyses.push((id, nlp::analyze(&doc)));
            }
        }
        store.replace_analyses(&analyses, nlp::VERSION)?;
        done += analyses.len() as u64;
        progress(done);
    }
}
