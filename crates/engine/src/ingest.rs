//! `ingest`: read inputs, normalize and analyze each document, and store it with its analysis in
//! batches.
//!
//! Each batch is one transaction, so a killed ingest leaves every earlier batch stored and the
//! interrupted one absent; because documents are keyed by content id, running the same ingest
//! again skips what is stored and completes the rest. Exact duplicates, within the run or
//! against the store, are counted and skipped.

use ingest::{Event, Input};
use ledger::{Ledger, Prepared};
use model::{Analysis, DocId, Document};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};
use store::{Encoded, Inserted, Store};

/// How to ingest.
#[derive(Clone, Debug)]
pub struct IngestConfig {
    /// Reader limits.
    pub read: ingest::Config,
    /// Documents per transaction.
    pub batch_size: usize,
    /// Threads analyzing documents in parallel; 0 means one per core.
    pub threads: usize,
    /// Failpoint for crash-safety tests: abort the process, as `kill -9` would, right after this
    /// many batches have been committed. `None` in normal use.
    pub abort_after_batches: Option<usize>,
    /// New documents whose ledger preparation is kept in memory for linking (about 6 KB each,
    /// less than the ledger then holds for them); beyond this many, linking waits for the
    /// writer and reads the rest back, which costs about 0.4 ms a document: at 100,000 varied
    /// BBC articles, keeping 20,000 took 158 s (link 61 s, peak 3.1 GB), keeping all 118 s
    /// (link 32 s, peak 3.6 GB).
    pub keep_prepared: usize,
}

impl Default for IngestConfig {
    fn default() -> IngestConfig {
        IngestConfig {
            read: ingest::Config::default(),
            batch_size: 500,
            threads: 0,
            abort_after_batches: None,
            keep_prepared: 100_000,
        }
    }
}

/// Where an ingest stands, reported after each input and each stored batch.
#[derive(Clone, Debug, Default)]
pub struct Progress {
    /// Inputs finished.
    pub inputs_done: usize,
    /// Input bytes finished (file sizes as on disk).
    pub bytes_done: u64,
    /// Documents read so far.
    pub documents: u64,
}

/// The outcome of an ingest.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    /// Inputs (files, standard input) read.
    pub inputs: usize,
    /// Bytes of input read (as stored on disk, compressed where the file is).
    pub input_bytes: u64,
    /// Documents read from the inputs.
    pub documents: u64,
    /// Bytes of normalized document text read (title and body), whatever the input's encoding
    /// or compression.
    pub text_bytes: u64,
    /// Documents newly stored.
    pub added: u64,
    /// Documents skipped because the same text was already stored or seen earlier in the run.
    pub duplicates: u64,
    /// One line per rejected file or record: where, and why.
    pub rejected: Vec<String>,
    /// Records passed over because they are not documents, by kind.
    pub skipped: BTreeMap<String, u64>,
    /// Wall time.
    #[serde(serialize_with = "seconds")]
    pub elapsed: Duration,
    /// Wall time spent analyzing (in parallel when several threads are used).
    #[serde(serialize_with = "seconds")]
    pub analyze_time: Duration,
    /// Wall time spent writing to the store and its index.
    #[serde(serialize_with = "seconds")]
    pub store_time: Duration,
    /// Threads used for analysis.
    pub threads: usize,
    /// What linking the new documents into the ledger did.
    pub link: crate::LinkSummary,
    /// Wall time spent linking.
    #[serde(serialize_with = "seconds")]
    pub link_time: Duration,
}

impl Summary {
    /// Documents read per second.
    pub fn documents_per_second(&self) -> f64 {
        self.documents as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// Input megabytes (10^6 bytes, as on disk) read per second.
    pub fn megabytes_per_second(&self) -> f64 {
        self.input_bytes as f64 / 1e6 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// Megabytes of document text per second: comparable across compressed and plain inputs.
    pub fn text_megabytes_per_second(&self) -> f64 {
        self.text_bytes as f64 / 1e6 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

fn seconds<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(d.as_secs_f64())
}

/// Reads every input into `store`. Unreadable files and records are listed in the summary and
/// the batch goes on; only a store failure (disk full, database locked) stops the ingest.
///
/// Three stages overlap on several cores: this thread reads and batches documents, an analyzer
/// thread analyzes each batch on the pool, and a writer thread commits the previous batch.
pub fn ingest(
    store: &mut Store,
    inputs: &[Input],
    config: &IngestConfig,
    progress: &mut dyn FnMut(&Progress),
) -> store::Result<Summary> {
    let started = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads)
        .build()
        .expect("a thread pool can be built (the only failure is a second global pool)");
    // A second connection answers "already stored?" while the writer owns the first.
    let lookup = store.open_another()?;
    let mut summary = Summary { threads: pool.current_num_threads(), ..Summary::default() };
    let writer_store = &mut *store;
    let pool = &pool;
    let (written, analyzed, plan) = std::thread::scope(|scope| {
        let (to_analyzer, from_reader) = std::sync::mpsc::sync_channel::<Vec<Document>>(1);
        let (to_writer, from_analyzer) = std::sync::mpsc::sync_channel::<Analyzed>(1);
        let abort_after = config.abort_after_batches;
        let writer = scope.spawn(move || write_batches(writer_store, from_analyzer, abort_after));
        let keep = config.keep_prepared;
        let analyzer = scope.spawn(move || analyze_batches(pool, lookup, keep, from_reader, to_writer));
        read_batches(inputs, config, &to_analyzer, &mut summary, progress);
        drop(to_analyzer);
        let (mut analyzed, mut lookup) = analyzer.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        // Link while the writer commits the last batches: the plan reads through the second
        // connection and takes this run's documents from their preparations. When some were
        // not kept (a very large run), linking waits for the writer and reads them back.
        let plan = match &mut analyzed {
            Ok(a) if a.complete => {
                let started = Instant::now();
                let prepared = std::mem::take(&mut a.prepared);
                let reader = &mut lookup;
                Some((pool.install(move || crate::link::plan(reader, false, prepared, false)), started.elapsed()))
            }
            _ => None,
        };
        let written = writer.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        // The first failure is the one to report: a writer that failed stops the analyzer,
        // which stops the reader.
        Ok::<_, store::Error>((written?, analyzed?, plan))
    })?;
    summary.analyze_time = analyzed.time;
    summary.added = written.added;
    summary.duplicates += written.duplicates;
    summary.store_time = written.time;
    let started_saving = Instant::now();
    let (link, planning) = match plan {
        Some((plan, planning)) => {
            let plan = plan?;
            (pool.install(|| plan.save(store))?, planning)
        }
        None => (pool.install(|| crate::link::link_with(store, false, analyzed.prepared, false))?, Duration::ZERO),
    };
    summary.link = link;
    summary.link_time = planning + started_saving.elapsed();
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// A batch of documents with their analyses and, for those not stored before, their stored
/// form (encoded on the analysis pool, so the writer only writes).
pub(crate) struct Analyzed {
    pub(crate) docs: Vec<(Document, Analysis)>,
    pub(crate) encoded: Vec<Option<Encoded>>,
}

/// What the writer thread did.
#[derive(Default)]
struct Written {
    added: u64,
    duplicates: u64,
    time: Duration,
}

/// Commits each analyzed batch in its own transaction, in the order received.
fn write_batches(
    store: &mut Store,
    batches: std::sync::mpsc::Receiver<Analyzed>,
    abort_after: Option<usize>,
) -> store::Result<Written> {
    let mut written = Written::default();
    for (n, batch) in batches.into_iter().enumerate() {
        let started = Instant::now();
        let outcomes = store.insert_encoded(&batch.docs, &batch.encoded, nlp::VERSION)?;
        for outcome in outcomes {
            match outcome {
                Inserted::Added => written.added += 1,
                Inserted::Duplicate => written.duplicates += 1,
            }
        }
        written.time += started.elapsed();
        if abort_after == Some(n + 1) {
            std::process::abort();
        }
    }
    Ok(written)
}

/// What the analyzer thread did: its wall time, and the ledger preparation of every new
/// document — `complete` unless there were more than [`IngestConfig::keep_prepared`].
struct Prepping {
    time: Duration,
    prepared: HashMap<DocId, Prepared>,
    complete: bool,
}

/// Reads the inputs and hands batches of documents to the analyzer thread, so reading the next
/// batch overlaps analyzing this one. Stops early only when the analyzer has gone (it or the
/// writer failed; their error is the result).
fn read_batches(
    inputs: &[Input],
    config: &IngestConfig,
    analyzer: &std::sync::mpsc::SyncSender<Vec<Document>>,
    summary: &mut Summary,
    progress: &mut dyn FnMut(&Progress),
) {
    let mut state = Progress::default();
    let mut batch: Vec<Document> = Vec::with_capacity(config.batch_size);
    let mut analyzer_gone = false;
    for input in inputs {
        ingest::read(input, &config.read, &mut |event| {
            if analyzer_gone {
                return;
            }
            match event {
                Event::Document(draft) => {
                    summary.documents += 1;
                    state.documents += 1;
                    let origin = draft.origin.clone();
                    match Document::from_draft(draft) {
                        Some(doc) => {
                            summary.text_bytes += doc.text.len() as u64;
                            batch.push(doc);
                        }
                        None => summary.rejected.push(format!("{origin}: no text")),
                    }
                    if batch.len() >= config.batch_size {
                        let full = std::mem::replace(&mut batch, Vec::with_capacity(config.batch_size));
                        analyzer_gone = analyzer.send(full).is_err();
                        progress(&state);
                    }
                }
                Event::Rejected(error) => summary.rejected.push(error.to_string()),
                Event::Skipped { kind, .. } => *summary.skipped.entry(kind).or_default() += 1,
            }
        });
        if analyzer_gone {
            return;
        }
        let size = input_size(input);
        summary.inputs += 1;
        summary.input_bytes += size;
        state.inputs_done += 1;
        state.bytes_done += size;
        progress(&state);
    }
    if !batch.is_empty() {
        let _ = analyzer.send(batch);
    }
}

/// Analyzes each batch the reader sends on the pool and hands it to the writer, keeping the
/// new documents' ledger preparations; gives `lookup` back. Stops early when the writer has
/// gone (it failed; its error is the result).
fn analyze_batches(
    pool: &rayon::ThreadPool,
    lookup: Store,
    keep: usize,
    batches: std::sync::mpsc::Receiver<Vec<Document>>,
    writer: std::sync::mpsc::SyncSender<Analyzed>,
) -> (store::Result<Prepping>, Store) {
    let mut seen: HashSet<DocId> = HashSet::new();
    let mut time = Duration::ZERO;
    let mut prepared = HashMap::new();
    let mut complete = true;
    for mut batch in batches {
        let (analyzed, fresh) = match analyze_batch(pool, &lookup, &mut seen, &mut batch, &mut time) {
            Ok(done) => done,
            Err(e) => return (Err(e), lookup),
        };
        for p in fresh {
            if prepared.len() < keep {
                prepared.insert(p.id(), p);
            } else {
                complete = false;
            }
        }
        if writer.send(analyzed).is_err() {
            break;
        }
    }
    (Ok(Prepping { time, prepared, complete }), lookup)
}

/// Analyzes a batch in parallel, and prepares each new document for the ledger and the store.
/// Analysis is the costly part, so documents already stored or already seen in this run
/// (duplicates) are not analyzed again; the writer counts them.
pub(crate) fn analyze_batch(
    pool: &rayon::ThreadPool,
    lookup: &Store,
    seen: &mut HashSet<DocId>,
    batch: &mut Vec<Document>,
    time: &mut Duration,
) -> store::Result<(Analyzed, Vec<Prepared>)> {
    let mut known = Vec::with_capacity(batch.len());
    for doc in batch.iter() {
        known.push(!seen.insert(doc.id) || lookup.contains(doc.id)?);
    }
    let started = Instant::now();
    type Done = ((Document, Analysis), Option<(Prepared, Encoded)>);
    let analyzed: Vec<Done> = pool.install(|| {
        std::mem::take(batch)
            .into_par_iter()
            .zip(known)
            .map(|(doc, known)| {
                if known {
                    return Ok(((doc, Analysis::default()), None));
                }
                let analysis = nlp::analyze(&doc);
                let prepared = Ledger::prepare(&doc, &analysis);
                let encoded = Encoded::new(&doc, &analysis)?;
                Ok(((doc, analysis), Some((prepared, encoded))))
            })
            .collect::<store::Result<_>>()
    })?;
    *time += started.elapsed();
    let (docs, new): (Vec<_>, Vec<_>) = analyzed.into_iter().unzip();
    let (prepared, encoded): (Vec<Option<Prepared>>, Vec<Option<Encoded>>) =
        new.into_iter().map(|n| n.map_or((None, None), |(p, e)| (Some(p), Some(e)))).unzip();
    Ok((Analyzed { docs, encoded }, prepared.into_iter().flatten().collect()))
}

/// Size of an input on disk, for progress and throughput; standard input counts what was read
/// only through the documents, so it reports 0 here.
pub(crate) fn input_size(input: &Input) -> u64 {
    match input {
        Input::Path(path) => std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
        Input::Stdin => 0,
    }
}
