//! `extract`: read an input and analyze each document, without a store.

use ingest::{Config, Event, Input};
use model::{Document, Extraction};

/// Reads `input` and hands each document's [`Extraction`] to `sink`, in input order; records that
/// cannot be read reach `sink` as `Err` with their reason (non-document records are passed over).
pub fn extract(input: &Input, config: &Config, sink: &mut dyn FnMut(Result<Extraction, String>)) {
    ingest::read(input, config, &mut |event| match event {
        Event::Document(draft) => {
            let origin = draft.origin.clone();
            match Document::from_draft(draft) {
                Some(doc) => sink(Ok(Extraction::new(&doc, &nlp::analyze(&doc)))),
                None => sink(Err(format!("{origin}: no text"))),
            }
        }
        Event::Rejected(error) => sink(Err(error.to_string())),
        Event::Skipped { .. } => {}
    });
}
