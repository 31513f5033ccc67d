//! Ranked full-text search over title and body, with a highlighted snippet per hit.
//!
//! Queries use FTS5 syntax (`kursk AND casualties`, `"north korean troops"`, `troop*`); a query
//! that is not valid FTS5 (users type `U.S.` or `1,000`) is retried with every word quoted, so
//! typing plain words always works. Ranking is BM25 with the title weighted above the body.

use crate::{Error, Result, Store};
use rusqlite::params;
use serde::Serialize;

/// Marks the start of a matched term in [`Hit::snippet`]; control characters never occur in
/// normalized document text, so the markers cannot be confused with content.
pub const HIGHLIGHT_START: char = '\u{2}';
/// Marks the end of a matched term in [`Hit::snippet`].
pub const HIGHLIGHT_END: char = '\u{3}';

/// One search result.
#[derive(Clone, Debug, Serialize)]
pub struct Hit {
    /// Content id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Source name.
    pub source: Option<String>,
    /// Publication time, RFC 3339.
    pub published: Option<String>,
    /// An excerpt around the best match, matched terms between [`HIGHLIGHT_START`] and
    /// [`HIGHLIGHT_END`].
    pub snippet: String,
    /// BM25 relevance; higher is better.
    pub score: f64,
}

impl Store {
    /// The `limit` best documents for `query`, best first.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>> {
        if query.trim().is_empty() {
            return Err(Error::Query { query: query.to_owned(), reason: "the query is empty".into() });
        }
        match self.run_search(query, limit) {
            Err(Error::Sqlite(e)) if is_query_error(&e) => self.run_search(&quote_words(query), limit),
            other => other,
        }
        .map_err(|e| match e {
            Error::Sqlite(e) if is_query_error(&e) => Error::Query { query: query.to_owned(), reason: e.to_string() },
            other => other,
        })
    }

    fn run_search(&self, fts_query: &str, limit: usize) -> Result<Vec<Hit>> {
        // Ranked first, snippets after: SQLite computes the selected columns of every match
        // before sorting, and a snippet reads and unpacks the body (a 10,000-match query made
        // 10,000 snippets to show 20).
        let sql = format!(
            "WITH top AS (
                 SELECT rowid, bm25(documents_fts, 4.0, 1.0) AS rank FROM documents_fts
                 WHERE documents_fts MATCH ?1 ORDER BY rank LIMIT ?2
             )
             SELECT d.id, d.title, s.name, d.published,
                    snippet(documents_fts, 1, '{HIGHLIGHT_START}', '{HIGHLIGHT_END}', '…', 16),
                    top.rank
             FROM top
             JOIN documents_fts ON documents_fts.rowid = top.rowid AND documents_fts MATCH ?1
             JOIN documents d ON d.rowid = top.rowid
             LEFT JOIN sources s ON s.id = d.source_id
             ORDER BY top.rank"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map(params![fts_query, limit], |row| {
            Ok(Hit {
                id: row.get(0)?,
                title: row.get(1)?,
                source: row.get(2)?,
                published: row.get(3)?,
                snippet: row.get(4)?,
                score: -row.get::<_, f64>(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Every whitespace-separated word as an FTS5 string, so punctuation inside words is literal.
fn quote_words(query: &str) -> String {
    let words: Vec<String> = query.split_whitespace().map(|w| format!("\"{}\"", w.replace('"', "\"\""))).collect();
    words.join(" ")
}

fn is_query_error(e: &rusqlite::Error) -> bool {
    let message = e.to_string();
    message.contains("fts5") || message.contains("no such column") || message.contains("unterminated string")
}
