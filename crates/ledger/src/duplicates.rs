//! Near-duplicate groups: each new document is compared, through the LSH index, with the earlier
//! documents that share a band, and joins the group of the most similar one whose estimated
//! Jaccard similarity reaches the threshold.
//!
//! Why: wire copies, re-posts and lightly edited re-publications must count as one voice when
//! corroboration is weighed later; the group's first document (its representative) stands for
//! all of them.
//!
//! The threshold ([`THRESHOLD`] = 0.5 over 3-word shingles) was chosen on the BBC corpus and
//! `examples/corpus` (see `eval::ledger`): true re-publications there sit at 0.6–1.0, the
//! closest pairs of different articles on the same event below 0.3.
//!
//! Example: the Northbridge Wire story of 28 October 2024 and its re-publication by The Atlantic
//! Courier the next day (new headline and lead, US spelling, credit line) form one group whose
//! representative is the wire story.
//!
//! Known limits: membership is decided once, against earlier documents: a document that bridges
//! two groups joins the nearer and the groups are not merged; candidates come from LSH, so a
//! pair just above the threshold is missed with a probability of about 0.1 (see `lsh.rs`).

use crate::lsh::Lsh;
use crate::minhash::Signature;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Estimated Jaccard similarity of 3-word shingles at and above which two documents are
/// near-duplicates; measured, see the module documentation.
pub const THRESHOLD: f64 = 0.5;

/// What a new document matched.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Match {
    /// The most similar earlier document.
    pub nearest: u32,
    /// The representative (first document) of its group.
    pub group: u32,
    /// The estimated Jaccard similarity with `nearest`.
    pub jaccard: f64,
}

/// Signatures, groups and the LSH index over them, keyed by dense document keys `0..len`.
#[derive(Clone, Debug, Default)]
pub struct Duplicates {
    signatures: Vec<Signature>,
    groups: Vec<u32>,
    lsh: Lsh,
}

impl Duplicates {
    /// Adds the next document (key `self.len()`) and returns the group it joined, if any.
    pub fn add(&mut self, sig: Signature, threshold: f64) -> Option<Match> {
        let key = self.signatures.len() as u32;
        let mut best: Option<Match> = None;
        for cand in self.lsh.candidates(&sig) {
            let jaccard = sig.jaccard(&self.signatures[cand as usize]);
            // Candidates come sorted by key, so a tie keeps the earliest document.
            if jaccard >= threshold && best.is_none_or(|b| jaccard > b.jaccard) {
                best = Some(Match { nearest: cand, group: self.groups[cand as usize], jaccard });
            }
        }
        self.lsh.insert(key, &sig);
        self.signatures.push(sig);
        self.groups.push(best.map_or(key, |m| m.group));
        best
    }

    /// The representative of `key`'s group (`key` itself when it is no copy).
    pub fn group(&self, key: u32) -> u32 {
        self.groups[key as usize]
    }

    /// The signature of `key`.
    pub fn signature(&self, key: u32) -> &Signature {
        &self.signatures[key as usize]
    }

    /// Documents held.
    pub fn len(&self) -> usize {
        self.signatures.len()
    }

    /// Whether no document is held.
    pub fn is_empty(&self) -> bool {
        self.signatures.is_empty()
    }
}

#[derive(Serialize)]
struct Stored<'a> {
    signatures: &'a [Signature],
    groups: &'a [u32],
}

#[derive(Deserialize)]
struct Loaded {
    signatures: Vec<Signature>,
    groups: Vec<u32>,
}

impl Serialize for Duplicates {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Stored { signatures: &self.signatures, groups: &self.groups }.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Duplicates {
    /// Rebuilds the LSH index by inserting the signatures in key order, which gives exactly the
    /// buckets the index had before it was stored.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Duplicates, D::Error> {
        let Loaded { signatures, groups } = Loaded::deserialize(deserializer)?;
        let n = signatures.len();
        if groups.len() != n || groups.iter().any(|&g| g as usize >= n) {
            return Err(serde::de::Error::custom("duplicate groups do not match the signatures"));
        }
        let mut lsh = Lsh::default();
        for (key, sig) in signatures.iter().enumerate() {
            lsh.insert(key as u32, sig);
        }
        Ok(Duplicates { signatures, groups, lsh })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_joins_the_group_of_its_nearest_earlier_document() {
        let base: Vec<u64> = (0..300).collect();
        let mut edited = base.clone();
        edited[..30].copy_from_slice(&(900..930).collect::<Vec<u64>>());
        let mut d = Duplicates::default();
        assert_eq!(d.add(Signature::of(&base), THRESHOLD), None);
        assert_eq!(d.add(Signature::of(&(5000..5300).collect::<Vec<u64>>()), THRESHOLD), None);
        let m = d.add(Signature::of(&edited), THRESHOLD).unwrap();
        assert_eq!((m.nearest, m.group), (0, 0));
        assert!(m.jaccard > 0.7, "{}", m.jaccard);
        assert_eq!(d.group(2), 0);
    }
}
