//! `link`: bring the cross-document ledger up to date with the store.
//!
//! The ledger state lives in the store as one blob. Linking loads it, adds every stored document
//! it does not know yet — in canonical order (publication time, then id), so a batch's arrival
//! order does not matter — and saves the state together with each new document's story and
//! duplicate-of columns in one transaction. A crash before the save loses only the linking,
//! which the next run redoes; `rebuild` re-links everything from scratch in canonical order.

use ledger::{Ledger, PropositionId, PropositionView, SourceRegistry, StoryView};
use model::DocId;
use serde::Serialize;
use store::{Link, Store};

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
    // The ledger is derived data: a state this version cannot read (an older format) is
    // rebuilt from the stored documents rather than refused.
    let stored = if rebuild { None } else { load_ledger(store).ok() };
    let rebuild = rebuild || stored.is_none() && store.ledger_state()?.is_some();
    let mut ledger = stored.unwrap_or_else(new_ledger);
    let mut summary = LinkSummary::default();
    let mut added = Vec::new();
    for id in store.document_ids()? {
        if ledger.document(id).is_some() {
            continue;
        }
        let Some(doc) = store.document(&id.to_string())? else { continue };
        let analysis = crate::stored_or_fresh_analysis(store, &doc)?;
        let update = ledger.add(&doc, &analysis);
        summary.linked += 1;
        summary.near_duplicates += u64::from(update.duplicate_of.is_some());
        added.push(id);
    }
    summary.rebuilt = rebuild;
    if added.is_empty() && !rebuild {
        summary.stories = ledger.stories().len();
        return Ok(summary);
    }
    if rebuild {
        ledger.rebuild();
    }
    let links: Vec<Link> = added
        .iter()
        .filter_map(|&id| ledger.document(id))
        .map(|view| Link { document: view.id, story: view.story.to_string(), duplicate_of: view.duplicate_of })
        .collect();
    let state = store::blob::encode(&ledger).map_err(|what| store::Error::Corrupt { what })?;
    store.save_ledger(&state, &links)?;
    summary.stories = ledger.stories().len();
    Ok(summary)
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

/// The propositions of a story, the most attributed first.
pub fn story_propositions(store: &Store, story: ledger::StoryId) -> store::Result<Vec<PropositionView>> {
    let mut views = load_ledger(store)?.story_propositions(story);
    views.sort_by_key(|p| std::cmp::Reverse(p.attributions.len()));
    Ok(views)
}

/// Every proposition, in the ledger's order (first attribution first).
pub fn propositions(store: &Store) -> store::Result<Vec<PropositionView>> {
    Ok(load_ledger(store)?.propositions())
}

/// One proposition by its 16-hex-digit id.
pub fn proposition(store: &Store, id: &str) -> store::Result<Option<PropositionView>> {
    let Some(id) = PropositionId::parse(id) else { return Ok(None) };
    Ok(load_ledger(store)?.proposition(id))
}

/// The stories, earliest first.
pub fn stories(store: &Store) -> store::Result<Vec<StoryView>> {
    Ok(load_ledger(store)?.stories())
}

/// One story by id or id prefix (at least 6 hex digits).
pub fn story(store: &Store, key: &str) -> store::Result<Option<StoryView>> {
    let key = key.to_ascii_lowercase();
    if key.len() < 6 {
        return Ok(None);
    }
    let mut found = load_ledger(store)?.stories().into_iter().filter(|s| s.id.to_string().starts_with(&key));
    let first = found.next();
    if found.next().is_some() {
        return Err(store::Error::Ambiguous { key });
    }
    Ok(first)
}

/// Convenience for callers holding a document id.
pub fn document_story(store: &Store, id: DocId) -> store::Result<Option<ledger::DocumentView>> {
    Ok(load_ledger(store)?.document(id))
}
