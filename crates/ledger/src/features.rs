//! A document's features for story clustering: weighted entities and salient terms, stored raw
//! (so they depend on the document alone) and turned into a unit TF-IDF vector against the
//! ledger's current document frequencies when needed.
//!
//! Why: the same development is told with the same actors, places and words; entities carry
//! canonical ids from `nlp` (Pyongyang and North Korea are one `gpe:KP`), terms catch what has
//! no name ("strike", "earthquake", "rate cut").
//!
//! Entity raw weight = (1 + ln mentions) × type weight × 1.5 when named in the headline; the
//! vector gives entities a share [`Weights::entity_share`] of its squared norm and terms the
//! rest, each part TF-IDF weighted and normalized, then keeps the [`VECTOR_FEATURES`] heaviest
//! features.
//!
//! Example: an article on North Korean troops in Kursk has `gpe:KP`, `gpe:RU`, the Kursk place and
//! the terms `troop`, `kursk`, `deployment` among its heaviest features.
//!
//! Known limits: countries and nationalities are weighed down (0.5) because nearly every
//! international story names several; an entity `nlp` misses is only seen through its words.

use crate::hash;
use crate::terms::{self, Frequencies};
use model::{Analysis, Document, EntityType};
use serde::{Deserialize, Serialize};

/// Features kept in a document vector.
pub const VECTOR_FEATURES: usize = 32;

/// The raw features of one document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Features {
    /// Entity keys with raw weights, heaviest first.
    pub entities: Vec<(u64, f32)>,
    /// Term keys with counts, most frequent first (at most `terms::TERMS_KEPT`).
    pub terms: Vec<(u64, u16)>,
}

/// How entities and terms are balanced in a document vector.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Weights {
    /// Share of the squared norm given to entities (the rest goes to terms), 0–1.
    pub entity_share: f32,
}

/// The feature key of an entity id.
pub fn entity_key(id: &str) -> u64 {
    hash::combine(hash::str64(id), 0x656e_7469_7479)
}

/// Extracts a document's features, and the distinct keys that count towards document
/// frequencies (every term, every entity). Never fails: ranges outside the text are ignored.
pub fn extract(doc: &Document, analysis: &Analysis) -> (Features, Vec<u64>) {
    let (terms, mut keys) = terms::count(&doc.title, doc.body());
    let mut entities: Vec<(u64, f32)> = Vec::new();
    for e in &analysis.entities {
        // A generic weapon ("shells", "drones") is a word, not an actor: as an entity it tied a
        // port strike to a war (both "weapon:generic") before the ledger knew which words are
        // common.
        if e.mentions.is_empty() || e.id.ends_with(":generic") {
            continue;
        }
        let in_title = !doc.title.is_empty() && e.mentions.iter().any(|m| m.range.start() < doc.title.len());
        let w = (1.0 + (e.mentions.len() as f32).ln()) * type_weight(e.kind) * if in_title { 1.5 } else { 1.0 };
        let k = entity_key(&e.id);
        match entities.iter_mut().find(|(key, _)| *key == k) {
            Some(slot) => slot.1 = slot.1.max(w),
            None => entities.push((k, w)),
        }
    }
    entities.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    keys.extend(entities.iter().map(|e| e.0));
    keys.sort_unstable();
    keys.dedup();
    (Features { entities, terms }, keys)
}

fn type_weight(kind: EntityType) -> f32 {
    match kind {
        EntityType::Gpe | EntityType::Norp => 0.5,
        EntityType::Misc => 0.6,
        EntityType::Weapon | EntityType::Product => 0.8,
        EntityType::Event => 1.2,
        EntityType::Person | EntityType::Org | EntityType::Loc | EntityType::Fac | EntityType::Military => 1.0,
    }
}

impl Features {
    /// The unit vector of these features under `freq`: `(key, weight)`, heaviest first (ties by
    /// key), at most [`VECTOR_FEATURES`] entries. Empty when the document has no features.
    pub fn vector(&self, freq: &Frequencies, weights: Weights) -> Vec<(u64, f32)> {
        let ents: Vec<(u64, f32)> = self.entities.iter().map(|&(k, w)| (k, w * freq.idf(k))).collect();
        let terms: Vec<(u64, f32)> =
            self.terms.iter().map(|&(k, c)| (k, (1.0 + f32::from(c).ln()) * freq.idf(k))).collect();
        let share = weights.entity_share.clamp(0.0, 1.0);
        let (es, ts) = match (ents.is_empty(), terms.is_empty()) {
            (true, true) => return Vec::new(),
            (false, true) => (1.0, 0.0),
            (true, false) => (0.0, 1.0),
            (false, false) => (share.sqrt(), (1.0 - share).sqrt()),
        };
        let mut v: Vec<(u64, f32)> = scaled(&ents, es).chain(scaled(&terms, ts)).collect();
        v.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(VECTOR_FEATURES);
        let norm = v.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|e| e.1 /= norm);
        }
        v
    }
}

fn scaled(part: &[(u64, f32)], scale: f32) -> impl Iterator<Item = (u64, f32)> + '_ {
    let norm = part.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt();
    part.iter().filter(move |_| norm > 0.0 && scale > 0.0).map(move |&(k, w)| (k, w / norm * scale))
}
