//! Fits and cross-validates the learned stance of `ledger::stance_model` on Emergent train.
//!
//! Why: issue 14 asks for stance learned from the rules' features, measured with folds grouped
//! by claim (the same folds as `link_training`).
//!
//! How: each headline's *main* candidate — its own assertion, else its first claim, as
//! `ledger::propositions::stance_features` lists them — is one example, labelled `for` →
//! support, `against` → contradict, `observing` → report. Features seen in fewer than
//! [`MIN_COUNT`] training examples are dropped; [`fit`] is a multinomial logistic regression
//! (L2, full-batch gradient descent with AdaGrad steps). Scored with accuracy and macro-F1 over
//! the three classes.
//!
//! Example: `cargo run --release -p eval --example train_stance -- ../shared/data`.
//!
//! Known limits: headlines only; a headline with no candidate is predicted `for` (the
//! publisher's own assertion, unread).

use crate::link_training::{FOLDS, Headline, fold_of};
use ledger::stance_model::StanceModel;
use std::collections::HashMap;

/// Least examples a feature must appear in to get a weight.
pub const MIN_COUNT: usize = 3;

/// L2 strength of [`fit`].
pub const L2: f64 = 0.5;

/// The gold class of an Emergent stance label (support, contradict, report).
pub fn class_of(label: &str) -> usize {
    match label {
        "for" => 0,
        "against" => 1,
        _ => 2,
    }
}

/// The Emergent label of a class.
pub fn label_of(class: usize) -> &'static str {
    ["for", "against", "observing"][class.min(2)]
}

/// A headline's main candidate's features (empty when it has none).
pub fn example(h: &Headline) -> Vec<String> {
    let all = ledger::propositions::stance_features(&h.doc, &h.analysis);
    let main = all.iter().position(|(claim, _)| claim.is_none()).unwrap_or(0);
    all.into_iter().nth(main).map(|(_, f)| f).unwrap_or_default()
}

/// Fits weights on labelled feature lists.
pub fn fit(data: &[(Vec<String>, usize)]) -> StanceModel {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for (f, _) in data {
        for name in f {
            *count.entry(name).or_default() += 1;
        }
    }
    let names: Vec<&str> = {
        let mut v: Vec<&str> = count.iter().filter(|(_, n)| **n >= MIN_COUNT).map(|(k, _)| *k).collect();
        v.sort_unstable();
        v
    };
    let index: HashMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let rows: Vec<(Vec<usize>, usize)> =
        data.iter().map(|(f, y)| (f.iter().filter_map(|n| index.get(n.as_str()).copied()).collect(), *y)).collect();
    let mut w = vec![[0.0f64; 3]; names.len()];
    let mut g2 = vec![[1e-8f64; 3]; names.len()];
    let n = rows.len().max(1) as f64;
    for _ in 0..400 {
        let mut grad = vec![[0.0f64; 3]; names.len()];
        for (x, y) in &rows {
            let mut z = [0.0; 3];
            for &i in x {
                for k in 0..3 {
                    z[k] += w[i][k];
                }
            }
            let m = z.iter().copied().fold(f64::MIN, f64::max);
            let e: Vec<f64> = z.iter().map(|v| (v - m).exp()).collect();
            let s: f64 = e.iter().sum();
            for &i in x {
                for k in 0..3 {
                    grad[i][k] += (e[k] / s - f64::from(u8::from(k == *y))) / n;
                }
            }
        }
        for (i, g) in grad.iter_mut().enumerate() {
            for k in 0..3 {
                g[k] += L2 * w[i][k] / n * 10.0;
                g2[i][k] += g[k] * g[k];
                w[i][k] -= 0.5 * g[k] / g2[i][k].sqrt();
            }
        }
    }
    StanceModel::new(names.iter().zip(w).map(|(n, w)| ((*n).to_owned(), w)).collect())
}

/// Predicted Emergent label of one headline.
pub fn predict(model: &StanceModel, features: &[String]) -> &'static str {
    if features.is_empty() {
        return "for";
    }
    label_of(model.best(features))
}

/// Accuracy and macro-F1 of each fold (trained on the other four), then their means.
pub fn cross_validate(all: &[Headline]) -> (Vec<(f64, f64)>, (f64, f64)) {
    let examples: Vec<Vec<String>> = all.iter().map(example).collect();
    let mut folds = Vec::new();
    for k in 0..FOLDS {
        let train: Vec<(Vec<String>, usize)> = all
            .iter()
            .zip(&examples)
            .filter(|(h, f)| fold_of(&h.claim) != k && !f.is_empty())
            .map(|(h, f)| (f.clone(), class_of(&h.stance)))
            .collect();
        let model = fit(&train);
        let (gold, predicted): (Vec<String>, Vec<String>) = all
            .iter()
            .zip(&examples)
            .filter(|(h, _)| fold_of(&h.claim) == k)
            .map(|(h, f)| (h.stance.clone(), predict(&model, f).to_owned()))
            .unzip();
        folds.push(crate::metrics::accuracy_and_macro_f1(&gold, &predicted));
    }
    let n = folds.len() as f64;
    let mean = (folds.iter().map(|f| f.0).sum::<f64>() / n, folds.iter().map(|f| f.1).sum::<f64>() / n);
    (folds, mean)
}

/// The model fitted on every headline.
pub fn train_all(all: &[Headline]) -> StanceModel {
    let train: Vec<(Vec<String>, usize)> =
        all.iter().map(|h| (example(h), class_of(&h.stance))).filter(|(f, _)| !f.is_empty()).collect();
    fit(&train)
}
