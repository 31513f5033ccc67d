//! Storing each document's analysis, and querying the claims drawn from it.
//!
//! The analysis is kept once, split (see `split.rs`): rows in `entities`, `entity_mentions` and
//! `claims` (what filters and joins query), and a compact blob of the rest in `analyses`
//! (sentences, times, quantities, entity names and roles, hedges; ranges only, no copies of the
//! text). `Store::analysis` joins them again for `show` and `extract`-style output. Both are
//! written in the transaction that writes the document, and replaced together when a document
//! is re-analyzed.

use crate::{Result, Store};
use model::{Analysis, Stance, compose_text};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

/// Which claims to list. Every field left `None` matches everything.
#[derive(Clone, Debug, Default)]
pub struct ClaimFilter {
    /// Speaker text contains this (case-insensitive), or the speaker resolves to an entity with
    /// this id or name.
    pub speaker: Option<String>,
    /// The claim's content mentions the entity with this id or name (case-insensitive).
    pub about: Option<String>,
    /// Stance class (`report`, `deny`, …).
    pub stance: Option<String>,
    /// Published at or after this Unix time.
    pub since: Option<i64>,
    /// Published before this Unix time.
    pub until: Option<i64>,
    /// Only claims of this document (content id).
    pub document: Option<String>,
    /// Only claims in documents from these sources (names as stored), e.g. those of a
    /// reliability grade; `Some` of an empty list matches nothing.
    pub sources: Option<Vec<String>>,
    /// Most claims to return.
    pub limit: usize,
}

/// A stored claim with its document's metadata and the texts of its parts.
#[derive(Clone, Debug, Serialize)]
pub struct ClaimRow {
    /// Content id of the document.
    pub document: String,
    /// Index of the claim in the document's analysis.
    pub claim: usize,
    /// Document title.
    pub title: String,
    /// Document source.
    pub source: Option<String>,
    /// Publication time, RFC 3339.
    pub published: Option<String>,
    /// Speaker text.
    pub speaker: Option<String>,
    /// Speaker's entity id.
    pub speaker_entity: Option<String>,
    /// Cue text.
    pub cue: String,
    /// Stance class.
    pub stance: String,
    /// Content text.
    pub content: String,
    /// Whether the content is quoted.
    pub direct: bool,
    /// Whether the claim is hedged.
    pub hedged: bool,
    /// Whether the cue is negated.
    pub negated: bool,
}

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
        for (id, analysis) in analyses {
            let rowid: i64 =
                tx.query_row("SELECT rowid FROM documents WHERE id = ?1", [id.to_string()], |r| r.get(0))?;
            let (title, body): (String, String) =
                tx.query_row("SELECT title, dossier_unpack(body) FROM documents WHERE rowid = ?1", [rowid], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
            let (text, _) = compose_text(&title, &body);
            write_analysis(&tx, rowid, &text, analysis, &encode(analysis)?, version)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Claims matching `filter`, oldest publication first.
    pub fn claims(&self, filter: &ClaimFilter) -> Result<Vec<ClaimRow>> {
        let sql = format!(
            // The page is chosen on keys alone, then its rows are read: sorting whole rows made
            // SQLite carry every matching document's text through the sort (0.7 s for one
            // stance at 100,000 documents).
            "WITH page AS (
              SELECT c.doc AS doc, c.idx AS idx, d.published_ts AS ts
              FROM claims c
              JOIN documents d INDEXED BY documents_meta ON d.rowid = c.doc
              LEFT JOIN sources s ON s.id = d.source_id
              WHERE {}
              ORDER BY d.published_ts IS NULL, d.published_ts, d.rowid, c.idx
              LIMIT ?6)
            SELECT {CLAIM_COLUMNS}
            FROM page
            JOIN claims c ON c.doc = page.doc AND c.idx = page.idx
            JOIN documents d ON d.rowid = c.doc
            LEFT JOIN sources s ON s.id = d.source_id
            ORDER BY page.ts IS NULL, page.ts, page.doc, page.idx",
            crate::queries::claim_where(filter, true)
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let limit = i64::try_from(filter.limit).unwrap_or(i64::MAX);
        let rows = stmt.query(params![
            filter.speaker,
            filter.about,
            filter.stance,
            filter.since,
            filter.until,
            limit,
            filter.document,
            crate::queries::source_list(filter)
        ])?;
        read_claims(rows)
    }
}

/// The columns [`read_claims`] reads, over `claims c`, `documents d`, `sources s`; the body
/// packed.
pub(crate) const CLAIM_COLUMNS: &str =
    "d.id, c.idx, d.title, d.body, s.name, d.published, c.speaker_text, c.speaker_entity,
       c.cue_start, c.cue_end, dossier_stance(c.stance), c.content_start, c.content_end, c.direct, c.hedged,
       c.negated";

/// Reads claim rows selected with [`CLAIM_COLUMNS`], unpacking each document's text once for
/// its consecutive claims (queries order claims by document; a body unpacked per claim made
/// claim search 4x slower).
pub(crate) fn read_claims(mut rows: rusqlite::Rows<'_>) -> Result<Vec<ClaimRow>> {
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    while let Some(row) = rows.next()? {
        let document: String = row.get(0)?;
        let title: String = row.get(2)?;
        if current.as_ref().is_none_or(|(id, _)| *id != document) {
            let body = crate::packed::unpack(row.get_ref(3)?.as_blob().map_err(rusqlite::Error::from)?)
                .map_err(|e| crate::Error::Corrupt { what: format!("body of {document}: {e}") })?;
            current = Some((document.clone(), compose_text(&title, &body).0));
        }
        let text = current.as_ref().map_or("", |(_, t)| t.as_str());
        let slice = |start: usize, end: usize| -> Result<String> {
            let start: usize = row.get(start)?;
            let end: usize = row.get(end)?;
            Ok(text.get(start..end).unwrap_or_default().to_owned())
        };
        out.push(ClaimRow {
            document,
            claim: row.get(1)?,
            title,
            source: row.get(4)?,
            published: row.get(5)?,
            speaker: row.get(6)?,
            speaker_entity: row.get(7)?,
            cue: slice(8, 9)?,
            stance: row.get::<_, Option<String>>(10)?.unwrap_or_default(),
            content: slice(11, 12)?,
            direct: row.get(13)?,
            hedged: row.get(14)?,
            negated: row.get(15)?,
        });
    }
    Ok(out)
}

/// An analysis as the `analyses` table keeps it (see `split`).
pub(crate) fn encode(analysis: &Analysis) -> Result<Vec<u8>> {
    crate::split::encode(analysis).map_err(|e| crate::Error::Corrupt { what: format!("analysis: {e}") })
}

/// Writes (or replaces) the analysis rows of the document at `rowid`, whose text is `text`;
/// `data` is the analysis [`encode`]d.
pub(crate) fn write_analysis(
    tx: &Transaction<'_>,
    rowid: i64,
    text: &str,
    analysis: &Analysis,
    data: &[u8],
    version: i64,
) -> Result<()> {
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
        let packed = crate::spans::pack(&mut spans);
        mentions.execute(params![key, rowid, spans.len(), packed])?;
    }
    let mut claim = tx.prepare_cached(
        "INSERT INTO claims (doc, idx, sentence, speaker_start, speaker_end, speaker_text, speaker_entity,
                             cue_start, cue_end, stance, content_start, content_end,
                             direct, hedged, negated, parent)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?;
    for (idx, c) in analysis.claims.iter().enumerate() {
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
        ])?;
    }
    Ok(())
}

/// Stances by the code the `claims` table stores them as (schema v11), with their words (their
/// serde names, which the `extract` JSON and the claim filters use; a test keeps them equal).
pub(crate) const STANCES: [(Stance, &str); 11] = [
    (Stance::Report, "report"),
    (Stance::Assert, "assert"),
    (Stance::Confirm, "confirm"),
    (Stance::Deny, "deny"),
    (Stance::Estimate, "estimate"),
    (Stance::Allege, "allege"),
    (Stance::Praise, "praise"),
    (Stance::Criticize, "criticize"),
    (Stance::Warn, "warn"),
    (Stance::Promise, "promise"),
    (Stance::Question, "question"),
];

/// The code a stance is stored as.
pub(crate) fn stance_code(stance: Stance) -> i64 {
    STANCES.iter().position(|&(s, _)| s == stance).map_or(-1, |k| k as i64)
}

/// Registers `dossier_stance(code)`, the stance word of a stored code (NULL for an unknown
/// one), and `dossier_stance_code(word)`, its inverse (NULL for an unknown word, which then
/// matches no claim).
pub(crate) fn register(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("dossier_stance", 1, flags, |ctx| {
        let code = ctx.get::<Option<i64>>(0)?;
        Ok(code.and_then(|c| usize::try_from(c).ok()).and_then(|c| STANCES.get(c)).map(|&(_, word)| word))
    })?;
    conn.create_scalar_function("dossier_stance_code", 1, flags, |ctx| {
        let word = ctx.get::<Option<String>>(0)?;
        Ok(word.and_then(|w| STANCES.iter().position(|&(_, s)| s == w)).map(|k| k as i64))
    })
}

/// The serde name of a unit enum variant (`Stance::Deny` → `deny`), the form stored and queried.
fn label<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stance_words_are_their_serde_names_and_codes_are_distinct() {
        for (code, &(stance, word)) in STANCES.iter().enumerate() {
            assert_eq!(label(&stance), word);
            assert_eq!(stance_code(stance), code as i64);
        }
    }
}
