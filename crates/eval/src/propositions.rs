//! The ledger's propositions and stance on Emergent and FNC-1.
//!
//! Why: issues 5 and 14 ask how well claims are grouped into propositions and how well each
//! attribution's stance is read, against public gold sets and simple baselines, on claims the
//! models were not fitted on.
//!
//! How:
//! - Emergent (`emergent/edata_train.csv`, Ferreira & Vlachos 2016; 2,071 headlines of 240
//!   claims): each article headline becomes a document (title only, source = its domain),
//!   analyzed by `nlp::analyze` and added to a [`ledger::Ledger`] in canonical order (content
//!   id, as `dossier ingest` links undated documents). A headline's cluster is the proposition
//!   of its own assertion (else of its first claim); headlines with no record are singletons.
//!   Scored with B³ precision/recall/F1 and the adjusted Rand index against `claimId`. The
//!   headline's stance (the publisher's towards the claim) is the learned stance of its main
//!   candidate (`stance_training`). [`emergent_cv`] is five-fold cross-validation grouped by
//!   claim (`link_training`, `stance_training`: fit on four folds, score the fifth, mean of the
//!   folds); [`emergent`] scores the shipped models on the split they were fitted on
//!   (in-sample, one ledger of all 240 claims). Baselines from issue 14 (CV): B³ 0.888 (TF-IDF,
//!   average linkage), 0.913 (MiniLM); stance 0.674 held-out (bag of words), 0.73 (Ferreira &
//!   Vlachos).
//! - FNC-1 (`fnc1-competition-test`, 25,413 headline–body pairs): two learned stages trained
//!   on `fnc1-train` only ([`crate::fnc1`]); the FNC-1 weighted score (relative to the maximum)
//!   and per-class F1.
//!
//! Example: `cargo run --release -p eval --example propositions -- ../shared/data`.
//!
//! Known limits: Emergent headlines repeated verbatim are one document (they share a cluster
//! and a stance); the in-sample figure clusters all 240 claims at once, the folds about 48.

use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io;
use std::path::Path;

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

/// Emergent figures.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Emergent {
    /// Grouping: B³, ARI and counts, with the shipped model's threshold.
    pub grouping: crate::link_training::Scores,
    /// Stance accuracy.
    pub stance_accuracy: f64,
    /// Stance macro-F1 over for/against/observing.
    pub stance_macro_f1: f64,
    /// Per stance class.
    pub stance: BTreeMap<String, ClassScore>,
}

/// FNC-1 figures.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Fnc1 {
    /// Pairs.
    pub pairs: usize,
    /// Weighted score.
    pub score: f64,
    /// Maximum possible score.
    pub max: f64,
    /// Score of predicting `unrelated` everywhere.
    pub null: f64,
    /// `score / max`.
    pub relative: f64,
    /// Accuracy over the four classes.
    pub accuracy: f64,
    /// Per class.
    pub classes: BTreeMap<String, ClassScore>,
}

/// Emergent train, five folds grouped by claim: each model trained on four, scored on the fifth.
#[derive(Clone, Debug, Default, Serialize)]
pub struct EmergentCv {
    /// Grouping, per fold.
    pub folds: Vec<crate::link_training::Scores>,
    /// Grouping, the mean of the folds.
    pub grouping: crate::link_training::Scores,
    /// Grouping with the claims joined online (no rebuild), the mean of the folds.
    pub grouping_online: crate::link_training::Scores,
    /// Stance accuracy, the mean of the folds.
    pub stance_accuracy: f64,
    /// Stance macro-F1, the mean of the folds.
    pub stance_macro_f1: f64,
}

/// Cross-validates grouping and stance on Emergent train.
pub fn emergent_cv(data_dir: &Path) -> io::Result<EmergentCv> {
    let all = crate::link_training::headlines(data_dir)?;
    let (folds, grouping, grouping_online) = crate::link_training::cross_validate(&all);
    let (_, (stance_accuracy, stance_macro_f1)) = crate::stance_training::cross_validate(&all);
    Ok(EmergentCv { folds, grouping, grouping_online, stance_accuracy, stance_macro_f1 })
}

/// The report.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    /// Emergent train, cross-validated.
    pub emergent_cv: EmergentCv,
    /// Emergent train, shipped models (in-sample).
    pub emergent: Emergent,
    /// FNC-1 competition test.
    pub fnc1: Fnc1,
}

/// Runs both measurements.
pub fn run(data_dir: &Path) -> io::Result<Report> {
    Ok(Report { emergent_cv: emergent_cv(data_dir)?, emergent: emergent(data_dir)?, fnc1: fnc1(data_dir)? })
}

/// Emergent: clustering and stance of headlines, by the shipped models (fitted on this same
/// split: an in-sample figure; [`emergent_cv`] is the cross-validated one).
pub fn emergent(data_dir: &Path) -> io::Result<Emergent> {
    let all = crate::link_training::headlines(data_dir)?;
    let refs: Vec<&crate::link_training::Headline> = all.iter().collect();
    let model = ledger::LinkModel::default();
    let (predicted_cluster, _) = crate::link_training::cluster(&refs, model);
    let gold_stance: Vec<String> = all.iter().map(|h| h.stance.clone()).collect();
    // The headline's stance towards its claim is the publisher's: the learned stance of its main
    // candidate (the ledger keeps an attributed claim's stance as its speaker's).
    let mut predicted_stance = Vec::new();
    for h in &all {
        let stance = crate::stance_training::predict(
            ledger::stance_model::StanceModel::shipped(),
            &crate::stance_training::example(h),
        );
        predicted_stance.push(stance.to_owned());
    }
    let (stance, accuracy, macro_f1) = classes(&gold_stance, &predicted_stance, &["for", "against", "observing"]);
    Ok(Emergent {
        grouping: crate::link_training::score(&refs, &predicted_cluster, model.threshold),
        stance_accuracy: accuracy,
        stance_macro_f1: macro_f1,
        stance,
    })
}

/// FNC-1 competition test, by the two learned stages of [`crate::fnc1`] (trained on
/// `fnc1-train` only).
pub fn fnc1(data_dir: &Path) -> io::Result<Fnc1> {
    crate::fnc1::run(data_dir)
}

/// The FNC-1 weighted score and per-class figures of predicted labels.
pub fn fnc1_scores(gold: &[String], predicted: &[String]) -> Fnc1 {
    let weight = |g: &str, p: &str| -> f64 {
        let related = |l: &str| l != "unrelated";
        let mut s = 0.0;
        if g == p {
            s += 0.25;
            if related(g) {
                s += 0.5;
            }
        }
        if related(g) && related(p) {
            s += 0.25;
        }
        s
    };
    let score: f64 = gold.iter().zip(predicted).map(|(g, p)| weight(g, p)).sum();
    let max: f64 = gold.iter().map(|g| weight(g, g)).sum();
    let null: f64 = gold.iter().map(|g| weight(g, "unrelated")).sum();
    let (classes, accuracy, _) = classes(gold, predicted, &["agree", "disagree", "discuss", "unrelated"]);
    Fnc1 { pairs: gold.len(), score, max, null, relative: score / max, accuracy, classes }
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
    (p, r, crate::metrics::f1(p, r))
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
fn classes(gold: &[String], predicted: &[String], labels: &[&str]) -> (BTreeMap<String, ClassScore>, f64, f64) {
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

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// RFC 4180 CSV: quoted fields with doubled quotes and line breaks.
pub fn csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() => quoted = true,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            ('\r', false) => {}
            (c, _) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cv = &self.emergent_cv;
        let g = &cv.grouping;
        writeln!(f, "Emergent train, 5-fold cross-validation grouped by claim (mean of folds):")?;
        writeln!(f, "  clustering  B3 P {:.3} R {:.3} F1 {:.3}   ARI {:.3}", g.b3_p, g.b3_r, g.b3_f1, g.ari)?;
        let o = &cv.grouping_online;
        writeln!(
            f,
            "  online      B3 P {:.3} R {:.3} F1 {:.3}   ARI {:.3} (joined one by one)",
            o.b3_p, o.b3_r, o.b3_f1, o.ari
        )?;
        writeln!(f, "  stance      accuracy {:.3}   macro-F1 {:.3}", cv.stance_accuracy, cv.stance_macro_f1)?;
        let e = &self.emergent;
        let g = &e.grouping;
        writeln!(
            f,
            "Emergent train, shipped models (in-sample): {} headlines, {} claims, {} propositions",
            g.headlines, g.claims, g.clusters
        )?;
        writeln!(f, "  clustering  B3 P {:.3} R {:.3} F1 {:.3}   ARI {:.3}", g.b3_p, g.b3_r, g.b3_f1, g.ari)?;
        writeln!(f, "  stance      accuracy {:.3}   macro-F1 {:.3}", e.stance_accuracy, e.stance_macro_f1)?;
        for (l, c) in &e.stance {
            writeln!(
                f,
                "    {l:<10} gold {:>5} predicted {:>5}  P {:.3} R {:.3} F1 {:.3}",
                c.gold, c.predicted, c.p, c.r, c.f1
            )?;
        }
        let n = &self.fnc1;
        writeln!(f, "FNC-1 competition test: {} pairs", n.pairs)?;
        writeln!(
            f,
            "  weighted score {:.2} of {:.2} ({:.3}; all-unrelated {:.3})   accuracy {:.3}",
            n.score,
            n.max,
            n.relative,
            n.null / n.max.max(1.0),
            n.accuracy
        )?;
        for (l, c) in &n.classes {
            writeln!(
                f,
                "    {l:<10} gold {:>5} predicted {:>5}  P {:.3} R {:.3} F1 {:.3}",
                c.gold, c.predicted, c.p, c.r, c.f1
            )?;
        }
        Ok(())
    }
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
    fn csv_reads_quotes_and_line_breaks() {
        assert_eq!(csv("a,\"b,\"\"c\"\"\nd\"\n1,2\n"), [vec!["a", "b,\"c\"\nd"], vec!["1", "2"]]);
    }
}
