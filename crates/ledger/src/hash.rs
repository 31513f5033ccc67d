//! The fixed hash functions every stored value of the ledger is built on: FNV-1a 64 over bytes
//! and the SplitMix64 finalizer.
//!
//! Why: MinHash signatures, LSH bucket keys and feature keys are persisted with the ledger, so
//! they must come out the same in every build, on every machine and in every future version.
//! `std`'s `DefaultHasher` is explicitly unstable across releases and `rand` seeds are not ours;
//! these two functions are small, public-domain and frozen here. Changing any constant in this
//! file invalidates every stored ledger (bump `state::FORMAT`).
//!
//! Example: `hash::str64("troops")` is the same 64-bit number today and in ten years.
//!
//! Known limits: neither function is keyed, so an adversary could craft colliding shingles; the
//! ledger only needs them to spread honest text evenly.

/// FNV-1a, 64-bit, over `bytes`.
pub fn bytes64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// [`bytes64`] of a string, finished with [`mix`] so that short strings spread over all bits.
pub fn str64(s: &str) -> u64 {
    mix(bytes64(s.as_bytes()))
}

/// The SplitMix64 finalizer: a bijection on `u64` with good avalanche.
pub const fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Combines two hashes, order-sensitively.
pub const fn combine(a: u64, b: u64) -> u64 {
    mix(a.rotate_left(23) ^ b)
}

/// A hasher for maps keyed by integers the ledger made itself (feature keys that are already
/// hashes, document and claim indices) or fixed at build time (the compiled-in lexicons, which
/// text only looks up): one [`mix`] instead of SipHash, which took a quarter of the update time
/// in the candidate counts. Not for tables that grow with keys an adversary picks.
#[derive(Clone, Copy, Debug, Default)]
pub struct IntHasher(u64);

impl std::hash::Hasher for IntHasher {
    fn finish(&self) -> u64 {
        mix(self.0)
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = combine(self.0, bytes64(bytes));
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = self.0.rotate_left(32) ^ u64::from(n);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = self.0.rotate_left(32) ^ n;
    }
}

/// A `HashMap` over [`IntHasher`].
pub type IntMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<IntHasher>>;

/// A `HashSet` over [`IntHasher`].
pub type IntSet<K> = std::collections::HashSet<K, std::hash::BuildHasherDefault<IntHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_frozen() {
        // These values are stored in ledgers on disk; this test guards them against edits.
        assert_eq!(bytes64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(bytes64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(mix(0), 0xe220_a839_7b1d_cdaf);
    }
}
