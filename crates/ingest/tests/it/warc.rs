//! WARC files built here, plain and gzip per record: a request, a chunked HTML response, a
//! non-HTML response, a corrupt record that reading recovers from, and a truncated record.

use super::{outline, read_bytes};
use ingest::Event;
use std::io::Write;

const PAGE: &str = "<!DOCTYPE html><html lang=\"en\"><head><title>Harbour reopens after the storm</title></head><body>\
<article><h1>Harbour reopens after the storm</h1>\
<p>The harbour reopened on Monday after three days of closure, the port authority said in a statement.</p>\
<p>Officials said that ferry traffic had returned to normal and that no ships had been damaged.</p>\
<p>Fishermen told reporters that the storm was the worst they had seen in a decade, and that repairs to the quay \
would take weeks.</p></article></body></html>";

fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-04-28T10:00:00Z\r\n\
         WARC-Record-ID: <urn:uuid:{kind}>\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn chunked(body: &str) -> Vec<u8> {
    let mut out =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    for chunk in body.as_bytes().chunks(100) {
        out.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        out.extend_from_slice(chunk);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

/// The records of the test archive, each as its own byte string.
fn records() -> Vec<Vec<u8>> {
    let http = "application/http; msgtype=response";
    let mut truncated = record("response", "http://example.com/cut", http, &chunked(PAGE));
    truncated.truncate(truncated.len() / 2);
    vec![
        record("warcinfo", "", "application/warc-fields", b"software: test\r\n"),
        record(
            "request",
            "http://example.com/",
            "application/http; msgtype=request",
            b"GET / HTTP/1.1\r\nHost: example.com\r\n\r\n",
        ),
        record("response", "http://example.com/", http, &chunked(PAGE)),
        record(
            "response",
            "http://example.com/logo.png",
            http,
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        ),
        b"this line is not a record\r\n\r\n".to_vec(),
        record("metadata", "http://example.com/", "application/warc-fields", b"via: test\r\n"),
        truncated,
    ]
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn check_events(events: &[Event], name: &str, offsets: [usize; 2]) {
    let lines = outline(events);
    assert_eq!(lines.len(), 7, "{lines:#?}");
    assert_eq!(lines[0], format!("skipped {name}#1: warc warcinfo"));
    assert_eq!(lines[1], format!("skipped {name}#2: warc request"));
    assert_eq!(lines[3], format!("skipped {name}#4: warc response (not html)"));
    assert_eq!(
        lines[4],
        format!(
            "rejected {name}#5 (byte {}): corrupt warc record: expected a `WARC/1.x` line, found \"this line is not a record\"",
            offsets[0]
        )
    );
    assert_eq!(lines[5], format!("skipped {name}#6: warc metadata"));
    assert!(
        lines[6].starts_with(&format!("rejected {name}#7 (byte {}): truncated warc record: expected ", offsets[1])),
        "{}",
        lines[6]
    );
    // The HTML reader decides whether the page is an article; the chunks must have been joined
    // for it to find the text, and the record's URL and origin come from the archive.
    match &events[2] {
        Event::Document(draft) => {
            assert_eq!(draft.format, model::Format::Warc);
            assert_eq!(draft.origin, format!("{name}#3"));
            assert_eq!(draft.url.as_deref(), Some("http://example.com/"));
            assert!(draft.body.contains("ferry traffic had returned to normal"), "{}", draft.body);
            assert!(!draft.body.contains("\r\n64\r\n"), "chunk markers left in the text");
        }
        other => panic!("expected a document from the chunked response, got {other:?}"),
    }
}

#[test]
fn plain_warc() {
    let records = records();
    let offset = |n: usize| records[..n].iter().map(Vec::len).sum::<usize>();
    let events = read_bytes("crawl.warc", &records.concat());
    check_events(&events, "crawl.warc", [offset(4), offset(6)]);
}

#[test]
fn gzip_per_record_warc() {
    let members: Vec<Vec<u8>> = records().iter().map(|r| gzip(r)).collect();
    let offset = |n: usize| members[..n].iter().map(Vec::len).sum::<usize>();
    let events = read_bytes("crawl.warc.gz", &members.concat());
    check_events(&events, "crawl.warc.gz", [offset(4), offset(6)]);
}

#[test]
fn gzip_content_encoding_inside_the_payload() {
    let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    block.extend(gzip(PAGE.as_bytes()));
    let archive = record("response", "http://example.com/gz", "application/http; msgtype=response", &block);
    let events = read_bytes("gz.warc", &archive);
    match &events[..] {
        [Event::Document(draft)] => assert!(draft.body.contains("no ships had been damaged")),
        other => panic!("expected one document, got {other:?}"),
    }
}

#[test]
fn oversized_records_are_skipped_unread() {
    let archive =
        [record("resource", "http://example.com/big", "text/plain", &[b'x'; 5000]), records()[0].clone()].concat();
    let config = ingest::Config { max_record_bytes: 1000, ..ingest::Config::default() };
    let events = super::read_bytes_with("big.warc", &archive, &config);
    assert_eq!(
        outline(&events),
        [
            "rejected big.warc#1 (byte 0): larger than the 1000 bytes limit for one record",
            "skipped big.warc#2: warc warcinfo"
        ]
    );
}

#[test]
fn arc_files_are_read() {
    let response = "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n".to_owned() + PAGE;
    let version = "1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n";
    let arc = format!(
        "filedesc://test.arc 0.0.0.0 20250428100000 text/plain {}\n{version}\n\
         http://example.com/a b 1.2.3.4 20250428100000 text/html {}\n{response}\n\
         http://example.com/x 1.2.3.4 20250428100000 text/html -1\n\n",
        version.len(),
        response.len()
    );
    let lines = outline(&read_bytes("old.arc", arc.as_bytes()));
    assert_eq!(lines[0], "skipped old.arc#1: arc filedesc");
    assert_eq!(lines[1], "document old.arc#2");
    assert!(lines[2].starts_with("rejected old.arc#3 (byte "), "{}", lines[2]);
    assert!(lines[2].ends_with("corrupt arc record: bad record length \"-1\""), "{}", lines[2]);
}
