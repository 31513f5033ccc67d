//! The claims drawn from stored analyses: which to list ([`ClaimFilter`]), how a row reads
//! ([`ClaimRow`]), the SQL condition both the list and its facets use, and the stance codes the
//! `claims` table stores.
//!
//! Why: its own module so that `analysis.rs` (which writes claim rows), `queries.rs` (which
//! searches and facets them) and `split.rs` (which reads stance codes back) depend on it and
//! not on each other.

use crate::counts::by_count;
use crate::{Count, Facets, Result, Store};
use model::{Stance, compose_text};
use rusqlite::params;
use serde::Serialize;
use std::collections::BTreeMap;

/// The `ts` of a claim whose document is undated (schema v14): after every date, so undated
/// claims come last in time order.
pub(crate) const UNDATED: i64 = i64::MAX;

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
    /// Claims to skip first (read off an index: cheap for the bounded offsets the API allows).
    pub offset: usize,
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
    /// Claims matching `filter`, oldest publication first (undated last; then by document and
    /// claim), `filter.offset` skipped.
    pub fn claims(&self, filter: &ClaimFilter) -> Result<Vec<ClaimRow>> {
        let sql = format!(
            // The page is chosen on the claims' own keys, in the order of an index on their
            // time (alone, after the stance, or after the speaker entity), so SQLite stops at
            // the page instead of sorting every match; then its rows are read.
            "WITH page AS (
              SELECT c.doc AS doc, c.idx AS idx, c.ts AS ts
              FROM claims c
              WHERE {}
              ORDER BY c.ts, c.doc, c.idx
              LIMIT ?6 OFFSET ?9)
            SELECT {CLAIM_COLUMNS}
            FROM page
            JOIN claims c ON c.doc = page.doc AND c.idx = page.idx
            JOIN documents d ON d.rowid = c.doc
            LEFT JOIN sources s ON s.id = d.source_id
            ORDER BY page.ts, page.doc, page.idx",
            claim_where(filter, true)
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let limit = i64::try_from(filter.limit).unwrap_or(i64::MAX);
        let offset = i64::try_from(filter.offset).unwrap_or(i64::MAX);
        let rows = stmt.query(params![
            filter.speaker,
            filter.about,
            filter.stance,
            filter.since,
            filter.until,
            limit,
            filter.document,
            source_list(filter),
            offset
        ])?;
        read_claims(rows)
    }

    /// Counts of the claims matching `filter` per source, month and stance (the stance facet
    /// ignores the stance filter, so it offers the other stances).
    ///
    /// A filter on time, stance and sources only is answered from `claim_counts` (whole UTC
    /// months, then whole days, see `counts.rs`) plus a count of the claims in the partial
    /// days at either end; a speaker, subject
    /// or document filter counts the matching claims.
    pub fn claim_facets(&self, filter: &ClaimFilter) -> Result<Facets> {
        if filter.speaker.is_some() || filter.about.is_some() || filter.document.is_some() {
            return Ok(Facets {
                source: self.count_claims(filter, "s.name", "g", "n DESC, g")?,
                month: self.count_claims(filter, MONTH, "g", "g")?,
                stance: self.count_claims(filter, "c.stance", "dossier_stance(g)", "n DESC, g")?,
            });
        }
        let tiers = crate::counts::tiers(filter.since, filter.until);
        let mut source: BTreeMap<String, u64> = BTreeMap::new();
        let mut month: BTreeMap<String, u64> = BTreeMap::new();
        let mut stance: BTreeMap<String, u64> = BTreeMap::new();
        let add = |into: &mut BTreeMap<String, u64>, counts: Vec<Count>| {
            for c in counts {
                *into.entry(c.name).or_default() += c.count;
            }
        };
        for (span, first, end) in tiers.stored() {
            let counted = |group: &str, name: &str, with_stance: bool| -> Result<Vec<Count>> {
                let sql = format!(
                    "SELECT {name}, n FROM (
                       SELECT {group} AS g, sum(k.claims) AS n
                       FROM claim_counts k LEFT JOIN sources s ON s.id = k.source_id
                       WHERE k.span = ?5 AND (?1 IS NULL OR k.start >= ?1) AND (?2 IS NULL OR k.start < ?2)
                         AND (?1 IS NULL AND ?2 IS NULL OR k.start IS NOT NULL)
                         AND (?3 IS NULL OR k.stance = dossier_stance_code(?3))
                         AND (?4 IS NULL OR s.name IN (SELECT value FROM json_each(?4)))
                         AND {group} IS NOT NULL
                       GROUP BY g)
                     WHERE n > 0"
                );
                let stance = if with_stance { filter.stance.as_deref() } else { None };
                let mut stmt = self.conn.prepare_cached(&sql)?;
                let rows = stmt.query_map(params![first, end, stance, source_list(filter), span], |row| {
                    Ok(Count { name: row.get(0)?, count: row.get(1)? })
                })?;
                Ok(rows.collect::<rusqlite::Result<_>>()?)
            };
            add(&mut source, counted("s.name", "g", true)?);
            add(&mut month, counted("k.month", "g", true)?);
            add(&mut stance, counted("k.stance", "dossier_stance(g)", false)?);
        }
        for (since, until) in tiers.edges {
            let edge = ClaimFilter { since: Some(since), until: Some(until), ..filter.clone() };
            add(&mut source, self.count_claims(&edge, "s.name", "g", "g")?);
            add(&mut month, self.count_claims(&edge, MONTH, "g", "g")?);
            add(&mut stance, self.count_claims(&edge, "c.stance", "dossier_stance(g)", "g")?);
        }
        let month = month.into_iter().map(|(name, count)| Count { name, count }).collect();
        Ok(Facets { source: by_count(source), month, stance: by_count(stance) })
    }

    /// Counts the claims matching `filter` per `group` (named by `name` after grouping).
    fn count_claims(&self, filter: &ClaimFilter, group: &str, name: &str, order: &str) -> Result<Vec<Count>> {
        let with_stance = group != "c.stance";
        let sql = format!(
            "SELECT {name} AS g, n FROM (
               SELECT {group} AS g, count(*) AS n
               FROM claims c JOIN documents d ON d.rowid = c.doc
               LEFT JOIN sources s ON s.id = d.source_id
               WHERE {} AND {group} IS NOT NULL
               GROUP BY g)
             ORDER BY {order}",
            claim_where(filter, with_stance)
        );
        let stance = if with_stance { filter.stance.as_deref() } else { None };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let none: Option<i64> = None;
        let params = params![
            filter.speaker,
            filter.about,
            stance,
            filter.since,
            filter.until,
            none,
            filter.document,
            source_list(filter)
        ];
        let rows = stmt.query_map(params, |row| Ok(Count { name: row.get(0)?, count: row.get(1)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The publication month of `documents d` as facets name it (`YYYY-MM`, in the document's own
/// offset).
pub(crate) const MONTH: &str = "substr(d.published, 1, 7)";

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

/// The SQL condition of a [`ClaimFilter`] over `claims c` alone (no join needed), with
/// parameters ?1 to ?5 (speaker, about, stance, since, until), ?7 (document) and ?8 (sources, see
/// [`source_list`]; ?6 and ?9 are left to the caller), one condition per filter that is set; an
/// unset one stays as `?N IS NULL` so every parameter is bound. Written per filter because
/// SQLite cannot use an index through `?N IS NULL OR column = ?N`. Both the claims list and its
/// facets use it.
fn claim_where(filter: &ClaimFilter, stance: bool) -> String {
    let mut out = vec![
        match filter.speaker.as_deref() {
            // An entity id (`gpe:US`, `person:kim-jong-un`) is read off the speaker index.
            Some(speaker) if is_entity_id(speaker) => "c.speaker_entity = ?1",
            Some(_) => {
                "(c.speaker_text LIKE '%' || ?1 || '%'
                 OR c.speaker_entity IN (SELECT id FROM entities WHERE name LIKE ?1))"
            }
            None => "?1 IS NULL",
        },
        match filter.about {
            Some(_) => {
                "EXISTS (SELECT 1 FROM entity_mentions m
                 WHERE m.doc = c.doc AND m.entity IN (SELECT key FROM entities WHERE id = ?2 OR name LIKE ?2)
                   AND dossier_spans_overlap(m.spans, c.content_start, c.content_end))"
            }
            None => "?2 IS NULL",
        },
        if stance && filter.stance.is_some() { "c.stance = dossier_stance_code(?3)" } else { "?3 IS NULL" },
        // Undated claims carry `UNDATED`, which no `since` admits.
        if filter.since.is_some() { "c.ts >= ?4 AND c.ts < 9223372036854775807" } else { "?4 IS NULL" },
        if filter.until.is_some() { "c.ts < ?5" } else { "?5 IS NULL" },
    ];
    out.push(match filter.document {
        Some(_) => "c.doc = (SELECT rowid FROM documents WHERE id = ?7)",
        None => "?7 IS NULL",
    });
    out.push(match filter.sources {
        Some(_) => {
            "(SELECT source_id FROM documents WHERE rowid = c.doc)
               IN (SELECT id FROM sources WHERE name IN (SELECT value FROM json_each(?8)))"
        }
        None => "?8 IS NULL",
    });
    out.join(" AND ")
}

/// Whether a speaker filter names an entity by id: a lower-case kind, a colon, and a key
/// without spaces (`gpe:US`, `person:kim-jong-un`).
fn is_entity_id(value: &str) -> bool {
    value.split_once(':').is_some_and(|(kind, key)| {
        !kind.is_empty() && kind.bytes().all(|b| b.is_ascii_lowercase()) && !key.is_empty() && !key.contains(' ')
    })
}

/// The `sources` of a filter as the JSON array `claim_where` reads as ?8.
pub(crate) fn source_list(filter: &ClaimFilter) -> Option<String> {
    filter.sources.as_ref().map(|names| serde_json::to_string(names).unwrap_or_else(|_| "[]".into()))
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
pub(crate) fn label<T: Serialize>(value: &T) -> String {
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
