//! Fits the ledger's learned stance on Emergent train and writes
//! `crates/ledger/data/stance_model.tsv`; prints the five-fold cross-validation (grouped by
//! claim) first.
//!
//! Usage: `cargo run --release -p eval --example train_stance -- ../shared/data [--cv-only]`.
//!
//! Known limits: see `eval::stance_training`.

use eval::stance_training;
use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let data =
        args.iter().find(|a| !a.starts_with("--")).map_or_else(|| PathBuf::from("../shared/data"), PathBuf::from);
    let all = eval::link_training::headlines(&data)?;
    let (folds, mean) = stance_training::cross_validate(&all);
    for (k, (accuracy, macro_f1)) in folds.iter().enumerate() {
        println!("  fold {k}: stance accuracy {accuracy:.3} macro-F1 {macro_f1:.3}");
    }
    println!("  mean of {} folds: stance accuracy {:.3} macro-F1 {:.3}", folds.len(), mean.0, mean.1);
    if args.iter().any(|a| a == "--cv-only") {
        return Ok(());
    }
    let model = stance_training::train_all(&all);
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ledger/data/stance_model.tsv");
    let header = "# The ledger's learned stance (`ledger::stance_model`): weights per feature for support,\n\
                  # contradict and report. Fitted by `cargo run --release -p eval --example train_stance --\n\
                  # ../shared/data` on the 2,071 Emergent train headlines (../shared/data/emergent/edata_train.csv,\n\
                  # Ferreira & Vlachos 2016); features seen in fewer than 3 headlines are left out. Weights only,\n\
                  # no text from the data (a row names one lower-cased word, word pair or stem); licence: the\n\
                  # project's.\n";
    std::fs::write(&path, format!("{header}{}", model.to_tsv()))?;
    println!("wrote {}", path.display());
    Ok(())
}
