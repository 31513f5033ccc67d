//! The ledger's stories and propositions as rows: written by `link` for what changed, read by
//! the server and the CLI without decoding the ledger state.
//!
//! The store does not know the ledger's types: a story is stored as its JSON view, a
//! proposition as an encoded record (see `blob`) or, when it has a single claim, as where that
//! claim is, with the few columns queries sort and filter on. Rows are keyed by the ledger's slots; `Store::save_ledger` applies a [`ViewChanges`] in
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
    /// The story's view, as JSON (stored packed, see `packed`).
    pub view: String,
}

/// One proposition row.
#[derive(Clone, Debug, PartialEq)]
pub struct PropositionRow {
    /// Proposition id (the 64 bits its 16 hex digits spell).
    pub id: u64,
    /// Publication time of its first attribution, Unix seconds.
    pub first_published: Option<i64>,
    /// Attributions.
    pub attributions: u32,
    /// The documents it has attributions in (content ids).
    pub documents: Vec<String>,
    /// What the row holds.
    pub held: Held,
}

/// What a proposition row holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Held {
    /// The encoded record.
    Record(Vec<u8>),
    /// The one claim of a proposition that has one, by place: readers draw its record again from
    /// the document's analysis, which the store keeps anyway.
    Claim {
        /// The document's content id.
        document: String,
        /// Index into the document's claims; `None` for the publisher's own assertion.
        claim: Option<u32>,
        /// Index of its sentence.
        sentence: u32,
        /// Whether the document is a near-duplicate copy.
        copy: bool,
        /// A digest of the claim's record as the ledger linked it (`ClaimRecord::fingerprint`).
        fingerprint: u32,
        /// Display names by entity id. Written: every name the record shows; the row keeps only
        /// those the `entities` table does not give (a store migrated from before version 10
        /// may hold another name than the smallest). Read: those kept, to be looked up in the
        /// `entities` table otherwise.
        names: Vec<(String, String)>,
    },
}

/// The integer a proposition id is stored as: its bits with the sign flipped, so that integers
/// sort as the hex ids do.
pub fn id_key(id: u64) -> i64 {
    (id ^ (1 << 63)) as i64
}

/// Registers `dossier_id_key(hex)`, [`id_key`] of a 16-hex-digit id (for the migration to
/// version 10).
pub(crate) fn register(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("dossier_id_key", 1, flags, |ctx| {
        let hex = ctx.get::<String>(0)?;
        u64::from_str_radix(&hex, 16)
            .map(id_key)
            .map_err(|e| rusqlite::Error::UserFunctionError(format!("proposition id {hex:?}: {e}").into()))
    })
}

/// The columns [`read_held`] reads, from `propositions p` left-joined to `documents d` on `p.doc`.
const HELD: &str = "p.record, d.id, p.claim, p.sentence, p.copy, p.names, p.fingerprint";

fn read_held(row: &rusqlite::Row<'_>) -> rusqlite::Result<Held> {
    Ok(match row.get::<_, Option<Vec<u8>>>(0)? {
        Some(record) => Held::Record(record),
        None => {
            let names = match row.get::<_, Option<Vec<u8>>>(5)? {
                Some(data) => crate::blob::decode(&data)
                    .map_err(|e| rusqlite::Error::FromSqlConversionFailure(5, rusqlite::types::Type::Blob, e.into()))?,
                None => Vec::new(),
            };
            Held::Claim {
                document: row.get(1)?,
                claim: row.get(2)?,
                sentence: row.get(3)?,
                copy: row.get(4)?,
                fingerprint: row.get(6)?,
                names,
            }
        }
    })
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

pub(crate) fn apply<'a>(tx: &Transaction<'_>, changes: &'a ViewChanges) -> Result<()> {
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
            Some(r) => put_story.execute(params![
                slot,
                r.id,
                r.first_published,
                r.documents,
                r.voices,
                crate::packed::pack(&r.view)
            ])?,
        };
    }
    let mut drop_proposition = tx.prepare_cached("DELETE FROM propositions WHERE slot = ?1")?;
    let mut drop_documents = tx.prepare_cached("DELETE FROM proposition_documents WHERE proposition = ?1")?;
    let mut put_proposition = tx.prepare_cached(
        "INSERT OR REPLACE INTO propositions \
           (slot, id, first_published, attributions, record, doc, claim, sentence, copy, names, fingerprint) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    let mut entity_name = tx.prepare_cached("SELECT name FROM entities WHERE id = ?1")?;
    // Entity names repeat across rows: each is looked up once.
    let mut stored_names: std::collections::HashMap<&'a str, Option<String>> = std::collections::HashMap::new();
    let mut put_document =
        tx.prepare_cached("INSERT OR IGNORE INTO proposition_documents (doc, proposition) VALUES (?1, ?2)")?;
    let mut rowid_of = tx.prepare_cached("SELECT rowid FROM documents WHERE id = ?1")?;
    // Many propositions share a document: each id is looked up once.
    let mut rowids: std::collections::HashMap<&'a str, Option<i64>> = std::collections::HashMap::new();
    for (slot, row) in &changes.propositions {
        drop_documents.execute([slot])?;
        match row {
            None => {
                drop_proposition.execute([slot])?;
            }
            Some(r) => {
                let mut rowid = |doc: &'a str| -> Result<Option<i64>> {
                    Ok(match rowids.get(doc) {
                        Some(&known) => known,
                        None => {
                            let found = rowid_of.query_row([doc], |row| row.get(0)).optional()?;
                            rowids.insert(doc, found);
                            found
                        }
                    })
                };
                let id = id_key(r.id);
                match &r.held {
                    Held::Record(record) => put_proposition.execute(params![
                        slot,
                        id,
                        r.first_published,
                        r.attributions,
                        record,
                        None::<i64>,
                        None::<u32>,
                        None::<u32>,
                        None::<bool>,
                        None::<Vec<u8>>,
                        None::<u32>
                    ])?,
                    Held::Claim { document, claim, sentence, copy, fingerprint, names } => {
                        let Some(doc) = rowid(document)? else {
                            return Err(crate::Error::Corrupt {
                                what: format!("proposition {:016x}: no document {document}", r.id),
                            });
                        };
                        let mut kept = Vec::new();
                        for (entity, name) in names {
                            let stored = match stored_names.get(entity.as_str()) {
                                Some(known) => known.clone(),
                                None => {
                                    let found: Option<String> =
                                        entity_name.query_row([entity], |row| row.get(0)).optional()?;
                                    stored_names.insert(entity, found.clone());
                                    found
                                }
                            };
                            if stored.as_ref() != Some(name) {
                                kept.push((entity, name));
                            }
                        }
                        let kept = match kept.is_empty() {
                            true => None,
                            false => Some(crate::blob::encode(&kept).map_err(|what| crate::Error::Corrupt { what })?),
                        };
                        put_proposition.execute(params![
                            slot,
                            id,
                            r.first_published,
                            r.attributions,
                            None::<Vec<u8>>,
                            doc,
                            claim,
                            sentence,
                            copy,
                            kept,
                            fingerprint
                        ])?
                    }
                };
                for doc in &r.documents {
                    if let Some(rowid) = rowid(doc)? {
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
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT dossier_unpack(view) FROM stories ORDER BY {by} LIMIT ?1 OFFSET ?2"))?;
        let views = stmt
            .query_map(params![i64::try_from(limit).unwrap_or(i64::MAX), offset as i64], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        let total: i64 = self.conn.query_row("SELECT count(*) FROM stories", [], |row| row.get(0))?;
        Ok((views, total as u64))
    }

    /// The stories whose id starts with `prefix` (at most two: enough to tell ambiguity).
    pub fn stories_by_prefix(&self, prefix: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT dossier_unpack(view) FROM stories WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT 2",
        )?;
        let end = format!("{prefix}\u{10ffff}");
        Ok(stmt.query_map(params![prefix, end], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?)
    }

    /// Every proposition, ordered by first attribution (undated last), then id.
    pub fn proposition_records(&self) -> Result<Vec<Held>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {HELD} FROM propositions p LEFT JOIN documents d ON d.rowid = p.doc \
             ORDER BY p.first_published IS NULL, p.first_published, p.id"
        ))?;
        Ok(stmt.query_map([], read_held)?.collect::<rusqlite::Result<_>>()?)
    }

    /// A page of propositions (the most attributed first) and how many there are.
    pub fn proposition_page(&self, offset: u64, limit: u64) -> Result<(Vec<Held>, u64)> {
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
    fn records_of(&self, slots: &[i64]) -> Result<Vec<Held>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {HELD} FROM propositions p LEFT JOIN documents d ON d.rowid = p.doc WHERE p.slot = ?1"
        ))?;
        slots.iter().map(|slot| Ok(stmt.query_row([slot], read_held)?)).collect()
    }

    /// One proposition by id.
    pub fn proposition_record(&self, id: u64) -> Result<Option<Held>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {HELD} FROM propositions p LEFT JOIN documents d ON d.rowid = p.doc WHERE p.id = ?1"
        ))?;
        Ok(stmt.query_row([id_key(id)], read_held).optional()?)
    }

    /// The records of the propositions with an attribution in a story's documents, the most
    /// attributed first, at most `limit`, and how many there are.
    pub fn story_proposition_records(&self, story: &str, limit: u64) -> Result<(Vec<Held>, u64)> {
        // One pass over the story's (document, proposition) pairs, ordered here: counting them
        // in a second query read them all again (a story of 5,900 documents has ~40,000).
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.slot, p.attributions, p.first_published, p.id FROM propositions p
             WHERE p.slot IN (SELECT pd.proposition FROM documents d
                              JOIN proposition_documents pd ON pd.doc = d.rowid WHERE d.story = ?1)",
        )?;
        let mut found = stmt
            .query_map([story], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, i64>(1)?, row.get::<_, Option<i64>>(2)?, row.get::<_, i64>(3)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let total = found.len() as u64;
        // The most attributed first, then the earliest (undated last), then by id.
        let order = |p: &(i64, i64, Option<i64>, i64)| (std::cmp::Reverse(p.1), p.2.is_none(), p.2, p.3);
        let keep = usize::try_from(limit).unwrap_or(usize::MAX).min(found.len());
        if keep < found.len() {
            found.select_nth_unstable_by_key(keep, order);
            found.truncate(keep);
        }
        found.sort_unstable_by_key(order);
        let slots: Vec<i64> = found.into_iter().map(|p| p.0).collect();
        Ok((self.records_of(&slots)?, total))
    }

    /// The records of the propositions with an attribution in one document.
    pub fn document_proposition_records(&self, doc: &str) -> Result<Vec<Held>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {HELD} FROM proposition_documents pd JOIN propositions p ON p.slot = pd.proposition \
             LEFT JOIN documents d ON d.rowid = p.doc \
             WHERE pd.doc = (SELECT rowid FROM documents WHERE id = ?1) \
             ORDER BY p.first_published IS NULL, p.first_published, p.id"
        ))?;
        Ok(stmt.query_map([doc], read_held)?.collect::<rusqlite::Result<_>>()?)
    }
}
