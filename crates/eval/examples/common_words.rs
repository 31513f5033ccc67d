//! Builds `crates/nlp/data/entities/common_words.txt`, the lexicon the entity recognizer uses to
//! tell a sentence-initial capital ("Officials said") from a name ("Syrskyi said").
//!
//! Usage: `cargo run --release -p eval --example common_words -- ../shared/data > crates/nlp/data/entities/common_words.txt`.
//!
//! How: reads UD English EWT train (`ud-english-ewt/en_ewt-ud-train.conllu.gz`, CC BY-SA 4.0)
//! and keeps every lower-cased word form seen at least twice whose occurrences are mostly not
//! proper nouns (UPOS `PROPN` under 10%). The output is a sorted word list, one a line: a
//! frequency-derived list, not text from the treebank. Only EWT train is read (its dev and test
//! splits and every entity gold set are left alone).
//!
//! Known limits: EWT is web text, so news words absent from it ("ceasefire") fall back to the
//! recognizer's other cues; a few words that are names in news ("Bush" is not, "Turkey" is)
//! are filtered by the `PROPN` ratio only as well as EWT tags them.

use flate2::read::GzDecoder;
use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let data = std::env::args().nth(1).map_or_else(|| PathBuf::from("../shared/data"), PathBuf::from);
    let path = data.join("ud-english-ewt/en_ewt-ud-train.conllu.gz");
    let reader = BufReader::new(GzDecoder::new(std::fs::File::open(&path)?));
    // word -> (common-noun-or-other count, proper-noun count)
    let mut counts: HashMap<String, (u32, u32)> = HashMap::new();
    for line in reader.lines() {
        let line = line?;
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 4 || cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        let form = cols[1];
        if !form.chars().all(|c| c.is_alphabetic() || c == '\'' || c == '-') || !form.chars().any(char::is_alphabetic) {
            continue;
        }
        let entry = counts.entry(form.to_lowercase()).or_default();
        if cols[3] == "PROPN" {
            entry.1 += 1;
        } else {
            entry.0 += 1;
        }
    }
    let kept: BTreeMap<&str, ()> = counts
        .iter()
        .filter(|(_, (common, proper))| *common >= 2 && *proper * 10 < *common + *proper)
        .map(|(w, _)| (w.as_str(), ()))
        .collect();
    println!("# Common English words (lower case), derived from UD English EWT train (CC BY-SA 4.0) by");
    println!("# crates/eval/examples/common_words.rs: forms seen twice or more, under 10% tagged PROPN.");
    for word in kept.keys() {
        println!("{word}");
    }
    Ok(())
}
