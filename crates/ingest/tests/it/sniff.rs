//! Format detection: content wins over the extension when it is decisive, junk is refused.

use super::{outline, read_bytes};

#[test]
fn binary_and_unknown_content_is_refused() {
    assert_eq!(
        outline(&read_bytes("x.pdf", b"%PDF-1.7 ...")),
        ["rejected x.pdf: unrecognised format: binary content (a pdf document)"]
    );
    assert_eq!(
        outline(&read_bytes("x.bin", b"\x00\x01\x02\x03junk\x00\x00")),
        ["rejected x.bin: unrecognised format: binary content"]
    );
    assert_eq!(
        outline(&read_bytes("data.csv", b"a,b\n1,2\n")),
        ["rejected data.csv: unrecognised format: text file with unknown extension .csv"]
    );
}

#[test]
fn arc_and_warc_are_recognised_by_content() {
    let events = read_bytes("archive.dat", b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n");
    assert_eq!(outline(&events), ["skipped archive.dat#1: warc warcinfo"]);
}

#[test]
fn html_goes_to_the_html_reader() {
    // Whatever the HTML reader makes of it, the result is about this file and not a panic.
    let events =
        read_bytes("page.txt", b"<!DOCTYPE html><html><head><title>T</title></head><body><p>Hi.</p></body></html>");
    assert_eq!(events.len(), 1);
    match &events[0] {
        ingest::Event::Document(draft) => assert_eq!(draft.format, model::Format::Html),
        ingest::Event::Rejected(error) => assert!(error.to_string().starts_with("page.txt: "), "{error}"),
        other => panic!("unexpected {other:?}"),
    }
}
