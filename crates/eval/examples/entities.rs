//! Scores the entity recognizer on re3d, wikigold and WNUT-17 test and prints the report.
//!
//! Usage: `cargo run --release -p eval --example entities -- ../shared/data [--json] [--misses]`.
//! `--json` prints JSON; `--misses` lists every missed and spurious span with its context.
//!
//! Known limits: the speed figure is timed in-process over the three sets' text and varies a
//! few percent between runs.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().any(|a| a == name);
    let data_dir =
        args.iter().find(|a| !a.starts_with("--")).map_or_else(|| PathBuf::from("../shared/data"), PathBuf::from);
    let report = match eval::entities::run(&data_dir) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("error: cannot score entities under {}: {e}", data_dir.display());
            return ExitCode::from(2);
        }
    };
    if flag("--misses") {
        for m in &report.misses {
            println!("{:<12} {:<9} {:<18} {:<30} | {}", m.set, m.kind, m.label, m.text, m.context);
        }
    }
    if flag("--json") {
        println!("{}", serde_json::to_string_pretty(&report).expect("a report always serializes"));
    } else {
        println!("{report}");
    }
    ExitCode::SUCCESS
}
