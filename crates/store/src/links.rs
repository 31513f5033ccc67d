//! The ledger's persistence: its state blob, and each document's story and duplicate-of columns.
//!
//! The store does not know the ledger's types (it depends on `model` only): the engine hands
//! over the serialized state and the per-document links. The blob is the truth; the columns are
//! an index for queries, written in the same transaction as the blob whenever possible.

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
    /// The saved ledger state, if any.
    pub fn ledger_state(&self) -> Result<Option<Vec<u8>>> {
        Ok(self.conn.query_row("SELECT data FROM ledger_state WHERE id = 1", [], |row| row.get(0)).optional()?)
    }

    /// Saves the ledger state, the links that changed and the story and proposition rows that
    /// changed, in one transaction.
    pub fn save_ledger(&mut self, state: &[u8], links: &[Link], views: &crate::ViewChanges) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute("INSERT OR REPLACE INTO ledger_state (id, data) VALUES (1, ?1)", [state])?;
        crate::views::apply(&tx, views)?;
        {
            let mut update = tx.prepare_cached("UPDATE documents SET story = ?2, duplicate_of = ?3 WHERE id = ?1")?;
            for link in links {
                update.execute(params![
                    link.document.to_string(),
                    link.story,
                    link.duplicate_of.map(|d| d.to_string())
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Every document id in canonical order: publication time (undated last), then id. The
    /// ledger links documents in this order so the result does not depend on arrival order.
    pub fn document_ids(&self) -> Result<Vec<DocId>> {
        let mut stmt = self.conn.prepare("SELECT id FROM documents ORDER BY published_ts IS NULL, published_ts, id")?;
        let rows = stmt.query_map([], |row| row.get::<_, String>(0))?;
        let mut ids = Vec::new();
        for id in rows {
            let id = id?;
            ids.push(DocId::parse(&id).ok_or_else(|| crate::Error::Corrupt { what: format!("document id {id}") })?);
        }
        Ok(ids)
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
