//! The ledger's persistence: a snapshot of its state, the log of documents linked since, and
//! each document's story and duplicate-of columns.
//!
//! The store does not know the ledger's types (it depends on `model` only): the engine hands
//! over the serialized snapshot, the log entries and the per-document links. Snapshot plus log
//! are the truth; the columns and the story and proposition rows are an index for queries,
//! written in the same transaction.

use crate::{Result, Store};
use model::DocId;
use rusqlite::{OptionalExtension, params};

/// One document's place in the ledger.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The document.
    pub document: DocId,
    /// Its story id.
    pub story: String,
    /// The first document of its near-duplicate group, when it is a copy.
    pub duplicate_of: Option<DocId>,
}

/// One entry of the ledger's log: the document linked at `key` (its place in the ledger), and
/// the analyzer version of the analysis it was linked from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Logged {
    /// Place in the ledger: documents linked before it.
    pub key: u64,
    /// The document.
    pub document: DocId,
    /// Analyzer version (`nlp::VERSION`) of its analysis.
    pub analyzer: i64,
    /// Whether it was linked in a batch whose claims were clustered at once (such entries come
    /// first in the log, and are replayed the same way).
    pub clustered: bool,
}

/// One piece of what a link saves: [`Store::save_ledger`] applies a sequence of them in one
/// transaction, so the caller can stream rows as they are encoded.
#[derive(Clone, Debug)]
pub enum LedgerPiece {
    /// The whole state, serialized: replaces the snapshot and empties the log.
    Snapshot(Vec<u8>),
    /// The documents linked since the last save, appended to the log.
    Log(Vec<Logged>),
    /// Documents whose story or duplicate-of changed.
    Links(Vec<Link>),
    /// Story and proposition rows to write or drop; one with `all` set must come before any
    /// other rows.
    Views(crate::ViewChanges),
}

/// A document's links as stored: ids as text, `None` where the document is not linked yet.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct StoredLink {
    /// Content id.
    pub id: String,
    /// Story id.
    pub story: Option<String>,
    /// First document of its near-duplicate group, when it is a copy.
    pub duplicate_of: Option<String>,
}

impl Store {
    /// The saved ledger snapshot, if any.
    pub fn ledger_state(&self) -> Result<Option<Vec<u8>>> {
        Ok(self.conn.query_row("SELECT data FROM ledger_state WHERE id = 1", [], |row| row.get(0)).optional()?)
    }

    /// The ledger's log from `key` on, in order.
    pub fn ledger_log(&self, key: u64) -> Result<Vec<Logged>> {
        let mut stmt =
            self.conn.prepare("SELECT key, doc, analyzer, clustered FROM ledger_log WHERE key >= ?1 ORDER BY key")?;
        let rows = stmt.query_map([key], |row| {
            Ok((row.get::<_, u64>(0)?, row.get::<_, String>(1)?, row.get(2)?, row.get::<_, bool>(3)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (key, doc, analyzer, clustered) = row?;
            let document =
                DocId::parse(&doc).ok_or_else(|| crate::Error::Corrupt { what: format!("ledger log: {doc}") })?;
            out.push(Logged { key, document, analyzer, clustered });
        }
        Ok(out)
    }

    /// Applies `pieces` in order in one transaction, committed once they are all applied: a new
    /// snapshot or log entries, changed links, changed rows. An `Err` piece (the caller failed
    /// to encode something) rolls everything back and is returned.
    pub fn save_ledger(&mut self, pieces: impl IntoIterator<Item = Result<LedgerPiece>>) -> Result<()> {
        let tx = self.conn.transaction()?;
        for piece in pieces {
            match piece? {
                LedgerPiece::Snapshot(data) => {
                    tx.execute("INSERT OR REPLACE INTO ledger_state (id, data) VALUES (1, ?1)", [data])?;
                    tx.execute("DELETE FROM ledger_log", [])?;
                }
                LedgerPiece::Log(entries) => {
                    let mut insert = tx.prepare_cached(
                        "INSERT OR REPLACE INTO ledger_log (key, doc, analyzer, clustered) VALUES (?1, ?2, ?3, ?4)",
                    )?;
                    for e in entries {
                        insert.execute(params![e.key, e.document.to_string(), e.analyzer, e.clustered])?;
                    }
                }
                LedgerPiece::Links(links) => {
                    let mut update =
                        tx.prepare_cached("UPDATE documents SET story = ?2, duplicate_of = ?3 WHERE id = ?1")?;
                    for link in links {
                        update.execute(params![
                            link.document.to_string(),
                            link.story,
                            link.duplicate_of.map(|d| d.to_string())
                        ])?;
                    }
                }
                LedgerPiece::Views(views) => crate::views::apply(&tx, &views)?,
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Every document's publication time (Unix seconds) and id, in canonical order:
    /// publication time (undated last), then id. The ledger links documents in this order so
    /// the result does not depend on arrival order.
    pub fn document_keys(&self) -> Result<Vec<(Option<i64>, DocId)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT published_ts, id FROM documents ORDER BY published_ts IS NULL, published_ts, id")?;
        let rows = stmt.query_map([], |row| Ok((row.get::<_, Option<i64>>(0)?, row.get::<_, String>(1)?)))?;
        let mut keys = Vec::new();
        for row in rows {
            let (published, id) = row?;
            let id = DocId::parse(&id).ok_or_else(|| crate::Error::Corrupt { what: format!("document id {id}") })?;
            keys.push((published, id));
        }
        Ok(keys)
    }

    /// One document's story and duplicate-of.
    pub fn link_of(&self, id: &str) -> Result<Option<StoredLink>> {
        Ok(self
            .conn
            .query_row("SELECT id, story, duplicate_of FROM documents WHERE id = ?1", [id], |row| {
                Ok(StoredLink { id: row.get(0)?, story: row.get(1)?, duplicate_of: row.get(2)? })
            })
            .optional()?)
    }

    /// Each document's story and duplicate-of, in storage order, for export.
    pub fn links(&self) -> Result<Vec<StoredLink>> {
        let mut stmt = self.conn.prepare("SELECT id, story, duplicate_of FROM documents ORDER BY rowid")?;
        let rows = stmt
            .query_map([], |row| Ok(StoredLink { id: row.get(0)?, story: row.get(1)?, duplicate_of: row.get(2)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
