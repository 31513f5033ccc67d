//! Integration tests of the store: insert, dedup, lookup, search, stats, reopen.

use model::{Document, Draft, Format};
use store::{Inserted, Store};

fn doc(title: &str, body: &str, source: Option<&str>, published: Option<&str>) -> Document {
    let draft = Draft {
        title: Some(title.into()),
        body: body.into(),
        source: source.map(Into::into),
        published: published.map(|p| chrono::DateTime::parse_from_rfc3339(p).unwrap()),
        external_id: Some(format!("ext-{title}")),
        ..Draft::new(Format::Text, "test.txt")
    };
    Document::from_draft(draft).unwrap()
}

fn sample() -> Vec<Document> {
    vec![
        doc(
            "Troops seen near Kursk",
            "Officials in Seoul said about 1,500 soldiers had moved.",
            Some("Seoul Ledger"),
            Some("2024-10-18T09:00:00+09:00"),
        ),
        doc(
            "Harbour strike ends",
            "Dock workers returned after a pay deal.",
            Some("Northbridge Wire"),
            Some("2025-01-03T12:00:00Z"),
        ),
        doc("Undated note", "The U.S. declined to comment on the troop figures.", None, None),
    ]
}

#[test]
fn inserting_twice_is_a_no_op() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let docs = sample();
    assert_eq!(store.insert(&docs).unwrap(), vec![Inserted::Added; 3]);
    assert_eq!(store.insert(&docs).unwrap(), vec![Inserted::Duplicate; 3]);
    assert_eq!(store.document_count().unwrap(), 3);
    assert_eq!(store.search("troops", 10).unwrap().len(), 1, "the index has no duplicate rows");
}

#[test]
fn documents_round_trip_with_exact_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let docs = sample();
    store.insert(&docs).unwrap();
    drop(store);
    let store = Store::open(dir.path()).unwrap();
    for original in &docs {
        let found = store.document(&original.id.to_string()).unwrap().unwrap();
        assert_eq!(&found, original);
    }
    let by_prefix = store.document(&docs[0].id.to_string()[..8]).unwrap().unwrap();
    assert_eq!(by_prefix.id, docs[0].id);
    let by_external = store.document("ext-Harbour strike ends").unwrap().unwrap();
    assert_eq!(by_external.id, docs[1].id);
    assert!(store.document("0000000000000000").unwrap().is_none());
}

#[test]
fn search_ranks_and_highlights() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store.insert(&sample()).unwrap();
    let hits = store.search("soldiers", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].title, "Troops seen near Kursk");
    assert!(hits[0].snippet.contains("\u{2}soldiers\u{3}"), "{:?}", hits[0].snippet);
}

#[test]
fn search_accepts_punctuated_words_that_are_not_fts_syntax() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store.insert(&sample()).unwrap();
    let hits = store.search("U.S. troop", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].title, "Undated note");
    assert!(store.search("1,500", 10).unwrap().len() == 1);
    assert!(store.search("\"unbalanced", 10).is_ok());
    assert!(store.search("  ", 10).is_err());
}

#[test]
fn stats_count_sources_formats_and_time_span() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store.insert(&sample()).unwrap();
    let stats = store.stats().unwrap();
    assert_eq!(stats.documents, 3);
    assert_eq!(stats.sources, 2);
    assert_eq!(stats.undated, 1);
    assert_eq!(stats.earliest.as_deref(), Some("2024-10-18T09:00:00+09:00"));
    assert_eq!(stats.latest.as_deref(), Some("2025-01-03T12:00:00+00:00"));
    assert_eq!(stats.formats[0].name, "text");
    assert!(stats.disk_bytes > 0);
}

#[test]
fn empty_store_has_empty_stats() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let stats = store.stats().unwrap();
    assert_eq!(stats.documents, 0);
    assert_eq!(stats.earliest, None);
}

#[test]
fn a_file_that_is_not_a_database_is_refused_with_its_path() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(store::DATABASE_FILE), b"this is not sqlite at all, just words padded out").unwrap();
    let err = Store::open(dir.path()).err().expect("refused");
    assert!(err.to_string().contains("dossier.sqlite"), "{err}");
}
