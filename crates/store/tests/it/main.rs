//! Integration tests of the store: insert, dedup, lookup, search, stats, reopen.

use model::{Analysis, Document, Draft, Format};
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

fn sample() -> Vec<(Document, Analysis)> {
    sample_docs().into_iter().map(|d| (d, Analysis::default())).collect()
}

fn sample_docs() -> Vec<Document> {
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
    assert_eq!(store.insert(&docs, 1).unwrap(), vec![Inserted::Added; 3]);
    assert_eq!(store.insert(&docs, 1).unwrap(), vec![Inserted::Duplicate; 3]);
    assert_eq!(store.document_count().unwrap(), 3);
    assert_eq!(store.search("troops", 10).unwrap().len(), 1, "the index has no duplicate rows");
}

#[test]
fn documents_round_trip_with_exact_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let docs = sample();
    store.insert(&docs, 1).unwrap();
    drop(store);
    let store = Store::open(dir.path()).unwrap();
    for (original, _) in &docs {
        let found = store.document(&original.id.to_string()).unwrap().unwrap();
        assert_eq!(&found, original);
    }
    let by_prefix = store.document(&docs[0].0.id.to_string()[..8]).unwrap().unwrap();
    assert_eq!(by_prefix.id, docs[0].0.id);
    let by_external = store.document("ext-Harbour strike ends").unwrap().unwrap();
    assert_eq!(by_external.id, docs[1].0.id);
    assert!(store.document("0000000000000000").unwrap().is_none());
}

#[test]
fn search_ranks_and_highlights() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store.insert(&sample(), 1).unwrap();
    let hits = store.search("soldiers", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].title, "Troops seen near Kursk");
    assert!(hits[0].snippet.contains("\u{2}soldiers\u{3}"), "{:?}", hits[0].snippet);
}

#[test]
fn search_accepts_punctuated_words_that_are_not_fts_syntax() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store.insert(&sample(), 1).unwrap();
    let hits = store.search("U.S. troop", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].title, "Undated note");
    assert!(store.search("1,500", 10).unwrap().len() == 1);
    assert!(store.search("\"unbalanced", 10).is_ok());
    assert!(store.search("  ", 10).is_err());
    // A leading `*` is FTS5's special-query syntax ("unknown special query"): read as words.
    let page = store::Page { limit: 10, offset: 0 };
    let filter = store::DocumentFilter::default();
    assert_eq!(store.search_documents("*troop", &filter, page).unwrap().len(), 1);
    assert!(store.document_facets(Some("*troop"), &filter).is_ok());
}

#[test]
fn stats_count_sources_formats_and_time_span() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store.insert(&sample(), 1).unwrap();
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

fn analyzed_note() -> (Document, Analysis) {
    use model::{Claim, Entity, EntityType, Mention, MentionKind, Speaker, Stance};
    use text::TextRange;
    let doc = doc(
        "Envoy denies troop reports",
        "The envoy said the reports about Kursk were false.",
        Some("Test Wire"),
        Some("2024-10-21T08:00:00Z"),
    );
    let at = |needle: &str| {
        let start = doc.text.find(needle).unwrap();
        TextRange::new(start, start + needle.len())
    };
    let analysis = Analysis {
        sentences: vec![at("Envoy denies troop reports"), at("The envoy said the reports about Kursk were false.")],
        entities: vec![Entity {
            id: "gpe:kursk".into(),
            name: "Kursk".into(),
            kind: EntityType::Gpe,
            roles: vec![],
            mentions: vec![Mention { range: at("Kursk"), kind: MentionKind::Name }],
        }],
        claims: vec![Claim {
            speaker: Some(Speaker { range: at("The envoy"), entity: None }),
            cue: at("said"),
            stance: Stance::Deny,
            content: at("the reports about Kursk were false"),
            direct: false,
            hedges: vec![],
            negated: false,
            sentence: 1,
            parent: None,
        }],
        ..Analysis::default()
    };
    (doc, analysis)
}

#[test]
fn analyses_round_trip_and_claims_filter() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let (doc, analysis) = analyzed_note();
    store.insert(&[(doc.clone(), analysis.clone())], 3).unwrap();
    assert_eq!(store.analysis(doc.id).unwrap(), Some((analysis.clone(), 3)));

    let all = store.claims(&store::ClaimFilter { limit: 10, ..Default::default() }).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].speaker.as_deref(), Some("The envoy"));
    assert_eq!(all[0].content, "the reports about Kursk were false");
    assert_eq!(all[0].stance, "deny");
    let filter = |f: store::ClaimFilter| store.claims(&store::ClaimFilter { limit: 10, ..f }).unwrap().len();
    assert_eq!(filter(store::ClaimFilter { about: Some("kursk".into()), ..Default::default() }), 1);
    assert_eq!(filter(store::ClaimFilter { about: Some("Seoul".into()), ..Default::default() }), 0);
    assert_eq!(filter(store::ClaimFilter { speaker: Some("envoy".into()), ..Default::default() }), 1);
    assert_eq!(filter(store::ClaimFilter { stance: Some("confirm".into()), ..Default::default() }), 0);
    let oct_22 = chrono::DateTime::parse_from_rfc3339("2024-10-22T00:00:00Z").unwrap().timestamp();
    assert_eq!(filter(store::ClaimFilter { since: Some(oct_22), ..Default::default() }), 0);
    assert_eq!(filter(store::ClaimFilter { until: Some(oct_22), ..Default::default() }), 1);
}

#[test]
fn reanalysis_replaces_rows_and_clears_staleness() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let (doc, analysis) = analyzed_note();
    store.insert(&[(doc.clone(), Analysis::default())], 1).unwrap();
    assert_eq!(store.stale_analyses(2, 10).unwrap(), vec![doc.id]);
    store.replace_analyses(&[(doc.id, analysis.clone())], 2).unwrap();
    store.replace_analyses(&[(doc.id, analysis)], 2).unwrap();
    assert!(store.stale_analyses(2, 10).unwrap().is_empty());
    assert_eq!(
        store.claims(&store::ClaimFilter { limit: 10, ..Default::default() }).unwrap().len(),
        1,
        "no duplicate rows"
    );
    // The entity list's counts follow the replaced mentions: one document, not three.
    let listed = store.entities(&store::EntityQuery::default(), store::Page { limit: 10, offset: 0 }).unwrap();
    assert_eq!(listed.iter().map(|e| (e.id.as_str(), e.documents)).collect::<Vec<_>>(), [("gpe:kursk", 1)]);
    let kursk = store.entity("gpe:kursk").unwrap().unwrap();
    assert_eq!((kursk.documents, kursk.mentions, kursk.first_seen.is_some()), (1, 1, true));
}

/// A store written by the first schema (documents only) opens and gains the analysis tables;
/// its bodies are packed and the full-text index rebuilt over them.
#[test]
fn a_version_1_store_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    {
        let conn = rusqlite::Connection::open(dir.path().join(store::DATABASE_FILE)).unwrap();
        conn.execute_batch(
            "CREATE TABLE sources (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
             CREATE TABLE documents (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, external_id TEXT,
                 title TEXT NOT NULL, body TEXT NOT NULL, published TEXT, published_ts INTEGER,
                 source_id INTEGER REFERENCES sources(id), url TEXT, language TEXT, author TEXT,
                 format TEXT NOT NULL, origin TEXT NOT NULL);
             CREATE VIRTUAL TABLE documents_fts USING fts5(title, body, content = 'documents', content_rowid = 'rowid');
             INSERT INTO documents (id, title, body, format, origin) VALUES ('00000000000000aa', 'Old', 'Kept body.', 'text', 'x');
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.document_count().unwrap(), 1);
    assert_eq!(store.stale_analyses(1, 10).unwrap().len(), 1, "old documents await analysis");
    let doc = store.document("00000000000000aa").unwrap().unwrap();
    assert!(doc.text.ends_with("Kept body."), "{:?}", doc.text);
    let hits = store.search("kept", 10).unwrap();
    assert_eq!(hits.len(), 1, "the index is rebuilt from the packed bodies");
    assert!(hits[0].snippet.contains("Kept"), "{:?}", hits[0].snippet);
    assert_eq!(store.stats().unwrap().text_bytes, "Old".len() as u64 + "Kept body.".len() as u64);
}

/// A version-7 store, whose mentions were one row each, is migrated to one row per entity and
/// document: the entity's counts, aliases and the claims-about filter read the same.
#[test]
fn per_mention_rows_are_migrated_to_entity_rows() {
    let dir = tempfile::tempdir().unwrap();
    let (doc, analysis) = analyzed_note();
    let kursk = doc.text.find("Kursk").unwrap();
    {
        let mut store = Store::open(dir.path()).unwrap();
        store.insert(&[(doc.clone(), analysis.clone())], 3).unwrap();
    }
    {
        let conn = rusqlite::Connection::open(dir.path().join(store::DATABASE_FILE)).unwrap();
        // Stores of version 7 kept each analysis whole.
        conn.execute("UPDATE analyses SET data = ?1", [store::blob::encode(&analysis).unwrap()]).unwrap();
        conn.execute_batch(&format!(
            "DROP TABLE entity_mentions;
             CREATE TABLE mentions (doc INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
                 entity INTEGER NOT NULL, kind TEXT NOT NULL, PRIMARY KEY (doc, start)) WITHOUT ROWID;
             CREATE INDEX mentions_entity ON mentions(entity, doc);
             INSERT INTO mentions SELECT 1, {kursk}, {end}, key, 'name' FROM entities WHERE id = 'gpe:kursk';
             INSERT INTO mentions SELECT 1, 0, 5, key, 'short_form' FROM entities WHERE id = 'gpe:kursk';
             PRAGMA user_version = 7;",
            end = kursk + 5
        ))
        .unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    let entity = store.entity("gpe:kursk").unwrap().unwrap();
    assert_eq!((entity.documents, entity.mentions), (1, 2));
    let aliases: Vec<(String, String, u64)> =
        entity.aliases.iter().map(|a| (a.text.clone(), a.kind.clone(), a.count)).collect();
    assert!(aliases.contains(&("Kursk".into(), "name".into(), 1)), "{aliases:?}");
    assert!(aliases.contains(&(doc.text[..5].to_owned(), "short_form".into(), 1)), "{aliases:?}");
    let about = store::ClaimFilter { about: Some("kursk".into()), limit: 10, ..Default::default() };
    assert_eq!(store.claims(&about).unwrap().len(), 1);
}

/// Compacting keeps every document, its analysis and the index, and does not grow the store.
#[test]
fn compacting_keeps_everything_and_does_not_grow() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let (note, analysis) = analyzed_note();
    store.insert(&[(note.clone(), analysis.clone())], 3).unwrap();
    store.insert(&sample(), 1).unwrap();
    let before = store.stats().unwrap();
    store.compact().unwrap();
    let after = store.stats().unwrap();
    assert_eq!(after.documents, 4);
    assert!(after.disk_bytes <= before.disk_bytes, "{} > {}", after.disk_bytes, before.disk_bytes);
    assert_eq!(store.search("troops", 10).unwrap().len(), 1);
    assert_eq!(store.analysis(note.id).unwrap(), Some((analysis, 3)));
    assert_eq!(store.entity("gpe:kursk").unwrap().unwrap().mentions, 1);
}

/// The store keeps an analysis's mentions and claims as rows only, and its blob the rest; one
/// the rows cannot give back exactly (an entity listed twice, mentions out of order) is kept
/// whole; and a whole analysis as stores before version 10 kept it still reads.
#[test]
fn analyses_the_rows_cannot_give_back_are_kept_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let (doc, analysis) = analyzed_note();
    let mut twice = analysis.clone();
    twice.entities.push(twice.entities[0].clone());
    let mut unsorted = analysis.clone();
    let mention = unsorted.entities[0].mentions[0].clone();
    let end = doc.text.len();
    unsorted.entities[0].mentions.insert(0, model::Mention { range: text::TextRange::new(end - 5, end), ..mention });
    store.insert(&[(doc.clone(), analysis.clone())], 3).unwrap();
    for odd in [twice, unsorted] {
        store.replace_analyses(&[(doc.id, odd.clone())], 4).unwrap();
        assert_eq!(store.analysis(doc.id).unwrap(), Some((odd, 4)));
    }
    store.replace_analyses(&[(doc.id, analysis.clone())], 5).unwrap();
    assert_eq!(store.analysis(doc.id).unwrap(), Some((analysis.clone(), 5)));
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join(store::DATABASE_FILE)).unwrap();
    let whole = store::blob::encode(&analysis).unwrap();
    assert_eq!(conn.execute("UPDATE analyses SET data = ?1", [&whole]).unwrap(), 1);
    drop(conn);
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.analysis(doc.id).unwrap(), Some((analysis, 5)));
}

/// A version-10 store, whose claims held the cue's text and the stance as a word and whose
/// stories held their views as text, reads the same after the migration to version 11.
#[test]
fn claims_with_words_and_stories_as_text_are_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let (doc, analysis) = analyzed_note();
    let all = store::ClaimFilter { limit: 10, ..Default::default() };
    let before;
    {
        let mut store = Store::open(dir.path()).unwrap();
        store.insert(&[(doc.clone(), analysis.clone())], 3).unwrap();
        before = serde_json::to_string(&store.claims(&all).unwrap()).unwrap();
    }
    {
        let conn = rusqlite::Connection::open(dir.path().join(store::DATABASE_FILE)).unwrap();
        conn.execute_batch(
            "CREATE TABLE old (
                 doc INTEGER NOT NULL, idx INTEGER NOT NULL, sentence INTEGER NOT NULL,
                 speaker_start INTEGER, speaker_end INTEGER, speaker_text TEXT, speaker_entity TEXT,
                 cue_start INTEGER NOT NULL, cue_end INTEGER NOT NULL, cue_text TEXT NOT NULL, stance TEXT NOT NULL,
                 content_start INTEGER NOT NULL, content_end INTEGER NOT NULL, direct INTEGER NOT NULL,
                 hedged INTEGER NOT NULL, negated INTEGER NOT NULL, parent INTEGER, PRIMARY KEY (doc, idx)) WITHOUT ROWID;
             INSERT INTO old SELECT doc, idx, sentence, speaker_start, speaker_end, speaker_text, speaker_entity,
                 cue_start, cue_end, 'said', CASE stance WHEN 3 THEN 'deny' END, content_start, content_end,
                 direct, hedged, negated, parent FROM claims;
             DROP TABLE claims;
             ALTER TABLE old RENAME TO claims;
             CREATE INDEX claims_speaker_entity ON claims(speaker_entity);
             CREATE INDEX claims_stance ON claims(stance);
             INSERT INTO stories (slot, id, first_published, documents, voices, view)
                 VALUES (0, 'abc', NULL, 1, 1, '{\"id\":\"abc\"}');
             CREATE INDEX propositions_first ON propositions(first_published IS NULL, first_published, id);
             PRAGMA user_version = 10;",
        )
        .unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(serde_json::to_string(&store.claims(&all).unwrap()).unwrap(), before);
    assert!(before.contains("\"stance\":\"deny\""), "{before}");
    assert_eq!(store.analysis(doc.id).unwrap(), Some((analysis, 3)));
    let deny = store::ClaimFilter { stance: Some("deny".into()), ..all.clone() };
    assert_eq!(store.claims(&deny).unwrap().len(), 1);
    let praise = store::ClaimFilter { stance: Some("praise".into()), ..all.clone() };
    assert_eq!(store.claims(&praise).unwrap().len(), 0);
    // The counts the migration to version 14 adds up agree with the claims.
    assert_eq!(format!("{:?}", store.claim_facets(&all).unwrap()), format!("{:?}", facets_of_listed(&store, &all)));
    assert_eq!(store.stats().unwrap().documents, 1);
    assert_eq!(store.stories(store::StoryOrder::Voices, 0, 10).unwrap(), (vec!["{\"id\":\"abc\"}".to_owned()], 1));
    let entity = store.entity("gpe:kursk").unwrap().unwrap();
    assert_eq!((entity.documents, entity.mentions), (1, 1));
}

/// Processes opening the same new store at the same moment (a following server and a
/// `dossier stats` polling it) all get it, migrated once.
#[test]
fn a_new_store_opened_at_once_from_several_connections_is_created_once() {
    for _ in 0..5 {
        let dir = tempfile::tempdir().unwrap();
        let opened: Vec<_> = (0..4)
            .map(|_| {
                let dir = dir.path().to_owned();
                std::thread::spawn(move || Store::open(&dir).map(|_| ()))
            })
            .collect();
        for handle in opened {
            handle.join().unwrap().unwrap();
        }
    }
}

/// A reader's snapshot does not see a batch a writer commits while it reads.
#[test]
fn a_snapshot_sees_one_state_while_a_writer_commits() {
    let dir = tempfile::tempdir().unwrap();
    let mut writer = Store::open(dir.path()).unwrap();
    writer.insert(&sample()[..1], 1).unwrap();
    let reader = Store::open(dir.path()).unwrap();
    let (during, inside) = reader
        .snapshot(|r| {
            let before = r.stats().unwrap().documents;
            writer.insert(&sample()[1..], 1).unwrap();
            (before, r.stats().unwrap().documents)
        })
        .unwrap();
    assert_eq!(during, inside);
    assert!(reader.stats().unwrap().documents > inside);
}

/// A document whose body holds one attributed sentence per stance given, each a claim.
fn claims_note(
    title: &str,
    source: Option<&str>,
    published: Option<&str>,
    stances: &[model::Stance],
) -> (Document, Analysis) {
    use model::{Claim, Speaker};
    use text::TextRange;
    let body: String = (0..stances.len()).map(|k| format!("Official {k} said item {k} happened. ")).collect();
    let doc = doc(title, body.trim_end(), source, published);
    let claims = stances
        .iter()
        .enumerate()
        .map(|(k, &stance)| {
            let at = |needle: &str| {
                let start = doc.text.find(needle).unwrap();
                TextRange::new(start, start + needle.len())
            };
            Claim {
                speaker: Some(Speaker { range: at(&format!("Official {k}")), entity: None }),
                cue: at(&format!("{k} said")),
                stance,
                content: at(&format!("item {k} happened")),
                direct: false,
                hedges: vec![],
                negated: false,
                sentence: k,
                parent: None,
            }
        })
        .collect();
    (doc, Analysis { claims, ..Analysis::default() })
}

/// The facets of `filter` counted from the claims it lists: the oracle the stored counts must
/// agree with.
fn facets_of_listed(store: &Store, filter: &store::ClaimFilter) -> store::Facets {
    let listed = |f: &store::ClaimFilter| store.claims(&store::ClaimFilter { limit: 10_000, ..f.clone() }).unwrap();
    let count = |names: Vec<String>, by_count: bool| {
        let mut counts: std::collections::BTreeMap<String, u64> = Default::default();
        for n in names {
            *counts.entry(n).or_default() += 1;
        }
        let mut v: Vec<store::Count> = counts.into_iter().map(|(name, count)| store::Count { name, count }).collect();
        if by_count {
            v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        }
        v
    };
    let rows = listed(filter);
    let without_stance = listed(&store::ClaimFilter { stance: None, ..filter.clone() });
    store::Facets {
        source: count(rows.iter().filter_map(|c| c.source.clone()).collect(), true),
        month: count(rows.iter().filter_map(|c| c.published.as_ref().map(|p| p[..7].to_owned())).collect(), false),
        stance: count(without_stance.iter().map(|c| c.stance.clone()).collect(), true),
    }
}

#[test]
fn claim_facets_from_stored_counts_equal_the_listed_claims_after_writes_and_reanalysis() {
    use model::Stance::{Confirm, Deny, Report};
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let notes = vec![
        claims_note("A", Some("Wire One"), Some("2024-10-18T09:00:00+09:00"), &[Deny, Report]),
        claims_note("B", Some("Wire Two"), Some("2024-10-18T23:30:00Z"), &[Report]),
        // The same UTC day as B, another local month.
        claims_note("C", Some("Wire Two"), Some("2024-10-31T23:00:00-05:00"), &[Confirm, Deny, Deny]),
        claims_note("D", None, Some("2024-11-02T12:00:00Z"), &[Report, Confirm]),
        claims_note("E", Some("Wire One"), None, &[Deny]),
        // A body whose length takes three bytes of the packed header.
        (
            doc("F", &"Ünïcode prose. ".repeat(5_000), Some("Wire Two"), Some("2024-12-24T08:00:00Z")),
            Analysis::default(),
        ),
    ];
    store.insert(&notes, 1).unwrap();
    // Re-analysis replaces one document's claims: its counts must move with them.
    let (doc_a, _) = &notes[0];
    let (_, fewer) = claims_note("A", Some("Wire One"), Some("2024-10-18T09:00:00+09:00"), &[Confirm]);
    store.replace_analyses(&[(doc_a.id, fewer)], 2).unwrap();
    let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap().timestamp();
    let filters = [
        store::ClaimFilter::default(),
        store::ClaimFilter { stance: Some("deny".into()), ..Default::default() },
        store::ClaimFilter { since: Some(t("2024-10-18T00:00:00Z")), ..Default::default() },
        store::ClaimFilter { since: Some(t("2024-10-18T12:00:00Z")), ..Default::default() },
        store::ClaimFilter { until: Some(t("2024-11-01T06:00:00Z")), ..Default::default() },
        store::ClaimFilter {
            since: Some(t("2024-10-18T10:00:00Z")),
            until: Some(t("2024-10-18T23:45:00Z")),
            ..Default::default()
        },
        store::ClaimFilter { since: Some(t("2024-12-01T00:00:00Z")), ..Default::default() },
        store::ClaimFilter {
            sources: Some(vec!["Wire Two".into()]),
            stance: Some("deny".into()),
            ..Default::default()
        },
        store::ClaimFilter { sources: Some(Vec::new()), ..Default::default() },
    ];
    for filter in &filters {
        let stored = store.claim_facets(filter).unwrap();
        let listed = facets_of_listed(&store, filter);
        assert_eq!(format!("{stored:?}"), format!("{listed:?}"), "{filter:?}");
    }
    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.undated), (6, 1));
    let text_bytes: usize = notes.iter().map(|(d, _)| d.title.len() + d.text.len() - d.body_start).sum();
    assert_eq!(stats.text_bytes, text_bytes as u64, "read from the packed bodies' headers");
    // Documents: facets from `document_counts` against the listed documents.
    for (since, until, source) in [
        (None, None, None),
        (Some(t("2024-10-18T12:00:00Z")), None, None),
        (None, Some(t("2024-11-01T06:00:00Z")), Some("Wire Two")),
        (Some(t("2024-10-18T10:00:00Z")), Some(t("2024-10-18T23:45:00Z")), None),
    ] {
        let filter = store::DocumentFilter { since, until, source: source.map(Into::into), entity: None };
        let rows = store.documents(&filter, store::Page { limit: 100, offset: 0 }).unwrap();
        let mut expected = store::Facets::default();
        for (names, out, by_count) in [
            (rows.iter().filter_map(|d| d.source.clone()).collect::<Vec<_>>(), &mut expected.source, true),
            (
                rows.iter().filter_map(|d| d.published.as_ref().map(|p| p[..7].to_owned())).collect(),
                &mut expected.month,
                false,
            ),
        ] {
            let mut counts: std::collections::BTreeMap<String, u64> = Default::default();
            for n in names {
                *counts.entry(n).or_default() += 1;
            }
            *out = counts.into_iter().map(|(name, count)| store::Count { name, count }).collect();
            if by_count {
                out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
            }
        }
        let stored = store.document_facets(None, &filter).unwrap();
        assert_eq!(format!("{stored:?}"), format!("{expected:?}"), "{filter:?}");
    }
    // Oldest first, undated last, and an offset skips within that order.
    let all = store.claims(&store::ClaimFilter { limit: 100, ..Default::default() }).unwrap();
    assert_eq!(all.last().unwrap().title, "E");
    let second = store.claims(&store::ClaimFilter { limit: 2, offset: 1, ..Default::default() }).unwrap();
    assert_eq!(
        second.iter().map(|c| (&c.document, c.claim)).collect::<Vec<_>>(),
        all[1..3].iter().map(|c| (&c.document, c.claim)).collect::<Vec<_>>()
    );
}

/// The counts the writes keep and those the migration to version 14 computes from the rows are
/// the same rows (UTC days and months, local months, pre-1970 and undated documents).
#[test]
fn counts_kept_by_writes_equal_counts_the_migration_computes() {
    use model::Stance::{Deny, Report};
    let dir = tempfile::tempdir().unwrap();
    let notes = vec![
        claims_note("A", Some("Wire One"), Some("2024-10-31T23:00:00-05:00"), &[Deny, Report]),
        claims_note("B", None, Some("1969-07-20T20:17:00Z"), &[Report]),
        claims_note("C", Some("Wire One"), None, &[Deny]),
        (doc("D", &"Long prose. ".repeat(30_000), Some("Wire Two"), Some("2025-02-28T23:59:59Z")), Analysis::default()),
    ];
    let rows = |conn: &rusqlite::Connection| -> Vec<String> {
        let mut out = Vec::new();
        for sql in [
            "SELECT span, start, month, source_id, format, documents, text_bytes FROM document_counts WHERE documents != 0",
            "SELECT span, start, month, source_id, stance, claims, NULL FROM claim_counts WHERE claims != 0",
        ] {
            let mut stmt = conn.prepare(sql).unwrap();
            let mut found: Vec<String> = stmt
                .query_map([], |r| {
                    Ok((0..7)
                        .map(|k| format!("{:?}", r.get::<_, rusqlite::types::Value>(k).unwrap()))
                        .collect::<Vec<_>>()
                        .join(" "))
                })
                .unwrap()
                .map(Result::unwrap)
                .collect();
            found.sort();
            out.extend(found);
        }
        out
    };
    {
        let mut store = Store::open(dir.path()).unwrap();
        store.insert(&notes, 1).unwrap();
    }
    let path = dir.path().join(store::DATABASE_FILE);
    let kept = rows(&rusqlite::Connection::open(&path).unwrap());
    assert_eq!(kept.len(), 2 * 4 + 2 * 4, "{kept:?}");
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(
            "DROP INDEX claims_time; DROP INDEX claims_stance_time; DROP INDEX claims_speaker_time;
             ALTER TABLE claims DROP COLUMN ts; PRAGMA user_version = 13;",
        )
        .unwrap();
    drop(Store::open(dir.path()).unwrap());
    assert_eq!(rows(&rusqlite::Connection::open(&path).unwrap()), kept);
}
