//! Trains the part-of-speech tagger on UD English EWT and writes the model file.
//!
//! Usage: `cargo run --release -p eval --example train_tagger -- ../shared/data
//! crates/nlp/data/tagger/ewt.model [--epochs N] [--prune W] [--dict-count N] [--dict-share S]`. Trains on the train split,
//! keeps the epoch with the best dev accuracy, prints each epoch's figures and writes the
//! model. Deterministic: the same data and options give the same bytes.
//!
//! Known limits: single-threaded, about a minute on one core.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let option = |name: &str| args.iter().position(|a| a == name).and_then(|k| args.get(k + 1));
    let positional: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|(k, a)| !a.starts_with("--") && (*k == 0 || !args[k - 1].starts_with("--")))
        .map(|(_, a)| a)
        .collect();
    let data = positional.first().map_or_else(|| PathBuf::from("../shared/data"), PathBuf::from);
    let out = positional.get(1).map_or_else(|| PathBuf::from("crates/nlp/data/tagger/ewt.model"), PathBuf::from);
    let mut config = eval::pos::Config::default();
    if let Some(e) = option("--epochs").and_then(|v| v.parse().ok()) {
        config.max_epochs = e;
    }
    if let Some(p) = option("--prune").and_then(|v| v.parse().ok()) {
        config.prune = p;
    }
    if let Some(c) = option("--dict-count").and_then(|v| v.parse().ok()) {
        config.dict_min_count = c;
    }
    if let Some(s) = option("--dict-share").and_then(|v| v.parse().ok()) {
        config.dict_min_share = s;
    }
    let ewt = data.join("ud-english-ewt");
    let read = |name: &str| eval::pos::read_conllu(&ewt.join(name));
    let (train, dev) = match (read("en_ewt-ud-train.conllu.gz"), read("en_ewt-ud-dev.conllu.gz")) {
        (Ok(t), Ok(d)) => (t, d),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("error: cannot read EWT under {}: {e}", ewt.display());
            return ExitCode::from(2);
        }
    };
    let unaligned = train.iter().filter(|s| s.tokens.is_empty()).count();
    let retokenized = train.iter().filter(|s| s.retokenized()).count();
    eprintln!(
        "train: {} sentences ({retokenized} retokenized, {unaligned} unaligned); dev: {}",
        train.len(),
        dev.len()
    );
    let (model, log) = eval::pos::train(&train, &dev, config);
    for e in &log {
        eprintln!("epoch {:>2}  train {:.4}  dev {}", e.epoch, e.train, e.dev);
    }
    let bytes = nlp::tagger::model::write(&model);
    if let Err(e) = std::fs::write(&out, &bytes) {
        eprintln!("error: cannot write {}: {e}", out.display());
        return ExitCode::from(2);
    }
    eprintln!("wrote {} ({} bytes, {} feature keys)", out.display(), bytes.len(), model.len());
    ExitCode::SUCCESS
}
