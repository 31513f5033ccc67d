//! The one error type of `ingest`: every variant names where (file, record, offset) and why.

use std::path::PathBuf;

/// A file or record that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be opened or read.
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

/// `Result` with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
