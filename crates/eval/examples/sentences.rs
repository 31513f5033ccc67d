//! Scores the sentence segmenter on UD English EWT and prints the report.
//!
//! Usage: `cargo run --release -p eval --example sentences -- ../shared/data [--test] [--json]
//! [--misses]`. Dev is always scored (tune on it); `--test` adds the test split, scored by the same
//! code, `--json` prints JSON instead of text, `--misses` lists the first errors on dev.
//!
//! Known limits: throughput is timed in-process on the small EWT text (about 0.2 MB), so it
//! varies by a few percent between runs.

use eval::sentences::{self, Split};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().any(|a| a == name);
    let data_dir =
        args.iter().find(|a| !a.starts_with("--")).map_or_else(|| PathBuf::from("../shared/data"), PathBuf::from);
    let mut splits = vec![Split::Dev];
    if flag("--test") {
        splits.push(Split::Test);
    }
    for split in splits {
        let report = match sentences::run_split(&data_dir, split) {
            Ok(report) => report,
            Err(e) => {
                eprintln!("error: cannot score sentences under {}: {e}", data_dir.display());
                return ExitCode::from(2);
            }
        };
        if flag("--json") {
            println!("{}", serde_json::to_string_pretty(&report).expect("a report always serializes"));
        } else {
            println!("{report}");
        }
        if flag("--misses") && split == Split::Dev {
            for miss in &report.misses {
                println!("{:<11}  {}", miss.kind, miss.context);
            }
        }
    }
    ExitCode::SUCCESS
}
