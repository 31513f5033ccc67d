//! `read_bytes` never panics, whatever follows each format's signature (plain and gzip).

use ingest::Config;
use proptest::prelude::*;
use std::io::Write;

const PREFIXES: [(&str, &[u8]); 10] = [
    ("x.txt", b""),
    ("x.md", b"---\ntitle: x\n"),
    ("x.xml", b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><description>"),
    ("x.rdf", b"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><item>"),
    ("x.atom", b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content type=\"html\">"),
    ("x.jsonl", b"{\"text\": \"a\"}\n{"),
    ("x.warc", b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\nHTTP/1.1 200 OK\r\n"),
    ("x.arc", b"filedesc://x 0.0.0.0 20250101000000 text/plain 0\n\nhttp://x/ 1.2.3.4 20250101000000 text/html 30\n"),
    ("x.html", b"<!DOCTYPE html><html><body><p>"),
    ("x.json", b"{\"version\": \"https://jsonfeed.org/version/1.1\",\n"),
];

fn run(name: &str, bytes: &[u8]) {
    let config = Config { max_document_bytes: 1 << 16, max_record_bytes: 1 << 12 };
    let mut count = 0;
    ingest::read_bytes(name, bytes, &config, &mut |_| count += 1);
    assert!(count > 0, "every input gives at least one event");
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn no_panic_after_any_signature(which in 0..PREFIXES.len(), tail in proptest::collection::vec(any::<u8>(), 0..600)) {
        let (name, prefix) = PREFIXES[which];
        let bytes = [prefix, &tail].concat();
        run(name, &bytes);
    }

    #[test]
    fn no_panic_after_any_signature_in_text(which in 0..PREFIXES.len(), tail in "[ -~\r\n<>&;:\"#\\-]{0,400}") {
        let (name, prefix) = PREFIXES[which];
        let bytes = [prefix, tail.as_bytes()].concat();
        run(name, &bytes);
    }

    #[test]
    fn no_panic_on_gzip(which in 0..PREFIXES.len(), tail in proptest::collection::vec(any::<u8>(), 0..300), cut in 0usize..400) {
        let (name, prefix) = PREFIXES[which];
        let mut compressed = gzip(&[prefix, &tail].concat());
        compressed.truncate(cut.max(2));
        run(&format!("{name}.gz"), &compressed);
    }

    #[test]
    fn no_panic_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        run("x", &bytes);
        run("x.txt", &bytes);
    }

    #[test]
    fn no_panic_on_well_formed_warc_with_arbitrary_payload(payload in proptest::collection::vec(any::<u8>(), 0..300), chunked in any::<bool>()) {
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n".to_vec();
        if chunked {
            block.extend_from_slice(b"Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n");
        }
        block.extend_from_slice(b"\r\n");
        block.extend_from_slice(&payload);
        let mut record = format!("WARC/1.1\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: {}\r\n\r\n", block.len()).into_bytes();
        record.extend_from_slice(&block);
        run("x.warc", &record);
        run("x.warc.gz", &gzip(&record));
    }
}
