//! The analyst exports: the ledger in the formats other tools read, one file per format —
//! `stix.rs` (a STIX 2.1 bundle), `claimreview.rs` (schema.org `ClaimReview`/`Claim` JSON-LD)
//! and `misp.rs` (attributions tagged with MISP's `admiralty-scale` taxonomy).
//!
//! Why: analysts work in threat-intelligence platforms and fact-checking tools; each export is a
//! pure function from a [`Corpus`] (propositions, the claims and documents they cite, the source
//! registry) to a `serde_json::Value`, so the CLI (`dossier export stix|claimreview|misp`) and the
//! API (`/api/export/…`, a page of propositions at a time: [`Corpus::load_page`]) give
//! byte-identical output for the same propositions. [`Corpus::load`] and [`Corpus::load_page`] are
//! the only parts that read the store.
//!
//! Determinism: ids are UUIDv5 ([`uuid5`], RFC 9562 §5.5, SHA-1 over a fixed namespace and our
//! content ids), times come from publication dates (never the clock), and everything is emitted
//! in sorted order, so exporting the same store twice gives the same bytes.
//!
//! Known limits: undated documents get the fixed time [`EPOCH`] (STIX needs a timestamp) and say
//! so in the `undated` property of Dossier's STIX extension; the source registry is the shipped
//! one.

pub mod claimreview;
pub mod misp;
pub mod stix;

use ledger::{PropositionView, SourceRegistry};
use model::Document;
use sha1::{Digest, Sha1};
use std::collections::BTreeMap;
use store::{ClaimRow, Store};

/// The time given to undated documents and to objects with no dated attribution (STIX requires
/// `created`/`modified`; a fixed value keeps exports reproducible).
pub const EPOCH: &str = "1970-01-01T00:00:00.000Z";

/// Dossier's own namespace for UUIDv5 ids: `uuid5(NAMESPACE_URL, "urn:dossier:stix")`.
pub const NAMESPACE: [u8; 16] =
    [0x7a, 0x4f, 0x0f, 0xd4, 0xbd, 0xeb, 0x51, 0x14, 0x8b, 0xb5, 0x5d, 0x65, 0x28, 0x96, 0xda, 0x91];

/// RFC 4122's URL namespace (`6ba7b811-9dad-11d1-80b4-00c04fd430c8`).
pub const NAMESPACE_URL: [u8; 16] =
    [0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8];

/// What the exports read: propositions (sorted by id), the claims and documents their
/// attributions cite (by document id), and the source registry.
pub struct Corpus {
    /// Every proposition, sorted by id.
    pub propositions: Vec<PropositionView>,
    /// Claims by (document id, claim index).
    pub claims: BTreeMap<(String, usize), ClaimRow>,
    /// Cited documents by id.
    pub documents: BTreeMap<String, Document>,
    /// The source registry that graded the attributions.
    pub registry: SourceRegistry,
}

/// The documents the attributions of `propositions` cite, by id.
fn cited(store: &Store, propositions: &[PropositionView]) -> store::Result<BTreeMap<String, Document>> {
    let mut documents = BTreeMap::new();
    for a in propositions.iter().flat_map(|p| &p.attributions) {
        let id = a.document.to_string();
        if !documents.contains_key(&id)
            && let Some(doc) = store.document(&id)?
        {
            documents.insert(id, doc);
        }
    }
    Ok(documents)
}

impl Corpus {
    /// Reads the propositions of the store and what they cite.
    pub fn load(store: &Store) -> store::Result<Corpus> {
        let propositions = engine::propositions(store)?;
        let documents = cited(store, &propositions)?;
        let claims = store
            .claims(&store::ClaimFilter { limit: usize::MAX, ..Default::default() })?
            .into_iter()
            .filter(|c| documents.contains_key(&c.document))
            .map(|c| ((c.document.clone(), c.claim), c))
            .collect();
        Ok(Corpus::new(propositions, claims, documents))
    }

    /// Reads one page of the propositions — `limit` of them after `offset`, the most attributed
    /// first, as `/api/propositions` pages them — and what they cite: what the API exports,
    /// so that one request never holds a whole large ledger (at 100,000 documents the whole
    /// STIX bundle took over two minutes and 13 GB).
    pub fn load_page(store: &Store, offset: u64, limit: u64) -> store::Result<Corpus> {
        let (propositions, _) = engine::proposition_page(store, offset, limit)?;
        let documents = cited(store, &propositions)?;
        let mut claims = BTreeMap::new();
        for id in documents.keys() {
            let filter = store::ClaimFilter { document: Some(id.clone()), limit: usize::MAX, ..Default::default() };
            claims.extend(store.claims(&filter)?.into_iter().map(|c| ((c.document.clone(), c.claim), c)));
        }
        Ok(Corpus::new(propositions, claims, documents))
    }

    fn new(
        mut propositions: Vec<PropositionView>,
        claims: BTreeMap<(String, usize), ClaimRow>,
        documents: BTreeMap<String, Document>,
    ) -> Corpus {
        propositions.sort_by_key(|p| p.id);
        Corpus { propositions, claims, documents, registry: SourceRegistry::builtin() }
    }

    /// The claim behind an attribution, when it has one.
    pub fn claim(&self, a: &ledger::Attribution) -> Option<&ClaimRow> {
        self.claims.get(&(a.document.to_string(), a.claim?))
    }
}

/// A name-based UUID, version 5 (SHA-1), in its hyphenated lower-case form.
pub fn uuid5(namespace: &[u8; 16], name: &str) -> String {
    let digest = Sha1::new().chain_update(namespace).chain_update(name.as_bytes()).finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

/// Unix seconds as a STIX timestamp (RFC 3339, UTC, milliseconds); [`EPOCH`] when undated.
pub fn timestamp(t: Option<i64>) -> String {
    match t {
        Some(t) => {
            let mut s = ledger::view::date(t);
            s.pop();
            s + ".000Z"
        }
        None => EPOCH.to_owned(),
    }
}

/// A document's publication time, Unix seconds.
pub fn published(doc: &Document) -> Option<i64> {
    doc.published.map(|t| t.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid5_matches_python_uuid() {
        // Values from Python's `uuid.uuid5`.
        assert_eq!(uuid5(&NAMESPACE_URL, "urn:dossier:stix"), "7a4f0fd4-bdeb-5114-8bb5-5d652896da91");
        assert_eq!(uuid5(&NAMESPACE, "note:0123456789abcdef"), "7e84c50f-a296-58df-b838-80416dfab2e6");
        let dns = [0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8];
        assert_eq!(uuid5(&dns, "www.example.com"), "2ed6657d-e927-568b-95e1-2665a8aea6a2");
    }

    #[test]
    fn namespace_is_derived_as_documented() {
        let text = uuid5(&NAMESPACE_URL, "urn:dossier:stix").replace('-', "");
        let bytes: Vec<u8> = (0..16).map(|i| u8::from_str_radix(&text[2 * i..2 * i + 2], 16).unwrap()).collect();
        assert_eq!(bytes, NAMESPACE);
    }

    #[test]
    fn timestamps_have_milliseconds_and_never_read_the_clock() {
        assert_eq!(timestamp(Some(1_745_798_400)), "2025-04-28T00:00:00.000Z");
        assert_eq!(timestamp(None), EPOCH);
    }
}
