//! Readers: turn files, folders, globs and standard input into [`model::Draft`]s.
//!
//! The format is detected from content as well as extension; `.gz` is decompressed as a stream.
//! Bad input never stops a batch: each broken file or record becomes an [`Event::Rejected`]
//! naming the file (and record number or byte offset) and the reason, and reading goes on.

pub mod charset;
pub mod dates;
mod error;
pub mod html;

pub use error::{Error, Result};

use model::Draft;
use std::path::PathBuf;

/// Limits that protect the process from oversized input.
#[derive(Clone, Debug)]
pub struct Config {
    /// Largest single document (a whole HTML page, text file or feed) read into memory, in bytes
    /// after decompression.
    pub max_document_bytes: u64,
    /// Largest single record of a streamed format (a JSONL line, a WARC record), in bytes.
    pub max_record_bytes: u64,
}

impl Default for Config {
    fn default() -> Config {
        Config { max_document_bytes: 64 << 20, max_record_bytes: 64 << 20 }
    }
}

/// One input to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// A file on disk.
    Path(PathBuf),
    /// Standard input (`-` on the command line).
    Stdin,
}

/// What reading an input produced, one event at a time, in input order.
#[derive(Debug)]
pub enum Event {
    /// A document was read.
    Document(Draft),
    /// A file or record could not be read; the batch goes on.
    Rejected(Error),
    /// A record that is not a document (a WARC `request` or `metadata` record, say) was passed
    /// over; `kind` says what it was, for the summary's counts.
    Skipped { origin: String, kind: String },
}
