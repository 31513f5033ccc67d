//! The database schema and its version.
//!
//! `PRAGMA user_version` records the schema version; a store written by a newer Dossier is
//! refused rather than misread, and an older one is migrated forward step by step, each step in
//! its own transaction (`MIGRATIONS[n]` takes version `n` to `n + 1`). WAL journaling with `synchronous = NORMAL` keeps every committed
//! batch durable across a process kill (only an OS crash can lose the last batches, never corrupt).

use crate::{Error, Result};
use rusqlite::Connection;

/// Bytes per database page of a new store.
const PAGE_SIZE: i64 = 8192;

/// Page cache per connection, in KiB (64 MiB).
const CACHE_KIB: i64 = 64 * 1024;

/// Most of the database file a connection reads through a memory map (1 GiB).
const MMAP_BYTES: i64 = 1 << 30;

/// The schema version this code writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

pub(crate) fn prepare(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    // Only a database not yet written takes a page size: 8 KiB pages hold the packed bodies and
    // blobs with less overflow than the default 4 KiB (BBC: 6 % less on disk).
    conn.pragma_update(None, "page_size", PAGE_SIZE)?;
    // Switching a new database to WAL takes an exclusive lock without waiting for it: another
    // process opening the same new store at the same moment makes it fail once.
    retry_busy(|| conn.pragma_update(None, "journal_mode", "WAL"))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // A larger page cache than SQLite's 2 MB, and reads through a memory map rather than a
    // copy per page: at 100,000 documents a story request spent a fifth of its time copying
    // pages, and the ingest's writer re-read index pages it had just evicted.
    conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
    conn.pragma_update(None, "mmap_size", MMAP_BYTES)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    crate::packed::register(conn)?;
    crate::spans::register(conn)?;
    crate::views::register(conn)?;
    crate::claims::register(conn)?;
    let found: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if found > VERSION {
        return Err(Error::Version { path: Default::default(), found, supported: VERSION });
    }
    if found < VERSION {
        migrate(conn)?;
    }
    // Packing the bodies, the mentions and the proposition documents of an existing store
    // freed many of its pages: give them back.
    if (1..=COMPACT_CLAIMS_STEP as i64).contains(&found) {
        conn.execute_batch("VACUUM")?;
    }
    Ok(())
}

/// Runs the missing migration steps, each in an immediate transaction that reads the version
/// again first: two processes opening an old or new store at once migrate it once.
fn migrate(conn: &Connection) -> Result<()> {
    loop {
        conn.execute_batch("BEGIN IMMEDIATE")?;
        let step = (|| {
            let at: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
            let Some(migration) = usize::try_from(at).ok().and_then(|at| MIGRATIONS.get(at)) else {
                return Ok(false);
            };
            conn.execute_batch(&format!("{migration} PRAGMA user_version = {};", at + 1))?;
            Ok::<_, Error>(true)
        })();
        match step {
            Ok(more) => {
                conn.execute_batch("COMMIT")?;
                if !more {
                    return Ok(());
                }
            }
            Err(e) => {
                let _ = conn.execute_batch("ROLLBACK");
                return Err(e);
            }
        }
    }
}

/// Runs `f` again while the database answers "busy", for up to ten seconds.
fn retry_busy<T>(mut f: impl FnMut() -> rusqlite::Result<T>) -> rusqlite::Result<T> {
    let started = std::time::Instant::now();
    loop {
        match f() {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy && started.elapsed().as_secs() < 10 =>
            {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

const MIGRATIONS: [&str; 14] = [
    DOCUMENTS,
    ANALYSES,
    LINKS,
    VIEWS,
    META,
    LEDGER_LOG,
    PACKED,
    ENTITY_MENTIONS,
    PROPOSITION_DOCUMENTS,
    PROPOSITION_CLAIMS,
    COMPACT_CLAIMS,
    LOG_CLUSTERED,
    FOLLOW,
    COUNTS,
];

/// Version 1: documents, sources and the full-text index.
const DOCUMENTS: &str = "
CREATE TABLE IF NOT EXISTS sources (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS documents (
    rowid        INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    external_id  TEXT,
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    published    TEXT,
    published_ts INTEGER,
    source_id    INTEGER REFERENCES sources(id),
    url          TEXT,
    language     TEXT,
    author       TEXT,
    format       TEXT NOT NULL,
    origin       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_external_id ON documents(external_id);
CREATE INDEX IF NOT EXISTS documents_published ON documents(published_ts);
CREATE INDEX IF NOT EXISTS documents_source ON documents(source_id);
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    title, body,
    content = 'documents', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
";

/// Version 2: each document's analysis (a compact blob of ranges), and the entities, mentions and
/// claims drawn from it as tables for queries. Mentions and claims are clustered by document
/// (`WITHOUT ROWID`) and mentions point to entities by integer key, which keeps the tables that
/// grow with every document small. `analysis_version` records which analyzer version
/// produced a document's rows, so `reanalyze` knows what is stale.
const ANALYSES: &str = "
ALTER TABLE documents ADD COLUMN analysis_version INTEGER NOT NULL DEFAULT 0;
CREATE TABLE analyses (
    doc  INTEGER PRIMARY KEY REFERENCES documents(rowid),
    data BLOB NOT NULL
);
CREATE TABLE entities (
    key  INTEGER PRIMARY KEY,
    id   TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    type TEXT NOT NULL
);
CREATE TABLE mentions (
    doc    INTEGER NOT NULL REFERENCES documents(rowid),
    start  INTEGER NOT NULL,
    end    INTEGER NOT NULL,
    entity INTEGER NOT NULL REFERENCES entities(key),
    kind   TEXT NOT NULL,
    PRIMARY KEY (doc, start)
) WITHOUT ROWID;
CREATE INDEX mentions_entity ON mentions(entity, doc);
CREATE TABLE claims (
    doc            INTEGER NOT NULL REFERENCES documents(rowid),
    idx            INTEGER NOT NULL,
    sentence       INTEGER NOT NULL,
    speaker_start  INTEGER,
    speaker_end    INTEGER,
    speaker_text   TEXT,
    speaker_entity TEXT,
    cue_start      INTEGER NOT NULL,
    cue_end        INTEGER NOT NULL,
    cue_text       TEXT NOT NULL,
    stance         TEXT NOT NULL,
    content_start  INTEGER NOT NULL,
    content_end    INTEGER NOT NULL,
    direct         INTEGER NOT NULL,
    hedged         INTEGER NOT NULL,
    negated        INTEGER NOT NULL,
    parent         INTEGER,
    PRIMARY KEY (doc, idx)
) WITHOUT ROWID;
CREATE INDEX claims_speaker_entity ON claims(speaker_entity);
";

/// Version 3: each document's place in the cross-document ledger (its story and the first
/// document of its near-duplicate group), and the ledger's own state as one blob. The state is
/// the truth; the columns are a query index over it, rewritten whenever a document is linked.
const LINKS: &str = "
ALTER TABLE documents ADD COLUMN story TEXT;
ALTER TABLE documents ADD COLUMN duplicate_of TEXT;
CREATE INDEX documents_story ON documents(story);
CREATE TABLE ledger_state (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    data BLOB NOT NULL
);
";

/// Version 4: the ledger's stories and propositions as rows, written by `link` for what changed
/// only, so readers (the server, the CLI) never decode the ledger state. Rows are keyed by the
/// ledger's own slots (a story's index, a proposition's root claim), because ids change when
/// stories merge or an earlier claim joins a proposition. `proposition_documents` lists the
/// documents each proposition has attributions in.
const VIEWS: &str = "
CREATE TABLE stories (
    slot            INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    first_published INTEGER,
    documents       INTEGER NOT NULL,
    voices          INTEGER NOT NULL,
    view            TEXT NOT NULL
);
CREATE INDEX stories_voices ON stories(voices DESC, first_published);
CREATE TABLE propositions (
    slot            INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    first_published INTEGER,
    attributions    INTEGER NOT NULL,
    record          BLOB NOT NULL
);
CREATE INDEX propositions_first ON propositions(first_published IS NULL, first_published, id);
CREATE TABLE proposition_documents (
    doc         TEXT NOT NULL,
    proposition INTEGER NOT NULL,
    PRIMARY KEY (doc, proposition)
) WITHOUT ROWID;
CREATE INDEX proposition_documents_proposition ON proposition_documents(proposition);
";

/// Version 5: a covering index of the documents' metadata, for queries that join documents only
/// to filter, sort or count by date and source (`INDEXED BY documents_meta`): the metadata
/// columns come after the body in each row, so reading them from the table read every
/// document's text (a claim facet took 0.7 s at 100,000 documents, 0.01 s through the index);
/// and claims by stance.
const META: &str = "
CREATE INDEX documents_meta ON documents(rowid, published_ts, source_id, published, id);
CREATE INDEX claims_stance ON claims(stance);
";

/// Version 6: the ledger's log. The state blob becomes a snapshot written now and then; every
/// document linked after it is listed here, by its place in the ledger (`key`), with the
/// analyzer version its ledger input came from, so that loading replays them onto the snapshot
/// instead of each link rewriting the whole state.
const LEDGER_LOG: &str = "
CREATE TABLE ledger_log (
    key      INTEGER PRIMARY KEY,
    doc      TEXT NOT NULL,
    analyzer INTEGER NOT NULL
);
";

/// Version 12: which logged documents were linked as one batch whose claims were clustered at
/// once (the first link into an empty ledger), so that replaying the log clusters them at once
/// again instead of a snapshot having to be written for them.
const LOG_CLUSTERED: &str = "
CREATE TABLE ledger_log_clustered (
    key       INTEGER PRIMARY KEY,
    doc       TEXT NOT NULL,
    analyzer  INTEGER NOT NULL,
    clustered INTEGER NOT NULL DEFAULT 0
);
INSERT INTO ledger_log_clustered (key, doc, analyzer) SELECT key, doc, analyzer FROM ledger_log;
DROP TABLE ledger_log;
ALTER TABLE ledger_log_clustered RENAME TO ledger_log;
";

/// Version 13: what a following server has read from each source (`dossier serve --follow`):
/// one JSON object per source (a folder's files with their sizes and times), so a restarted
/// server resumes where it stopped.
const FOLLOW: &str = "
CREATE TABLE IF NOT EXISTS follow_state (
    source TEXT PRIMARY KEY,
    state  TEXT NOT NULL
);
";

/// Version 14: what lists and facets need at a million documents without scanning.
///
/// - Each claim carries its document's publication time (`ts`; [`crate::claims::UNDATED`] when
///   undated, so undated claims sort last), indexed alone and after the stance and the speaker
///   entity: a page of claims in time order, of one stance, or by one speaker is read off an
///   index, and a cursor (`after`) continues it without an offset.
/// - `document_counts` and `claim_counts` keep the number of documents (and their text bytes)
///   and of claims per span of time — UTC days (`span` 1) and UTC months (`span` 31), `start`
///   being the day number of the day or of the month's first day, null when undated — local
///   month, source, and format or stance. The store's writes keep them (`counts::Tally`, one
///   update per key and batch: triggers per claim made ingest 30 % slower); the migration
///   counts them once through the view `document_keys`, which reads a packed body's length
///   from its header with built-in SQL only. So the summary and the facets of an unfiltered or
///   time-, stance- or source-filtered list add up whole months, then whole days, then count
///   the claims of the partial days at either end, instead of counting millions.
/// - `entity_counts` keeps each entity's number of documents and mentions (kept by the writes, like the
///   counts above), indexed, so the entity list reads the most mentioned first off an index.
/// - Documents are indexed by source and time (each source's first and last document) and by
///   recency (`published_ts IS NOT NULL, published_ts`, read backwards: the newest first,
///   undated last).
///
///   The counts are dropped and counted again first, so the step also completes a store whose
///   tables tests rewrote to an older layout.
const COUNTS: &str = "
DROP TABLE IF EXISTS document_counts;
DROP TABLE IF EXISTS claim_counts;
DROP VIEW IF EXISTS document_keys;
ALTER TABLE claims ADD COLUMN ts INTEGER NOT NULL DEFAULT 9223372036854775807;
UPDATE claims SET ts = coalesce((SELECT published_ts FROM documents WHERE rowid = claims.doc), 9223372036854775807);
DROP INDEX IF EXISTS claims_stance;
CREATE INDEX claims_time ON claims(ts);
CREATE INDEX claims_stance_time ON claims(stance, ts);
CREATE INDEX claims_speaker_time ON claims(speaker_entity, ts);
CREATE VIEW document_keys AS SELECT
    rowid AS doc,
    (published_ts - ((published_ts % 86400) + 86400) % 86400) / 86400 AS day,
    CAST(julianday(date(published_ts, 'unixepoch', 'start of month')) - 2440587.5 AS INTEGER) AS month_day,
    substr(published, 1, 7) AS month,
    source_id,
    format,
    length(CAST(title AS BLOB)) + CASE WHEN typeof(body) = 'blob' AND substr(body, 1, 1) = x'01' THEN
        ((instr('0123456789ABCDEF', substr(hex(substr(body, 2, 4)), 1, 1)) - 1) * 16 + instr('0123456789ABCDEF', substr(hex(substr(body, 2, 4)), 2, 1)) - 1) * 1
        + ((instr('0123456789ABCDEF', substr(hex(substr(body, 2, 4)), 3, 1)) - 1) * 16 + instr('0123456789ABCDEF', substr(hex(substr(body, 2, 4)), 4, 1)) - 1) * 256
        + ((instr('0123456789ABCDEF', substr(hex(substr(body, 2, 4)), 5, 1)) - 1) * 16 + instr('0123456789ABCDEF', substr(hex(substr(body, 2, 4)), 6, 1)) - 1) * 65536
        + ((instr('0123456789ABCDEF', substr(hex(substr(body, 2, 4)), 7, 1)) - 1) * 16 + instr('0123456789ABCDEF', substr(hex(substr(body, 2, 4)), 8, 1)) - 1) * 16777216
    ELSE length(CAST(body AS BLOB)) END AS text_bytes
FROM documents;
CREATE TABLE document_counts (
    span       INTEGER NOT NULL,
    start      INTEGER,
    month      TEXT,
    source_id  INTEGER,
    format     TEXT NOT NULL,
    documents  INTEGER NOT NULL,
    text_bytes INTEGER NOT NULL
);
CREATE INDEX document_counts_key ON document_counts(span, start, month, source_id, format);
CREATE INDEX document_counts_source ON document_counts(source_id, span);
CREATE TABLE claim_counts (
    span      INTEGER NOT NULL,
    start     INTEGER,
    month     TEXT,
    source_id INTEGER,
    stance    INTEGER NOT NULL,
    claims    INTEGER NOT NULL
);
CREATE INDEX claim_counts_key ON claim_counts(span, start, month, source_id, stance);
CREATE INDEX claim_counts_source ON claim_counts(source_id, span);
INSERT INTO document_counts
    SELECT 1, day, month, source_id, format, count(*), sum(text_bytes) FROM document_keys
    GROUP BY day, month, source_id, format;
INSERT INTO document_counts
    SELECT 31, month_day, month, source_id, format, count(*), sum(text_bytes) FROM document_keys
    GROUP BY month_day, month, source_id, format;
INSERT INTO claim_counts
    SELECT 1, k.day, k.month, k.source_id, c.stance, count(*) FROM claims c JOIN document_keys k ON k.doc = c.doc
    GROUP BY k.day, k.month, k.source_id, c.stance;
INSERT INTO claim_counts
    SELECT 31, k.month_day, k.month, k.source_id, c.stance, count(*) FROM claims c JOIN document_keys k ON k.doc = c.doc
    GROUP BY k.month_day, k.month, k.source_id, c.stance;
DROP VIEW document_keys;
DROP TABLE IF EXISTS entity_counts;
CREATE TABLE entity_counts (
    entity    INTEGER PRIMARY KEY REFERENCES entities(key),
    documents INTEGER NOT NULL,
    mentions  INTEGER NOT NULL
);
INSERT INTO entity_counts SELECT entity, count(*), sum(n) FROM entity_mentions GROUP BY entity;
CREATE INDEX entity_counts_documents ON entity_counts(documents DESC);
DROP INDEX IF EXISTS documents_source;
CREATE INDEX IF NOT EXISTS documents_source_time ON documents(source_id, published_ts);
CREATE INDEX IF NOT EXISTS documents_recent ON documents(published_ts IS NOT NULL, published_ts);
CREATE INDEX IF NOT EXISTS propositions_rank
    ON propositions(attributions DESC, first_published IS NULL, first_published, id);
";

/// The index of [`COMPACT_CLAIMS`] in [`MIGRATIONS`]: migrating from before it ends with a VACUUM.
const COMPACT_CLAIMS_STEP: usize = 10;

/// Version 7: bodies packed (`packed.rs`: deflated, about half the size), and the full-text
/// index re-created over the view `documents_text`, which unpacks them, so `snippet()` still
/// sees the text. The index is rebuilt from the view once.
const PACKED: &str = "
DROP TABLE documents_fts;
UPDATE documents SET body = dossier_pack(body);
CREATE VIEW documents_text AS SELECT rowid AS doc, title, dossier_unpack(body) AS body FROM documents;
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, body,
    content = 'documents_text', content_rowid = 'doc',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
";

/// Version 8: mentions as one row per entity and document, the spans packed (`spans.rs`),
/// with the number of mentions, instead of one row per mention: what most queries ask is which
/// documents name an entity (BBC: 73,000 rows and 2.9 MB became 39,000 rows).
const ENTITY_MENTIONS: &str = "
CREATE TABLE entity_mentions (
    entity INTEGER NOT NULL REFERENCES entities(key),
    doc    INTEGER NOT NULL REFERENCES documents(rowid),
    n      INTEGER NOT NULL,
    spans  BLOB NOT NULL,
    PRIMARY KEY (entity, doc)
) WITHOUT ROWID;
INSERT INTO entity_mentions (entity, doc, n, spans)
    SELECT entity, doc, count(*), dossier_spans(start, end, kind) FROM mentions GROUP BY entity, doc;
CREATE INDEX entity_mentions_doc ON entity_mentions(doc);
DROP TABLE mentions;
";

/// Version 9: `proposition_documents` keyed by the document's rowid instead of its 16-digit id
/// (the table and its index: 0.85 MB on BBC, half of it the ids).
const PROPOSITION_DOCUMENTS: &str = "
CREATE TABLE proposition_documents_by_rowid (
    doc         INTEGER NOT NULL REFERENCES documents(rowid),
    proposition INTEGER NOT NULL,
    PRIMARY KEY (doc, proposition)
) WITHOUT ROWID;
INSERT OR IGNORE INTO proposition_documents_by_rowid (doc, proposition)
    SELECT d.rowid, pd.proposition FROM proposition_documents pd JOIN documents d ON d.id = pd.doc;
DROP TABLE proposition_documents;
ALTER TABLE proposition_documents_by_rowid RENAME TO proposition_documents;
CREATE INDEX proposition_documents_proposition ON proposition_documents(proposition);
";

/// Version 10: propositions keyed by their 64-bit id as an integer (`views::id_key`: the sign bit
/// flipped, so integers sort as the 16-digit hex ids do), and a proposition of a single claim
/// held as a pointer to that claim (`doc`, `claim`, `sentence`, `copy`, and the `fingerprint` of
/// the claim's record, which a reader checks the record it draws again against; `record` NULL) instead of
/// a record copying its text, terms and names: most propositions have one claim (BBC: 12,284 of
/// 14,222, 2.1 MB of records). Its entity names come from `entities`, except those kept in
/// `names` because `entities` gave another when the row was written (a migrated store's
/// entities hold the first name seen, not the smallest). Stored records stay as they are.
const PROPOSITION_CLAIMS: &str = "
CREATE TABLE propositions_by_key (
    slot            INTEGER PRIMARY KEY,
    id              INTEGER NOT NULL UNIQUE,
    first_published INTEGER,
    attributions    INTEGER NOT NULL,
    record          BLOB,
    doc             INTEGER REFERENCES documents(rowid),
    claim           INTEGER,
    sentence        INTEGER,
    copy            INTEGER,
    fingerprint     INTEGER,
    names           BLOB,
    CHECK ((record IS NULL) = (doc IS NOT NULL))
);
INSERT INTO propositions_by_key (slot, id, first_published, attributions, record)
    SELECT slot, dossier_id_key(id), first_published, attributions, record FROM propositions;
DROP TABLE propositions;
ALTER TABLE propositions_by_key RENAME TO propositions;
CREATE INDEX propositions_first ON propositions(first_published IS NULL, first_published, id);
";

/// Version 11: claims without a copy of the cue's text (the reader slices it from the body it
/// unpacks anyway), their stance as a small integer (`claims::STANCES`; `dossier_stance` and
/// `dossier_stance_code` map it in SQL), and the stories' JSON views packed as bodies are.
/// Two indexes go: claims by speaker entity, which no query could use (the speaker filter ORs it
/// with a substring match, so it scans the claims anyway), and propositions by date (only a
/// full export sorts by it, and sorting there is cheap beside drawing every record). Only
/// what is still text is converted, so the step also completes a store whose tables were
/// written in part by a newer layout (as tests that rewrite one table to an old layout do).
const COMPACT_CLAIMS: &str = "
CREATE TABLE claims_compact (
    doc            INTEGER NOT NULL REFERENCES documents(rowid),
    idx            INTEGER NOT NULL,
    sentence       INTEGER NOT NULL,
    speaker_start  INTEGER,
    speaker_end    INTEGER,
    speaker_text   TEXT,
    speaker_entity TEXT,
    cue_start      INTEGER NOT NULL,
    cue_end        INTEGER NOT NULL,
    stance         INTEGER NOT NULL,
    content_start  INTEGER NOT NULL,
    content_end    INTEGER NOT NULL,
    direct         INTEGER NOT NULL,
    hedged         INTEGER NOT NULL,
    negated        INTEGER NOT NULL,
    parent         INTEGER,
    PRIMARY KEY (doc, idx)
) WITHOUT ROWID;
INSERT INTO claims_compact
    SELECT doc, idx, sentence, speaker_start, speaker_end, speaker_text, speaker_entity, cue_start, cue_end,
           CASE typeof(stance) WHEN 'text' THEN dossier_stance_code(stance) ELSE stance END,
           content_start, content_end, direct, hedged, negated, parent
    FROM claims;
DROP TABLE claims;
ALTER TABLE claims_compact RENAME TO claims;
CREATE INDEX claims_stance ON claims(stance);
UPDATE stories SET view = dossier_pack(view) WHERE typeof(view) = 'text';
DROP INDEX IF EXISTS propositions_first;
";
