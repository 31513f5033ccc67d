//! The precision/recall arithmetic every evaluation shares, written once so every report
//! computes F1 the same way (0 when precision and recall are both 0; ratios of 0 when the
//! denominator is empty).

use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

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

/// Per-class precision, recall, F1.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ClassScore {
    /// Gold items.
    pub gold: usize,
    /// Predicted items.
    pub predicted: usize,
    /// Precision.
    pub p: f64,
    /// Recall.
    pub r: f64,
    /// F1.
    pub f1: f64,
}

/// B³ precision, recall and F1 of `predicted` against `gold` (parallel labels).
pub fn b3(gold: &[String], predicted: &[String]) -> (f64, f64, f64) {
    let mut gold_size: HashMap<&str, usize> = HashMap::new();
    let mut pred_size: HashMap<&str, usize> = HashMap::new();
    let mut both: HashMap<(&str, &str), usize> = HashMap::new();
    for (g, p) in gold.iter().zip(predicted) {
        *gold_size.entry(g).or_default() += 1;
        *pred_size.entry(p).or_default() += 1;
        *both.entry((g, p)).or_default() += 1;
    }
    let n = gold.len().max(1) as f64;
    let (mut p, mut r) = (0.0, 0.0);
    for (g, q) in gold.iter().zip(predicted) {
        let common = both[&(g.as_str(), q.as_str())] as f64;
        p += common / pred_size[q.as_str()] as f64;
        r += common / gold_size[g.as_str()] as f64;
    }
    let (p, r) = (p / n, r / n);
    (p, r, f1(p, r))
}

/// Adjusted Rand index of two labelings.
pub fn ari(gold: &[String], predicted: &[String]) -> f64 {
    let pairs = |n: usize| (n * n.saturating_sub(1) / 2) as f64;
    let mut a: HashMap<&str, usize> = HashMap::new();
    let mut b: HashMap<&str, usize> = HashMap::new();
    let mut both: HashMap<(&str, &str), usize> = HashMap::new();
    for (g, p) in gold.iter().zip(predicted) {
        *a.entry(g).or_default() += 1;
        *b.entry(p).or_default() += 1;
        *both.entry((g, p)).or_default() += 1;
    }
    let index: f64 = both.values().map(|&n| pairs(n)).sum();
    let sa: f64 = a.values().map(|&n| pairs(n)).sum();
    let sb: f64 = b.values().map(|&n| pairs(n)).sum();
    let total = pairs(gold.len());
    let expected = sa * sb / total;
    let max = (sa + sb) / 2.0;
    if (max - expected).abs() < f64::EPSILON { 0.0 } else { (index - expected) / (max - expected) }
}

/// Accuracy and macro-F1 over Emergent's three stance labels.
pub fn accuracy_and_macro_f1(gold: &[String], predicted: &[String]) -> (f64, f64) {
    let (_, accuracy, macro_f1) = classes(gold, predicted, &["for", "against", "observing"]);
    (accuracy, macro_f1)
}

/// Per-class scores, accuracy and macro-F1 over `labels`.
pub fn classes(gold: &[String], predicted: &[String], labels: &[&str]) -> (BTreeMap<String, ClassScore>, f64, f64) {
    let mut out = BTreeMap::new();
    for &l in labels {
        let g = gold.iter().filter(|x| *x == l).count();
        let p = predicted.iter().filter(|x| *x == l).count();
        let hit = gold.iter().zip(predicted).filter(|(a, b)| *a == l && *b == l).count();
        let (pr, rc) = (ratio(hit, p), ratio(hit, g));
        let f1 = if pr + rc > 0.0 { 2.0 * pr * rc / (pr + rc) } else { 0.0 };
        out.insert(l.to_owned(), ClassScore { gold: g, predicted: p, p: pr, r: rc, f1 });
    }
    let accuracy = ratio(gold.iter().zip(predicted).filter(|(a, b)| a == b).count(), gold.len());
    let macro_f1 = out.values().map(|c| c.f1).sum::<f64>() / labels.len() as f64;
    (out, accuracy, macro_f1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_owned).collect()
    }

    #[test]
    fn perfect_clusterings_score_one() {
        let g = labels("a a b c");
        assert_eq!(b3(&g, &g).2, 1.0);
        assert!((ari(&g, &labels("x x y z")) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn empty_counts_give_zeros_not_nan() {
        let prf = Prf::of(0, 0, 0, 0);
        assert_eq!((prf.p, prf.r, prf.f1), (0.0, 0.0, 0.0));
        assert!((Prf::of(1, 2, 1, 4).f1 - 1.0 / 3.0).abs() < 1e-12);
    }
}
