//! The embedded store: one directory holding a SQLite database (WAL journal) with documents,
//! sources and an FTS5 full-text index over title and body.
//!
//! Why SQLite: transactional, one file, crash-safe under `kill -9` (a batch is either committed
//! whole or not at all), and FTS5 gives ranked search with snippets without a second engine.
//! Documents are keyed by content id, so inserting a document that is already stored is a no-op;
//! an interrupted ingest simply runs again.
//!
//! The text is stored as title and body columns, the body packed (`packed.rs`); `Document::text`
//! is recomposed on read with `model::compose_text`, the same rule that built it, so stored
//! offsets stay exact.

mod analysis;
pub mod blob;
mod claims;
mod counts;
mod error;
mod links;
pub mod packed;
mod queries;
mod schema;
mod search;
mod spans;
mod split;
mod stats;
mod views;
mod writer;

pub use claims::{ClaimFilter, ClaimRow};
pub use error::{Error, Result};
pub use links::{LedgerPiece, Link, Logged, StoredLink};
pub use queries::{
    ALIAS_SAMPLE, Alias, CLAIM_SEARCH_DOCUMENTS, DocumentFilter, DocumentRow, EntityDetail, EntityQuery, EntityRow,
    Facets, Page, ROLE_SAMPLE, SourceRow,
};
pub use search::{HIGHLIGHT_END, HIGHLIGHT_START, Hit};
pub use stats::{Count, Stats};
pub use views::{Held, PropositionRow, StoryOrder, StoryRow, ViewChanges, id_key};
pub use writer::{LOCK_FILE, WriterLock};

use chrono::DateTime;
use model::{Analysis, DocId, Document, Format, compose_text};
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The file name of the database inside the store directory.
pub const DATABASE_FILE: &str = "dossier.sqlite";

/// An open store.
pub struct Store {
    conn: Connection,
    dir: PathBuf,
}

/// How a user finds a stored document again (see [`Store::citations`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    /// The input's own id (a JSON Lines `id`, a feed item's guid), else the URL, else the file it
    /// was read from (with `#N` for the N-th record of a multi-document file).
    pub reference: String,
    /// The URL, when the input gave one.
    pub url: Option<String>,
    /// The title; `None` when the document has none.
    pub title: Option<String>,
}

/// Content ids [`Store::citations`] looks up in one statement.
pub const CITATIONS_PER_QUERY: usize = 500;

/// A document's body and analysis as the store keeps them (packed, encoded): pure work that
/// callers may do on any thread ahead of [`Store::insert_encoded`].
#[derive(Clone, Debug)]
pub struct Encoded {
    body: Vec<u8>,
    analysis: Vec<u8>,
}

impl Encoded {
    /// Encodes a document's body and its analysis.
    pub fn new(doc: &Document, analysis: &Analysis) -> Result<Encoded> {
        Ok(Encoded { body: packed::pack(doc.body()), analysis: analysis::encode(analysis)? })
    }
}

/// Whether [`Store::insert`] added a document or already had it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inserted {
    /// The document is new.
    Added,
    /// A document with the same content id was already stored.
    Duplicate,
}

impl Store {
    /// Opens the store in `dir`, creating the directory and schema when missing.
    pub fn open(dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(dir).map_err(|source| Error::Io { path: dir.to_owned(), source })?;
        let path = dir.join(DATABASE_FILE);
        let conn = Connection::open(&path).map_err(|source| Error::Open { path: path.clone(), source })?;
        schema::prepare(&conn).map_err(|e| e.at(&path))?;
        Ok(Store { conn, dir: dir.to_owned() })
    }

    /// A second connection to the same store, for reading while this one writes (WAL lets
    /// readers and one writer work at once; a reader sees only committed batches).
    pub fn open_another(&self) -> Result<Store> {
        Store::open(&self.dir)
    }

    /// The store directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Inserts a batch of analyzed documents in one transaction: either all of them are stored
    /// with their analyses or, if the process dies first, none. Documents already stored (same
    /// content id) are left untouched. `analyzer_version` records which analyzers produced the
    /// analyses.
    pub fn insert(&mut self, docs: &[(Document, Analysis)], analyzer_version: i64) -> Result<Vec<Inserted>> {
        self.insert_encoded(docs, &[], analyzer_version)
    }

    /// [`Store::insert`], taking each document's [`Encoded`] form where `encoded` has one (at
    /// the same index) instead of encoding it on this thread.
    pub fn insert_encoded(
        &mut self,
        docs: &[(Document, Analysis)],
        encoded: &[Option<Encoded>],
        analyzer_version: i64,
    ) -> Result<Vec<Inserted>> {
        let tx = self.conn.transaction()?;
        let mut outcomes = Vec::with_capacity(docs.len());
        let mut tally = counts::Tally::default();
        {
            let mut insert_doc = tx.prepare_cached(
                "INSERT OR IGNORE INTO documents
                   (id, external_id, title, body, published, published_ts, source_id, url, language, author, format, origin)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?;
            let mut insert_fts =
                tx.prepare_cached("INSERT INTO documents_fts (rowid, title, body) VALUES (?1, ?2, ?3)")?;
            let mut insert_source = tx.prepare_cached("INSERT OR IGNORE INTO sources (name) VALUES (?1)")?;
            let mut source_id = tx.prepare_cached("SELECT id FROM sources WHERE name = ?1")?;
            for (k, (doc, analysis)) in docs.iter().enumerate() {
                let source = match &doc.source {
                    Some(name) => {
                        insert_source.execute([name])?;
                        Some(source_id.query_row([name], |row| row.get::<_, i64>(0))?)
                    }
                    None => None,
                };
                let here;
                let encoded = match encoded.get(k).and_then(Option::as_ref) {
                    Some(e) => e,
                    None => {
                        here = Encoded::new(doc, analysis)?;
                        &here
                    }
                };
                let published = doc.published.map(|t| t.to_rfc3339());
                let changed = insert_doc.execute(params![
                    doc.id.to_string(),
                    doc.external_id,
                    doc.title,
                    encoded.body,
                    published,
                    doc.published.map(|t| t.timestamp()),
                    source,
                    doc.url,
                    doc.language,
                    doc.author,
                    doc.format.as_str(),
                    doc.origin,
                ])?;
                if changed == 0 {
                    outcomes.push(Inserted::Duplicate);
                    continue;
                }
                let rowid = tx.last_insert_rowid();
                insert_fts.execute(params![rowid, doc.title, doc.body()])?;
                let place = counts::Place::new(doc.published.map(|t| t.timestamp()), published.as_deref(), source);
                tally.document(&place, doc.format.as_str(), doc.title.len() + doc.body().len(), 1);
                analysis::write_analysis(
                    &tx,
                    rowid,
                    &place,
                    &doc.text,
                    analysis,
                    &encoded.analysis,
                    analyzer_version,
                    &mut tally,
                )?;
                outcomes.push(Inserted::Added);
            }
        }
        tally.write(&tx)?;
        tx.commit()?;
        Ok(outcomes)
    }

    /// Runs `read` inside one read transaction, so all its queries see the same committed
    /// state: a writer committing meanwhile (a following server linking a batch) is seen
    /// entirely or not at all, never between two queries of one answer.
    pub fn snapshot<T>(&self, read: impl FnOnce(&Store) -> T) -> Result<T> {
        self.conn.execute_batch("BEGIN DEFERRED")?;
        let out = read(self);
        // Nothing was written; ending it releases the snapshot.
        self.conn.execute_batch("COMMIT")?;
        Ok(out)
    }

    /// What a following server last kept of `source` (a JSON object it wrote), if anything.
    pub fn follow_state(&self, source: &str) -> Result<Option<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT state FROM follow_state WHERE source = ?1")?;
        Ok(stmt.query_row([source], |row| row.get(0)).optional()?)
    }

    /// Replaces what is kept of `source` (its own transaction).
    pub fn set_follow_state(&self, source: &str, state: &str) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "INSERT INTO follow_state (source, state) VALUES (?1, ?2) ON CONFLICT(source) DO UPDATE SET state = ?2",
        )?;
        stmt.execute([source, state])?;
        Ok(())
    }

    /// Whether a document with this content id is stored.
    pub fn contains(&self, id: DocId) -> Result<bool> {
        let mut stmt = self.conn.prepare_cached("SELECT 1 FROM documents WHERE id = ?1")?;
        Ok(stmt.exists([id.to_string()])?)
    }

    /// Looks a document up by content id, by a unique prefix of it (at least 6 hex digits), or by
    /// the input's own id. `Ok(None)` when nothing matches; an ambiguous prefix is an error.
    pub fn document(&self, key: &str) -> Result<Option<Document>> {
        const COLUMNS: &str = "d.id, d.external_id, d.title, dossier_unpack(d.body), d.published, s.name, d.url, d.language, d.author, d.format, d.origin";
        let by_id =
            format!("SELECT {COLUMNS} FROM documents d LEFT JOIN sources s ON s.id = d.source_id WHERE d.id = ?1");
        if let Some(doc) = self.conn.query_row(&by_id, [key], read_document).optional()? {
            return Ok(Some(doc));
        }
        let is_hex_prefix = key.len() >= 6 && key.len() < 16 && key.bytes().all(|b| b.is_ascii_hexdigit());
        if is_hex_prefix {
            let by_prefix = format!(
                "SELECT {COLUMNS} FROM documents d LEFT JOIN sources s ON s.id = d.source_id
                 WHERE d.id >= ?1 AND d.id < ?1 || 'g' LIMIT 2"
            );
            let found = self.query_documents(&by_prefix, &key.to_ascii_lowercase())?;
            match found.len() {
                0 => {}
                1 => return Ok(found.into_iter().next()),
                _ => return Err(Error::Ambiguous { key: key.to_owned() }),
            }
        }
        let by_external = format!(
            "SELECT {COLUMNS} FROM documents d LEFT JOIN sources s ON s.id = d.source_id WHERE external_id = ?1 LIMIT 2"
        );
        let found = self.query_documents(&by_external, key)?;
        match found.len() {
            0 | 1 => Ok(found.into_iter().next()),
            _ => Err(Error::Ambiguous { key: key.to_owned() }),
        }
    }

    fn query_documents(&self, sql: &str, key: &str) -> Result<Vec<Document>> {
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt.query_map([key], read_document)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How attributions cite the documents with these content ids, by id; ids not stored are
    /// left out. One statement per [`CITATIONS_PER_QUERY`] ids, so a page or an export costs a
    /// few queries, not one per attribution.
    pub fn citations(&self, ids: &[DocId]) -> Result<HashMap<DocId, Citation>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, coalesce(external_id, url, origin), url, title FROM documents
             WHERE id IN (SELECT value FROM json_each(?1))",
        )?;
        let mut out = HashMap::with_capacity(ids.len());
        for chunk in ids.chunks(CITATIONS_PER_QUERY) {
            let list = serde_json::to_string(&chunk).unwrap_or_else(|_| "[]".into());
            let mut rows = stmt.query([list])?;
            while let Some(row) = rows.next()? {
                let id: String = row.get(0)?;
                let title: String = row.get(3)?;
                let citation =
                    Citation { reference: row.get(1)?, url: row.get(2)?, title: Some(title).filter(|t| !t.is_empty()) };
                out.insert(DocId::parse(&id).ok_or_else(|| corrupt(0, "content id"))?, citation);
            }
        }
        Ok(out)
    }

    /// Number of stored documents.
    pub fn document_count(&self) -> Result<u64> {
        Ok(self.conn.query_row("SELECT count(*) FROM documents", [], |row| row.get(0))?)
    }
}

fn read_document(row: &rusqlite::Row<'_>) -> rusqlite::Result<Document> {
    let id: String = row.get(0)?;
    let title: String = row.get(2)?;
    let body: String = row.get(3)?;
    let published: Option<String> = row.get(4)?;
    let format: String = row.get(9)?;
    let (text, body_start) = compose_text(&title, &body);
    Ok(Document {
        id: DocId::parse(&id).ok_or_else(|| corrupt(0, "content id"))?,
        external_id: row.get(1)?,
        title,
        text,
        body_start,
        published: published.as_deref().and_then(|t| DateTime::parse_from_rfc3339(t).ok()),
        source: row.get(5)?,
        url: row.get(6)?,
        language: row.get(7)?,
        author: row.get(8)?,
        format: Format::parse(&format).ok_or_else(|| corrupt(9, "format"))?,
        origin: row.get(10)?,
    })
}

fn corrupt(column: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        column,
        rusqlite::types::Type::Text,
        format!("stored {what} is not valid").into(),
    )
}
