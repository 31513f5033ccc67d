//! `link`: bring the cross-document ledger up to date with the store.
//!
//! The ledger state lives in the store as one blob. Linking loads it, adds every stored document
//! it does not know yet — in canonical order (publication time, then id), so a batch's arrival
//! order does not matter — and saves, in one transaction, the state, each changed document's
//! story and duplicate-of columns, and the rows of the stories and propositions that changed
//! (`store::ViewChanges`). Readers — the server, the CLI — read those rows and never decode the
//! state. A crash before the save loses only the linking, which the next run redoes; `rebuild`
//! re-links everything from scratch in canonical order.

use ledger::{Changes, Ledger, Prepared, PropositionRecord, PropositionView, SourceRegistry, StoryView};
use model::DocId;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use store::{Link, PropositionRow, Store, StoredLink, StoryOrder, StoryRow, ViewChanges};

/// Documents read and prepared together before they are added in order.
const PREPARE_CHUNK: usize = 256;

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
}

/// Adds every stored document the ledger does not know yet; with `rebuild`, re-links all of
/// them from scratch.
pub fn link(store: &mut Store, rebuild: bool) -> store::Result<LinkSummary> {
    link_with(store, rebuild, HashMap::new())
}

/// [`link`], taking the documents in `prepared` as they are instead of reading and preparing
/// them again (the ingest prepares new documents on the analysis pool).
pub(crate) fn link_with(
    store: &mut Store,
    rebuild: bool,
    mut prepared: HashMap<DocId, Prepared>,
) -> store::Result<LinkSummary> {
    // The ledger is derived data: a state this version cannot read (an older format) is
    // rebuilt from the stored documents rather than refused.
    let stored = if rebuild { None } else { load_ledger(store).ok() };
    let rebuild = rebuild || stored.is_none() && store.ledger_state()?.is_some();
    let mut ledger = stored.unwrap_or_else(new_ledger);
    let mut summary = LinkSummary::default();
    let mut added = 0usize;
    let unknown: Vec<DocId> = store.document_ids()?.into_iter().filter(|&id| ledger.document(id).is_none()).collect();
    // Reading is sequential (one connection) and so is adding (the ledger is one state), but
    // the per-document half — shingles, signature, features, claim records — runs on all cores.
    for chunk in unknown.chunks(PREPARE_CHUNK) {
        let mut read = Vec::new();
        for id in chunk.iter().filter(|id| !prepared.contains_key(id)) {
            let Some(doc) = store.document(&id.to_string())? else { continue };
            let analysis = crate::stored_or_fresh_analysis(store, &doc)?;
            read.push((doc, analysis));
        }
        let mut fresh: HashMap<DocId, Prepared> =
            read.par_iter().map(|(doc, analysis)| (doc.id, Ledger::prepare(doc, analysis))).collect();
        for p in chunk.iter().filter_map(|id| prepared.remove(id).or_else(|| fresh.remove(id))) {
            let update = ledger.add_prepared(p);
            summary.linked += 1;
            summary.near_duplicates += u64::from(update.duplicate_of.is_some());
            added += 1;
        }
    }
    summary.rebuilt = rebuild;
    // A store linked before the rows existed gets them all once.
    let rows_missing = !ledger.is_empty() && store.views_missing()?;
    if added == 0 && !rebuild && !rows_missing {
        summary.stories = ledger.story_count();
        return Ok(summary);
    }
    if rebuild {
        ledger.rebuild();
    }
    summary.stories = ledger.story_count();
    if rows_missing {
        ledger.mark_all_changed();
    }
    let changes = ledger.take_changes();
    let links: Vec<Link> = changes
        .documents
        .iter()
        .map(|view| Link { document: view.id, story: view.story.to_string(), duplicate_of: view.duplicate_of })
        .collect();
    // The rows and the state are encoded side by side.
    let (views, state) =
        rayon::join(|| rows(changes), || store::blob::encode(&ledger).map_err(|what| store::Error::Corrupt { what }));
    store.save_ledger(&state?, &links, &views?)?;
    Ok(summary)
}

/// The store rows of a ledger's changes, encoded on all cores, each record dropped once
/// encoded (after a rebuild the changes hold every proposition of the ledger).
fn rows(changes: Changes) -> store::Result<ViewChanges> {
    let corrupt = |what: String| store::Error::Corrupt { what };
    let stories = changes
        .stories
        .into_par_iter()
        .map(|(slot, view)| {
            let row = match view {
                None => None,
                Some(v) => Some(StoryRow {
                    id: v.id.to_string(),
                    first_published: v.first_published,
                    documents: v.documents.len() as u32,
                    voices: v.voices as u32,
                    view: serde_json::to_string(&v).map_err(|e| corrupt(e.to_string()))?,
                }),
            };
            Ok((slot, row))
        })
        .collect::<store::Result<Vec<_>>>()?;
    let propositions = changes
        .propositions
        .into_par_iter()
        .map(|(slot, record)| {
            let row = match record {
                None => None,
                Some(r) => {
                    let mut documents: Vec<String> = r.claims.iter().map(|c| c.doc.to_string()).collect();
                    documents.sort_unstable();
                    documents.dedup();
                    Some(PropositionRow {
                        id: r.id().to_string(),
                        first_published: r.claims.iter().find_map(|c| c.published),
                        attributions: r.claims.len() as u32,
                        documents,
                        record: store::blob::encode(&r).map_err(corrupt)?,
                    })
                }
            };
            Ok((slot, row))
        })
        .collect::<store::Result<Vec<_>>>()?;
    Ok(ViewChanges { all: changes.all, stories, propositions })
}

/// The stored ledger, or an empty one for a store never linked; its source registry is the
/// built-in one (the registry is configuration, not state, so it is never stored).
pub fn load_ledger(store: &Store) -> store::Result<Ledger> {
    match store.ledger_state()? {
        Some(state) => {
            let mut ledger: Ledger = store::blob::decode(&state).map_err(|e| store::Error::Corrupt {
                what: format!("ledger state: {e} (run `dossier link --rebuild`)"),
            })?;
            ledger.set_sources(SourceRegistry::builtin());
            Ok(ledger)
        }
        None => Ok(new_ledger()),
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

fn proposition_view(record: &[u8], sources: &SourceRegistry) -> store::Result<PropositionView> {
    let record: PropositionRecord = store::blob::decode(record)
        .map_err(|e| store::Error::Corrupt { what: format!("proposition row: {e} (run `dossier link --rebuild`)") })?;
    Ok(record.view(sources))
}

fn proposition_views(records: Vec<Vec<u8>>) -> store::Result<Vec<PropositionView>> {
    let sources = SourceRegistry::builtin();
    records.iter().map(|r| proposition_view(r, &sources)).collect()
}

/// The propositions of a story, the most attributed first, at most `limit`, and how many
/// there are.
pub fn story_propositions(
    store: &Store,
    story: ledger::StoryId,
    limit: u64,
) -> store::Result<(Vec<PropositionView>, u64)> {
    let (records, total) = store.story_proposition_records(&story.to_string(), limit)?;
    Ok((proposition_views(records)?, total))
}

/// The propositions a document has attributions in, earliest first.
pub fn document_propositions(store: &Store, document: &str) -> store::Result<Vec<PropositionView>> {
    proposition_views(store.document_proposition_records(document)?)
}

/// Every proposition, earliest first attribution first (undated last), then id.
pub fn propositions(store: &Store) -> store::Result<Vec<PropositionView>> {
    proposition_views(store.proposition_records()?)
}

/// A page of propositions, the most attributed first, and how many there are.
pub fn proposition_page(store: &Store, offset: u64, limit: u64) -> store::Result<(Vec<PropositionView>, u64)> {
    let (records, total) = store.proposition_page(offset, limit)?;
    Ok((proposition_views(records)?, total))
}

/// One proposition by its 16-hex-digit id.
pub fn proposition(store: &Store, id: &str) -> store::Result<Option<PropositionView>> {
    let id = id.to_ascii_lowercase();
    match store.proposition_record(&id)? {
        Some(record) => Ok(Some(proposition_view(&record, &SourceRegistry::builtin())?)),
        None => Ok(None),
    }
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
