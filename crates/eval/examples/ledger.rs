//! Measures the ledger (story clustering on ECB+ dev, near-duplicates on BBC and the sample
//! corpus, update time at 1k/10k/100k documents) and prints the report.
//!
//! Usage: `cargo run --release -p eval --example ledger -- ../shared/data [--json] [--no-speed]`
//! (`--no-speed` skips the synthetic update-time stream; `--speed-only [N]` runs only the stream,
//! up to N documents, default 100,000).
//!
//! Known limits: analyzes BBC and ECB+ first (about a minute on one core), and the speed figures
//! are in-process timings that vary by a few percent between runs.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let data_dir =
        args.iter().find(|a| !a.starts_with("--")).map_or_else(|| PathBuf::from("../shared/data"), PathBuf::from);
    if let Some(k) = args.iter().position(|a| a == "--speed-only") {
        let total = args.get(k + 1).and_then(|n| n.parse().ok()).unwrap_or(100_000);
        // Each checkpoint is printed as it is reached: a run that runs out of memory keeps
        // what it measured.
        let mut print = |s: &eval::ledger::Speed| {
            println!(
                "{:>8} documents: {:.1} µs per document over the last {} ({:.1} over all; {} stories, peak RSS {})",
                s.documents,
                s.micros_per_doc,
                s.window,
                s.mean_micros_per_doc,
                s.stories,
                s.peak_rss_bytes.map_or("unknown".to_owned(), |b| format!("{:.2} GB", b as f64 / 1e9))
            );
        };
        return match eval::ledger::update_speed(&data_dir, total, &mut print) {
            Ok(_) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: cannot read the BBC corpus under {}: {e}", data_dir.display());
                ExitCode::from(2)
            }
        };
    }
    let report = match eval::ledger::run_with(&data_dir, !args.iter().any(|a| a == "--no-speed")) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("error: cannot measure the ledger under {}: {e}", data_dir.display());
            return ExitCode::from(2);
        }
    };
    if args.iter().any(|a| a == "--json") {
        println!("{}", serde_json::to_string_pretty(&report).expect("a report always serializes"));
    } else {
        println!("{report}");
    }
    ExitCode::SUCCESS
}
