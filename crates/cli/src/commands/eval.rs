//! `dossier eval SET`: quality on the public gold sets, read in place from the shared data folder.

use crate::output::json_line;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// Which evaluation to run.
    #[arg(value_enum, default_value = "all")]
    set: Set,
    /// The folder holding the gold sets.
    #[arg(long, env = "DOSSIER_GOLD", default_value = "../shared/data", value_name = "DIR")]
    gold: PathBuf,
    /// Print each report as one JSON object per line.
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Set {
    /// Main-text extraction on the article-extraction benchmark (HTML → text).
    Extraction,
    /// Sentence boundaries on UD English EWT (dev).
    Sentences,
    /// Part-of-speech tags on UD English EWT dev and test (the embedded tagger).
    Pos,
    /// Named entities on re3d, wikigold and WNUT-17 test (exact and partial span F1).
    Entities,
    /// Attribution (source, cue, content) on PolNeAR dev.
    Claims,
    /// Cross-document linking: story clustering on ECB+ dev (B³), near-duplicates on BBC and the
    /// sample corpus, ledger update time at 1k/10k/100k documents (slow: about a minute).
    Ledger,
    /// Propositions and stance on Emergent (grouping B³/ARI, stance accuracy/macro-F1) and FNC-1
    /// (weighted score, per-class F1).
    Propositions,
    /// Time expressions on TempEval-3 TBAQ-cleaned (TempEval-3 measures).
    Times,
    /// Quantities (numeric values) on MEANTIME.
    Quantities,
    /// Every evaluation.
    All,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    if !args.gold.is_dir() {
        anyhow::bail!("gold data folder {} not found (pass --gold DIR or set DOSSIER_GOLD)", args.gold.display());
    }
    let mut out = std::io::stdout().lock();
    if matches!(args.set, Set::Extraction | Set::All) {
        let report = eval::extraction::run(&args.gold).map_err(|e| context(e, &args.gold, "extraction"))?;
        emit(&mut out, args.json, "extraction", &report)?;
    }
    if matches!(args.set, Set::Sentences | Set::All) {
        let report = eval::sentences::run(&args.gold).map_err(|e| context(e, &args.gold, "sentences"))?;
        emit(&mut out, args.json, "sentences", &report)?;
    }
    if matches!(args.set, Set::Pos | Set::All) {
        let report = eval::pos::run(&args.gold).map_err(|e| context(e, &args.gold, "pos"))?;
        emit(&mut out, args.json, "pos", &report)?;
    }
    if matches!(args.set, Set::Entities | Set::All) {
        let report = eval::entities::run(&args.gold).map_err(|e| context(e, &args.gold, "entities"))?;
        emit(&mut out, args.json, "entities", &report)?;
    }
    if matches!(args.set, Set::Claims | Set::All) {
        let report = eval::claims::run(&args.gold).map_err(|e| context(e, &args.gold, "claims"))?;
        emit(&mut out, args.json, "claims", &report)?;
    }
    if matches!(args.set, Set::Ledger | Set::All) {
        let report = eval::ledger::run(&args.gold).map_err(|e| context(e, &args.gold, "ledger"))?;
        emit(&mut out, args.json, "ledger", &report)?;
    }
    if matches!(args.set, Set::Propositions | Set::All) {
        let report = eval::propositions::run(&args.gold).map_err(|e| context(e, &args.gold, "propositions"))?;
        emit(&mut out, args.json, "propositions", &report)?;
    }
    if matches!(args.set, Set::Times | Set::All) {
        let report = eval::times::run(&args.gold).map_err(|e| context(e, &args.gold, "times"))?;
        emit(&mut out, args.json, "times", &report)?;
    }
    if matches!(args.set, Set::Quantities | Set::All) {
        let report = eval::quantities::run(&args.gold).map_err(|e| context(e, &args.gold, "quantities"))?;
        emit(&mut out, args.json, "quantities", &report)?;
    }
    Ok(())
}

fn emit<R: serde::Serialize + std::fmt::Display>(
    out: &mut impl Write,
    json: bool,
    name: &str,
    report: &R,
) -> anyhow::Result<()> {
    if json {
        json_line(out, &serde_json::json!({ "eval": name, "report": report }))
    } else {
        writeln!(out, "{report}")?;
        Ok(())
    }
}

fn context(e: std::io::Error, gold: &Path, name: &str) -> anyhow::Error {
    anyhow::Error::from(e).context(format!("{name} evaluation on {} failed", gold.display()))
}
