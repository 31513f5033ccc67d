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

use crate::metrics::{ClassScore, classes};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::Path;

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
