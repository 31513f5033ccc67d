//! The precision/recall arithmetic every evaluation shares, written once so every report
//! computes F1 the same way (0 when precision and recall are both 0; ratios of 0 when the
//! denominator is empty).

use serde::Serialize;

/// Precision, recall, F1.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Prf {
    /// Precision.
    pub p: f64,
    /// Recall.
    pub r: f64,
    /// F1.
    pub f1: f64,
}

impl Prf {
    /// From a precision and a recall.
    pub fn new(p: f64, r: f64) -> Prf {
        Prf { p, r, f1: f1(p, r) }
    }

    /// From counts: `hits_p` of `system` predictions correct, `hits_r` of `gold` items found.
    pub fn of(hits_p: usize, system: usize, hits_r: usize, gold: usize) -> Prf {
        Prf::new(ratio(hits_p, system), ratio(hits_r, gold))
    }
}

/// `a / b`, or 0 when `b` is 0.
pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The harmonic mean of `p` and `r`, or 0 when both are 0.
pub fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_counts_give_zeros_not_nan() {
        let prf = Prf::of(0, 0, 0, 0);
        assert_eq!((prf.p, prf.r, prf.f1), (0.0, 0.0, 0.0));
        assert!((Prf::of(1, 2, 1, 4).f1 - 1.0 / 3.0).abs() < 1e-12);
    }
}
