//! Integration tests of the readers, one module per format, on fixtures written for these tests
//! (no third-party text) and on WARC files built in the test.

mod dates;
mod expand;
mod feed;
mod fuzz;
mod jsonl;
mod plain;
mod sniff;
mod warc;

use ingest::{Config, Event, Input};
use model::Draft;
use std::path::PathBuf;

/// The path of a fixture file.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Every event of reading a fixture file.
pub fn read_fixture(name: &str) -> Vec<Event> {
    read_input(&Input::Path(fixture(name)), &Config::default())
}

pub fn read_input(input: &Input, config: &Config) -> Vec<Event> {
    let mut events = Vec::new();
    ingest::read(input, config, &mut |e| events.push(e));
    events
}

/// Every event of reading `bytes` as a file named `name`.
pub fn read_bytes(name: &str, bytes: &[u8]) -> Vec<Event> {
    read_bytes_with(name, bytes, &Config::default())
}

pub fn read_bytes_with(name: &str, bytes: &[u8], config: &Config) -> Vec<Event> {
    let mut events = Vec::new();
    ingest::read_bytes(name, bytes, config, &mut |e| events.push(e));
    events
}

/// The drafts among `events`.
pub fn documents(events: &[Event]) -> Vec<&Draft> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Document(d) => Some(d),
            _ => None,
        })
        .collect()
}

/// One line per event, paths made relative to the fixture folder: `document ORIGIN`,
/// `rejected MESSAGE`, `skipped ORIGIN: KIND`.
pub fn outline(events: &[Event]) -> Vec<String> {
    let root = format!("{}/", PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").display());
    events
        .iter()
        .map(|e| match e {
            Event::Document(d) => format!("document {}", d.origin),
            Event::Rejected(error) => format!("rejected {error}"),
            Event::Skipped { origin, kind } => format!("skipped {origin}: {kind}"),
        })
        .map(|line| line.replace(&root, ""))
        .collect()
}
