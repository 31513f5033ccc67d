//! The read queries behind the HTTP API and the web UI: documents listed and searched with
//! filters and pages, facet counts, entities with their names as written, and sources.
//!
//! These sit beside the CLI's queries (`Store::search`, `Store::claims`) rather than replacing
//! them: a browser needs pages (`limit` and `offset`), filters on search results, and counts to
//! draw facets, which the CLI does not. Offsets are fine at the scale of one machine's store;
//! keyset cursors can replace them where a deep page gets slow.
//!
//! Limits: `search_claims` looks for claims only inside the best-ranked matching documents
//! ([`CLAIM_SEARCH_DOCUMENTS`]), since claim contents have no index of their own yet.

use crate::claims::{CLAIM_COLUMNS, MONTH, read_claims};
use crate::counts::by_count;
use crate::search::Hit;
use crate::{ClaimRow, Count, Error, HIGHLIGHT_END, HIGHLIGHT_START, Result, Store};
use model::{DocId, compose_text};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// How many of the best-ranked matching documents `search_claims` looks into.
pub const CLAIM_SEARCH_DOCUMENTS: usize = 200;

/// A window of results: skip `offset`, return at most `limit`.
#[derive(Clone, Copy, Debug)]
pub struct Page {
    /// Most rows to return.
    pub limit: usize,
    /// Rows to skip.
    pub offset: usize,
}

/// Which documents to list, search or count. Every field left `None` matches everything.
#[derive(Clone, Debug, Default)]
pub struct DocumentFilter {
    /// Source name, exactly.
    pub source: Option<String>,
    /// Published at or after this Unix time.
    pub since: Option<i64>,
    /// Published before this Unix time.
    pub until: Option<i64>,
    /// Mentions the entity with this id.
    pub entity: Option<String>,
}

/// A stored document as a list shows it.
#[derive(Clone, Debug, Serialize)]
pub struct DocumentRow {
    /// Content id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Source name.
    pub source: Option<String>,
    /// Publication time, RFC 3339.
    pub published: Option<String>,
    /// Where the document was published, as the input gave it (not checked).
    pub url: Option<String>,
    /// Input format.
    pub format: String,
    /// Number of claims found in it.
    pub claims: u64,
}

/// Counts to draw facets with, most first.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Facets {
    /// Per source name.
    pub source: Vec<Count>,
    /// Per publication month (`YYYY-MM`), oldest first.
    pub month: Vec<Count>,
    /// Per claim stance (claims only; empty for documents).
    pub stance: Vec<Count>,
}

/// Which entities to list.
#[derive(Clone, Debug, Default)]
pub struct EntityQuery {
    /// Name contains this (case-insensitive).
    pub name: Option<String>,
    /// Entity type, exactly (`PERSON`, `GPE`, …).
    pub kind: Option<String>,
}

/// An entity as a list shows it.
#[derive(Clone, Debug, Serialize)]
pub struct EntityRow {
    /// Canonical id (`gpe:KP`).
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Entity type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Documents mentioning it.
    pub documents: u64,
}

/// One way an entity is written in the stored documents.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Alias {
    /// The text of the mention ("Pyongyang").
    pub text: String,
    /// How it names the entity (`name`, `metonym`, `demonym`, `short_form`, `description`).
    pub kind: String,
    /// How many of the sampled mentions read so.
    pub count: u64,
}

/// Everything the store knows about one entity.
#[derive(Clone, Debug, Serialize)]
pub struct EntityDetail {
    /// Canonical id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Entity type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Documents mentioning it.
    pub documents: u64,
    /// Mentions in all documents.
    pub mentions: u64,
    /// Earliest publication time of a document mentioning it, RFC 3339.
    pub first_seen: Option<String>,
    /// Latest publication time of a document mentioning it, RFC 3339.
    pub last_seen: Option<String>,
    /// The texts naming it, most frequent first, drawn from the most recent mentions
    /// ([`ALIAS_SAMPLE`] of them).
    pub aliases: Vec<Alias>,
    /// Roles and titles given to it, most frequent first, drawn from the most recent documents
    /// ([`ROLE_SAMPLE`] of them).
    pub roles: Vec<Count>,
}

/// How many recent mentions [`EntityDetail::aliases`] is drawn from.
pub const ALIAS_SAMPLE: usize = 2000;

/// Above this many documents, an entity's first and last dated documents are found by walking
/// all documents in time order rather than sorting its own.
const SEEN_BY_WALKING: u64 = 2_000;
/// How many recent documents [`EntityDetail::roles`] is drawn from.
pub const ROLE_SAMPLE: usize = 100;

/// A source with what the store holds from it.
#[derive(Clone, Debug, Serialize)]
pub struct SourceRow {
    /// Source name.
    pub name: String,
    /// Documents from it.
    pub documents: u64,
    /// Claims in its documents.
    pub claims: u64,
    /// Earliest publication time, RFC 3339.
    pub earliest: Option<String>,
    /// Latest publication time, RFC 3339.
    pub latest: Option<String>,
}

/// The SQL condition of a [`DocumentFilter`] over `documents d` joined with `sources s`,
/// with parameters ?1 (source), ?2 (since), ?3 (until), ?4 (entity).
const DOCUMENT_WHERE: &str = "(?1 IS NULL OR s.name = ?1)
      AND (?2 IS NULL OR d.published_ts >= ?2)
      AND (?3 IS NULL OR d.published_ts < ?3)
      AND (?4 IS NULL OR d.rowid IN
            (SELECT m.doc FROM entity_mentions m WHERE m.entity = (SELECT key FROM entities WHERE id = ?4)))";

impl Store {
    /// Documents matching `filter`, newest first (undated last).
    pub fn documents(&self, filter: &DocumentFilter, page: Page) -> Result<Vec<DocumentRow>> {
        let sql = format!(
            "SELECT d.id, d.title, s.name, d.published, d.url, d.format,
                    (SELECT count(*) FROM claims c WHERE c.doc = d.rowid)
             FROM documents d LEFT JOIN sources s ON s.id = d.source_id
             WHERE {DOCUMENT_WHERE}
             ORDER BY d.published_ts IS NOT NULL DESC, d.published_ts DESC, d.rowid DESC
             LIMIT ?5 OFFSET ?6"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![
                filter.source,
                filter.since,
                filter.until,
                filter.entity,
                sql_int(page.limit),
                sql_int(page.offset)
            ],
            |row| {
                Ok(DocumentRow {
                    id: row.get(0)?,
                    title: row.get(1)?,
                    source: row.get(2)?,
                    published: row.get(3)?,
                    url: row.get(4)?,
                    format: row.get(5)?,
                    claims: row.get(6)?,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Full-text search like `Store::search`, restricted by `filter`, one page of it.
    pub fn search_documents(&self, query: &str, filter: &DocumentFilter, page: Page) -> Result<Vec<Hit>> {
        // Ranked and paged first, snippets after, for the page's documents only (see
        // `Store::search`).
        let sql = format!(
            "WITH top AS (
                 SELECT documents_fts.rowid AS doc, bm25(documents_fts, 4.0, 1.0) AS rank
                 FROM documents_fts
                 JOIN documents d INDEXED BY documents_meta ON d.rowid = documents_fts.rowid
                 LEFT JOIN sources s ON s.id = d.source_id
                 WHERE documents_fts MATCH ?7 AND {DOCUMENT_WHERE}
                 ORDER BY rank
                 LIMIT ?5 OFFSET ?6
             )
             SELECT d.id, d.title, s.name, d.published,
                    snippet(documents_fts, 1, '{HIGHLIGHT_START}', '{HIGHLIGHT_END}', '…', 16),
                    top.rank
             FROM top
             JOIN documents_fts ON documents_fts.rowid = top.doc AND documents_fts MATCH ?7
             JOIN documents d ON d.rowid = top.doc
             LEFT JOIN sources s ON s.id = d.source_id
             ORDER BY top.rank"
        );
        self.with_fts_query(query, |fts| {
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(
                params![
                    filter.source,
                    filter.since,
                    filter.until,
                    filter.entity,
                    sql_int(page.limit),
                    sql_int(page.offset),
                    fts
                ],
                |row| {
                    Ok(Hit {
                        id: row.get(0)?,
                        title: row.get(1)?,
                        source: row.get(2)?,
                        published: row.get(3)?,
                        snippet: row.get(4)?,
                        score: -row.get::<_, f64>(5)?,
                    })
                },
            )?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// Source and month counts of the documents matching `query` (all documents when `None`)
    /// and `filter`.
    pub fn document_facets(&self, query: Option<&str>, filter: &DocumentFilter) -> Result<Facets> {
        let matching = match query {
            Some(_) => "d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?5)",
            None => "?5 IS NULL",
        };
        let count = |group: &str, order: &str, fts: Option<&str>| -> Result<Vec<Count>> {
            let sql = format!(
                "SELECT {group} AS g, count(*) AS n
                 FROM documents d INDEXED BY documents_meta LEFT JOIN sources s ON s.id = d.source_id
                 WHERE {matching} AND {DOCUMENT_WHERE} AND {group} IS NOT NULL
                 GROUP BY g ORDER BY {order}"
            );
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = stmt
                .query_map(params![filter.source, filter.since, filter.until, filter.entity, fts], |row| {
                    Ok(Count { name: row.get(0)?, count: row.get(1)? })
                })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let facets = |fts: Option<&str>| -> Result<Facets> {
            Ok(Facets {
                source: count("s.name", "n DESC, g", fts)?,
                month: count(MONTH, "g", fts)?,
                stance: Vec::new(),
            })
        };
        match query {
            Some(query) => self.with_fts_query(query, |fts| facets(Some(fts))),
            None if filter.entity.is_none() => self.counted_document_facets(filter),
            None => facets(None),
        }
    }

    /// [`Store::document_facets`] of a filter on source and time only: whole UTC months and days
    /// from `document_counts` (schema v14, see `counts.rs`), the partial days at either end
    /// counted.
    fn counted_document_facets(&self, filter: &DocumentFilter) -> Result<Facets> {
        let tiers = crate::counts::tiers(filter.since, filter.until);
        let mut source: BTreeMap<String, u64> = BTreeMap::new();
        let mut month: BTreeMap<String, u64> = BTreeMap::new();
        let mut add = |group: &str, sql: &str, values: &[&dyn rusqlite::ToSql]| -> Result<()> {
            let into = if group == "source" { &mut source } else { &mut month };
            let mut stmt = self.conn.prepare_cached(sql)?;
            let mut rows = stmt.query(values)?;
            while let Some(row) = rows.next()? {
                *into.entry(row.get(0)?).or_default() += row.get::<_, u64>(1)?;
            }
            Ok(())
        };
        for (span, first, end) in tiers.stored() {
            for (group, column) in [("source", "s.name"), ("month", "k.month")] {
                let sql = format!(
                    "SELECT {column} AS g, sum(k.documents) AS n
                     FROM document_counts k LEFT JOIN sources s ON s.id = k.source_id
                     WHERE k.span = ?4 AND (?1 IS NULL OR k.start >= ?1) AND (?2 IS NULL OR k.start < ?2)
                       AND (?1 IS NULL AND ?2 IS NULL OR k.start IS NOT NULL)
                       AND (?3 IS NULL OR s.name = ?3) AND {column} IS NOT NULL
                     GROUP BY g HAVING n > 0"
                );
                add(group, &sql, &[&first, &end, &filter.source, &span])?;
            }
        }
        for (since, until) in tiers.edges {
            for (group, column) in [("source", "s.name"), ("month", MONTH)] {
                let sql = format!(
                    "SELECT {column} AS g, count(*) AS n
                     FROM documents d LEFT JOIN sources s ON s.id = d.source_id
                     WHERE d.published_ts >= ?1 AND d.published_ts < ?2 AND (?3 IS NULL OR s.name = ?3)
                       AND {column} IS NOT NULL
                     GROUP BY g"
                );
                add(group, &sql, &[&since, &until, &filter.source])?;
            }
        }
        Ok(Facets {
            source: by_count(source),
            month: month.into_iter().map(|(name, count)| Count { name, count }).collect(),
            stance: Vec::new(),
        })
    }

    /// Claims in the documents best matching `query` (at most [`CLAIM_SEARCH_DOCUMENTS`] of
    /// them, within `filter`) whose speaker, cue or content contains one of the query's words;
    /// in document rank order. Also returns the stance counts of all such claims, before the
    /// `stance` restriction, so a facet can offer the other stances.
    pub fn search_claims(
        &self,
        query: &str,
        filter: &DocumentFilter,
        stance: Option<&str>,
        page: Page,
    ) -> Result<(Vec<ClaimRow>, Vec<Count>)> {
        let words = query_words(query);
        let sql = format!(
            "WITH ranked AS (
                SELECT d.rowid AS doc, bm25(documents_fts, 4.0, 1.0) AS rank
                FROM documents_fts
                JOIN documents d ON d.rowid = documents_fts.rowid
                LEFT JOIN sources s ON s.id = d.source_id
                WHERE documents_fts MATCH ?6 AND {DOCUMENT_WHERE}
                ORDER BY rank LIMIT ?5)
             SELECT {CLAIM_COLUMNS}
             FROM ranked r
             JOIN claims c ON c.doc = r.doc
             JOIN documents d ON d.rowid = c.doc
             LEFT JOIN sources s ON s.id = d.source_id
             ORDER BY r.rank, r.doc, c.idx"
        );
        let all = self.with_fts_query(query, |fts| {
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = stmt.query(params![
                filter.source,
                filter.since,
                filter.until,
                filter.entity,
                sql_int(CLAIM_SEARCH_DOCUMENTS),
                fts
            ])?;
            read_claims(rows)
        })?;
        let matching: Vec<ClaimRow> = all.into_iter().filter(|c| claim_matches(c, &words)).collect();
        let mut stances: BTreeMap<&str, u64> = BTreeMap::new();
        for c in &matching {
            *stances.entry(c.stance.as_str()).or_default() += 1;
        }
        let facet = by_count(stances.into_iter().map(|(k, v)| (k.to_owned(), v)));
        let page = matching
            .iter()
            .filter(|c| stance.is_none_or(|s| c.stance == s))
            .skip(page.offset)
            .take(page.limit)
            .cloned()
            .collect();
        Ok((page, facet))
    }

    /// The names of every source, as stored.
    pub fn source_names(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT name FROM sources ORDER BY name")?;
        Ok(stmt.query_map([], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?)
    }

    /// Entities matching `query`, most documents first.
    pub fn entities(&self, query: &EntityQuery, page: Page) -> Result<Vec<EntityRow>> {
        let mut stmt = self.conn.prepare_cached(
            // `entity_counts` (schema v14) walked from the most mentioned: no count per query.
            "SELECT e.id, e.name, e.type, k.documents
             FROM entity_counts k JOIN entities e ON e.key = k.entity
             WHERE k.documents > 0
               AND (?1 IS NULL OR e.name LIKE '%' || ?1 || '%' OR e.id = ?1) AND (?2 IS NULL OR e.type = ?2)
             ORDER BY k.documents DESC, e.name
             LIMIT ?3 OFFSET ?4",
        )?;
        let rows = stmt
            .query_map(params![query.name, query.kind, sql_int(page.limit), sql_int(page.offset)], |row| {
                Ok(EntityRow { id: row.get(0)?, name: row.get(1)?, kind: row.get(2)?, documents: row.get(3)? })
            })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The entity with this canonical id or, failing that, this exact name (any case).
    /// `Ok(None)` when nothing matches; a name shared by several entities is
    /// [`Error::Ambiguous`].
    pub fn entity(&self, key: &str) -> Result<Option<EntityDetail>> {
        let mut by_id = self.conn.prepare_cached("SELECT key, id, name, type FROM entities WHERE id = ?1")?;
        let mut found: Vec<(i64, String, String, String)> =
            by_id.query_map([key], entity_head)?.collect::<rusqlite::Result<_>>()?;
        if found.is_empty() {
            let mut by_name = self
                .conn
                .prepare_cached("SELECT key, id, name, type FROM entities WHERE name = ?1 COLLATE NOCASE LIMIT 2")?;
            found = by_name.query_map([key], entity_head)?.collect::<rusqlite::Result<_>>()?;
        }
        if found.len() > 1 {
            return Err(Error::Ambiguous { key: key.to_owned() });
        }
        let Some((entity_key, id, name, kind)) = found.pop() else { return Ok(None) };
        let (documents, mentions): (u64, u64) = self
            .conn
            .query_row("SELECT documents, mentions FROM entity_counts WHERE entity = ?1", [entity_key], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .optional()?
            .unwrap_or_default();
        // The first and last dated documents naming it: a widely named entity is met soonest
        // walking all documents in time order; a rare one by sorting its own few.
        let seen = |order: &str| -> Result<Option<String>> {
            let sql = if documents > SEEN_BY_WALKING {
                format!(
                    "SELECT d.published FROM documents d INDEXED BY documents_published
                     WHERE d.published_ts IS NOT NULL
                       AND EXISTS (SELECT 1 FROM entity_mentions m WHERE m.entity = ?1 AND m.doc = d.rowid)
                     ORDER BY d.published_ts {order} LIMIT 1"
                )
            } else {
                format!(
                    "SELECT d.published FROM entity_mentions m JOIN documents d ON d.rowid = m.doc
                     WHERE m.entity = ?1 AND d.published_ts IS NOT NULL
                     ORDER BY d.published_ts {order} LIMIT 1"
                )
            };
            Ok(self.conn.query_row(&sql, [entity_key], |row| row.get(0)).optional()?)
        };
        Ok(Some(EntityDetail {
            aliases: self.aliases(entity_key)?,
            roles: self.roles(entity_key, &id)?,
            first_seen: seen("ASC")?,
            last_seen: seen("DESC")?,
            id,
            name,
            kind,
            documents,
            mentions,
        }))
    }

    /// Sources, most documents first.
    pub fn sources(&self) -> Result<Vec<SourceRow>> {
        let mut stmt = self.conn.prepare_cached(
            // Counts from `document_counts` and `claim_counts`, first and last documents off
            // the index by source and time (schema v14).
            "SELECT s.name,
                    (SELECT coalesce(sum(documents), 0) FROM document_counts WHERE source_id = s.id AND span = 31)
                        AS n,
                    (SELECT coalesce(sum(claims), 0) FROM claim_counts WHERE source_id = s.id AND span = 31),
                    (SELECT published FROM documents WHERE source_id = s.id AND published_ts IS NOT NULL
                     ORDER BY published_ts LIMIT 1),
                    (SELECT published FROM documents WHERE source_id = s.id AND published_ts IS NOT NULL
                     ORDER BY published_ts DESC LIMIT 1)
             FROM sources s
             ORDER BY n DESC, s.name",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok(SourceRow {
                name: row.get(0)?,
                documents: row.get(1)?,
                claims: row.get(2)?,
                earliest: row.get(3)?,
                latest: row.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The texts naming an entity in its most recent mentions ([`ALIAS_SAMPLE`] of them), with
    /// their counts.
    fn aliases(&self, entity_key: i64) -> Result<Vec<Alias>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.title, dossier_unpack(d.body), m.spans
             FROM (SELECT doc, spans FROM entity_mentions WHERE entity = ?1 ORDER BY doc DESC LIMIT ?2) m
             JOIN documents d ON d.rowid = m.doc
             ORDER BY m.doc DESC",
        )?;
        let mut rows = stmt.query(params![entity_key, sql_int(ALIAS_SAMPLE)])?;
        let mut counts: HashMap<(String, String), u64> = HashMap::new();
        let mut seen = 0;
        while seen < ALIAS_SAMPLE
            && let Some(row) = rows.next()?
        {
            let (text, _) = compose_text(&row.get::<_, String>(0)?, &row.get::<_, String>(1)?);
            let spans = crate::spans::unpack(&row.get::<_, Vec<u8>>(2)?)
                .map_err(|e| Error::Corrupt { what: format!("mentions of entity {entity_key}: {e}") })?;
            for span in spans.into_iter().take(ALIAS_SAMPLE - seen) {
                seen += 1;
                if let Some(mention) = text.get(span.start as usize..span.end as usize) {
                    *counts.entry((mention.to_owned(), crate::spans::label(span.kind).to_owned())).or_default() += 1;
                }
            }
        }
        let mut aliases: Vec<Alias> =
            counts.into_iter().map(|((text, kind), count)| Alias { text, kind, count }).collect();
        aliases.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.text.cmp(&b.text)));
        Ok(aliases)
    }

    /// The roles given to an entity in the analyses of its most recent documents.
    fn roles(&self, entity_key: i64, id: &str) -> Result<Vec<Count>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id FROM documents d
             WHERE d.rowid IN (SELECT doc FROM entity_mentions WHERE entity = ?1)
             ORDER BY d.rowid DESC LIMIT ?2",
        )?;
        let docs: Vec<String> = stmt
            .query_map(params![entity_key, sql_int(ROLE_SAMPLE)], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut roles: HashMap<String, u64> = HashMap::new();
        for doc in docs {
            let Some(doc) = DocId::parse(&doc) else { continue };
            let Some((analysis, _)) = self.analysis(doc)? else { continue };
            for entity in analysis.entities.iter().filter(|e| e.id == id) {
                for role in &entity.roles {
                    *roles.entry(role.clone()).or_default() += 1;
                }
            }
        }
        Ok(by_count(roles))
    }

    /// Runs `run` with `query` as FTS5 syntax and, if FTS5 rejects it, with every word quoted
    /// (the rule `Store::search` follows, so both accept the same queries).
    fn with_fts_query<T>(&self, query: &str, run: impl Fn(&str) -> Result<T>) -> Result<T> {
        if query.trim().is_empty() {
            return Err(Error::Query { query: query.to_owned(), reason: "the query is empty".into() });
        }
        // Word by word, each quoted; control characters (a NUL ends an FTS5 string) split words.
        let quoted = || {
            query
                .split(|c: char| c.is_whitespace() || c.is_control())
                .filter(|w| !w.is_empty())
                .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
                .collect::<Vec<_>>()
        };
        match run(query) {
            Err(Error::Sqlite(e)) if is_query_error(&e) => run(&quoted().join(" ")),
            other => other,
        }
        .map_err(|e| match e {
            Error::Sqlite(e) if is_query_error(&e) => Error::Query { query: query.to_owned(), reason: e.to_string() },
            other => other,
        })
    }
}

fn entity_head(row: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, String, String, String)> {
    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
}

/// The lower-case words of a search query, without FTS5 operators and syntax.
fn query_words(query: &str) -> Vec<String> {
    query
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .filter(|w| !w.is_empty() && !matches!(*w, "AND" | "OR" | "NOT" | "NEAR"))
        .map(str::to_lowercase)
        .collect()
}

fn claim_matches(claim: &ClaimRow, words: &[String]) -> bool {
    let fields = [claim.speaker.as_deref().unwrap_or_default(), &claim.cue, &claim.content];
    fields.iter().any(|f| {
        let f = f.to_lowercase();
        words.iter().any(|w| f.contains(w.as_str()))
    })
}

fn sql_int(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn is_query_error(e: &rusqlite::Error) -> bool {
    let message = e.to_string();
    // FTS5's own syntax errors; "unknown special query" is its answer to a query starting with
    // `*` (its `*reads`/`*id` diagnostics).
    ["fts5", "no such column", "unterminated string", "unknown special query"].iter().any(|m| message.contains(m))
}
