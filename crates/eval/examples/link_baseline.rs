//! Batch average-linkage baselines on Emergent train, five folds grouped by claim
//! (`eval::link_baseline`), beside the ledger's own clustering.
//!
//! Usage: `cargo run --release -p eval --example link_baseline -- ../shared/data [--compare]`
//!
//! Prints the TF-IDF cosine baseline of issue 14 (whole headlines, IDF from the fold) and the
//! ledger's lexical cosine on whole headlines (folded terms, background IDF raised to
//! `pairs::IDF_POWER`). `--compare` also prints, per fold, the ledger's clustering (claims
//! added online, then `rebuild`) against a dense batch average linkage of the same pair scores
//! over every pair of main records, at a few thresholds.

use eval::link_baseline::{self, tokens};
use eval::link_training::{self, Headline, Scores};
use ledger::pairs::{self, LinkModel};
use std::collections::HashMap;
use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let data =
        args.iter().find(|a| !a.starts_with("--")).map_or_else(|| PathBuf::from("../shared/data"), PathBuf::from);
    let all = link_training::headlines(&data)?;
    print(
        "tf-idf cosine, whole headline",
        link_baseline::cross_validate(&all, |hs| {
            link_baseline::tfidf_similarity(&hs.iter().map(|h| tokens(&h.doc.title)).collect::<Vec<_>>())
        }),
    );
    print("ledger terms, background idf^1.5", link_baseline::cross_validate(&all, lexical));
    if args.iter().any(|a| a == "--compare") {
        compare(&all);
    }
    Ok(())
}

fn print(name: &str, (folds, mean): (Vec<Scores>, Scores)) {
    let f1s: Vec<String> = folds.iter().map(|s| format!("{:.3}@{:.3}", s.b3_f1, s.threshold)).collect();
    println!(
        "{name:<36} B3 P {:.3} R {:.3} F1 {:.3}; ARI {:.3}   folds {}",
        mean.b3_p,
        mean.b3_r,
        mean.b3_f1,
        mean.ari,
        f1s.join(" ")
    );
}

/// Cosine of the headlines' folded terms weighted by background IDF^`IDF_POWER`.
fn lexical(hs: &[&Headline]) -> Vec<f64> {
    let vectors: Vec<HashMap<String, f64>> = hs
        .iter()
        .map(|h| {
            let mut v = HashMap::new();
            ledger::terms::for_each_term(&h.doc.title, |t| {
                let t = ledger::propositions::fold(t);
                let w = f64::from(pairs::background_idf(&t)).powf(f64::from(pairs::IDF_POWER));
                v.insert(t, w);
            });
            v
        })
        .collect();
    link_baseline::cosine_matrix(vectors)
}

/// The shipped pair score between the headlines' main records, every pair, row-major.
fn pair_scores(hs: &[&Headline], model: &LinkModel) -> Vec<f64> {
    let mains: Vec<Option<ledger::propositions::ClaimRecord>> =
        hs.iter().map(|h| link_training::main_record(h)).collect();
    let n = hs.len();
    let mut sim = vec![0.0; n * n];
    for i in 0..n {
        for j in i + 1..n {
            if let (Some(a), Some(b)) = (&mains[i], &mains[j]) {
                let s = ledger::propositions::pair_features(a, b).map_or(0.0, |f| model.score(&f));
                sim[i * n + j] = s;
                sim[j * n + i] = s;
            }
        }
    }
    sim
}

fn compare(all: &[Headline]) {
    for k in 0..link_training::FOLDS {
        let (test, train): (Vec<&Headline>, Vec<&Headline>) =
            all.iter().partition(|h| link_training::fold_of(&h.claim) == k);
        let model = link_training::train(&train);
        let merges = link_baseline::dendrogram(test.len(), &pair_scores(&test, &model));
        println!("fold {k} (threshold tuned on the other folds {:.2}):", model.threshold);
        for t in [0.1, 0.14, 0.18, 0.22] {
            let (ours, _) = link_training::cluster(&test, LinkModel { threshold: t, online_threshold: t, ..model });
            let a = link_training::score(&test, &ours, t);
            let b = link_training::score(&test, &link_baseline::cut(test.len(), &merges, t), t);
            println!(
                "  t {t:.2}: ledger P {:.3} R {:.3} F1 {:.3} | dense batch P {:.3} R {:.3} F1 {:.3}",
                a.b3_p, a.b3_r, a.b3_f1, b.b3_p, b.b3_r, b.b3_f1
            );
        }
    }
}
