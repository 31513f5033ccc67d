//! RSS 2.0, RSS 1.0 (RDF) and Atom: one document per item, metadata mapped, HTML stripped.

use super::{documents, outline, read_bytes, read_fixture};
use model::Format;

#[test]
fn rss2_items_become_documents() {
    let events = read_fixture("feeds/rss2.xml");
    assert_eq!(
        outline(&events),
        [
            "document feeds/rss2.xml#1",
            "document feeds/rss2.xml#2",
            "rejected feeds/rss2.xml#3: no text (the item has neither title nor content)",
        ]
    );
    let docs = documents(&events);
    let first = docs[0];
    assert_eq!(first.format, Format::Rss);
    assert_eq!(first.title.as_deref(), Some("Ministry confirms bridge repairs"));
    assert_eq!(
        first.body,
        "The ministry said on Monday that repairs would start in May.\n\nCosts & delays were not given."
    );
    assert_eq!(first.url.as_deref(), Some("https://wire.example/bridge"));
    assert_eq!(first.external_id.as_deref(), Some("wire-0001"));
    assert_eq!(first.source.as_deref(), Some("Example Wire"));
    assert_eq!(first.language.as_deref(), Some("en"));
    assert_eq!(first.published.map(|d| d.to_rfc3339()).as_deref(), Some("2025-04-28T07:30:00+00:00"));
    // A headline-only item is kept: many feeds carry nothing else.
    assert_eq!(docs[1].title.as_deref(), Some("Headline only"));
    assert_eq!(docs[1].body, "");
    assert_eq!(docs[1].external_id, None);
}

#[test]
fn rss1_rdf_items_become_documents() {
    let events = read_fixture("feeds/rss1.rdf");
    assert_eq!(outline(&events), ["document feeds/rss1.rdf#1"]);
    let doc = documents(&events)[0];
    assert_eq!(doc.format, Format::Rss);
    assert_eq!(doc.source.as_deref(), Some("RDF Daily"));
    assert_eq!(doc.body, "The council approved the budget by seven votes to two.");
    assert_eq!(doc.url.as_deref(), Some("https://rdf.example/one"));
    assert_eq!(doc.published.map(|d| d.to_rfc3339()).as_deref(), Some("2025-04-27T18:00:00+00:00"));
}

#[test]
fn atom_entries_prefer_content_and_published() {
    let events = read_fixture("feeds/atom.xml");
    let docs = documents(&events);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].format, Format::Atom);
    assert_eq!(docs[0].body, "The port reopened on Monday.\n\nOfficials said traffic was normal.");
    assert_eq!(docs[0].author.as_deref(), Some("Bo Reporter"));
    assert_eq!(docs[0].url.as_deref(), Some("https://atom.example/port"));
    assert_eq!(docs[0].external_id.as_deref(), Some("urn:example:entry:1"));
    assert_eq!(docs[0].published.map(|d| d.to_rfc3339()).as_deref(), Some("2025-04-28T11:00:00+00:00"));
    assert_eq!(docs[1].body, "Only a summary here.");
    assert_eq!(docs[1].published.map(|d| d.to_rfc3339()).as_deref(), Some("2025-04-27T07:00:00+00:00"));
}

#[test]
fn a_feed_named_txt_is_read_as_a_feed() {
    let bytes = std::fs::read(super::fixture("feeds/rss2.xml")).unwrap();
    assert_eq!(documents(&read_bytes("saved.txt", &bytes)).len(), 2);
}

#[test]
fn a_feed_that_does_not_parse_is_one_rejection() {
    let events = read_bytes(
        "broken.xml",
        b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>x</title><item><title>a</item>",
    );
    let lines = outline(&events);
    assert_eq!(lines.len(), 1);
    assert!(lines[0].starts_with("rejected broken.xml: not a feed: "), "{}", lines[0]);
}

#[test]
fn utf16_feed_is_decoded() {
    let xml = "<?xml version=\"1.0\" encoding=\"utf-16\"?><rss version=\"2.0\"><channel><title>Wide</title>\
               <item><title>Zürich vote</title><description>Voters said yes.</description></item></channel></rss>";
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend(xml.encode_utf16().flat_map(u16::to_le_bytes));
    let events = read_bytes("wide.xml", &bytes);
    let docs = documents(&events);
    assert_eq!(docs.len(), 1, "{:?}", outline(&events));
    assert_eq!(docs[0].title.as_deref(), Some("Zürich vote"));
}

#[test]
fn common_feed_faults_are_mended() {
    // `<rss>` without a version, an HTML entity, a bare ampersand, and the final `>` cut off.
    let events = read_bytes(
        "mended.xml",
        b"<rss><channel><title>AT&T News</title><item><title>Caf&eacute; opens</title></item></channel></rss",
    );
    let docs = documents(&events);
    assert_eq!(docs.len(), 1, "{:?}", outline(&events));
    assert_eq!(docs[0].title.as_deref(), Some("Café opens"));
    assert_eq!(docs[0].source.as_deref(), Some("AT&T News"));
}

#[test]
fn atom_03_is_read() {
    let events = read_bytes(
        "old.xml",
        br#"<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old</title><entry><title type="text/plain">Entry</title><summary type="text/html" mode="escaped">&lt;p&gt;Body.&lt;/p&gt;</summary></entry></feed>"#,
    );
    let docs = documents(&events);
    assert_eq!(docs.len(), 1, "{:?}", outline(&events));
    assert_eq!(docs[0].body, "Body.");
}

#[test]
fn an_empty_feed_is_skipped_not_rejected() {
    let events = read_bytes("empty.xml", br#"<rss version="2.0"><channel><title>Quiet</title></channel></rss>"#);
    assert_eq!(outline(&events), ["skipped empty.xml: empty feed"]);
}
