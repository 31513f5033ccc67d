//! Storing each document's analysis (the claims drawn from it are queried in `claims.rs`).
//!
//! The analysis is kept once, split (see `split.rs`): rows in `entities`, `entity_mentions` and
//! `claims` (what filters and joins query), and a compact blob of the rest in `analyses`
//! (sentences, times, quantities, entity names and roles, hedges; ranges only, no copies of the
//! text). `Store::analysis` joins them again for `show` and `extract`-style output. Both are
//! written in the transaction that writes the document, and replaced together when a document
//! is re-analyzed.

use crate::claims::{UNDATED, label, stance_code};
use crate::counts::{Place, Tally};
use crate::{Result, Store};
use model::{Analysis, compose_text};
use rusqlite::{OptionalExtension, Transaction, params};

impl Store {
    /// The stored analysis of a document, and the analyzer version that produced it.
    pub fn analysis(&self, id: model::DocId) -> Result<Option<(Analysis, i64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.data, d.analysis_version, d.rowid FROM analyses a JOIN documents d ON d.rowid = a.doc \
             WHERE d.id = ?1",
        )?;
        let mut rows = stmt.query([id.to_string()])?;
        let Some(row) = rows.next()? else { return Ok(None) };
        let data: Vec<u8> = row.get(0)?;
        let analysis = crate::split::decode(&self.conn, row.get(2)?, &data)
            .map_err(|e| crate::Error::Corrupt { what: format!("analysis of {id}: {e}") })?;
        Ok(Some((analysis, row.get(1)?)))
    }

    /// The name of the entity with this canonical id: the smallest any document gave it.
    pub fn entity_name(&self, id: &str) -> Result<Option<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT name FROM entities WHERE id = ?1")?;
        Ok(stmt.query_row([id], |row| row.get(0)).optional()?)
    }

    /// Ids of documents whose analysis is older than `version`, at most `limit`.
    pub fn stale_analyses(&self, version: i64, limit: usize) -> Result<Vec<model::DocId>> {
        let mut stmt = self.conn.prepare_cached("SELECT id FROM documents WHERE analysis_version < ?1 LIMIT ?2")?;
        let rows =
            stmt.query_map(params![version, i64::try_from(limit).unwrap_or(i64::MAX)], |row| row.get::<_, String>(0))?;
        let mut ids = Vec::new();
        for id in rows {
            let id = id?;
            ids.push(
                model::DocId::parse(&id).ok_or_else(|| crate::Error::Corrupt { what: format!("document id {id}") })?,
            );
        }
        Ok(ids)
    }

    /// Replaces the analysis of stored documents, in one transaction.
    pub fn replace_analyses(&mut self, analyses: &[(model::DocId, Analysis)], version: i64) -> Result<()> {
        let tx = self.conn.transaction()?;
        let mut tally = Tally::default();
        for (id, analysis) in analyses {
            let rowid: i64 =
                tx.query_row("SELECT rowid FROM documents WHERE id = ?1", [id.to_string()], |r| r.get(0))?;
            let (title, body): (String, String) =
                tx.query_row("SELECT title, dossier_unpack(body) FROM documents WHERE rowid = ?1", [rowid], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
            let (text, _) = compose_text(&title, &body);
            let place = Place::of_document(&tx, rowid)?;
            write_analysis(&tx, rowid, &place, &text, analysis, &encode(analysis)?, version, &mut tally)?;
        }
        tally.write(&tx)?;
        tx.commit()?;
        Ok(())
    }
}

/// An analysis as the `analyses` table keeps it (see `split`).
pub(crate) fn encode(analysis: &Analysis) -> Result<Vec<u8>> {
    crate::split::encode(analysis).map_err(|e| crate::Error::Corrupt { what: format!("analysis: {e}") })
}

/// Writes (or replaces) the analysis rows of the document at `rowid`, whose text is `text`;
/// `data` is the analysis [`encode`]d.
/// The claims it replaces and those it writes are counted in `tally` at `place`, the
/// document's.
#[allow(clippy::too_many_arguments)]
pub(crate) fn write_analysis(
    tx: &Transaction<'_>,
    rowid: i64,
    place: &Place,
    text: &str,
    analysis: &Analysis,
    data: &[u8],
    version: i64,
    tally: &mut Tally,
) -> Result<()> {
    let mut replaced = tx.prepare_cached("SELECT stance, count(*) FROM claims WHERE doc = ?1 GROUP BY stance")?;
    let mut rows = replaced.query([rowid])?;
    while let Some(row) = rows.next()? {
        tally.claims(place, row.get(0)?, -row.get::<_, i64>(1)?);
    }
    let mut mentioned = tx.prepare_cached("SELECT entity, n FROM entity_mentions WHERE doc = ?1")?;
    let mut rows = mentioned.query([rowid])?;
    while let Some(row) = rows.next()? {
        tally.entity(row.get(0)?, row.get(1)?, -1);
    }
    for table in ["entity_mentions", "claims", "analyses"] {
        tx.prepare_cached(&format!("DELETE FROM {table} WHERE doc = ?1"))?.execute([rowid])?;
    }
    tx.prepare_cached("INSERT INTO analyses (doc, data) VALUES (?1, ?2)")?.execute(params![rowid, data])?;
    tx.prepare_cached("UPDATE documents SET analysis_version = ?2 WHERE rowid = ?1")?
        .execute(params![rowid, version])?;
    // The smallest name an entity is given wins, as in the ledger, so names do not depend on
    // the order documents arrive in, and a proposition drawn again from one document (see
    // `views::Held::Claim`) names its entities as the ledger does.
    let mut entity = tx.prepare_cached(
        "INSERT INTO entities (id, name, type) VALUES (?1, ?2, ?3) \
         ON CONFLICT (id) DO UPDATE SET name = excluded.name WHERE excluded.name < entities.name",
    )?;
    let mut entity_key = tx.prepare_cached("SELECT key FROM entities WHERE id = ?1")?;
    // One row per entity: an analysis that lists an id twice has its mentions merged.
    let mut by_entity: std::collections::BTreeMap<i64, Vec<crate::spans::Span>> = Default::default();
    for e in &analysis.entities {
        entity.execute(params![e.id, e.name, label(&e.kind)])?;
        let key: i64 = entity_key.query_row([&e.id], |row| row.get(0))?;
        let spans = by_entity.entry(key).or_default();
        spans.extend(crate::split::to_spans(&e.mentions));
    }
    let mut mentions =
        tx.prepare_cached("INSERT INTO entity_mentions (entity, doc, n, spans) VALUES (?1, ?2, ?3, ?4)")?;
    for (key, mut spans) in by_entity {
        tally.entity(key, spans.len() as i64, 1);
        let packed = crate::spans::pack(&mut spans);
        mentions.execute(params![key, rowid, spans.len(), packed])?;
    }
    let mut claim = tx.prepare_cached(
        "INSERT INTO claims (doc, idx, sentence, speaker_start, speaker_end, speaker_text, speaker_entity,
                             cue_start, cue_end, stance, content_start, content_end,
                             direct, hedged, negated, parent, ts)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?;
    for (idx, c) in analysis.claims.iter().enumerate() {
        tally.claims(place, stance_code(c.stance), 1);
        let speaker = c.speaker.as_ref();
        claim.execute(params![
            rowid,
            idx,
            c.sentence,
            speaker.map(|s| s.range.start),
            speaker.map(|s| s.range.end),
            speaker.and_then(|s| s.range.slice(text)),
            speaker.and_then(|s| s.entity.as_deref()),
            c.cue.start,
            c.cue.end,
            stance_code(c.stance),
            c.content.start,
            c.content.end,
            c.direct,
            !c.hedges.is_empty(),
            c.negated,
            c.parent,
            place.ts.unwrap_or(UNDATED),
        ])?;
    }
    Ok(())
}
