//! Gold-file runner: each `tests/gold/*.txt` is a set of documents (format in the file's own
//! comment header); the ledger's stories and duplicate groups after `rebuild` are printed beside
//! it in `*.expected`. Re-bless with `UPDATE_EXPECT=1 cargo test -p ledger`.

use crate::support::{analysis, doc};
use ledger::Ledger;
use model::{Analysis, Document, EntityType};
use std::fmt::Write as _;
use std::path::Path;

#[test]
fn gold_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold");
    let mut cases: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    cases.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    cases.sort();
    assert!(!cases.is_empty());
    for case in cases {
        let input = std::fs::read_to_string(&case).unwrap();
        let actual = render(&parse(&input));
        let expected_path = case.with_extension("expected");
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        assert_eq!(actual, expected, "{} differs (UPDATE_EXPECT=1 to re-bless)", case.display());
    }
}

/// The documents of a gold file with their hand-made analyses.
pub fn parse(input: &str) -> Vec<(Document, Analysis)> {
    let body: String = input.lines().filter(|l| !l.starts_with('#')).map(|l| format!("{l}\n")).collect();
    body.split("=== ")
        .filter(|chunk| !chunk.trim().is_empty())
        .map(|chunk| {
            let mut lines = chunk.lines();
            let (published, source) = lines.next().unwrap().split_once(" | ").unwrap();
            let entities = lines.next().unwrap().strip_prefix("@ ").unwrap();
            let title = lines.next().unwrap();
            let text: Vec<&str> = lines.collect();
            let d = doc(title, text.join("\n").trim(), Some(published.trim()), Some(source.trim()));
            let specs: Vec<(String, Vec<&str>)> = entities
                .split("; ")
                .map(|spec| {
                    let (id, names) = spec.split_once('=').unwrap();
                    (id.to_owned(), names.split('|').collect())
                })
                .collect();
            let typed: Vec<(&str, EntityType, &[&str])> =
                specs.iter().map(|(id, names)| (id.as_str(), kind(id), names.as_slice())).collect();
            let a = analysis(&d, &typed);
            (d, a)
        })
        .collect()
}

fn kind(id: &str) -> EntityType {
    match id.split(':').next() {
        Some("gpe") => EntityType::Gpe,
        Some("person") => EntityType::Person,
        Some("loc") => EntityType::Loc,
        Some("event") => EntityType::Event,
        _ => EntityType::Org,
    }
}

fn render(docs: &[(Document, Analysis)]) -> String {
    let mut ledger = Ledger::default();
    for (d, a) in docs {
        ledger.add(d, a);
    }
    ledger.rebuild();
    let title = |id| docs.iter().find(|(d, _)| d.id == id).map(|(d, _)| d.title.as_str()).unwrap_or("?");
    let mut out = String::new();
    for s in ledger.stories() {
        let entities: Vec<&str> = s.entities.iter().map(|e| e.0.as_str()).collect();
        writeln!(out, "story {}  ({} documents, {} voices)", s.title, s.documents.len(), s.voices).unwrap();
        writeln!(out, "  entities: {}", entities.join(", ")).unwrap();
        for id in &s.documents {
            let v = ledger.document(*id).unwrap();
            let copy = v.duplicate_of.map(|o| format!("  [copy of: {}]", title(o))).unwrap_or_default();
            writeln!(out, "  - {} | {}{copy}", v.source.as_deref().unwrap_or("?"), title(*id)).unwrap();
        }
    }
    out
}
