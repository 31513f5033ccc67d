//! `dossier bench [PATH…]`: throughput per stage and end to end, one thread and all, as JSON
//! that can be compared across commits.

use crate::output::{human_bytes, json_line, peak_rss_bytes};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The corpus used when none is given: the BBC articles when the shared data is present.
const DEFAULT_CORPUS: &str = "../shared/data/bbc-news-2225/bbc-news-2225.jsonl.gz";
/// The fallback corpus: the bundled sample, present in every checkout.
const FALLBACK_CORPUS: &str = "examples/corpus";

#[derive(clap::Args)]
pub struct Args {
    /// Corpus to measure on (default: the BBC corpus in ../shared/data, else examples/corpus).
    #[arg(value_name = "PATH")]
    paths: Vec<String>,
    /// Threads for the parallel runs (0: one per core).
    #[arg(long, short = 'j', default_value_t = 0)]
    threads: usize,
    /// Also write the report as JSON to this file.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Print the report as JSON instead of a table.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let paths = if !args.paths.is_empty() {
        args.paths
    } else if Path::new(DEFAULT_CORPUS).exists() {
        vec![DEFAULT_CORPUS.to_owned()]
    } else {
        vec![FALLBACK_CORPUS.to_owned()]
    };
    let (inputs, unmatched) = ingest::expand(&paths);
    if let Some(error) = unmatched.first() {
        anyhow::bail!("{error}");
    }
    let scratch = std::env::temp_dir().join(format!("dossier-bench-{}", std::process::id()));
    let report = engine::bench(&inputs, &ingest::Config::default(), args.threads, &scratch);
    let _ = std::fs::remove_dir_all(&scratch);
    let report = report?;
    let mut value = serde_json::to_value(&report)?;
    value["corpus"] = paths.clone().into();
    value["peak_rss_bytes"] = peak_rss_bytes().into();
    value["version"] = env!("CARGO_PKG_VERSION").into();
    if let Some(out) = &args.out {
        std::fs::write(out, serde_json::to_string_pretty(&value)?)?;
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        return json_line(&mut out, &value);
    }
    writeln!(
        out,
        "corpus {}: {} documents, {} of text, {} words, {} sentences",
        paths.join(" "),
        report.documents,
        human_bytes(report.text_bytes as u64),
        report.tokens,
        report.sentences
    )?;
    writeln!(out, "{:<42} {:>7} {:>9} {:>12} {:>9}", "stage", "threads", "seconds", "documents/s", "MB/s")?;
    for f in &report.figures {
        writeln!(
            out,
            "{:<42} {:>7} {:>9.3} {:>12.0} {:>9.2}",
            f.stage, f.threads, f.seconds, f.documents_per_second, f.megabytes_per_second
        )?;
    }
    writeln!(out, "analysis: {:.0} words/s on one thread", report.analyze_tokens_per_second)?;
    writeln!(out, "claims stage: {:.0} sentences/s on one thread", report.claims_sentences_per_second)?;
    writeln!(
        out,
        "store: {} on disk, {:.2}× the text; peak memory {}",
        human_bytes(report.store_bytes),
        report.store_to_text_ratio,
        peak_rss_bytes().map_or("unknown".into(), human_bytes)
    )?;
    Ok(())
}
