//! `link`: bring the cross-document ledger up to date with the store.
//!
//! The ledger lives in the store as a snapshot of its state plus a log of the documents linked
//! since. Linking loads the snapshot, replays the log onto it (re-preparing those documents from
//! their stored text and analyses: the ledger is pure, so the same inputs in the same order give
//! the same state), adds every stored document it does not know yet — in canonical order
//! (publication time, then id), so a batch's arrival order does not matter — and saves, in one
//! transaction, the new log entries (or, once the log has grown, a new snapshot), each changed
//! document's story and duplicate-of columns, and the rows of the stories and propositions that
//! changed (`store::ViewChanges`). Readers — the server, the CLI — read those rows and never
//! decode the state. A crash before the save loses only the linking, which the next run redoes;
//! `rebuild` re-links everything from scratch in canonical order. Claims are clustered into
//! propositions at once, not one by one, when the ledger was empty (a new store; its log entries
//! say so, and a load replays them the same way) or when a link adds at least as many documents
//! as it held (then the ledger is saved whole).

use ledger::{Changes, Ledger, Prepared, PropositionRecord, SourceRegistry, StoryView};
use model::{Analysis, DocId, Document};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use store::{Held, LedgerPiece, Link, Logged, PropositionRow, Store, StoredLink, StoryOrder, StoryRow, ViewChanges};

/// Documents read and prepared together before they are added in order.
const PREPARE_CHUNK: usize = 256;

/// A link writes a new snapshot (and empties the log) once the log holds at least this many
/// documents and at least `1 / SNAPSHOT_SHARE` of the ledger. Replaying a document costs about
/// what linking it did (0.1–0.5 ms), while a snapshot rewrites the whole state (about 2.7 KB
/// per document: 4 s at 100,000 documents), so the snapshot's cost is spread over many
/// documents and a load never replays more than a sixteenth of the ledger beyond the minimum.
const SNAPSHOT_MIN: usize = 5_000;
const SNAPSHOT_SHARE: usize = 16;

/// What linking did.
#[derive(Clone, Debug, Default, Serialize)]
pub struct LinkSummary {
    /// Documents newly linked.
    pub linked: u64,
    /// Of those, copies of an earlier document (near-duplicates).
    pub near_duplicates: u64,
    /// Stories in the ledger after linking.
    pub stories: usize,
    /// Whether the whole ledger was rebuilt (asked for, or the stored state was from an older
    /// version).
    pub rebuilt: bool,
    /// Documents of the log replayed onto the snapshot when loading.
    pub replayed: u64,
    /// Whether a new snapshot was written (the log was emptied).
    pub snapshot: bool,
}

/// Adds every stored document the ledger does not know yet; with `rebuild`, re-links all of
/// them from scratch.
pub fn link(store: &mut Store, rebuild: bool) -> store::Result<LinkSummary> {
    link_with(store, rebuild, HashMap::new(), false)
}

/// Brings the ledger up to date and writes a new snapshot whatever the log's length, so the
/// next load replays nothing.
pub fn snapshot(store: &mut Store) -> store::Result<LinkSummary> {
    link_with(store, false, HashMap::new(), true)
}

/// [`link`], taking the documents in `prepared` as they are instead of reading and preparing
/// them again (the ingest prepares new documents on the analysis pool).
pub(crate) fn link_with(
    store: &mut Store,
    rebuild: bool,
    prepared: HashMap<DocId, Prepared>,
    force_snapshot: bool,
) -> store::Result<LinkSummary> {
    plan(store, rebuild, prepared, force_snapshot)?.save(store)
}

/// What linking will save, worked out before anything is written.
pub(crate) enum Plan {
    /// Nothing to write.
    Unchanged { ledger: Box<Ledger>, summary: LinkSummary },
    /// The ledger with its changes taken, and the documents it linked.
    Changed { ledger: Box<Ledger>, changes: Changes, log: Vec<Logged>, summary: LinkSummary },
}

impl Plan {
    /// Writes the plan in one transaction.
    pub(crate) fn save(self, store: &mut Store) -> store::Result<LinkSummary> {
        let (summary, ledger) = self.save_keeping(store)?;
        // Freeing the ledger's many small allocations takes a while (35 ms for BBC, seconds at
        // scale); nothing waits for it.
        std::thread::spawn(move || drop(ledger));
        Ok(summary)
    }

    /// [`Plan::save`], giving the ledger back to be held for the next link (see [`Start`]).
    pub(crate) fn save_keeping(self, store: &mut Store) -> store::Result<(LinkSummary, Box<Ledger>)> {
        match self {
            Plan::Unchanged { ledger, summary } => Ok((summary, ledger)),
            Plan::Changed { ledger, changes, log, summary } => {
                save(store, &ledger, changes, log, summary.snapshot)?;
                Ok((summary, ledger))
            }
        }
    }
}

/// What linking starts from.
pub(crate) enum Start {
    /// The stored ledger, loaded (or rebuilt from the stored documents when `rebuild` or when
    /// it cannot be used); every stored document it does not know is linked.
    Load { rebuild: bool },
    /// A ledger held in memory by the store's one writer, in step with what is stored, with
    /// the number of documents logged since its last snapshot; only the `prepared` documents
    /// are linked (the writer stored them), so nothing is listed or read back.
    Held { ledger: Box<Ledger>, logged: usize },
}

/// Loads the ledger through `reader` and links every document it does not know: the stored
/// ones and those in `prepared` — which the ingest may still be committing, so `reader` need
/// not see them yet (every other unknown document must be stored). Writes nothing.
pub(crate) fn plan(
    reader: &Store,
    rebuild: bool,
    prepared: HashMap<DocId, Prepared>,
    force_snapshot: bool,
) -> store::Result<Plan> {
    plan_from(reader, Start::Load { rebuild }, prepared, force_snapshot)
}

/// [`plan`] from a loaded or a held ledger.
pub(crate) fn plan_from(
    reader: &Store,
    start: Start,
    mut prepared: HashMap<DocId, Prepared>,
    force_snapshot: bool,
) -> store::Result<Plan> {
    // The ledger is derived data: a state this version cannot read or replay (an older format,
    // documents linked from an older analyzer) is rebuilt from the stored documents rather
    // than refused.
    let (loaded, rebuild, held) = match start {
        Start::Load { rebuild: true } => (None, true, false),
        Start::Load { rebuild: false } => {
            let loaded = load(reader)?;
            let rebuild = loaded.is_none();
            (loaded, rebuild, false)
        }
        Start::Held { ledger, logged } => (Some(Loaded { ledger: *ledger, replayed: logged }), false, true),
    };
    let Loaded { mut ledger, replayed } = loaded.unwrap_or_else(|| Loaded { ledger: new_ledger(), replayed: 0 });
    let mut summary = LinkSummary { replayed: if held { 0 } else { replayed as u64 }, ..LinkSummary::default() };
    let mut log: Vec<Logged> = Vec::new();
    let first_key = ledger.len() as u64;
    // Linked one by one, claims join propositions on the evidence there is when they come;
    // clustered at once, the closest join first (0.90 B³ F1 on Emergent against 0.87). Into an
    // empty ledger (a new store) the batch is clustered at once; a batch at least as large as
    // the ledger it joins has every claim clustered again afterwards (about twice the batch's
    // own cost of linking claims).
    let at_once = !rebuild && ledger.is_empty();
    if at_once {
        ledger.defer_propositions();
    }
    let mut unknown: Vec<(Option<i64>, DocId)> = if held {
        Vec::new()
    } else {
        reader.document_keys()?.into_iter().filter(|&(_, id)| ledger.document(id).is_none()).collect()
    };
    let listed: std::collections::HashSet<DocId> = unknown.iter().map(|&(_, id)| id).collect();
    unknown.extend(
        prepared
            .values()
            .filter(|p| !listed.contains(&p.id()) && ledger.document(p.id()).is_none())
            .map(|p| (p.published(), p.id())),
    );
    // Canonical order, as `Store::document_keys` gives it: publication time (undated last), id.
    unknown.sort_by_key(|&(published, id)| (published.is_none(), published, id));
    // Reading is sequential (one connection) and so is adding (the ledger is one state), but
    // the per-document half — shingles, signature, features, claim records — runs on all cores.
    for chunk in unknown.chunks(PREPARE_CHUNK) {
        let mut read = Vec::new();
        for (_, id) in chunk.iter().filter(|(_, id)| !prepared.contains_key(id)) {
            let Some(doc) = reader.document(&id.to_string())? else { continue };
            let analysis = crate::stored_or_fresh_analysis(reader, &doc)?;
            read.push((doc, analysis));
        }
        let mut fresh: HashMap<DocId, Prepared> = prepare(&read).into_iter().map(|p| (p.id(), p)).collect();
        let batch: Vec<Prepared> =
            chunk.iter().filter_map(|(_, id)| prepared.remove(id).or_else(|| fresh.remove(id))).collect();
        for update in ledger.add_all(batch).into_iter().filter(|u| !u.known) {
            log.push(Logged {
                key: log.len() as u64 + first_key,
                document: update.doc,
                analyzer: nlp::VERSION,
                clustered: at_once,
            });
            summary.linked += 1;
            summary.near_duplicates += u64::from(update.duplicate_of.is_some());
        }
    }
    if at_once {
        ledger.cluster_deferred();
    }
    let recluster = !rebuild && !at_once && log.len() as u64 >= first_key.max(1);
    summary.rebuilt = rebuild;
    // A store linked before the rows existed gets them all once.
    let rows_missing = !ledger.is_empty() && reader.views_missing()?;
    if log.is_empty() && !rebuild && !rows_missing && !force_snapshot {
        summary.stories = ledger.story_count();
        return Ok(Plan::Unchanged { ledger: Box::new(ledger), summary });
    }
    if rebuild {
        ledger.rebuild();
    } else if recluster {
        ledger.recluster();
    }
    summary.stories = ledger.story_count();
    if rows_missing {
        ledger.mark_all_changed();
    }
    // A rebuilt or reclustered ledger is not the sum of its log (documents are re-linked
    // against the final frequencies, claims clustered again), so it is always saved whole; a
    // batch clustered at once is logged as such and replayed the same way.
    summary.snapshot = rebuild
        || recluster
        || force_snapshot
        || replayed + log.len() >= SNAPSHOT_MIN.max(ledger.len() / SNAPSHOT_SHARE);
    let changes = ledger.take_changes();
    Ok(Plan::Changed { ledger: Box::new(ledger), changes, log, summary })
}

/// Proposition rows encoded together and handed to the writer as one piece.
const ROWS_CHUNK: usize = 2_048;

/// Saves what changed in one transaction. A writer thread applies the pieces as they come
/// while this one encodes the rows on the pool (side by side with the snapshot, when one is
/// written), so encoding and writing overlap.
fn save(store: &mut Store, ledger: &Ledger, changes: Changes, log: Vec<Logged>, snapshot: bool) -> store::Result<()> {
    let (sender, receiver) = std::sync::mpsc::sync_channel::<store::Result<LedgerPiece>>(4);
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || store.save_ledger(receiver));
        let send = |piece: store::Result<LedgerPiece>| sender.send(piece).is_ok();
        let links = changes
            .documents
            .iter()
            .map(|view| Link { document: view.id, story: view.story.to_string(), duplicate_of: view.duplicate_of })
            .collect();
        if send(Ok(LedgerPiece::Links(links))) {
            let (_, state) = rayon::join(
                || send_rows(changes.all, changes.stories, changes.propositions, &send),
                || snapshot.then(|| store::blob::encode(ledger).map_err(|what| store::Error::Corrupt { what })),
            );
            let _ = send(match state {
                Some(data) => data.map(LedgerPiece::Snapshot),
                None => Ok(LedgerPiece::Log(log)),
            });
        }
        drop(sender);
        writer.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// Encodes the store rows of a ledger's changes on all cores and sends them: the stories first
/// (with `all`, so everything stored before is dropped first), then the propositions in chunks,
/// each record dropped once encoded (after a rebuild the changes hold every proposition).
/// Stops when the writer has gone.
fn send_rows(
    all: bool,
    stories: Vec<(u32, Option<StoryView>)>,
    propositions: Vec<(u32, Option<PropositionRecord>)>,
    send: &(dyn Fn(store::Result<LedgerPiece>) -> bool + Sync),
) {
    let stories = stories
        .into_par_iter()
        .map(|(slot, view)| Ok((slot, view.map(story_row).transpose()?)))
        .collect::<store::Result<Vec<_>>>();
    let first = stories.map(|stories| LedgerPiece::Views(ViewChanges { all, stories, propositions: Vec::new() }));
    if !send(first) {
        return;
    }
    let mut propositions = propositions.into_iter();
    loop {
        let chunk: Vec<_> = propositions.by_ref().take(ROWS_CHUNK).collect();
        if chunk.is_empty() {
            return;
        }
        let rows = chunk
            .into_par_iter()
            .map(|(slot, record)| Ok((slot, record.map(proposition_row).transpose()?)))
            .collect::<store::Result<Vec<_>>>();
        let piece =
            rows.map(|propositions| LedgerPiece::Views(ViewChanges { all: false, stories: Vec::new(), propositions }));
        if !send(piece) {
            return;
        }
    }
}

fn story_row(v: StoryView) -> store::Result<StoryRow> {
    Ok(StoryRow {
        id: v.id.to_string(),
        first_published: v.first_published,
        documents: v.documents.len() as u32,
        voices: v.voices as u32,
        view: serde_json::to_string(&v).map_err(|e| store::Error::Corrupt { what: e.to_string() })?,
    })
}

/// A proposition's row: a proposition of one claim is stored as where the claim is (see
/// `propositions::record`), any other as its record.
fn proposition_row(r: PropositionRecord) -> store::Result<PropositionRow> {
    let mut documents: Vec<String> = r.claims.iter().map(|c| c.doc.to_string()).collect();
    documents.sort_unstable();
    documents.dedup();
    let held = match (r.claims.as_slice(), r.copy.as_slice()) {
        ([c], [copy]) => Held::Claim {
            document: c.doc.to_string(),
            claim: c.claim,
            sentence: c.sentence,
            copy: *copy,
            fingerprint: crate::propositions::fingerprint(c),
            names: r.names.iter().map(|(id, name)| (id.clone(), name.clone())).collect(),
        },
        _ => Held::Record(store::blob::encode(&r).map_err(|what| store::Error::Corrupt { what })?),
    };
    Ok(PropositionRow {
        id: r.id().0,
        first_published: r.claims.iter().find_map(|c| c.published),
        attributions: r.claims.len() as u32,
        documents,
        held,
    })
}

/// Prepares documents for the ledger on all cores, in order.
fn prepare(read: &[(Document, Analysis)]) -> Vec<Prepared> {
    read.par_iter().map(|(doc, analysis)| Ledger::prepare(doc, analysis)).collect()
}

/// A loaded ledger and how many documents of the log were replayed onto its snapshot.
struct Loaded {
    ledger: Ledger,
    replayed: usize,
}

/// The stored ledger — snapshot plus log — or an empty one for a store never linked; `None`
/// when what is stored cannot be used by this version and must be rebuilt: a snapshot of
/// another format, or a log whose documents were linked from analyses no longer stored
/// (re-analyzed since) and that this analyzer version would not reproduce.
fn load(store: &Store) -> store::Result<Option<Loaded>> {
    let mut ledger = match store.ledger_state()? {
        Some(state) => match store::blob::decode::<Ledger>(&state) {
            Ok(ledger) => ledger,
            Err(_) => return Ok(None),
        },
        None => Ledger::default(),
    };
    ledger.set_sources(SourceRegistry::builtin());
    let log = store.ledger_log(ledger.len() as u64)?;
    // A batch linked into an empty ledger had its claims clustered at once: its entries come
    // first, and are replayed the same way.
    let clustered = if ledger.is_empty() { log.iter().take_while(|e| e.clustered).count() } else { 0 };
    if clustered > 0 {
        ledger.defer_propositions();
    }
    let chunks = log[..clustered].chunks(PREPARE_CHUNK).chain(log[clustered..].chunks(PREPARE_CHUNK));
    for (n, chunk) in chunks.enumerate() {
        if n == clustered.div_ceil(PREPARE_CHUNK) {
            ledger.cluster_deferred();
        }
        let mut read = Vec::with_capacity(chunk.len());
        for entry in chunk {
            let Some(doc) = store.document(&entry.document.to_string())? else { return Ok(None) };
            let analysis = match store.analysis(entry.document)? {
                Some((analysis, version)) if version == entry.analyzer => analysis,
                _ if entry.analyzer == nlp::VERSION => nlp::analyze(&doc),
                _ => return Ok(None),
            };
            read.push((doc, analysis));
        }
        if chunk.iter().enumerate().any(|(k, entry)| entry.key != (ledger.len() + k) as u64) {
            return Ok(None);
        }
        ledger.add_all(prepare(&read));
    }
    // (A log of nothing but the clustered batch ends with it.)
    ledger.cluster_deferred();
    // Their rows were written when they were first linked.
    ledger.forget_changes();
    Ok(Some(Loaded { ledger, replayed: log.len() }))
}

/// The stored ledger (snapshot plus log), or an empty one for a store never linked; its
/// source registry is the built-in one (the registry is configuration, not state, so it is
/// never stored).
pub fn load_ledger(store: &Store) -> store::Result<Ledger> {
    match load(store)? {
        Some(loaded) => Ok(loaded.ledger),
        None => Err(store::Error::Corrupt {
            what: "ledger state: stored by another version (run `dossier link --rebuild`)".into(),
        }),
    }
}

fn new_ledger() -> Ledger {
    let mut ledger = Ledger::default();
    ledger.set_sources(SourceRegistry::builtin());
    ledger
}

fn story_view(json: &str) -> store::Result<StoryView> {
    serde_json::from_str(json).map_err(|e| store::Error::Corrupt { what: format!("story row: {e}") })
}

/// The stories, earliest first.
pub fn stories(store: &Store) -> store::Result<Vec<StoryView>> {
    story_page(store, StoryOrder::Published, 0, u64::MAX).map(|(views, _)| views)
}

/// A page of stories in the given order, and how many there are.
pub fn story_page(store: &Store, order: StoryOrder, offset: u64, limit: u64) -> store::Result<(Vec<StoryView>, u64)> {
    let (rows, total) = store.stories(order, offset, limit)?;
    Ok((rows.iter().map(|r| story_view(r)).collect::<store::Result<_>>()?, total))
}

/// One story by id or id prefix (at least 6 hex digits).
pub fn story(store: &Store, key: &str) -> store::Result<Option<StoryView>> {
    let key = key.to_ascii_lowercase();
    if key.len() < 6 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let found = store.stories_by_prefix(&key)?;
    if found.len() > 1 {
        return Err(store::Error::Ambiguous { key });
    }
    found.first().map(|r| story_view(r)).transpose()
}

/// A document's story and the original it copies, as stored.
pub fn document_link(store: &Store, id: &str) -> store::Result<Option<StoredLink>> {
    store.link_of(id)
}
