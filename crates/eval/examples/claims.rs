//! Scores the claims finder on PolNeAR and prints the report; or shows the claims of one file.
//!
//! Usage: `cargo run --release -p eval --example claims -- ../shared/data [--split train|dev]
//! [--json] [--misses] [--cues]`, or `… --example claims -- --show FILE` to read one file as
//! `dossier extract` does and print each claim (speaker | cue | stance | content | flags).
//! `--misses` lists every disagreement with the gold; `--cues` lists per-cue counts (system,
//! cue matched, attribution correct), the figures the lexicon is pruned by on train.
//!
//! Known limits: speed is timed in-process, so it varies by a few percent between runs.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

/// Prints a line; a closed pipe (`| head`) ends the program quietly.
macro_rules! out {
    ($($arg:tt)*) => {
        if writeln!(std::io::stdout().lock(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    };
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().any(|a| a == name);
    let value = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    if let Some(file) = value("--show") {
        return show(&PathBuf::from(file));
    }
    let split = value("--split").unwrap_or_else(|| "dev".to_owned());
    let data_dir = args
        .iter()
        .enumerate()
        .find(|(i, a)| !a.starts_with("--") && (*i == 0 || args[i - 1] != "--split"))
        .map_or_else(|| PathBuf::from("../shared/data"), |(_, a)| PathBuf::from(a));
    let report = match eval::claims::run_split(&data_dir, &split) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("error: cannot score claims under {}: {e}", data_dir.display());
            return ExitCode::from(2);
        }
    };
    if flag("--misses") {
        for m in &report.misses {
            out!("{:<8} {:<40} gold [{}]\n{:<49} ours [{}]", m.kind, m.doc, m.gold, "", m.system);
        }
    }
    if flag("--cues") {
        let mut cues: Vec<_> = report.cues.iter().collect();
        cues.sort_by(|a, b| b.1.system.cmp(&a.1.system).then(a.0.cmp(b.0)));
        for (cue, s) in cues {
            out!("{:>5} {:>5} {:>5}  {cue}", s.system, s.matched, s.correct);
        }
    }
    if flag("--json") {
        out!("{}", serde_json::to_string_pretty(&report).expect("a report always serializes"));
    } else {
        out!("{report}");
    }
    ExitCode::SUCCESS
}

/// Reads `path` as `dossier extract` does and prints its claims.
fn show(path: &std::path::Path) -> ExitCode {
    let mut docs = Vec::new();
    let config = ingest::Config::default();
    ingest::read(&ingest::Input::Path(path.to_owned()), &config, &mut |event| {
        if let ingest::Event::Document(draft) = event {
            docs.extend(model::Document::from_draft(draft));
        }
    });
    if docs.is_empty() {
        eprintln!("error: no document in {}", path.display());
        return ExitCode::from(2);
    }
    for doc in docs {
        let analysis = nlp::analyze(&doc);
        let slice = |r: text::TextRange| r.slice(&doc.text).unwrap_or("").replace('\n', " ");
        for (i, c) in analysis.claims.iter().enumerate() {
            let speaker = c.speaker.as_ref().map_or_else(|| "-".to_owned(), |s| slice(s.range));
            let entity = c.speaker.as_ref().and_then(|s| s.entity.clone()).unwrap_or_default();
            out!("#{i} [{speaker}]{entity} | {} | {:?} | {}", slice(c.cue), c.stance, slice(c.content));
            let hedges: Vec<String> = c.hedges.iter().map(|h| slice(*h)).collect();
            out!(
                "     direct={} negated={} hedges={hedges:?} sentence={} parent={:?}",
                c.direct,
                c.negated,
                c.sentence,
                c.parent
            );
        }
    }
    ExitCode::SUCCESS
}
