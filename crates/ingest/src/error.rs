//! The one error type of `ingest`: every variant names where (file, record, offset) and why.
//!
//! Why: a batch of thousands of files must end with a summary a person can act on, so each
//! rejection says which file, which record of it (1-based, `#N`) and, for streamed formats, the
//! byte offset where the record starts, then the reason in plain lower-case words.
//!
//! Example: `dump.jsonl#17 (byte 52311): invalid json: expected value at line 1 column 1`.
//!
//! Known limits: for gzip-compressed WARC files the offset is that of the gzip member holding the
//! record (exact for the usual one-member-per-record files); for gzip-compressed JSONL it is the
//! offset in the decompressed text.

use std::fmt;
use std::path::PathBuf;

/// Where in an input something went wrong: the input's name, the 1-based record number for
/// multi-document inputs, and the byte offset of the record for streamed formats.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The file path as given, or `-` for standard input.
    pub origin: String,
    /// The 1-based record (feed item, JSONL line, WARC record).
    pub record: Option<u64>,
    /// The byte offset where the record starts.
    pub offset: Option<u64>,
}

impl Location {
    /// A whole input.
    pub fn file(origin: &str) -> Location {
        Location { origin: origin.to_owned(), record: None, offset: None }
    }

    /// One record of an input, with the offset where it starts when known.
    pub fn record(origin: &str, record: u64, offset: Option<u64>) -> Location {
        Location { origin: origin.to_owned(), record: Some(record), offset }
    }

    /// The draft origin of this place: the path, plus `#N` for a record.
    pub fn origin_with_record(&self) -> String {
        match self.record {
            Some(n) => format!("{}#{n}", self.origin),
            None => self.origin.clone(),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.origin)?;
        if let Some(record) = self.record {
            write!(f, "#{record}")?;
        }
        if let Some(offset) = self.offset {
            write!(f, " (byte {offset})")?;
        }
        Ok(())
    }
}

/// A file or record that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be opened or read.
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    /// A command-line argument named no file, folder or glob match.
    #[error("{pattern}: {}", if *.glob { "no file matches this pattern" } else { "no such file or folder" })]
    NoMatch { pattern: String, glob: bool },
    /// A glob pattern that is not valid.
    #[error("{pattern}: invalid pattern: {reason}")]
    Pattern { pattern: String, reason: String },
    /// Reading failed part-way, e.g. a corrupt gzip stream.
    #[error("{at}: {what}: {source}")]
    Read { at: Location, what: &'static str, source: std::io::Error },
    /// A document or record larger than the configured limit; it was not read into memory.
    #[error("{at}: larger than the {} limit for one {what}", human_size(*.limit))]
    TooLarge { at: Location, what: &'static str, limit: u64 },
    /// Content that no reader understands (binary junk, an unknown text format).
    #[error("{at}: unrecognised format: {detail}")]
    Unrecognised { at: Location, detail: String },
    /// A known format this crate does not read.
    #[error("{at}: {format} format is not supported")]
    Unsupported { at: Location, format: &'static str },
    /// A file that looks like a feed but does not parse as one.
    #[error("{at}: not a feed: {reason}")]
    NotAFeed { at: Location, reason: String },
    /// A JSONL line that is not valid JSON, not an object, or has fields of the wrong type.
    #[error("{at}: invalid json: {reason}")]
    InvalidJson { at: Location, reason: String },
    /// YAML front matter that could not be read.
    #[error("{at}: invalid front matter: {reason}")]
    FrontMatter { at: Location, reason: String },
    /// A document or record without any text.
    #[error("{at}: no text{}", if .detail.is_empty() { String::new() } else { format!(" ({})", .detail) })]
    NoText { at: Location, detail: String },
    /// The HTML reader could not find an article in a page.
    #[error("{at}: {reason}")]
    Html { at: Location, reason: String },
    /// A WARC or ARC record cut short by the end of the file; `archive` is `warc` or `arc`.
    #[error("{at}: truncated {archive} record: {reason}")]
    TruncatedRecord { at: Location, archive: &'static str, reason: String },
    /// A WARC or ARC record whose header or layout is broken.
    #[error("{at}: corrupt {archive} record: {reason}")]
    CorruptRecord { at: Location, archive: &'static str, reason: String },
    /// The HTTP response inside a WARC record could not be decoded.
    #[error("{at}: bad http response: {reason}")]
    Http { at: Location, reason: String },
}

impl Error {
    /// Where the error happened, for errors about an input (not about a command-line argument).
    pub fn location(&self) -> Option<&Location> {
        match self {
            Error::Io { .. } | Error::NoMatch { .. } | Error::Pattern { .. } => None,
            Error::Read { at, .. }
            | Error::TooLarge { at, .. }
            | Error::Unrecognised { at, .. }
            | Error::Unsupported { at, .. }
            | Error::NotAFeed { at, .. }
            | Error::InvalidJson { at, .. }
            | Error::FrontMatter { at, .. }
            | Error::NoText { at, .. }
            | Error::Html { at, .. }
            | Error::TruncatedRecord { at, .. }
            | Error::CorruptRecord { at, .. }
            | Error::Http { at, .. } => Some(at),
        }
    }

    /// The message without the leading location, for grouping rejections by reason in a summary.
    pub fn reason(&self) -> String {
        let full = self.to_string();
        let prefix = match self {
            Error::Io { path, .. } => path.display().to_string(),
            Error::NoMatch { pattern, .. } | Error::Pattern { pattern, .. } => pattern.clone(),
            _ => self.location().map(ToString::to_string).unwrap_or_default(),
        };
        full.strip_prefix(&prefix).and_then(|rest| rest.strip_prefix(": ")).unwrap_or(&full).to_owned()
    }
}

/// `Result` with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// `64 MiB`, `512 KiB` or `1000 bytes`: limits as people set them.
pub fn human_size(bytes: u64) -> String {
    const KIB: u64 = 1 << 10;
    const MIB: u64 = 1 << 20;
    const GIB: u64 = 1 << 30;
    match bytes {
        b if b >= GIB && b % GIB == 0 => format!("{} GiB", b / GIB),
        b if b >= MIB && b % MIB == 0 => format!("{} MiB", b / MIB),
        b if b >= KIB && b % KIB == 0 => format!("{} KiB", b / KIB),
        b => format!("{b} bytes"),
    }
}
