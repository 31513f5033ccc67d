//! MinHash signatures of shingle sets: [`PERMUTATIONS`] minimum hash values whose agreement rate
//! estimates the Jaccard similarity of two sets.
//!
//! Why: comparing shingle sets directly needs both texts; a 512-byte signature per document is
//! stored with the ledger, so a new document is compared with earlier ones without their text,
//! and the LSH index (`lsh.rs`) is rebuilt from stored signatures alone.
//!
//! The i-th "permutation" is `mix(shingle ^ SEEDS[i])` with `SEEDS` drawn from a SplitMix64
//! sequence at a frozen start; values keep the high 32 bits. Nothing depends on `rand` or on the
//! build, so stored signatures stay valid across versions (a test pins a few values).
//!
//! Example: two texts sharing 80 of 100 distinct shingles agree on about 0.8 × 128 slots; the
//! standard error of the estimate is √(J(1−J)/128) ≈ 0.035 there.
//!
//! Known limits: 32-bit values collide with probability 2⁻³² per slot, negligible next to the
//! sampling error; an empty shingle set has the all-`u32::MAX` signature and is similar to
//! nothing ([`Signature::jaccard`] gives 0).

use crate::hash;
use serde::{Deserialize, Serialize};

/// Hash functions per signature.
pub const PERMUTATIONS: usize = 128;

const SEEDS: [u64; PERMUTATIONS] = seeds();

const fn seeds() -> [u64; PERMUTATIONS] {
    let mut out = [0; PERMUTATIONS];
    let mut state: u64 = 0x4d49_4e48_4153_4831;
    let mut i = 0;
    while i < PERMUTATIONS {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        out[i] = hash::mix(state);
        i += 1;
    }
    out
}

/// A MinHash signature: the minimum of each permutation over a shingle set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Signature(Vec<u32>);

impl Signature {
    /// The signature of a set of shingle hashes (duplicates allowed).
    pub fn of(shingles: &[u64]) -> Signature {
        let mut mins = vec![u32::MAX; PERMUTATIONS];
        for &s in shingles {
            for (slot, seed) in mins.iter_mut().zip(SEEDS) {
                let v = (hash::mix(s ^ seed) >> 32) as u32;
                if v < *slot {
                    *slot = v;
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
    fn signature_values_are_frozen() {
        // Stored signatures must stay valid: these values must never change.
        let s = Signature::of(&[42]);
        assert_eq!(&s.values()[..3], &FROZEN);
    }

    const FROZEN: [u32; 3] = [3_144_916_891, 1_558_973_002, 624_971_258];
}
