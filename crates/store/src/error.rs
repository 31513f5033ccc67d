//! The one error type of `store`.

use std::path::PathBuf;

/// A store operation that failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The store directory could not be created or read.
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    /// The database could not be opened (locked, not a database, permissions).
    #[error("cannot open store {path}: {source}")]
    Open { path: PathBuf, source: rusqlite::Error },
    /// The database was written by a newer Dossier.
    #[error("{path}: store schema version {found} is newer than this dossier understands ({supported})")]
    Version { path: PathBuf, found: i64, supported: i64 },
    /// A document key matches more than one document.
    #[error("'{key}' matches more than one document; give more of the id")]
    Ambiguous { key: String },
    /// Stored data could not be read back (a damaged or hand-edited database).
    #[error("stored data is damaged: {what}")]
    Corrupt { what: String },
    /// The search query could not be understood.
    #[error("invalid search query '{query}': {reason}")]
    Query { query: String, reason: String },
    /// Another process writes this store (it holds the writer lock, `writer.rs`).
    #[error(
        "store {} is being written by {holder}; stop it first, or send it the documents (POST /api/documents)",
        dir.display()
    )]
    Busy { dir: PathBuf, holder: String },
    /// Any other database error.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl Error {
    /// Adds the database path to errors raised before the path was known.
    pub(crate) fn at(self, path: &std::path::Path) -> Error {
        match self {
            Error::Sqlite(source) => Error::Open { path: path.to_owned(), source },
            Error::Version { found, supported, .. } => Error::Version { path: path.to_owned(), found, supported },
            other => other,
        }
    }
}

/// `Result` with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
