//! Baselines for joining Emergent headlines into claims, measured with the same folds as the
//! ledger (`link_training`): TF-IDF cosine over whole headlines and the ledger's own pair score,
//! each clustered in one batch by average linkage.
//!
//! Why: issue 14 compares the ledger with "TF-IDF cosine + average linkage" (0.888 B³ F1 under
//! claim-grouped CV). Computing that baseline here, and the ledger's pair score clustered the
//! same batch way, shows how much of the gap is the similarity and how much the online
//! clustering.
//!
//! How: [`dendrogram`] runs average-linkage agglomeration (nearest-neighbour chain, O(n²)) on a
//! similarity matrix and returns every merge with its height; [`cut`] keeps the merges at or
//! above a threshold. Average linkage is reducible, so cutting the one dendrogram at a threshold
//! gives exactly the clusters of stopping the agglomeration there. The threshold is tuned on the
//! four training folds and applied to the fifth.
//!
//! Example: `cargo run --release -p eval --example link_baseline -- ../shared/data`.

use crate::link_training::{FOLDS, Headline, Scores, fold_of, score};
use crate::metrics::b3;
use std::collections::HashMap;

/// One merge: the two clusters' representatives and the average similarity between them.
#[derive(Clone, Copy, Debug)]
pub struct Merge {
    /// A member of the first cluster.
    pub a: usize,
    /// A member of the second cluster.
    pub b: usize,
    /// Average pairwise similarity of the two clusters when merged.
    pub height: f64,
}

/// Average-linkage merges of `n` items under the symmetric similarity `sim` (row-major n×n).
pub fn dendrogram(n: usize, sim: &[f64]) -> Vec<Merge> {
    let mut s = sim.to_vec();
    let mut size = vec![1usize; n];
    let mut alive = vec![true; n];
    let mut merges = Vec::with_capacity(n.saturating_sub(1));
    let mut chain: Vec<usize> = Vec::new();
    let mut remaining = n;
    while remaining > 1 {
        if chain.is_empty() {
            chain.push(alive.iter().position(|&a| a).expect("a live cluster"));
        }
        let top = *chain.last().expect("non-empty chain");
        let prev = chain.len().checked_sub(2).map(|i| chain[i]);
        // The most similar live neighbour; ties prefer the chain's previous element.
        let mut best = prev.unwrap_or(usize::MAX);
        let mut best_sim = prev.map_or(f64::NEG_INFINITY, |p| s[top * n + p]);
        for j in 0..n {
            if alive[j] && j != top && s[top * n + j] > best_sim {
                best = j;
                best_sim = s[top * n + j];
            }
        }
        if Some(best) == prev {
            chain.pop();
            chain.pop();
            let (a, b) = (top, best);
            merges.push(Merge { a, b, height: best_sim });
            // Merge b into a.
            let (na, nb) = (size[a] as f64, size[b] as f64);
            for j in 0..n {
                if alive[j] && j != a && j != b {
                    let v = (na * s[a * n + j] + nb * s[b * n + j]) / (na + nb);
                    s[a * n + j] = v;
                    s[j * n + a] = v;
                }
            }
            size[a] += size[b];
            alive[b] = false;
            remaining -= 1;
        } else {
            chain.push(best);
        }
    }
    merges
}

/// Cluster labels of `n` items keeping the merges at or above `threshold`.
pub fn cut(n: usize, merges: &[Merge], threshold: f64) -> Vec<String> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for m in merges.iter().filter(|m| m.height >= threshold) {
        let (ra, rb) = (find(&mut parent, m.a), find(&mut parent, m.b));
        if ra != rb {
            parent[rb] = ra;
        }
    }
    (0..n).map(|i| find(&mut parent, i).to_string()).collect()
}

/// Lower-case word tokens of two or more letters or digits (scikit-learn's default pattern).
pub fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|t| t.chars().count() >= 2).map(str::to_lowercase).collect()
}

/// Cosine similarities of smoothed TF-IDF vectors (IDF from these texts), row-major.
pub fn tfidf_similarity(texts: &[Vec<String>]) -> Vec<f64> {
    let n = texts.len();
    let mut df: HashMap<&str, usize> = HashMap::new();
    for t in texts {
        let mut seen: Vec<&str> = t.iter().map(String::as_str).collect();
        seen.sort_unstable();
        seen.dedup();
        for w in seen {
            *df.entry(w).or_default() += 1;
        }
    }
    let vectors: Vec<HashMap<&str, f64>> = texts
        .iter()
        .map(|t| {
            let mut v: HashMap<&str, f64> = HashMap::new();
            for w in t {
                *v.entry(w.as_str()).or_default() += 1.0;
            }
            for (w, x) in v.iter_mut() {
                *x *= ((1.0 + n as f64) / (1.0 + df[w] as f64)).ln() + 1.0;
            }
            v
        })
        .collect();
    cosine_matrix(vectors)
}

/// Cosines of sparse vectors (each normalized here), row-major n×n, 0 on the diagonal.
pub fn cosine_matrix<K: std::hash::Hash + Eq>(mut vectors: Vec<HashMap<K, f64>>) -> Vec<f64> {
    for v in &mut vectors {
        let norm = v.values().map(|x| x * x).sum::<f64>().sqrt().max(1e-12);
        v.values_mut().for_each(|x| *x /= norm);
    }
    let n = vectors.len();
    let mut sim = vec![0.0; n * n];
    for i in 0..n {
        for j in i + 1..n {
            let (small, big) = if vectors[i].len() < vectors[j].len() {
                (&vectors[i], &vectors[j])
            } else {
                (&vectors[j], &vectors[i])
            };
            let c: f64 = small.iter().filter_map(|(w, x)| big.get(w).map(|y| x * y)).sum();
            sim[i * n + j] = c;
            sim[j * n + i] = c;
        }
    }
    sim
}

/// Five-fold CV of a batch average-linkage clustering under a similarity built per fold.
pub fn cross_validate(all: &[Headline], similarity: impl Fn(&[&Headline]) -> Vec<f64>) -> (Vec<Scores>, Scores) {
    let thresholds: Vec<f64> = (1..120).map(|k| f64::from(k) * 0.0125).collect();
    let mut folds = Vec::new();
    for k in 0..FOLDS {
        let (test, train): (Vec<&Headline>, Vec<&Headline>) = all.iter().partition(|h| fold_of(&h.claim) == k);
        let train_merges = dendrogram(train.len(), &similarity(&train));
        let gold: Vec<String> = train.iter().map(|h| h.claim.clone()).collect();
        let threshold = thresholds
            .iter()
            .copied()
            .max_by(|&x, &y| {
                let fx = b3(&gold, &cut(train.len(), &train_merges, x)).2;
                let fy = b3(&gold, &cut(train.len(), &train_merges, y)).2;
                fx.total_cmp(&fy)
            })
            .unwrap_or(0.5);
        let merges = dendrogram(test.len(), &similarity(&test));
        folds.push(score(&test, &cut(test.len(), &merges, threshold), threshold));
    }
    let mean = crate::link_training::mean(&folds);
    (folds, mean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn average_linkage_joins_the_close_pairs_and_not_across() {
        // Items 0,1 and 2,3 are close; across the pairs they are far.
        let sim = [
            0.0, 0.9, 0.1, 0.0, //
            0.9, 0.0, 0.0, 0.1, //
            0.1, 0.0, 0.0, 0.8, //
            0.0, 0.1, 0.8, 0.0,
        ];
        let merges = dendrogram(4, &sim);
        assert_eq!(merges.len(), 3);
        let labels = cut(4, &merges, 0.5);
        assert_eq!(labels[0], labels[1]);
        assert_eq!(labels[2], labels[3]);
        assert_ne!(labels[0], labels[2]);
        let top = merges.iter().map(|m| m.height).fold(f64::INFINITY, f64::min);
        assert!((top - 0.05).abs() < 1e-9, "{merges:?}");
    }
}
