//! Builds `crates/ledger/data/idf.tsv`, the background document frequencies behind the pair
//! score's term weights (`ledger::pairs`).
//!
//! Usage: `cargo run --release -p eval --example build_idf -- ../shared/data > crates/ledger/data/idf.tsv`.
//!
//! How: counts, for every folded content term (`ledger::terms::for_each_term` then
//! `ledger::propositions::fold`, exactly what the ledger keys claims by), the documents it
//! appears in, over the BBC corpus (`bbc-news-2225`, 2,225 articles, title and text) and the
//! FNC-1 training bodies (`fnc1-train/train_bodies.csv.gz`, 1,326 bodies; the FNC-1 competition
//! test is never read). Terms seen in fewer than two documents are left out (the ledger counts
//! a missing term as seen once). The output is a frequency table — a number per word, sorted by
//! word — not text from either corpus.
//!
//! Known limits: general news of 2004–2005 (BBC) and 2014–2015 (FNC-1); words of later events
//! are missing and weigh as rare, which is mostly right for names.

use flate2::read::GzDecoder;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let data = std::env::args().nth(1).map_or_else(|| PathBuf::from("../shared/data"), PathBuf::from);
    let mut texts: Vec<String> = Vec::new();
    let bbc = BufReader::new(GzDecoder::new(std::fs::File::open(data.join("bbc-news-2225/bbc-news-2225.jsonl.gz"))?));
    for line in bbc.lines() {
        let value: serde_json::Value = serde_json::from_str(&line?)?;
        let field = |k: &str| value.get(k).and_then(|v| v.as_str()).unwrap_or("").to_owned();
        texts.push(format!("{}\n{}", field("title"), field("text")));
    }
    let mut csv = String::new();
    GzDecoder::new(std::fs::File::open(data.join("fnc1-train/train_bodies.csv.gz"))?).read_to_string(&mut csv)?;
    texts.extend(eval::csv::rows(&csv).into_iter().skip(1).filter_map(|row| row.get(1).cloned()));
    let mut counts: BTreeMap<String, u32> = BTreeMap::new();
    for text in &texts {
        let mut seen = BTreeSet::new();
        ledger::terms::for_each_term(text, |t| {
            seen.insert(ledger::propositions::fold(t));
        });
        for term in seen {
            *counts.entry(term).or_default() += 1;
        }
    }
    println!(
        "# Background document frequencies of folded terms; built by `cargo run --release -p eval --example build_idf`"
    );
    println!("# from bbc-news-2225 and fnc1-train bodies (counts only). Terms in fewer than 2 documents are left out.");
    println!("documents\t{}", texts.len());
    for (term, n) in counts.into_iter().filter(|(_, n)| *n >= 2) {
        println!("{term}\t{n}");
    }
    Ok(())
}
