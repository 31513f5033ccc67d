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
/// a snapshot after each gives: the replay rebuilds the very state that was saved (the first
/// step, into a new store, has its claims clustered at once, and is replayed so).
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
    let first = logged.ledger_log(0).unwrap().iter().take_while(|e| e.clustered).count();
    assert!(first > 0 && first < replayed as usize, "the first step's entries say they were clustered at once");
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
    ingest(&mut store, STEPS[1]);
    let entry = store.ledger_log(0).unwrap().remove(0);
    let older = store::Logged { analyzer: entry.analyzer - 1, ..entry };
    store.save_ledger([Ok(store::LedgerPiece::Log(vec![older]))]).unwrap();

    let summary = ingest(&mut store, STEPS[2]);
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
    assert!(before.iter().filter(|p| p.as_str() != "[]").count() > 3);
    {
        let conn = rusqlite::Connection::open(dir.path().join(store::DATABASE_FILE)).unwrap();
        propositions_as_in_version_9(&conn);
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

/// Each document's propositions of more than one attribution (the ones every schema version
/// stores whole), as JSON.
fn propositions_by_document(store: &Store, ids: &[String]) -> Vec<String> {
    let shared = |id: &String| {
        let mut views = engine::document_propositions(store, id).unwrap();
        views.retain(|p| p.attributions.len() > 1);
        serde_json::to_string(&views).unwrap()
    };
    ids.iter().map(shared).collect()
}

/// A proposition of one claim is stored as where its claim is and read back by drawing the
/// claim again from the document; that, and every record stored whole, gives exactly the views
/// the ledger itself gives, names included — plus each attribution's `reference` and `title`,
/// which only the store knows.
#[test]
fn propositions_read_from_the_store_are_the_ledgers_own() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    ingest(&mut store, &["text", "markdown", "html", "feeds", "jsonl", "warc"]);
    let conn = rusqlite::Connection::open(dir.path().join(store::DATABASE_FILE)).unwrap();
    let (pointers, records): (i64, i64) = conn
        .query_row("SELECT count(*) FILTER (WHERE record IS NULL), count(record) FROM propositions", [], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .unwrap();
    assert!(pointers > 20 && records > 3, "{pointers} pointers, {records} records");
    let as_json = |views: Vec<ledger::PropositionView>| {
        let mut lines: Vec<String> = views.into_iter().map(|v| serde_json::to_string(&uncited(v)).unwrap()).collect();
        lines.sort();
        lines
    };
    let ledger = engine::load_ledger(&store).unwrap();
    assert_eq!(as_json(engine::propositions(&store).unwrap()), as_json(ledger.propositions()));
    let some = ledger.propositions().into_iter().find(|p| p.attributions.len() == 1).unwrap();
    assert_eq!(engine::proposition(&store, &some.id.to_string()).unwrap().map(uncited), Some(some));
    assert_eq!(engine::proposition(&store, "not an id").unwrap(), None);
    let kept = |conn: &rusqlite::Connection| -> i64 {
        conn.query_row("SELECT count(names) FROM propositions", [], |row| row.get(0)).unwrap()
    };
    assert_eq!(kept(&conn), 0, "the entities give every name");
    // A store migrated from before version 10 keeps the first name its entities were given,
    // which need not be the smallest: rows written then keep the ledger's names themselves.
    conn.execute("UPDATE entities SET name = name || ' (first seen)'", []).unwrap();
    engine::link(&mut store, true).unwrap();
    assert!(kept(&conn) > 20);
    // The rebuild clusters all claims at once, which the formats ingested one after another
    // need not have matched: compare with the rebuilt ledger.
    let ledger = engine::load_ledger(&store).unwrap();
    assert_eq!(as_json(engine::propositions(&store).unwrap()), as_json(ledger.propositions()));
}

/// A view without what the store adds to the ledger's: each attribution's reference and title.
fn uncited(mut view: ledger::PropositionView) -> ledger::PropositionView {
    for a in &mut view.attributions {
        (a.reference, a.title) = (None, None);
    }
    view
}

/// Issue 14: every attribution the readers give names its document as the user knows it — the
/// input's own id, else the URL, else the file — with its URL and title, whichever reader it
/// comes from.
#[test]
fn attributions_read_from_the_store_cite_their_documents() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    ingest(&mut store, &["markdown", "html", "jsonl"]);
    let all = engine::propositions(&store).unwrap();
    let mut kinds = std::collections::BTreeSet::new();
    for a in all.iter().flat_map(|p| &p.attributions) {
        let doc = store.document(&a.document.to_string()).unwrap().unwrap();
        let expected = doc.external_id.clone().or(doc.url.clone()).unwrap_or(doc.origin.clone());
        assert_eq!(a.reference.as_deref(), Some(expected.as_str()), "{a:?}");
        assert_eq!((&a.url, a.title.as_deref()), (&doc.url, Some(doc.title.as_str()).filter(|t| !t.is_empty())));
        kinds.insert(match (&doc.external_id, &doc.url) {
            (Some(_), _) => "own id",
            (None, Some(_)) => "url",
            (None, None) => "file",
        });
    }
    assert!(kinds.contains("own id") && kinds.len() >= 2, "{kinds:?}");
    let (page, _) = engine::proposition_page(&store, 0, 5).unwrap();
    let one = engine::proposition(&store, &all[0].id.to_string()).unwrap().unwrap();
    let doc = all.iter().flat_map(|p| &p.attributions).next().unwrap().document.to_string();
    let of_document = engine::document_propositions(&store, &doc).unwrap();
    for view in page.iter().chain([&one]).chain(&of_document) {
        assert!(view.attributions.iter().all(|a| a.reference.is_some()), "{}", view.id);
    }
}

/// Rewrites the propositions as version 9 stored them: keyed by the hex id, every record whole.
/// Version 9 had no rows pointing to a claim, so those are left out.
fn propositions_as_in_version_9(conn: &rusqlite::Connection) {
    conn.execute_batch(
        "CREATE TABLE old (
             slot INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, first_published INTEGER,
             attributions INTEGER NOT NULL, record BLOB NOT NULL);
         INSERT INTO old SELECT slot,
             printf('%016x', CASE WHEN id >= 0 THEN id - 9223372036854775807 - 1 ELSE id + 9223372036854775807 + 1 END),
             first_published, attributions, record FROM propositions WHERE record IS NOT NULL;
         DELETE FROM proposition_documents WHERE proposition NOT IN (SELECT slot FROM old);
         DROP TABLE propositions;
         ALTER TABLE old RENAME TO propositions;
         CREATE INDEX propositions_first ON propositions(first_published IS NULL, first_published, id);",
    )
    .unwrap();
}

/// Version 10 keys propositions by their id as an integer: a store of version 9, whose rows are
/// keyed by the hex id and hold every record whole, reads the same after the migration.
#[test]
fn propositions_keyed_by_hex_ids_are_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let before;
    {
        let mut store = Store::open(dir.path()).unwrap();
        ingest(&mut store, STEPS[0]);
        before = engine::propositions(&store).unwrap();
    }
    let kept: Vec<_> = before.iter().filter(|p| p.attributions.len() > 1).cloned().collect();
    assert!(kept.len() > 1);
    {
        let conn = rusqlite::Connection::open(dir.path().join(store::DATABASE_FILE)).unwrap();
        propositions_as_in_version_9(&conn);
        conn.execute_batch("PRAGMA user_version = 9;").unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(engine::propositions(&store).unwrap(), kept);
    for p in &kept {
        assert_eq!(engine::proposition(&store, &p.id.to_string()).unwrap().as_ref(), Some(p));
    }
}

/// Every stored analysis reads back as the analyzers gave it, though the store keeps its
/// mentions and claims as table rows only and its blob the rest.
#[test]
fn stored_analyses_read_back_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    ingest(&mut store, &["text", "markdown", "html", "feeds", "jsonl", "warc"]);
    let links = store.links().unwrap();
    assert!(links.len() > 30);
    for link in links {
        let doc = store.document(&link.id).unwrap().unwrap();
        let (analysis, _) = store.analysis(doc.id).unwrap().unwrap();
        assert_eq!(analysis, engine::analyze(&doc), "{}", link.id);
    }
    let conn = rusqlite::Connection::open(dir.path().join(store::DATABASE_FILE)).unwrap();
    let whole: i64 =
        conn.query_row("SELECT count(*) FROM analyses WHERE substr(data, 1, 1) = X'01'", [], |row| row.get(0)).unwrap();
    assert_eq!(whole, 0, "every analysis of the corpus splits");
}

/// A proposition of one claim is read by drawing its claim again from the document, checked
/// against the fingerprint of the record the ledger linked: with the stored analyses replaced
/// by an older analyzer's (here: one that found nothing), the claims are drawn from the
/// analyzers' own and read the same; a row whose claim can be drawn from neither is an error
/// asking for a re-link, never another claim, and a re-link restores it.
#[test]
fn a_claim_drawn_again_is_the_one_linked_or_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    ingest(&mut store, STEPS[0]);
    // A rebuild names stories after their most central member: compare rebuilds with a rebuild.
    engine::link(&mut store, true).unwrap();
    let before = readable(&store);
    let ids: Vec<model::DocId> = store.links().unwrap().iter().map(|l| model::DocId::parse(&l.id).unwrap()).collect();
    let older: Vec<(model::DocId, model::Analysis)> = ids.iter().map(|&id| (id, model::Analysis::default())).collect();
    store.replace_analyses(&older, 0).unwrap();
    assert_eq!(readable(&store), before);
    let conn = rusqlite::Connection::open(dir.path().join(store::DATABASE_FILE)).unwrap();
    let changed =
        conn.execute("UPDATE propositions SET fingerprint = fingerprint + 1 WHERE record IS NULL", []).unwrap();
    assert!(changed > 10);
    let error = engine::propositions(&store).unwrap_err().to_string();
    assert!(error.contains("no longer has the claim") && error.contains("dossier link --rebuild"), "{error}");
    engine::link(&mut store, true).unwrap();
    assert_eq!(readable(&store), before);
}
