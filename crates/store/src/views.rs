//! The ledger's stories and propositions as rows: written by `link` for what changed, read by
//! the server and the CLI without decoding the ledger state.
//!
//! The store does not know the ledger's types: a story is stored as its JSON view, a
//! proposition as an encoded record (see `blob`), with the few columns queries sort and filter
//! on. Rows are keyed by the ledger's slots; `Store::save_ledger` applies a [`ViewChanges`] in
//! the same transaction as the state blob, so the rows never disagree with the state.

use crate::{Result, Store};
use rusqlite::{OptionalExtension, Transaction, params};

/// One story row.
#[derive(Clone, Debug, PartialEq)]
pub struct StoryRow {
    /// Story id.
    pub id: String,
    /// Earliest publication time, Unix seconds.
    pub first_published: Option<i64>,
    /// Documents in it.
    pub documents: u32,
    /// Independent voices in it.
    pub voices: u32,
    /// The story's view, as JSON.
    pub view: String,
}

/// One proposition row.
#[derive(Clone, Debug, PartialEq)]
pub struct PropositionRow {
    /// Proposition id.
    pub id: String,
    /// Publication time of its first attribution, Unix seconds.
    pub first_published: Option<i64>,
    /// Attributions.
    pub attributions: u32,
    /// The documents it has attributions in (content ids).
    pub documents: Vec<String>,
    /// The encoded record.
    pub record: Vec<u8>,
}

/// The rows to write or drop, by slot; with `all`, every stored row goes first.
#[derive(Clone, Debug, Default)]
pub struct ViewChanges {
    /// Replace everything.
    pub all: bool,
    /// Stories: the new row, or `None` to drop the slot.
    pub stories: Vec<(u32, Option<StoryRow>)>,
    /// Propositions: the new row, or `None` to drop the slot.
    pub propositions: Vec<(u32, Option<PropositionRow>)>,
}

/// How stories are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoryOrder {
    /// The most independent voices first.
    Voices,
    /// Earliest first (undated last).
    Published,
}

pub(crate) fn apply(tx: &Transaction<'_>, changes: &ViewChanges) -> Result<()> {
    if changes.all {
        tx.execute_batch("DELETE FROM stories; DELETE FROM propositions; DELETE FROM proposition_documents;")?;
    }
    let mut drop_story = tx.prepare_cached("DELETE FROM stories WHERE slot = ?1")?;
    let mut put_story = tx.prepare_cached(
        "INSERT OR REPLACE INTO stories (slot, id, first_published, documents, voices, view) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (slot, row) in &changes.stories {
        match row {
            None => drop_story.execute([slot])?,
            Some(r) => put_story.execute(params![slot, r.id, r.first_published, r.documents, r.voices, r.view])?,
        };
    }
    let mut drop_proposition = tx.prepare_cached("DELETE FROM propositions WHERE slot = ?1")?;
    let mut drop_documents = tx.prepare_cached("DELETE FROM proposition_documents WHERE proposition = ?1")?;
    let mut put_proposition = tx.prepare_cached(
        "INSERT OR REPLACE INTO propositions (slot, id, first_published, attributions, record) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut put_document =
        tx.prepare_cached("INSERT OR IGNORE INTO proposition_documents (doc, proposition) VALUES (?1, ?2)")?;
    let mut rowid_of = tx.prepare_cached("SELECT rowid FROM documents WHERE id = ?1")?;
    // Many propositions share a document: each id is looked up once.
    let mut rowids: std::collections::HashMap<&str, Option<i64>> = std::collections::HashMap::new();
    for (slot, row) in &changes.propositions {
        drop_documents.execute([slot])?;
        match row {
            None => {
                drop_proposition.execute([slot])?;
            }
            Some(r) => {
                put_proposition.execute(params![slot, r.id, r.first_published, r.attributions, r.record])?;
                for doc in &r.documents {
                    let rowid = match rowids.get(doc.as_str()) {
                        Some(&known) => known,
                        None => {
                            let found = rowid_of.query_row([doc], |row| row.get(0)).optional()?;
                            rowids.insert(doc, found);
                            found
                        }
                    };
                    if let Some(rowid) = rowid {
                        put_document.execute(params![rowid, slot])?;
                    }
                }
            }
        }
    }
    Ok(())
}

impl Store {
    /// Whether no story rows are stored (a store linked before version 4, or never linked).
    pub fn views_missing(&self) -> Result<bool> {
        Ok(self.conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM stories)", [], |row| row.get(0))?)
    }

    /// Stories (their JSON views), a page of them, and how many there are.
    pub fn stories(&self, order: StoryOrder, offset: u64, limit: u64) -> Result<(Vec<String>, u64)> {
        let by = match order {
            StoryOrder::Voices => "voices DESC, first_published IS NULL, first_published, id",
            StoryOrder::Published => "first_published IS NULL, first_published, id",
        };
        let mut stmt =
            self.conn.prepare_cached(&format!("SELECT view FROM stories ORDER BY {by} LIMIT ?1 OFFSET ?2"))?;
        let views = stmt
            .query_map(params![i64::try_from(limit).unwrap_or(i64::MAX), offset as i64], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        let total: i64 = self.conn.query_row("SELECT count(*) FROM stories", [], |row| row.get(0))?;
        Ok((views, total as u64))
    }

    /// The stories whose id starts with `prefix` (at most two: enough to tell ambiguity).
    pub fn stories_by_prefix(&self, prefix: &str) -> Result<Vec<String>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT view FROM stories WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT 2")?;
        let end = format!("{prefix}\u{10ffff}");
        Ok(stmt.query_map(params![prefix, end], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?)
    }

    /// Every proposition record, ordered by first attribution (undated last), then id.
    pub fn proposition_records(&self) -> Result<Vec<Vec<u8>>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT record FROM propositions ORDER BY first_published IS NULL, first_published, id")?;
        Ok(stmt.query_map([], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?)
    }

    /// A page of proposition records (the most attributed first) and how many there are.
    pub fn proposition_page(&self, offset: u64, limit: u64) -> Result<(Vec<Vec<u8>>, u64)> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT slot FROM propositions ORDER BY attributions DESC, first_published IS NULL, first_published, id \
             LIMIT ?1 OFFSET ?2",
        )?;
        let slots = stmt
            .query_map(params![i64::try_from(limit).unwrap_or(i64::MAX), offset as i64], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        let total: i64 = self.conn.query_row("SELECT count(*) FROM propositions", [], |row| row.get(0))?;
        Ok((self.records_of(&slots)?, total as u64))
    }

    /// The records of these slots, in this order. Pages are chosen on the small columns first
    /// and records read after: sorting with the records along read every record of a large
    /// story (5 s at 100,000 documents).
    fn records_of(&self, slots: &[i64]) -> Result<Vec<Vec<u8>>> {
        let mut stmt = self.conn.prepare_cached("SELECT record FROM propositions WHERE slot = ?1")?;
        slots.iter().map(|slot| Ok(stmt.query_row([slot], |row| row.get(0))?)).collect()
    }

    /// One proposition record by id.
    pub fn proposition_record(&self, id: &str) -> Result<Option<Vec<u8>>> {
        Ok(self.conn.query_row("SELECT record FROM propositions WHERE id = ?1", [id], |row| row.get(0)).optional()?)
    }

    /// The records of the propositions with an attribution in a story's documents, the most
    /// attributed first, at most `limit`, and how many there are.
    pub fn story_proposition_records(&self, story: &str, limit: u64) -> Result<(Vec<Vec<u8>>, u64)> {
        const IN_STORY: &str = "SELECT DISTINCT pd.proposition FROM documents d \
             JOIN proposition_documents pd ON pd.doc = d.rowid WHERE d.story = ?1";
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT p.slot FROM propositions p WHERE p.slot IN ({IN_STORY}) \
             ORDER BY p.attributions DESC, p.first_published IS NULL, p.first_published, p.id LIMIT ?2"
        ))?;
        let slots = stmt
            .query_map(params![story, i64::try_from(limit).unwrap_or(i64::MAX)], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        let total: i64 =
            self.conn.query_row(&format!("SELECT count(*) FROM ({IN_STORY})"), [story], |row| row.get(0))?;
        Ok((self.records_of(&slots)?, total as u64))
    }

    /// The records of the propositions with an attribution in one document.
    pub fn document_proposition_records(&self, doc: &str) -> Result<Vec<Vec<u8>>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.record FROM proposition_documents pd JOIN propositions p ON p.slot = pd.proposition \
             WHERE pd.doc = (SELECT rowid FROM documents WHERE id = ?1) \
             ORDER BY p.first_published IS NULL, p.first_published, p.id",
        )?;
        Ok(stmt.query_map([doc], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?)
    }
}
