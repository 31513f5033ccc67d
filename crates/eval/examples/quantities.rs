//! Scores the quantity finder on MEANTIME numeric values and prints the report.
//!
//! Usage: `cargo run --release -p eval --example quantities -- ../shared/data [--json] [--misses]`.
//! `--json` prints JSON instead of text; `--misses` lists missed gold spans, spurious spans and
//! wrong values (relaxed matching) with their context, `[` `]` marking the span.
//!
//! Known limits: throughput is timed in-process over the small corpus, so it varies by a few
//! percent between runs.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().any(|a| a == name);
    let data_dir =
        args.iter().find(|a| !a.starts_with("--")).map_or_else(|| PathBuf::from("../shared/data"), PathBuf::from);
    let report = match eval::quantities::run(&data_dir) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("error: cannot score quantities under {}: {e}", data_dir.display());
            return ExitCode::from(2);
        }
    };
    if flag("--json") {
        println!("{}", serde_json::to_string_pretty(&report).expect("a report always serializes"));
    } else {
        println!("{report}");
    }
    if flag("--misses") {
        for miss in &report.misses {
            println!("{:<18} {}  |  {}", miss.kind, miss.text, miss.context);
        }
    }
    ExitCode::SUCCESS
}
