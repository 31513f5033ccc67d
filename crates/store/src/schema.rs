//! The database schema and its version.
//!
//! `PRAGMA user_version` records the schema version; a store written by a newer Dossier is
//! refused rather than misread. WAL journaling with `synchronous = NORMAL` keeps every committed
//! batch durable across a process kill (only an OS crash can lose the last batches, never corrupt).

use crate::{Error, Result};
use rusqlite::Connection;

/// The schema version this code writes.
pub const VERSION: i64 = 1;

pub(crate) fn prepare(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    let found: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if found > VERSION {
        return Err(Error::Version { path: Default::default(), found, supported: VERSION });
    }
    if found < VERSION {
        conn.execute_batch(SCHEMA)?;
        conn.pragma_update(None, "user_version", VERSION)?;
    }
    Ok(())
}

const SCHEMA: &str = "
BEGIN;
CREATE TABLE IF NOT EXISTS sources (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS documents (
    rowid        INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    external_id  TEXT,
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    published    TEXT,
    published_ts INTEGER,
    source_id    INTEGER REFERENCES sources(id),
    url          TEXT,
    language     TEXT,
    author       TEXT,
    format       TEXT NOT NULL,
    origin       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_external_id ON documents(external_id);
CREATE INDEX IF NOT EXISTS documents_published ON documents(published_ts);
CREATE INDEX IF NOT EXISTS documents_source ON documents(source_id);
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    title, body,
    content = 'documents', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
COMMIT;
";
