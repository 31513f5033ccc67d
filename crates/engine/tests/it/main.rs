//! The ledger's persistence: a snapshot plus the log of documents linked since it.

use engine::{IngestConfig, LinkSummary};
use store::Store;

fn corpus(folder: &str) -> String {
    format!("{}/../../examples/corpus/{folder}", env!("CARGO_MANIFEST_DIR"))
}

/// Ingests (and links) the corpus folders given.
fn ingest(store: &mut Store, folders: &[&str]) -> LinkSummary {
    ingest_with(store, folders, IngestConfig { threads: 2, ..IngestConfig::default() })
}

fn ingest_with(store: &mut Store, folders: &[&str], config: IngestConfig) -> LinkSummary {
    let (inputs, errors) = ingest::expand(&folders.iter().map(|f| corpus(f)).collect::<Vec<_>>());
    assert!(errors.is_empty(), "{errors:?}");
    engine::ingest(store, &inputs, &config, &mut |_| {}).unwrap().link
}

/// An ingest links while its writer commits the last batches, from the new documents'
/// preparations; one that kept only some of them (a very large run) links after the writer and
/// reads the rest back. Both give the same ledger, in small batches across several commits.
#[test]
fn linking_from_preparations_or_from_the_store_agree() {
    let folders = ["text", "markdown", "html", "feeds", "jsonl", "warc"];
    let overlapped_dir = tempfile::tempdir().unwrap();
    let mut overlapped = Store::open(overlapped_dir.path()).unwrap();
    let config = IngestConfig { threads: 2, batch_size: 4, ..IngestConfig::default() };
    let first = ingest_with(&mut overlapped, &folders, config);
    let after_dir = tempfile::tempdir().unwrap();
    let mut after = Store::open(after_dir.path()).unwrap();
    let config = IngestConfig { threads: 2, batch_size: 4, keep_prepared: 3, ..IngestConfig::default() };
    let second = ingest_with(&mut after, &folders, config);
    assert!(first.linked > 30);
    assert_eq!(
        (first.linked, first.near_duplicates, first.stories),
        (second.linked, second.near_duplicates, second.stories)
    );
    assert_eq!(readable(&overlapped), readable(&after));
}

/// Everything readers see of the ledger: each document's links, the stories and the
/// propositions, as JSON.
fn readable(store: &Store) -> (String, String, String) {
    let links: Vec<String> = store.links().unwrap().iter().map(|l| serde_json::to_string(l).unwrap()).collect();
    let stories = serde_json::to_string(&engine::stories(store).unwrap()).unwrap();
    let propositions = serde_json::to_string(&engine::propositions(store).unwrap()).unwrap();
    (links.join("\n"), stories, propositions)
}

const STEPS: [&[&str]; 3] = [&["text", "markdown"], &["html", "feeds"], &["jsonl", "warc"]];

/// Linking in three steps, each load replaying the log, gives what linking the same steps with
/// a snapshot after each gives: the replay rebuilds the very state that was saved.
#[test]
fn a_replayed_log_gives_the_ledger_a_snapshot_gives() {
    let logged_dir = tempfile::tempdir().unwrap();
    let snapshots_dir = tempfile::tempdir().unwrap();
    let mut logged = Store::open(logged_dir.path()).unwrap();
    let mut snapshots = Store::open(snapshots_dir.path()).unwrap();
    let mut replayed = 0;
    for (n, step) in STEPS.iter().enumerate() {
        let summary = ingest(&mut logged, step);
        assert!(!summary.snapshot, "a small log is not snapshotted");
        assert!(summary.linked > 0);
        assert_eq!(summary.replayed, replayed, "step {n} replays every document linked before");
        replayed += summary.linked;
        assert_eq!(logged.ledger_state().unwrap(), None);

        let summary = ingest(&mut snapshots, step);
        assert_eq!(summary.replayed, 0, "step {n}: the snapshot holds every document linked before");
        assert!(engine::snapshot(&mut snapshots).unwrap().snapshot);
        assert!(snapshots.ledger_log(0).unwrap().is_empty());
        assert_eq!(readable(&logged), readable(&snapshots), "step {n}");
    }
    assert_eq!(logged.ledger_log(0).unwrap().len() as u64, replayed);
    // Loading with nothing new to link replays and saves nothing.
    let again = engine::link(&mut logged, false).unwrap();
    assert_eq!((again.linked, again.replayed, again.snapshot), (0, replayed, false));
}

/// A log linked by an older analyzer, whose analyses were replaced since, cannot be replayed to
/// the same state: the ledger is rebuilt from the stored documents, and a snapshot written.
#[test]
fn a_log_from_an_older_analyzer_is_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    ingest(&mut store, STEPS[0]);
    let entry = store.ledger_log(0).unwrap().remove(0);
    let older = store::Logged { analyzer: entry.analyzer - 1, ..entry };
    store.save_ledger([Ok(store::LedgerPiece::Log(vec![older]))]).unwrap();

    let summary = ingest(&mut store, STEPS[1]);
    assert!(summary.rebuilt && summary.snapshot);
    assert_eq!(summary.linked, store.document_count().unwrap(), "every document is linked again");
    assert!(store.ledger_log(0).unwrap().is_empty());
    assert!(store.ledger_state().unwrap().is_some());
    assert!(store.links().unwrap().iter().all(|l| l.story.is_some()));
}

/// A store written before the log existed (a snapshot, no log) links on from its snapshot.
#[test]
fn a_snapshot_without_a_log_links_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    ingest(&mut store, STEPS[0]);
    engine::snapshot(&mut store).unwrap();
    let summary = ingest(&mut store, STEPS[1]);
    assert_eq!(summary.replayed, 0);
    assert!(summary.linked > 0);
    let ledger = engine::load_ledger(&store).unwrap();
    assert_eq!(ledger.len() as u64, store.document_count().unwrap());
}

/// A version-8 store, whose proposition documents were keyed by document id, is migrated to
/// rowids: each document's and each story's propositions read the same.
#[test]
fn proposition_documents_by_id_are_migrated_to_rowids() {
    let dir = tempfile::tempdir().unwrap();
    let ids: Vec<String>;
    let before;
    {
        let mut store = Store::open(dir.path()).unwrap();
        ingest(&mut store, STEPS[0]);
        ids = store.links().unwrap().into_iter().map(|l| l.id).collect();
        before = propositions_by_document(&store, &ids);
    }
    assert!(before.iter().filter(|p| !p.is_empty()).count() > 3);
    {
        let conn = rusqlite::Connection::open(dir.path().join(store::DATABASE_FILE)).unwrap();
        conn.execute_batch(
            "CREATE TABLE old (doc TEXT NOT NULL, proposition INTEGER NOT NULL, PRIMARY KEY (doc, proposition)) WITHOUT ROWID;
             INSERT INTO old SELECT d.id, pd.proposition FROM proposition_documents pd JOIN documents d ON d.rowid = pd.doc;
             DROP TABLE proposition_documents;
             ALTER TABLE old RENAME TO proposition_documents;
             CREATE INDEX proposition_documents_proposition ON proposition_documents(proposition);
             PRAGMA user_version = 8;",
        )
        .unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(propositions_by_document(&store, &ids), before);
}

fn propositions_by_document(store: &Store, ids: &[String]) -> Vec<String> {
    ids.iter().map(|id| serde_json::to_string(&engine::document_propositions(store, id).unwrap()).unwrap()).collect()
}
