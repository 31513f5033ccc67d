//! MinHash signatures of shingle sets: [`PERMUTATIONS`] minimum hash values whose agreement rate
//! estimates the Jaccard similarity of two sets.
//!
//! Why: comparing shingle sets directly needs both texts; a 512-byte signature per document is
//! stored with the ledger, so a new document is compared with earlier ones without their text,
//! and the LSH index (`lsh.rs`) is rebuilt from stored signatures alone.
//!
//! How: one-permutation hashing with optimal densification (Li, Owen & Zhang 2012; Shrivastava
//! 2017). Each shingle is hashed once, `mix(shingle ^ SEED)`; the hash's high half picks one of
//! the [`PERMUTATIONS`] bins and its low 32 bits are the value, of which each bin keeps the
//! least. A bin no shingle fell into borrows the value of the first filled bin in its own fixed
//! pseudo-random sequence of bins (the same sequence in every document), so two signatures still
//! agree in a slot with probability equal to the sets' Jaccard similarity. Classic MinHash hashed
//! every shingle 128 times and took a fifth of the ledger's time per document (issue 14);
//! this hashes it once. Nothing depends on `rand` or on the build, so stored signatures stay
//! valid across versions (a test pins a few values).
//!
//! Example: two texts sharing 80 of 100 distinct shingles agree on about 0.8 × 128 slots; the
//! standard error of the estimate is at most √(J(1−J)/128) ≈ 0.035 there.
//!
//! Known limits: 32-bit values collide with probability 2⁻³² per slot, negligible next to the
//! sampling error; a set of a few shingles fills few bins, so its slots are copies of those few
//! and its estimate is coarse (a one-shingle text agrees with another everywhere or nowhere); an
//! empty shingle set has the all-`u32::MAX` signature and is similar to nothing
//! ([`Signature::jaccard`] gives 0).

use crate::hash;
use serde::{Deserialize, Serialize};

/// Slots (bins) per signature.
pub const PERMUTATIONS: usize = 128;

/// Seed of the shingle hash.
const SEED: u64 = 0x4d49_4e48_4153_4832;

/// Seed of the bins' borrowing sequences.
const BORROW_SEED: u64 = 0x4f50_4844_454e_5345;

/// A MinHash signature: the minimum of each permutation over a shingle set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Signature(Vec<u32>);

impl Signature {
    /// The signature of a set of shingle hashes (duplicates allowed).
    pub fn of(shingles: &[u64]) -> Signature {
        let mut mins = vec![u32::MAX; PERMUTATIONS];
        let mut filled = [false; PERMUTATIONS];
        for &s in shingles {
            let h = hash::mix(s ^ SEED);
            let bin = ((h >> 32) % PERMUTATIONS as u64) as usize;
            mins[bin] = mins[bin].min(h as u32);
            filled[bin] = true;
        }
        if filled.iter().all(|&f| f) || shingles.is_empty() {
            return Signature(mins);
        }
        let own = mins.clone();
        for (bin, slot) in mins.iter_mut().enumerate() {
            if filled[bin] {
                continue;
            }
            // Terminates: at least one bin is filled, and the sequence visits every bin with
            // probability one.
            for attempt in 1u64.. {
                let probe = hash::mix(hash::combine(BORROW_SEED ^ bin as u64, attempt));
                let from = (probe % PERMUTATIONS as u64) as usize;
                if filled[from] {
                    *slot = own[from];
                    break;
                }
            }
        }
        Signature(mins)
    }

    /// Whether the set was empty.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|&v| v == u32::MAX)
    }

    /// The estimated Jaccard similarity: the share of slots that agree; 0 when either is empty
    /// or the signatures have different lengths (a corrupt or foreign state).
    pub fn jaccard(&self, other: &Signature) -> f64 {
        if self.0.len() != other.0.len() || self.is_empty() || other.is_empty() {
            return 0.0;
        }
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f64 / self.0.len() as f64
    }

    /// The values, one per permutation.
    pub fn values(&self) -> &[u32] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_sets_agree_everywhere() {
        let a = Signature::of(&[1, 2, 3, 4]);
        assert_eq!(a.jaccard(&Signature::of(&[4, 3, 2, 1, 1])), 1.0);
        assert_eq!(a.jaccard(&Signature::of(&[])), 0.0);
    }

    #[test]
    fn agreement_estimates_jaccard() {
        // 80 of 100 distinct shingles shared (J = 0.8 / 1.2 of the union: 80 / 120), and two
        // disjoint sets, at a few sizes from sparse (bins left empty) to full.
        for (size, seed) in [(10u64, 1u64), (100, 2), (400, 3)] {
            let shared: Vec<u64> = (0..size * 8 / 10).map(|i| hash::mix(seed << 40 | i)).collect();
            let a: Vec<u64> = shared.iter().copied().chain((0..size / 5).map(|i| hash::mix(seed << 48 | i))).collect();
            let b: Vec<u64> = shared.iter().copied().chain((0..size / 5).map(|i| hash::mix(seed << 52 | i))).collect();
            let j = Signature::of(&a).jaccard(&Signature::of(&b));
            assert!((j - 2.0 / 3.0).abs() < 0.2, "size {size}: {j}");
            let c: Vec<u64> = (0..size).map(|i| hash::mix(seed << 56 | i)).collect();
            assert!(Signature::of(&a).jaccard(&Signature::of(&c)) < 0.1, "size {size}");
        }
    }

    #[test]
    fn signature_values_are_frozen() {
        // Stored signatures must stay valid: these values must never change.
        let s = Signature::of(&(1..=300).collect::<Vec<u64>>());
        assert_eq!(&s.values()[..3], &FROZEN);
    }

    const FROZEN: [u32; 3] = [4_294_439_089, 366_539_177, 440_842_189];
}
