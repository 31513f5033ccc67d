//! Fits the ledger's pair score on Emergent train and writes `crates/ledger/data/link.tsv`;
//! prints the five-fold cross-validation (grouped by claim) first.
//!
//! Usage: `cargo run --release -p eval --example train_link -- ../shared/data [--cv-only]`
//! (`--cv-only` measures without writing the model).
//!
//! Known limits: analyzes the 2,071 headlines first (a few seconds); see `eval::link_training`.

use eval::link_training::{self, Headline};
use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let data =
        args.iter().find(|a| !a.starts_with("--")).map_or_else(|| PathBuf::from("../shared/data"), PathBuf::from);
    let all = link_training::headlines(&data)?;
    println!("Emergent train: {} headlines; claims per fold {:?}", all.len(), link_training::fold_sizes(&all));
    let (folds, mean, online) = link_training::cross_validate(&all);
    for (k, s) in folds.iter().enumerate() {
        println!(
            "  fold {k}: {} headlines, {} claims, {} propositions; B3 P {:.3} R {:.3} F1 {:.3}; ARI {:.3} (threshold {:.2})",
            s.headlines, s.claims, s.clusters, s.b3_p, s.b3_r, s.b3_f1, s.ari, s.threshold
        );
    }
    println!(
        "  mean of {} folds: B3 P {:.3} R {:.3} F1 {:.3}; ARI {:.3}",
        folds.len(),
        mean.b3_p,
        mean.b3_r,
        mean.b3_f1,
        mean.ari
    );
    println!(
        "  joined online (no rebuild): B3 P {:.3} R {:.3} F1 {:.3}; ARI {:.3}",
        online.b3_p, online.b3_r, online.b3_f1, online.ari
    );
    let missing: Vec<&Headline> =
        all.iter().filter(|h| ledger::propositions::extract(&h.doc, &h.analysis).is_empty()).collect();
    println!("  headlines without a claim record: {}", missing.len());
    if args.iter().any(|a| a == "--misses") {
        missing.iter().for_each(|h| println!("    {}", h.doc.title));
    }
    if args.iter().any(|a| a == "--cv-only") {
        return Ok(());
    }
    let refs: Vec<&Headline> = all.iter().collect();
    let model = link_training::train(&refs);
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ledger/data/link.tsv");
    let header = "# The ledger's pair score (`ledger::pairs`): logistic-regression weights per feature and the\n\
                  # average-linkage threshold. Fitted by `cargo run --release -p eval --example train_link --\n\
                  # ../shared/data` on pairs of Emergent train headlines (../shared/data/emergent/edata_train.csv,\n\
                  # Ferreira & Vlachos 2016; 240 claims, 2,071 headlines) that share a term or an entity.\n\
                  # One number per feature and the threshold, no text from the data; licence: the project's.\n";
    std::fs::write(&path, format!("{header}{}", model.to_tsv()))?;
    println!("wrote {} (threshold {:.2}, online {:.2})", path.display(), model.threshold, model.online_threshold);
    Ok(())
}
