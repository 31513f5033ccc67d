//! Tests of the HTML reader on small pages written for them (`tests/fixtures/html/`): an article
//! among boilerplate, a Windows-1252 page, a page with a BOM, JSON-LD and Open Graph metadata, a
//! page without text, and a property test that no input makes the reader panic.

use super::read_html;
use proptest::prelude::*;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/html/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read(name: &str, url: Option<&str>) -> model::Draft {
    read_html(&fixture(name), None, url, name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn article_is_kept_and_boilerplate_dropped() {
    let draft = read("article_with_boilerplate.html", None);
    let paragraphs: Vec<&str> = draft.body.split("\n\n").collect();
    assert_eq!(paragraphs.len(), 4, "{}", draft.body);
    assert!(paragraphs[0].starts_with("The harbour authority of Port Elmwood"));
    assert!(paragraphs[3].ends_with("promised no date."));
    for noise in [
        "cookies",
        "Advertisement",
        "Related:",
        "Share on",
        "newsletter",
        "cycle lanes",
        "comments",
        "falling apart",
        "rights reserved",
        "Sport",
    ] {
        assert!(!draft.body.contains(noise), "{noise:?} in body:\n{}", draft.body);
    }
}

#[test]
fn open_graph_and_article_meta() {
    let draft = read("article_with_boilerplate.html", Some("https://courier.example/news/breakwater-repairs?utm=x"));
    assert_eq!(draft.title.as_deref(), Some("Breakwater to close for six weeks of repairs"));
    assert_eq!(draft.source.as_deref(), Some("The Elmwood Courier"));
    assert_eq!(draft.url.as_deref(), Some("https://courier.example/news/breakwater-repairs"));
    assert_eq!(draft.language.as_deref(), Some("en-GB"));
    assert_eq!(draft.author.as_deref(), Some("Jonas Berg"));
    assert_eq!(draft.published.map(|d| d.to_rfc3339()).as_deref(), Some("2025-03-04T09:30:00+01:00"));
    assert_eq!(draft.format, model::Format::Html);
    assert_eq!(draft.origin, "article_with_boilerplate.html");
}

#[test]
fn body_does_not_repeat_the_title() {
    let draft = read("article_with_boilerplate.html", None);
    assert!(!draft.body.contains("Breakwater to close"), "{}", draft.body);
    let draft = read("windows_1252.html", None);
    assert!(draft.body.starts_with("Owners of cafés"), "{}", draft.body);
}

#[test]
fn windows_1252_page_with_meta_charset() {
    let draft = read("windows_1252.html", None);
    assert_eq!(draft.title.as_deref(), Some("Café owners protest the new terrace tax"));
    assert!(draft.body.contains("Quai des Écluses"));
    assert!(draft.body.contains("“We are not opposed to paying our share,” said Hélène Dufrêne"));
}

#[test]
fn bom_overrides_a_wrong_meta_charset() {
    let draft = read("utf8_bom.html", Some("https://www.transit.example/news/1"));
    assert!(draft.body.starts_with("Trams in Zürich"), "{}", draft.body);
    assert!(draft.body.contains("Üetliberg"));
    // No site name anywhere on the page: the host stands in for the source.
    assert_eq!(draft.source.as_deref(), Some("transit.example"));
}

#[test]
fn json_ld_news_article_in_a_graph() {
    let draft = read("json_ld_news_article.html", None);
    assert_eq!(draft.title.as_deref(), Some("Drought cuts the wheat harvest by a fifth"));
    assert_eq!(draft.author.as_deref(), Some("Ana Kowalczyk, Tomas Reyes"));
    assert_eq!(draft.source.as_deref(), Some("Plains Farm Journal"));
    assert_eq!(draft.url.as_deref(), Some("https://plains.example/2024/08/drought-wheat"));
    assert_eq!(draft.language.as_deref(), Some("en-US"));
    assert_eq!(draft.published.map(|d| d.to_rfc3339()).as_deref(), Some("2024-08-19T06:00:00+00:00"));
    assert_eq!(draft.body.split("\n\n").count(), 3);
}

#[test]
fn site_name_suffix_is_dropped_from_the_title() {
    assert_eq!(
        super::without_site_suffix("Storm closes port - Elmwood Courier", Some("Elmwood Courier")),
        "Storm closes port"
    );
    assert_eq!(super::without_site_suffix("Q&A - Part two", Some("Elmwood Courier")), "Q&A - Part two");
}

#[test]
fn page_without_text_is_an_error() {
    let got = read_html(&fixture("no_text.html"), None, None, "x").map(|d| d.body);
    assert_eq!(got, Err("no main text found".to_string()));
    assert!(read_html(b"", None, None, "x").is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = read_html(&bytes, None, None, "fuzz");
        let _ = read_html(&bytes, Some("utf-16"), Some("not a url"), "fuzz");
    }

    #[test]
    fn never_panics_on_text_in_tags(
        text in "\\PC{0,400}",
        tag in prop::sample::select(vec!["p", "div", "article", "h1", "li", "td", "script", "title", "a", "table"]),
    ) {
        let page = format!(
            "<html><head><title>{text}</title><meta property=\"og:title\" content=\"{text}\">\
             <script type=\"application/ld+json\">{text}</script></head>\
             <body><{tag}>{text}</{tag}><article><p>{text}</p><p>{text} {text}</p></article></body></html>"
        );
        let _ = read_html(page.as_bytes(), None, Some("https://example.com/a"), "fuzz");
    }
}
