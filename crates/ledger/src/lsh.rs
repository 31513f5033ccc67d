//! Locality-sensitive hashing over MinHash signatures: the signature is cut into [`BANDS`] bands
//! of [`ROWS`] values; two documents become candidates when any band agrees exactly.
//!
//! Why: a new document must find its near-duplicates among all earlier ones without comparing
//! with each. With 32 bands of 4 rows, a pair of Jaccard J is a candidate with probability
//! 1 − (1 − J⁴)³²: 0.87 at J = 0.5, 0.99 at 0.6, 0.03 at 0.2 — a good filter below the duplicate
//! threshold (`duplicates::THRESHOLD`), which is then checked on the full signatures.
//!
//! Each bucket keeps at most [`BUCKET_CAP`] documents (the first ones inserted): a bucket that
//! fills up holds copies of one text (or a boilerplate-only band), and any of them leads to the
//! group, so the per-document cost stays flat however many copies a wire story has.
//!
//! Example: `lsh.insert(7, &sig); lsh.candidates(&other)` lists 7 when a band agrees.
//!
//! Known limits: the index is in memory and not serialized; `Lsh::insert` in document order
//! rebuilds exactly the same buckets, which is what `state.rs` does on load.

use crate::hash;
use crate::hash::IntMap;
use crate::minhash::{PERMUTATIONS, Signature};

/// Bands per signature.
pub const BANDS: usize = 32;
/// Signature values per band.
pub const ROWS: usize = PERMUTATIONS / BANDS;
/// Most documents kept per bucket.
pub const BUCKET_CAP: usize = 16;

/// The banded index: bucket key → document keys. Almost every bucket holds one document, so
/// the first of each is kept inline and only the rest in a list (a list per bucket took
/// 2 KB per document: 32 buckets of one element each).
#[derive(Clone, Debug, Default)]
pub struct Lsh {
    first: IntMap<u64, u32>,
    more: IntMap<u64, Vec<u32>>,
}

impl Lsh {
    /// Indexes document `key` under each band of `sig`. Empty signatures are not indexed.
    pub fn insert(&mut self, key: u32, sig: &Signature) {
        if sig.is_empty() {
            return;
        }
        for band in band_keys(sig) {
            if let std::collections::hash_map::Entry::Vacant(e) = self.first.entry(band) {
                e.insert(key);
                continue;
            }
            let more = self.more.entry(band).or_default();
            if more.len() + 1 < BUCKET_CAP {
                more.push(key);
            }
        }
    }

    /// The documents sharing at least one band with `sig`, sorted, without repeats.
    pub fn candidates(&self, sig: &Signature) -> Vec<u32> {
        if sig.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for band in band_keys(sig) {
            // A bucket has more documents only when it has a first one, and almost none has a
            // first: one probe per band, not two (each a cache miss in a large ledger).
            if let Some(&first) = self.first.get(&band) {
                out.push(first);
                out.extend(self.more.get(&band).into_iter().flatten());
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

fn band_keys(sig: &Signature) -> impl Iterator<Item = u64> + '_ {
    sig.values()
        .chunks(ROWS)
        .enumerate()
        .map(|(band, rows)| rows.iter().fold(hash::mix(band as u64), |h, &v| hash::combine(h, u64::from(v))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_copies_are_candidates_and_strangers_are_not() {
        let base: Vec<u64> = (0..200).collect();
        let mut near = base.clone();
        near[..20].copy_from_slice(&(1000..1020).collect::<Vec<u64>>());
        let far: Vec<u64> = (5000..5200).collect();
        let mut lsh = Lsh::default();
        lsh.insert(0, &Signature::of(&base));
        assert_eq!(lsh.candidates(&Signature::of(&near)), vec![0]);
        assert!(lsh.candidates(&Signature::of(&far)).is_empty());
    }
}
