//! Fits and cross-validates the ledger's pair score (`ledger::pairs`) on Emergent train.
//!
//! Why: issue 14 asks for claims joined by one learned score, its weights fitted on pairs of
//! Emergent headlines and measured with folds grouped by claim, so that no claim is both
//! learned from and scored.
//!
//! How: every headline of `emergent/edata_train.csv` becomes a document (title only, source =
//! its domain) analyzed by `nlp::analyze`; its *main record* is the ledger record of its own
//! assertion, else its first claim (`ledger::propositions::extract`). Training pairs are all
//! pairs of main records that share a term or an entity — the pairs the ledger's index would
//! return — labelled by whether their headlines belong to the same claim. [`fit`] is ridge
//! least squares (a linear probability model, whose scores the clustering can average);
//! [`tune`] then picks the thresholds that give the best B³ F1 when the training headlines
//! themselves are clustered by the ledger, at once and online. [`cross_validate`] splits the
//! claims into five folds (by a hash of the claim id), trains on four, clusters the fifth in a
//! fresh ledger — headlines added in canonical order (their content ids, as `dossier ingest`
//! links undated documents), then clustered at once as a new store's link does — and scores
//! it, and the same fold joined online.
//!
//! Example: `cargo run --release -p eval --example train_link -- ../shared/data` writes
//! `crates/ledger/data/link.tsv` and prints the cross-validated figures.
//!
//! Known limits: Emergent headlines carry no dates, so the score learns nothing about time;
//! the candidates a claim is scored against come from the index in canonical order, so a fold's
//! figure depends a little on that order.

use crate::csv::rows as csv;
use crate::metrics::{ari, b3};
use ledger::pairs::{self, LinkModel};
use ledger::{Config, Ledger};
use model::{Analysis, Document, Draft, Format};
use serde::Serialize;
use std::collections::HashMap;
use std::io;
use std::path::Path;

/// Folds of the cross-validation.
pub const FOLDS: usize = 5;

/// Thresholds tried by [`tune`].
pub const THRESHOLDS: [f64; 16] =
    [0.08, 0.1, 0.12, 0.14, 0.16, 0.18, 0.2, 0.22, 0.24, 0.26, 0.28, 0.3, 0.33, 0.36, 0.4, 0.5];

/// One Emergent headline, analyzed.
pub struct Headline {
    /// The headline as a document.
    pub doc: Document,
    /// Its analysis.
    pub analysis: Analysis,
    /// Gold claim id.
    pub claim: String,
    /// Gold stance: for, against, observing.
    pub stance: String,
}

/// Reads and analyzes Emergent train, in file order.
pub fn headlines(data_dir: &Path) -> io::Result<Vec<Headline>> {
    let text = std::fs::read_to_string(data_dir.join("emergent/edata_train.csv"))?;
    let rows = csv(&text);
    let header = rows.first().ok_or_else(|| bad("empty file".into()))?;
    let col = |name: &str| header.iter().position(|h| h == name).ok_or_else(|| bad(format!("no `{name}` column")));
    let (h, s, c, src) = (col("articleHeadline")?, col("articleHeadlineStance")?, col("claimId")?, col("source")?);
    let mut out = Vec::new();
    for row in rows.iter().skip(1).filter(|r| r.len() > h.max(s).max(c)) {
        let draft = Draft {
            title: Some(row[h].clone()),
            source: row.get(src).cloned(),
            ..Draft::new(Format::Text, "emergent")
        };
        let Some(doc) = Document::from_draft(draft) else { continue };
        let analysis = nlp::analyze(&doc);
        out.push(Headline { doc, analysis, claim: row[c].clone(), stance: row[s].clone() });
    }
    Ok(out)
}

/// The fold of a claim.
pub fn fold_of(claim: &str) -> usize {
    (ledger::hash::str64(claim) % FOLDS as u64) as usize
}

/// Clusters headlines in a fresh ledger with this model, as `dossier ingest` into a new store
/// does: added in canonical order (their content ids, as undated documents are linked), then
/// clustered at once (`Ledger::rebuild`). Returns each headline's predicted proposition
/// (parallel to `headlines`) and the ledger.
pub fn cluster(headlines: &[&Headline], model: LinkModel) -> (Vec<String>, Ledger) {
    let (_, mut ledger) = cluster_online(headlines, model);
    ledger.rebuild();
    (labels(headlines, &ledger), ledger)
}

/// The same, the claims joined online one by one as they are added (no rebuild).
pub fn cluster_online(headlines: &[&Headline], model: LinkModel) -> (Vec<String>, Ledger) {
    let mut ledger = Ledger::new(Config { link: model, ..Config::default() });
    let mut order: Vec<usize> = (0..headlines.len()).collect();
    order.sort_by_key(|&k| headlines[k].doc.id);
    for k in order {
        ledger.add(&headlines[k].doc, &headlines[k].analysis);
    }
    (labels(headlines, &ledger), ledger)
}

/// Each headline's proposition: that of its own assertion, else of its first claim.
fn labels(headlines: &[&Headline], ledger: &Ledger) -> Vec<String> {
    headlines
        .iter()
        .map(|h| {
            let links = ledger.document_claims(h.doc.id);
            let first = links.iter().find(|l| l.claim.is_none()).or_else(|| links.first());
            first.map_or_else(|| format!("doc:{}", h.doc.id), |l| l.proposition.to_string())
        })
        .collect()
}

/// A headline's main record: the ledger record of its own assertion, else of its first claim.
pub fn main_record(h: &Headline) -> Option<ledger::propositions::ClaimRecord> {
    let records = ledger::propositions::extract(&h.doc, &h.analysis);
    let main = records.iter().position(|r| r.claim.is_none()).unwrap_or(0);
    records.into_iter().nth(main)
}

/// Labelled feature vectors of the pairs of main records that share a term or an entity.
pub fn training_pairs(headlines: &[&Headline]) -> Vec<([f64; pairs::N], bool)> {
    let mains: Vec<(ledger::propositions::ClaimRecord, &str)> =
        headlines.iter().filter_map(|h| main_record(h).map(|r| (r, h.claim.as_str()))).collect();
    let at = |name: &str| pairs::FEATURES.iter().position(|f| *f == name).expect("a feature of the model");
    let (cosine, entities) = (at("cosine"), at("entity_dice"));
    let mut out = Vec::new();
    for (i, (a, ca)) in mains.iter().enumerate() {
        for (b, cb) in &mains[i + 1..] {
            let Some(f) = ledger::propositions::pair_features(a, b) else { continue };
            // Sharing nothing, the ledger's index would never return the pair.
            if f[cosine] > 0.0 || f[entities] > 0.0 {
                out.push((f, ca == cb));
            }
        }
    }
    out
}

/// Ridge least squares of the label (1 same claim, 0 not) on the features, the bias
/// unpenalized: a linear probability model, whose scores the clustering can average.
pub fn fit(data: &[([f64; pairs::N], bool)], l2: f64) -> [f64; pairs::N] {
    const N: usize = pairs::N;
    let mut gram = [[0.0; N]; N];
    let mut moment = [0.0; N];
    for (x, y) in data {
        let y = f64::from(u8::from(*y));
        for i in 0..N {
            moment[i] += x[i] * y;
            for j in 0..N {
                gram[i][j] += x[i] * x[j];
            }
        }
    }
    for (i, row) in gram.iter_mut().enumerate() {
        row[i] += if i == 0 { 1e-9 } else { l2 };
    }
    solve(gram, moment)
}

/// Gaussian elimination with partial pivoting.
fn solve<const N: usize>(mut a: [[f64; N]; N], mut b: [f64; N]) -> [f64; N] {
    for col in 0..N {
        let pivot = (col..N).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs())).unwrap_or(col);
        a.swap(col, pivot);
        b.swap(col, pivot);
        let d = a[col][col];
        if d.abs() < 1e-12 {
            continue;
        }
        let pivot_row = a[col];
        for (row, r) in a.iter_mut().enumerate() {
            if row != col {
                let f = r[col] / d;
                for (x, p) in r.iter_mut().zip(&pivot_row).skip(col) {
                    *x -= f * p;
                }
                b[row] -= f * b[col];
            }
        }
    }
    let mut x = [0.0; N];
    for i in 0..N {
        x[i] = if a[i][i].abs() < 1e-12 { 0.0 } else { b[i] / a[i][i] };
    }
    x
}

/// Fits the weights on `train` and picks the threshold that clusters `train` best (B³ F1).
pub fn train(train: &[&Headline]) -> LinkModel {
    let weights = fit(&training_pairs(train), 1.0);
    tune(train, weights)
}

/// The thresholds of [`THRESHOLDS`] under which clustering `train` scores the best B³ F1: at
/// once ([`cluster`]) and online ([`cluster_online`]).
pub fn tune(train: &[&Headline], weights: [f64; pairs::N]) -> LinkModel {
    let gold: Vec<String> = train.iter().map(|h| h.claim.clone()).collect();
    let best = |online: bool| {
        let mut best = (f64::MIN, 0.5);
        for threshold in THRESHOLDS {
            let model = LinkModel { weights, threshold, online_threshold: threshold };
            let (labels, _) = if online { cluster_online(train, model) } else { cluster(train, model) };
            let f1 = b3(&gold, &labels).2;
            if f1 > best.0 {
                best = (f1, threshold);
            }
        }
        best.1
    };
    LinkModel { weights, threshold: best(false), online_threshold: best(true) }
}

/// Clustering scores of one fold (or their mean).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Scores {
    /// Headlines scored.
    pub headlines: usize,
    /// Gold claims.
    pub claims: usize,
    /// Propositions found.
    pub clusters: usize,
    /// B³ precision.
    pub b3_p: f64,
    /// B³ recall.
    pub b3_r: f64,
    /// B³ F1.
    pub b3_f1: f64,
    /// Adjusted Rand index.
    pub ari: f64,
    /// The threshold the training folds chose.
    pub threshold: f64,
}

/// Scores predicted labels against the headlines' claims.
pub fn score(headlines: &[&Headline], labels: &[String], threshold: f64) -> Scores {
    let gold: Vec<String> = headlines.iter().map(|h| h.claim.clone()).collect();
    let (b3_p, b3_r, b3_f1) = b3(&gold, labels);
    let distinct = |v: &[String]| v.iter().collect::<std::collections::HashSet<_>>().len();
    Scores {
        headlines: headlines.len(),
        claims: distinct(&gold),
        clusters: distinct(labels),
        b3_p,
        b3_r,
        b3_f1,
        ari: ari(&gold, labels),
        threshold,
    }
}

/// Five-fold cross-validation grouped by claim: each fold's scores clustered at once, their
/// mean, and the mean of the same folds joined online (claims added one by one, no rebuild).
pub fn cross_validate(all: &[Headline]) -> (Vec<Scores>, Scores, Scores) {
    let mut folds = Vec::new();
    let mut online = Vec::new();
    for k in 0..FOLDS {
        let (test, train): (Vec<&Headline>, Vec<&Headline>) = all.iter().partition(|h| fold_of(&h.claim) == k);
        let model = self::train(&train);
        let (labels, _) = cluster(&test, model);
        folds.push(score(&test, &labels, model.threshold));
        let (labels, _) = cluster_online(&test, model);
        online.push(score(&test, &labels, model.online_threshold));
    }
    let mean_scores = mean(&folds);
    (folds, mean_scores, mean(&online))
}

/// The mean of folds' scores (counts summed).
pub fn mean(folds: &[Scores]) -> Scores {
    let n = folds.len().max(1) as f64;
    let mean = |f: fn(&Scores) -> f64| folds.iter().map(f).sum::<f64>() / n;
    Scores {
        headlines: folds.iter().map(|s| s.headlines).sum(),
        claims: folds.iter().map(|s| s.claims).sum(),
        clusters: folds.iter().map(|s| s.clusters).sum(),
        b3_p: mean(|s| s.b3_p),
        b3_r: mean(|s| s.b3_r),
        b3_f1: mean(|s| s.b3_f1),
        ari: mean(|s| s.ari),
        threshold: mean(|s| s.threshold),
    }
}

/// Claims per fold, for the report.
pub fn fold_sizes(all: &[Headline]) -> Vec<usize> {
    let mut claims: HashMap<&str, usize> = HashMap::new();
    for h in all {
        claims.insert(&h.claim, fold_of(&h.claim));
    }
    (0..FOLDS).map(|k| claims.values().filter(|&&f| f == k).count()).collect()
}

fn bad(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn least_squares_separates_a_separable_feature() {
        let mut data = Vec::new();
        for k in 0..200 {
            let mut x = [0.0; pairs::N];
            x[0] = 1.0;
            x[1] = f64::from(k) / 200.0;
            data.push((x, k >= 100));
        }
        let w = fit(&data, 0.01);
        let p = |v: f64| {
            let mut x = [0.0; pairs::N];
            x[0] = 1.0;
            x[1] = v;
            LinkModel { weights: w, threshold: 0.5, online_threshold: 0.5 }.score(&x)
        };
        assert!(p(0.9) > 0.8 && p(0.1) < 0.2 && p(0.9) > p(0.6), "{w:?}");
    }
}
