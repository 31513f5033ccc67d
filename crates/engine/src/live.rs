//! Live intake: the one writer of a store that stays up — a following, accepting
//! `dossier serve` — adds batches of documents as they come, with the ledger held in memory.
//!
//! Why: `dossier ingest` loads the ledger (snapshot plus log) on every run, seconds at 100,000
//! documents; a server that adds a few documents every few seconds must not. [`Intake`] takes
//! the store's writer lock, links whatever was stored but not yet linked (a batch committed
//! just before a kill), and keeps the ledger; each [`Intake::add`] then analyzes the batch on
//! the pool, commits the new documents in one transaction and links them into the held
//! ledger, saving the ledger's log and changed rows in a second one.
//!
//! Durability: a kill between the two transactions leaves documents stored but unlinked; the
//! next [`Intake::open`] (or `dossier link`) links them. Documents are keyed by content id, so
//! a batch sent twice stores nothing the second time.
//!
//! Example: `Intake::open(dir, "`dossier serve`", 0)?.add(docs)?` gives each document's content
//! id and whether it was new.
//!
//! Known limits: a failed link (a store error) drops the held ledger; the next batch loads it
//! from the store again.

use crate::LinkSummary;
use crate::link::{self, Start};
use ledger::{Ledger, Prepared};
use model::{DocId, Document};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use store::{Inserted, Store, WriterLock};

/// What became of one document of a batch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Accepted {
    /// Its content id.
    pub id: DocId,
    /// Whether it was stored now (else the same text was already stored, or came earlier in
    /// the batch).
    pub new: bool,
}

/// The store's one writer, with the ledger held in memory.
pub struct Intake {
    store: Store,
    ledger: Option<Box<Ledger>>,
    /// Documents logged since the ledger's last snapshot.
    logged: usize,
    pool: rayon::ThreadPool,
    _lock: WriterLock,
}

impl Intake {
    /// Takes the writer lock of the store in `dir` (refused when another process writes it),
    /// opens the store and brings its ledger up to date. `holder` names this process in the
    /// error another writer gets; `threads` analyze (0: one per core).
    pub fn open(dir: &Path, holder: &str, threads: usize) -> store::Result<Intake> {
        let lock = WriterLock::acquire(dir, holder)?;
        let store = Store::open(dir)?;
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a thread pool can be built (the only failure is a second global pool)");
        let mut intake = Intake { store, ledger: None, logged: 0, pool, _lock: lock };
        intake.link(HashMap::new())?;
        Ok(intake)
    }

    /// The store, for reading (follow state, counts).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Analyzes, stores and links a batch; one result per document, in order.
    pub fn add(&mut self, mut docs: Vec<Document>) -> store::Result<(Vec<Accepted>, LinkSummary)> {
        let ids: Vec<DocId> = docs.iter().map(|d| d.id).collect();
        // As `dossier ingest` does: documents stored before or repeated in the batch are not
        // analyzed, and the store counts them as duplicates.
        let mut time = std::time::Duration::ZERO;
        let (analyzed, fresh) =
            crate::ingest::analyze_batch(&self.pool, &self.store, &mut HashSet::new(), &mut docs, &mut time)?;
        let outcomes = self.store.insert_encoded(&analyzed.docs, &analyzed.encoded, nlp::VERSION)?;
        let added: HashSet<DocId> = analyzed
            .docs
            .iter()
            .zip(&outcomes)
            .filter(|(_, o)| **o == Inserted::Added)
            .map(|((doc, _), _)| doc.id)
            .collect();
        let prepared: HashMap<DocId, Prepared> =
            fresh.into_iter().filter(|p| added.contains(&p.id())).map(|p| (p.id(), p)).collect();
        let summary = self.link(prepared)?;
        let mut reported = HashSet::new();
        let accepted =
            ids.into_iter().map(|id| Accepted { id, new: added.contains(&id) && reported.insert(id) }).collect();
        Ok((accepted, summary))
    }

    /// Links `prepared` (and, without a held ledger, every stored document not yet linked)
    /// and keeps the ledger.
    fn link(&mut self, prepared: HashMap<DocId, Prepared>) -> store::Result<LinkSummary> {
        let store = &mut self.store;
        let (start, before) = match self.ledger.take() {
            Some(ledger) => (Start::Held { ledger, logged: self.logged }, self.logged),
            None => (Start::Load { rebuild: false }, 0),
        };
        let (summary, ledger) = self.pool.install(|| {
            let plan = link::plan_from(store, start, prepared, false)?;
            plan.save_keeping(store)
        })?;
        self.logged = if summary.snapshot { 0 } else { before + summary.replayed as usize + summary.linked as usize };
        self.ledger = Some(ledger);
        Ok(summary)
    }
}
