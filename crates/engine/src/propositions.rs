//! Reading propositions back from the store's rows (written by `link`).
//!
//! A row holds a proposition's record, or — for a proposition of a single claim, most of them —
//! only where that claim is (`store::Held::Claim`). Such a record is drawn again here: the
//! ledger's claim records are a pure function of a document and its analysis
//! (`ledger::propositions::extract`), both of which the store keeps, and the names come from the
//! store's entities, which keep the smallest name as the ledger does (the row keeps any name
//! they did not give when it was written). So the record read equals the one the ledger made,
//! without the store holding a second copy of the claim's text. The row keeps the record's
//! fingerprint, and a record that does not match it is never shown: a row the ledger has not
//! rewritten since a document's analysis changed is an error that asks for a re-link.
//!
//! Every attribution of a view read here also carries its document's reference (the input's own
//! id, else the URL, else the file), URL and title, looked up for all the views of a call at once.

use ledger::propositions::ClaimRecord;
use ledger::{PropositionRecord, PropositionView, SourceRegistry};
use model::DocId;
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use store::{Held, Store};

/// Documents whose claim records [`Reader`] keeps at most before starting afresh.
const DRAWN_MAX: usize = 4096;

/// Turns rows into views, drawing each document's claim records once.
struct Reader<'a> {
    store: &'a Store,
    sources: SourceRegistry,
    /// Claim records by document: from its stored analysis and, once needed, a fresh one.
    drawn: HashMap<String, (Vec<ClaimRecord>, Option<Vec<ClaimRecord>>)>,
}

impl<'a> Reader<'a> {
    fn new(store: &'a Store) -> Reader<'a> {
        Reader { store, sources: SourceRegistry::builtin(), drawn: HashMap::new() }
    }

    fn views(&mut self, rows: Vec<Held>) -> store::Result<Vec<PropositionView>> {
        let mut views: Vec<PropositionView> =
            rows.into_iter().map(|row| Ok(self.record(row)?.view(&self.sources))).collect::<store::Result<_>>()?;
        cite(self.store, &mut views)?;
        Ok(views)
    }

    fn record(&mut self, row: Held) -> store::Result<PropositionRecord> {
        let (document, claim, sentence, copy, fingerprint, kept) = match row {
            Held::Record(data) => {
                return store::blob::decode(&data).map_err(|e| corrupt(format!("proposition row: {e}")));
            }
            Held::Claim { document, claim, sentence, copy, fingerprint, names } => {
                (document, claim, sentence, copy, fingerprint, names)
            }
        };
        if !self.drawn.contains_key(&document) {
            if self.drawn.len() >= DRAWN_MAX {
                self.drawn.clear();
            }
            let records = self.claim_records(&document, false)?;
            self.drawn.insert(document.clone(), (records, None));
        }
        let linked =
            |r: &&ClaimRecord| r.claim == claim && r.sentence == sentence && self::fingerprint(r) == fingerprint;
        // The ledger linked the claim from the stored analysis, or — for a document stored by
        // an older analyzer — from a fresh one (see `link`); anything else is a row the ledger
        // has not rewritten since the analyses changed.
        let mut found = self.drawn[&document].0.iter().find(linked).cloned();
        if found.is_none() {
            if self.drawn[&document].1.is_none() {
                let fresh = self.claim_records(&document, true)?;
                self.drawn.get_mut(&document).expect("drawn above").1 = Some(fresh);
            }
            found = self.drawn[&document].1.iter().flatten().find(linked).cloned();
        }
        let Some(record) = found else {
            return Err(corrupt(format!(
                "proposition row: document {document} no longer has the claim {claim:?} of sentence {sentence} the \
                 ledger linked"
            )));
        };
        let failed = RefCell::new(None);
        let name = |id: &str| match kept.iter().find(|(k, _)| k == id) {
            Some((_, name)) => Some(name.clone()),
            None => match self.store.entity_name(id) {
                Ok(name) => name,
                Err(e) => {
                    failed.borrow_mut().get_or_insert(e);
                    None
                }
            },
        };
        let record = PropositionRecord::new(vec![record], vec![copy], &self.sources, name);
        match failed.into_inner() {
            Some(e) => Err(e),
            None => Ok(record),
        }
    }

    /// The ledger's claim records of a stored document, from its text and its stored analysis
    /// or, with `fresh`, the analyzers' own.
    fn claim_records(&self, document: &str, fresh: bool) -> store::Result<Vec<ClaimRecord>> {
        let Some(doc) = self.store.document(document)? else {
            return Err(corrupt(format!("proposition row: no document {document}")));
        };
        let analysis = match fresh {
            true => nlp::analyze(&doc),
            false => match self.store.analysis(doc.id)? {
                Some((analysis, _)) => analysis,
                None => nlp::analyze(&doc),
            },
        };
        Ok(ledger::propositions::extract(&doc, &analysis))
    }
}

/// Gives every attribution its document's reference, URL and title, which the ledger does not
/// keep: one lookup for all the documents the views cite (`Store::citations`).
fn cite(store: &Store, views: &mut [PropositionView]) -> store::Result<()> {
    let ids: BTreeSet<DocId> = views.iter().flat_map(|v| &v.attributions).map(|a| a.document).collect();
    let citations = store.citations(&ids.into_iter().collect::<Vec<_>>())?;
    for a in views.iter_mut().flat_map(|v| &mut v.attributions) {
        if let Some(c) = citations.get(&a.document) {
            a.reference = Some(c.reference.clone());
            a.url.clone_from(&c.url);
            a.title.clone_from(&c.title);
        }
    }
    Ok(())
}

/// A 32-bit digest of what a claim record says — its content, speaker, entities, terms, family,
/// stance and figures — to tell whether a record drawn again from a document is the one the
/// ledger linked (its place, document and claim index, is compared apart).
pub(crate) fn fingerprint(r: &ClaimRecord) -> u32 {
    use ledger::hash::{combine, str64};
    let strings = [r.text.as_str(), r.speaker.as_deref().unwrap_or(""), r.family.as_deref().unwrap_or("")];
    let mut h = strings.iter().fold(0, |h, s| combine(h, str64(s)));
    h = r.entities.iter().fold(h, |h, e| combine(h, str64(e)));
    h = r.terms.iter().fold(h, |h, t| combine(h, str64(t)));
    h = r.years.iter().fold(h, |h, &y| combine(h, y as u64));
    let flags = u64::from(r.hedged) | u64::from(r.anaphoric) << 1 | (r.polarity as u64) << 2;
    combine(combine(h, flags), r.estimates.len() as u64) as u32
}

fn corrupt(what: String) -> store::Error {
    store::Error::Corrupt { what: format!("{what} (run `dossier link --rebuild`)") }
}

/// The propositions of a story, the most attributed first, at most `limit`, and how many
/// there are.
pub fn story_propositions(
    store: &Store,
    story: ledger::StoryId,
    limit: u64,
) -> store::Result<(Vec<PropositionView>, u64)> {
    let (rows, total) = store.story_proposition_records(&story.to_string(), limit)?;
    Ok((Reader::new(store).views(rows)?, total))
}

/// The propositions a document has attributions in, earliest first.
pub fn document_propositions(store: &Store, document: &str) -> store::Result<Vec<PropositionView>> {
    Reader::new(store).views(store.document_proposition_records(document)?)
}

/// Every proposition, earliest first attribution first (undated last), then id.
pub fn propositions(store: &Store) -> store::Result<Vec<PropositionView>> {
    Reader::new(store).views(store.proposition_records()?)
}

/// A page of propositions, the most attributed first, and how many there are.
pub fn proposition_page(store: &Store, offset: u64, limit: u64) -> store::Result<(Vec<PropositionView>, u64)> {
    let (rows, total) = store.proposition_page(offset, limit)?;
    Ok((Reader::new(store).views(rows)?, total))
}

/// One proposition by its 16-hex-digit id (`None` also for what is not such an id).
pub fn proposition(store: &Store, id: &str) -> store::Result<Option<PropositionView>> {
    let Some(id) = ledger::PropositionId::parse(&id.to_ascii_lowercase()) else { return Ok(None) };
    match store.proposition_record(id.0)? {
        Some(row) => Ok(Some(Reader::new(store).views(vec![row])?.remove(0))),
        None => Ok(None),
    }
}
