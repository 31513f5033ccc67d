//! Measures propositions and stance on Emergent (clustering B³/ARI, stance accuracy and
//! macro-F1) and FNC-1 (weighted score, per-class F1) and prints the report.
//!
//! Usage: `cargo run --release -p eval --example propositions -- ../shared/data [--json]
//! [--emergent]` (`--emergent` measures Emergent only, in a few seconds).
//!
//! Known limits: analyzes about 3,000 headlines and 900 FNC-1 bodies first (a minute or two on
//! one core).

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let data_dir =
        args.iter().find(|a| !a.starts_with("--")).map_or_else(|| PathBuf::from("../shared/data"), PathBuf::from);
    if args.iter().any(|a| a == "--emergent") {
        return match eval::propositions::emergent(&data_dir) {
            Ok(e) => {
                println!(
                    "Emergent: {} headlines, {} claims, {} propositions; B3 P {:.3} R {:.3} F1 {:.3}; ARI {:.3}; \
                     stance accuracy {:.3} macro-F1 {:.3}",
                    e.grouping.headlines,
                    e.grouping.claims,
                    e.grouping.clusters,
                    e.grouping.b3_p,
                    e.grouping.b3_r,
                    e.grouping.b3_f1,
                    e.grouping.ari,
                    e.stance_accuracy,
                    e.stance_macro_f1
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: cannot measure Emergent under {}: {e}", data_dir.display());
                ExitCode::from(2)
            }
        };
    }
    let report = match eval::propositions::run(&data_dir) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("error: cannot measure propositions under {}: {e}", data_dir.display());
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
