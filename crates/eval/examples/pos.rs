//! Scores the embedded part-of-speech tagger on UD English EWT dev and test (UPOS and XPOS,
//! treebank and Dossier tokenizations) and times it on the BBC corpus.
//!
//! Usage: `cargo run --release -p eval --example pos -- ../shared/data [--json]`.
//!
//! Known limits: the speed figure is timed in-process and varies a few percent between runs.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let data =
        args.iter().find(|a| !a.starts_with("--")).map_or_else(|| PathBuf::from("../shared/data"), PathBuf::from);
    match eval::pos::run(&data) {
        Ok(report) if args.iter().any(|a| a == "--json") => {
            println!("{}", serde_json::to_string_pretty(&report).expect("a report always serializes"));
        }
        Ok(report) => println!("{report}"),
        Err(e) => {
            eprintln!("error: cannot score the tagger under {}: {e}", data.display());
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
