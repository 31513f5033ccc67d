//! The bundled sample corpus (`examples/corpus`, written by the team) read through `ingest` and
//! analyzed by `nlp`, as the engine would, for the end-to-end proposition tests.

use ledger::{Ledger, SourceRegistry};
use model::{Analysis, Document};
use std::path::Path;
use std::sync::OnceLock;

/// Every document of `examples/corpus` (exact duplicates dropped) with its analysis, in file
/// order.
pub fn documents() -> &'static [(Document, Analysis)] {
    static DOCS: OnceLock<Vec<(Document, Analysis)>> = OnceLock::new();
    DOCS.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
        let (inputs, errors) = ingest::expand(&[root.display().to_string()]);
        assert!(errors.is_empty(), "{errors:?}");
        let mut out: Vec<(Document, Analysis)> = Vec::new();
        for input in inputs {
            ingest::read(&input, &ingest::Config::default(), &mut |event| {
                if let ingest::Event::Document(draft) = event
                    && let Some(doc) = Document::from_draft(draft)
                    && !out.iter().any(|(d, _)| d.id == doc.id)
                {
                    let analysis = nlp::analyze(&doc);
                    out.push((doc, analysis));
                }
            });
        }
        out
    })
}

/// The shipped registry extended with the corpus's outlets (`examples/sources.tsv`).
pub fn registry() -> SourceRegistry {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/sources.tsv");
    let mut reg = SourceRegistry::builtin();
    reg.extend(SourceRegistry::parse(&std::fs::read_to_string(path).unwrap()).unwrap());
    reg
}

/// A ledger of the corpus, documents added in the given order.
pub fn ledger(order: &[usize]) -> Ledger {
    let docs = documents();
    let mut ledger = Ledger::default();
    ledger.set_sources(registry());
    for &k in order {
        ledger.add(&docs[k].0, &docs[k].1);
    }
    ledger
}
