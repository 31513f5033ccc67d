//! Text and Markdown: front matter, first-line titles, Markdown stripped to prose, Latin-1 and
//! gzip inputs.

use super::{documents, outline, read_bytes, read_fixture};
use model::Format;

#[test]
fn markdown_with_front_matter() {
    let events = read_fixture("text/front-matter.md");
    let docs = documents(&events);
    assert_eq!(docs.len(), 1, "{:?}", outline(&events));
    let doc = docs[0];
    assert_eq!(doc.format, Format::Markdown);
    assert_eq!(doc.title.as_deref(), Some("Troops seen near the border"));
    assert_eq!(doc.source.as_deref(), Some("Example Wire"));
    assert_eq!(doc.url.as_deref(), Some("https://wire.example/troops"));
    assert_eq!(doc.language.as_deref(), Some("en"));
    assert_eq!(doc.author.as_deref(), Some("Ann O'Writer"));
    assert_eq!(doc.published.map(|d| d.to_rfc3339()).as_deref(), Some("2025-04-28T10:00:00+00:00"));
    assert_eq!(
        doc.body,
        "Officials said on Monday that troops had been seen.\n\n\
         first point\n\nsecond point\n\n\
         A quoted paragraph\nover two lines.\n\n\
         Last paragraph with inline code and a https://wire.example/ link."
    );
}

#[test]
fn plain_text_title_is_the_first_line() {
    let docs_events = read_fixture("text/note.txt");
    let doc = documents(&docs_events)[0];
    assert_eq!(doc.format, Format::Text);
    assert_eq!(doc.title.as_deref(), Some("Headline of a plain note"));
    assert_eq!(doc.body.trim(), "First paragraph\nwrapped here.\n\nSecond paragraph.");
}

#[test]
fn latin1_text_is_decoded() {
    let events = read_fixture("text/latin1.txt");
    let doc = documents(&events)[0];
    assert_eq!(doc.title.as_deref(), Some("Café owners protest"));
    assert!(doc.body.contains("The café owners of the «old town» met"), "{}", doc.body);
}

#[test]
fn gzip_text_is_decompressed() {
    let events = read_fixture("text/compressed.txt.gz");
    let doc = documents(&events)[0];
    assert_eq!(doc.title.as_deref(), Some("Compressed headline"));
    assert_eq!(doc.body.trim(), "A body that was gzipped.");
    assert!(doc.origin.ends_with("text/compressed.txt.gz"));
}

#[test]
fn markdown_heading_is_the_title_without_front_matter() {
    let events = read_bytes("n.md", b"# Big *news*\n\nSome [text][1] here.\n\n[1]: https://x.example/\n");
    let doc = documents(&events)[0];
    assert_eq!(doc.title.as_deref(), Some("Big news"));
    assert_eq!(doc.body.trim(), "Some text here.");
}

#[test]
fn invalid_front_matter_is_rejected_with_the_reason() {
    let events = read_bytes("bad.md", b"---\ntitle: \"unterminated\n---\nBody\n");
    assert_eq!(outline(&events), ["rejected bad.md: invalid front matter: line 1: unterminated double-quoted value"]);
    let events = read_bytes("open.md", b"---\ntitle: x\nBody without a closing line\n");
    assert_eq!(outline(&events), ["rejected open.md: invalid front matter: no closing `---` line"]);
}

#[test]
fn empty_file_is_rejected() {
    assert_eq!(outline(&read_bytes("empty.txt", b"")), ["rejected empty.txt: no text (the file is empty)"]);
    assert_eq!(outline(&read_bytes("blank.txt", b"\n\n  \n")), ["rejected blank.txt: no text (the file is empty)"]);
}

#[test]
fn oversized_documents_are_refused() {
    let config = ingest::Config { max_document_bytes: 1024, ..ingest::Config::default() };
    let big = "word ".repeat(1000);
    let events = super::read_bytes_with("big.txt", big.as_bytes(), &config);
    assert_eq!(outline(&events), ["rejected big.txt: larger than the 1 KiB limit for one document"]);
}

#[test]
fn gzip_bombs_are_refused_after_decompression() {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(&vec![b'a'; 4 << 20]).unwrap();
    let bomb = encoder.finish().unwrap();
    assert!(bomb.len() < 64 << 10);
    let config = ingest::Config { max_document_bytes: 1 << 20, ..ingest::Config::default() };
    let events = super::read_bytes_with("bomb.txt.gz", &bomb, &config);
    assert_eq!(outline(&events), ["rejected bomb.txt.gz: larger than the 1 MiB limit for one document"]);
}
