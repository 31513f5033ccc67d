//! Measures proposition grouping through the path a user takes: Emergent train headlines
//! written as JSON Lines, `dossier ingest`, then `dossier export propositions`.
//!
//! Usage (the headlines are written outside the repository, read from `../shared/data` at run
//! time):
//! ```sh
//! cargo run --release -p eval --example emergent_cli -- write ../shared/data /tmp/emergent.jsonl
//! dossier --data /tmp/emergent-store ingest /tmp/emergent.jsonl
//! dossier --data /tmp/emergent-store export propositions > /tmp/emergent-props.jsonl
//! cargo run --release -p eval --example emergent_cli -- score ../shared/data /tmp/emergent-props.jsonl
//! ```
//! (`bench/emergent-cli.sh` runs all four.)
//!
//! How: each headline is one line `{"id", "text", "source"}` (a bare headline, as a user with a
//! list of headlines would write it); scoring maps every
//! attribution of the export back to its headline by document id (the content hash of the
//! headline as a document) and takes, per headline, the proposition of its own assertion, else
//! of its first claim; headlines in no proposition are singletons. B³ and ARI against
//! `claimId`, as `eval::link_training` computes them in process.
//!
//! Known limits: the shipped models were fitted on this split, so the figure is in-sample; the
//! kept-aside Emergent claims give the held-out one.

use eval::link_training::{self, Headline};
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [mode, data, file] = &args[..] else {
        eprintln!("usage: emergent_cli write|score DATA_DIR FILE");
        std::process::exit(2);
    };
    let all = link_training::headlines(&PathBuf::from(data))?;
    match mode.as_str() {
        "write" => write(&all, file),
        "score" => score(&all, file),
        _ => {
            eprintln!("error: mode must be `write` or `score`, not `{mode}`");
            std::process::exit(2);
        }
    }
}

fn write(all: &[Headline], file: &str) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(file)?);
    for (k, h) in all.iter().enumerate() {
        let line = serde_json::json!({
            "id": format!("emergent-{k}"),
            "text": h.doc.title,
            "source": h.doc.source,
        });
        writeln!(out, "{line}")?;
    }
    eprintln!("wrote {} headlines to {file}", all.len());
    Ok(())
}

fn score(all: &[Headline], file: &str) -> std::io::Result<()> {
    // Per document: (claim index, or -1 for the publisher's own assertion; proposition id).
    let mut placed: HashMap<String, (i64, String)> = HashMap::new();
    for line in std::io::BufReader::new(std::fs::File::open(file)?).lines() {
        let value: serde_json::Value = serde_json::from_str(&line?)?;
        let id = value["id"].to_string();
        for a in value["attributions"].as_array().into_iter().flatten() {
            let doc = a["document"].as_str().unwrap_or_default().to_owned();
            let claim = a["claim"].as_i64().unwrap_or(-1);
            let slot = placed.entry(doc).or_insert((i64::MAX, String::new()));
            if claim < slot.0 {
                *slot = (claim, id.clone());
            }
        }
    }
    let labels: Vec<String> = all
        .iter()
        .map(|h| placed.get(&h.doc.id.to_string()).map_or_else(|| format!("doc:{}", h.doc.id), |p| p.1.clone()))
        .collect();
    let refs: Vec<&Headline> = all.iter().collect();
    let s = link_training::score(&refs, &labels, f64::NAN);
    println!(
        "Emergent train through `dossier ingest` + `export propositions`: {} headlines, {} claims, {} propositions; \
         B3 P {:.3} R {:.3} F1 {:.3}; ARI {:.3}; {} headlines in no proposition",
        s.headlines,
        s.claims,
        s.clusters,
        s.b3_p,
        s.b3_r,
        s.b3_f1,
        s.ari,
        all.iter().filter(|h| !placed.contains_key(&h.doc.id.to_string())).count()
    );
    Ok(())
}
