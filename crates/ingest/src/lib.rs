//! Readers: turn files, folders, globs and standard input into [`model::Draft`]s.
//!
//! The format is detected from content as well as extension (content wins when it is decisive);
//! gzip is recognised by its magic bytes and decompressed as a stream. Bad input never stops a
//! batch: each broken file or record becomes an [`Event::Rejected`] naming the file (and record
//! number or byte offset) and the reason, and reading goes on.
//!
//! Example:
//! ```no_run
//! let (inputs, errors) = ingest::expand(&["news/".to_owned()]);
//! for input in &inputs {
//!     ingest::read(input, &ingest::Config::default(), &mut |event| println!("{event:?}"));
//! }
//! ```
//!
//! Known limits: whole-document formats (HTML, text, feeds) are held in memory up to
//! [`Config::max_document_bytes`]; only gzip compression is recognised.

mod arc;
pub mod charset;
pub mod dates;
mod detect;
mod error;
mod expand;
mod feed;
pub mod html;
mod http;
mod jsonl;
mod layout;
mod markdown;
mod open;
mod plain;
pub mod sitemap;
mod snippet;
mod warc;

pub use error::{Error, Location, Result, human_size};
pub use expand::expand;
pub use http::charset_of;

use detect::Kind;
use model::{Draft, Format};
use open::{GZIP_MAGIC, Limited, Members, read_head, read_limited};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

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
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Input {
    /// A file on disk.
    Path(PathBuf),
    /// Standard input (`-` on the command line).
    Stdin,
}

impl Input {
    /// The name used in origins and messages: the path as given, or `-` for standard input.
    pub fn name(&self) -> String {
        match self {
            Input::Path(path) => path.display().to_string(),
            Input::Stdin => "-".to_owned(),
        }
    }
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

/// Reads one input, giving its documents, rejections and skips to `sink` in input order. Never
/// fails: a file that cannot be opened is one [`Event::Rejected`].
pub fn read(input: &Input, config: &Config, sink: &mut dyn FnMut(Event)) {
    let name = input.name();
    let stream: Box<dyn Read> = match input {
        Input::Stdin => Box::new(std::io::stdin().lock()),
        Input::Path(path) => match open_file(path, config) {
            Ok(Some(file)) => Box::new(file),
            Ok(None) => {
                let at = Location::file(&name);
                return sink(Event::Rejected(Error::TooLarge {
                    at,
                    what: "document",
                    limit: config.max_document_bytes,
                }));
            }
            Err(source) => return sink(Event::Rejected(Error::Io { path: path.clone(), source })),
        },
    };
    read_stream(&name, stream, config, sink);
}

/// Reads an input held in memory, named `name` (its extension counts for detection). For tests
/// and fuzzing; behaves exactly as [`read`] on a file with these bytes.
pub fn read_bytes(name: &str, bytes: &[u8], config: &Config, sink: &mut dyn FnMut(Event)) {
    read_stream(name, Box::new(bytes), config, sink);
}

/// Reads a response that must be a feed (RSS, RDF, Atom, JSON Feed), named `name` (its URL):
/// anything else — an HTML page where the feed was, an empty body — is one rejection saying
/// what it was, never a document. For followers of feeds.
pub fn read_feed_bytes(name: &str, bytes: &[u8], sink: &mut dyn FnMut(Event)) {
    let at = Location::file(name);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return sink(Event::Rejected(Error::NotAFeed { at, reason: "the body is empty".into() }));
    }
    match detect::detect(Some("feed"), &bytes[..bytes.len().min(detect::HEAD_BYTES)]) {
        Kind::Feed => feed::read_feed(bytes, name, &mut |item| {
            sink(match item {
                Ok(feed::Item::Document(draft)) => Event::Document(*draft),
                Ok(feed::Item::Empty) => Event::Skipped { origin: name.to_owned(), kind: "empty feed".into() },
                Err(error) => Event::Rejected(error),
            })
        }),
        other => {
            let what = match other {
                Kind::Html => "an HTML page".to_owned(),
                Kind::Jsonl => "JSON that is not a JSON Feed".to_owned(),
                Kind::Unknown(detail) => detail,
                _ => format!("{other:?}").to_lowercase(),
            };
            sink(Event::Rejected(Error::NotAFeed { at, reason: format!("the response is {what}") }));
        }
    }
}

/// Opens a file; `None` when it is too large for any reader (a plain, uncompressed file of a
/// whole-document format larger than the document limit is refused before reading it).
fn open_file(path: &Path, config: &Config) -> std::io::Result<Option<std::fs::File>> {
    let file = std::fs::File::open(path)?;
    let metadata = file.metadata()?;
    if metadata.is_dir() {
        return Err(std::io::Error::new(std::io::ErrorKind::IsADirectory, "is a folder"));
    }
    let (extension, compressed) = extension(&path.display().to_string());
    let whole_document =
        matches!(extension.as_deref(), Some("html" | "htm" | "txt" | "md" | "markdown" | "xml" | "rss" | "atom"));
    if whole_document && !compressed && metadata.len() > config.max_document_bytes {
        return Ok(None);
    }
    Ok(Some(file))
}

/// The lower-case extension that names the format, looking through a `.gz`, and whether there
/// was one.
fn extension(name: &str) -> (Option<String>, bool) {
    let file_name = name.rsplit(['/', '\\']).next().unwrap_or(name).to_ascii_lowercase();
    let (stem, compressed) = match file_name.strip_suffix(".gz").or_else(|| file_name.strip_suffix(".gzip")) {
        Some(stem) => (stem.to_owned(), true),
        None => (file_name.clone(), false),
    };
    let extension = stem.rsplit_once('.').map(|(_, e)| e.to_owned()).filter(|e| !e.is_empty());
    (extension, compressed)
}

fn read_stream(name: &str, stream: Box<dyn Read + '_>, config: &Config, sink: &mut dyn FnMut(Event)) {
    let mut raw = BufReader::with_capacity(64 << 10, stream);
    let is_gzip = match raw.fill_buf() {
        Ok(head) => head.starts_with(&GZIP_MAGIC),
        Err(source) => return sink(Event::Rejected(read_error(name, "read error", source))),
    };
    let (mut decoded, members): (Box<dyn Read + '_>, _) = if is_gzip {
        let members = Members::new(raw);
        let map = members.map();
        (Box::new(members), Some(map))
    } else {
        (Box::new(raw), None)
    };
    let what = if is_gzip { "gzip stream" } else { "read error" };
    let head = match read_head(&mut decoded, detect::HEAD_BYTES) {
        Ok(head) => head,
        Err(source) => return sink(Event::Rejected(read_error(name, what, source))),
    };
    let (extension, _) = extension(name);
    let kind = detect::detect(extension.as_deref(), &head);
    let at = Location::file(name);
    if head.is_empty() {
        return sink(Event::Rejected(Error::NoText { at, detail: "the file is empty".into() }));
    }
    let mut stream = BufReader::with_capacity(64 << 10, std::io::Cursor::new(head).chain(decoded));
    match kind {
        Kind::Warc => warc::read_warc(&mut stream, members, name, config, sink),
        Kind::Arc => arc::read_arc(&mut stream, members, name, config, sink),
        Kind::Jsonl => jsonl::read_jsonl(&mut stream, name, config, &mut |r| sink(event(r))),
        Kind::Unknown(detail) => sink(Event::Rejected(Error::Unrecognised { at, detail })),
        Kind::Text | Kind::Markdown | Kind::Html | Kind::Feed => {
            let bytes = match read_limited(&mut stream, config.max_document_bytes) {
                Ok(Limited::Complete(bytes)) => bytes,
                Ok(Limited::TooLarge) => {
                    return sink(Event::Rejected(Error::TooLarge {
                        at,
                        what: "document",
                        limit: config.max_document_bytes,
                    }));
                }
                Err(source) => return sink(Event::Rejected(read_error(name, what, source))),
            };
            match kind {
                Kind::Feed => feed::read_feed(&bytes, name, &mut |item| {
                    sink(match item {
                        Ok(feed::Item::Document(draft)) => Event::Document(*draft),
                        Ok(feed::Item::Empty) => Event::Skipped { origin: name.to_owned(), kind: "empty feed".into() },
                        Err(error) => Event::Rejected(error),
                    })
                }),
                Kind::Html => sink(match html::read_html(&bytes, None, None, name) {
                    Ok(draft) => Event::Document(draft),
                    Err(reason) => Event::Rejected(Error::Html { at, reason }),
                }),
                Kind::Markdown => sink(event(plain::read_plain(&bytes, Format::Markdown, name))),
                _ => sink(event(plain::read_plain(&bytes, Format::Text, name))),
            }
        }
    }
}

fn event(result: Result<Draft>) -> Event {
    match result {
        Ok(draft) => Event::Document(draft),
        Err(error) => Event::Rejected(error),
    }
}

fn read_error(name: &str, what: &'static str, source: std::io::Error) -> Error {
    Error::Read { at: Location::file(name), what, source }
}
