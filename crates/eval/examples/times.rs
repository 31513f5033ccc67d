//! Scores the time-expression tagger on TempEval-3 TBAQ-cleaned and prints the report.
//!
//! Usage: `cargo run --release -p eval --example times -- ../shared/data [--json] [--misses]`.
//! `--json` prints JSON instead of text; `--misses` lists every disagreement with the gold
//! (missed, spurious, wrong span, wrong value, wrong type) with its DCT and context.
//!
//! Known limits: throughput is timed in-process on about 0.9 MB of text, so it varies by a few
//! percent between runs.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().any(|a| a == name);
    let data_dir =
        args.iter().find(|a| !a.starts_with("--")).map_or_else(|| PathBuf::from("../shared/data"), PathBuf::from);
    let report = match eval::times::run(&data_dir) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("error: cannot score times under {}: {e}", data_dir.display());
            return ExitCode::from(2);
        }
    };
    if flag("--misses") {
        for m in &report.misses {
            println!("{:<8} {:<22} {} | gold {} | ours {} | {}", m.kind, m.doc, m.dct, m.gold, m.system, m.context);
        }
    }
    if flag("--json") {
        println!("{}", serde_json::to_string_pretty(&report).expect("a report always serializes"));
    } else {
        println!("{report}");
    }
    ExitCode::SUCCESS
}
