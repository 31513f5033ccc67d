//! Page metadata: headline, publication time, publisher, canonical URL, language and byline, from
//! the places publishers put them — `<title>`, Open Graph and `article:*` meta tags, Twitter
//! cards, Dublin Core and other author/date meta tags, schema.org JSON-LD (an `Article` or
//! `NewsArticle` node, also inside `@graph` or an array, with `@id` references resolved),
//! `itemprop` microdata, `<link rel="canonical">` and `<html lang>`.
//!
//! Why: the ledger keys claims by source and time; a publication date and publisher read from the
//! page are far more reliable than anything guessed from the text.
//!
//! Example: `<meta property="og:site_name" content="Example News">` gives the source
//! "Example News"; `{"@type":"NewsArticle","datePublished":"2025-04-28T09:00:00Z"}` the date.
//!
//! Known limits: when sources disagree the first in a fixed order wins (Open Graph and JSON-LD
//! before generic meta tags); no date is guessed from the URL or the visible text; an author given
//! only as a profile URL is left out.

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::LazyLock;

/// What the head and markup of a page say about it.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Meta {
    pub title: Option<String>,
    /// The `<title>` element as written (often "Headline | Site"), to recognise a repeated
    /// headline in the body.
    pub page_title: Option<String>,
    pub description: Option<String>,
    pub published: Option<String>,
    pub site_name: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    pub author: Option<String>,
}

static SELECTORS: LazyLock<Selectors> = LazyLock::new(Selectors::new);

struct Selectors {
    meta: Selector,
    title: Selector,
    canonical: Selector,
    json_ld: Selector,
    itemprop: Selector,
    time: Selector,
    html: Selector,
}

impl Selectors {
    fn new() -> Selectors {
        // The selectors are constants; a typo is caught by the tests on first use.
        let parse = |s: &str| Selector::parse(s).unwrap_or_else(|_| panic!("bad static selector {s}"));
        Selectors {
            meta: parse("meta"),
            title: parse("title"),
            canonical: parse("link[rel~=canonical], link[rel~=Canonical]"),
            json_ld: parse("script[type=\"application/ld+json\"], script[type=\"application/ld+json; charset=utf-8\"]"),
            itemprop: parse("[itemprop]"),
            time: parse("time[datetime]"),
            html: parse("html"),
        }
    }
}

/// Reads the metadata of a parsed page. `base` resolves a relative canonical link.
pub(crate) fn read(doc: &Html, base: Option<&url::Url>) -> Meta {
    let s = &*SELECTORS;
    let tags = meta_tags(doc);
    let ld = json_ld(doc);
    let tag = |names: &[&str]| names.iter().find_map(|n| tags.get(*n).cloned());
    let itemprop = |name: &str| {
        doc.select(&s.itemprop)
            .find(|e| e.value().attr("itemprop").is_some_and(|p| p.split_whitespace().any(|p| p == name)))
    };

    let page_title = doc.select(&s.title).next().map(text_of).filter(|t| !t.is_empty());
    let title = tag(&["og:title", "twitter:title"])
        .or_else(|| ld.as_ref().and_then(|a| string(a.get("headline")?)))
        .or_else(|| tag(&["dc.title", "title", "headline"]))
        .or_else(|| page_title.clone());

    let published = ld
        .as_ref()
        .and_then(|a| string(a.get("datePublished")?))
        .into_iter()
        .chain(tag(&[
            "article:published_time",
            "og:article:published_time",
            "datepublished",
            "publishdate",
            "publish-date",
            "pubdate",
            "date",
            "dc.date.issued",
            "dc.date",
            "dcterms.created",
            "sailthru.date",
            "parsely-pub-date",
            "article.published",
            "published-date",
            "release_date",
        ]))
        .chain(
            itemprop("datePublished")
                .and_then(|e| e.value().attr("datetime").or(e.value().attr("content")).map(str::to_string)),
        )
        .chain(
            doc.select(&s.time)
                .find(|e| e.value().attr("pubdate").is_some())
                .and_then(|e| e.value().attr("datetime").map(str::to_string)),
        )
        .find(|raw| crate::dates::parse_published(raw).is_some());

    let site_name = tag(&["og:site_name", "application-name", "twitter:site"])
        .filter(|name| !name.starts_with('@'))
        .or_else(|| ld.as_ref().and_then(|a| name_of(a.get("publisher")?)));

    let canonical = doc
        .select(&s.canonical)
        .find_map(|e| e.value().attr("href"))
        .and_then(|href| absolute(href, base))
        .or_else(|| tag(&["og:url"]).and_then(|u| absolute(&u, base)))
        .or_else(|| ld.as_ref().and_then(|a| string(a.get("url")?)).and_then(|u| absolute(&u, base)));

    let language = doc
        .select(&s.html)
        .next()
        .and_then(|h| h.value().attr("lang").or(h.value().attr("xml:lang")))
        .map(str::to_string)
        .or_else(|| tag(&["content-language", "language", "dc.language"]))
        .or_else(|| ld.as_ref().and_then(|a| string(a.get("inLanguage")?)))
        .or_else(|| tag(&["og:locale"]))
        .and_then(|code| language_code(&code));

    let author = ld
        .as_ref()
        .and_then(|a| names(a.get("author")?))
        .or_else(|| {
            tag(&[
                "author",
                "article:author",
                "dc.creator",
                "byl",
                "parsely-author",
                "sailthru.author",
                "twitter:creator",
            ])
        })
        .or_else(|| itemprop("author").map(text_of))
        .and_then(|a| byline(&a));

    let description = tag(&["og:description", "description", "twitter:description"]);

    Meta { title, page_title, description, published, site_name, url: canonical, language, author }
}

/// The `content` of `<meta name|property|itemprop|http-equiv=… content=…>`, by lower-cased key;
/// the first of each key wins.
fn meta_tags(doc: &Html) -> HashMap<String, String> {
    let mut tags = HashMap::new();
    for element in doc.select(&SELECTORS.meta) {
        let e = element.value();
        let Some(content) = e.attr("content").map(clean).filter(|c| !c.is_empty()) else { continue };
        for key in ["property", "name", "itemprop", "http-equiv"].iter().filter_map(|a| e.attr(a)) {
            tags.entry(key.trim().to_ascii_lowercase()).or_insert_with(|| content.clone());
        }
    }
    tags
}

/// The JSON-LD node that describes the article: the first node typed as an article, else the
/// first `WebPage`. Its `author` and `publisher` references (`{"@id": …}`) are resolved against
/// the other nodes of the page.
fn json_ld(doc: &Html) -> Option<Value> {
    let mut nodes = Vec::new();
    for script in doc.select(&SELECTORS.json_ld) {
        let raw: String = script.text().collect();
        // Some pages wrap the JSON in a CDATA section or leave a trailing semicolon.
        let raw = raw.trim().trim_start_matches("//<![CDATA[").trim_end_matches("//]]>").trim().trim_end_matches(';');
        if let Ok(value) = serde_json::from_str::<Value>(raw) {
            flatten(value, &mut nodes, 0);
        }
    }
    let by_id: HashMap<String, Value> =
        nodes.iter().filter_map(|n| Some((n.get("@id")?.as_str()?.to_string(), n.clone()))).collect();
    let article = nodes
        .iter()
        .find(|n| has_type(n, is_article_type))
        .or_else(|| nodes.iter().find(|n| has_type(n, |t| t.ends_with("WebPage"))))?;
    let mut article = article.clone();
    for field in ["author", "publisher"] {
        if let Some(value) = article.get_mut(field) {
            resolve(value, &by_id);
        }
    }
    Some(article)
}

/// Collects every object of a JSON-LD value: arrays and `@graph` are opened, nesting is bounded.
fn flatten(value: Value, out: &mut Vec<Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match value {
        Value::Array(items) => items.into_iter().for_each(|v| flatten(v, out, depth + 1)),
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                flatten(graph, out, depth + 1);
            }
            out.push(Value::Object(map));
        }
        _ => {}
    }
}

fn is_article_type(t: &str) -> bool {
    t.ends_with("Article") || matches!(t, "BlogPosting" | "Report" | "LiveBlogPosting" | "SocialMediaPosting")
}

fn has_type(node: &Value, test: impl Fn(&str) -> bool) -> bool {
    let strip = |t: &str| t.rsplit(['/', ':']).next().unwrap_or(t).to_string();
    match node.get("@type") {
        Some(Value::String(t)) => test(&strip(t)),
        Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).any(|t| test(&strip(t))),
        _ => false,
    }
}

fn resolve(value: &mut Value, by_id: &HashMap<String, Value>) {
    match value {
        Value::Array(items) => items.iter_mut().for_each(|v| resolve(v, by_id)),
        Value::Object(map) if !map.contains_key("name") => {
            if let Some(target) = map.get("@id").and_then(Value::as_str).and_then(|id| by_id.get(id)) {
                *value = target.clone();
            }
        }
        _ => {}
    }
}

/// A plain string field (or the first string of an array of them).
fn string(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(clean(s)).filter(|s| !s.is_empty()),
        Value::Array(items) => items.iter().find_map(string),
        Value::Object(map) => map.get("@value").or(map.get("@id")).and_then(string),
        _ => None,
    }
}

/// The `name` of an organisation or person given as a string or an object.
fn name_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(clean(s)).filter(|s| !s.is_empty() && !s.starts_with("http")),
        Value::Object(map) => map.get("name").and_then(string),
        Value::Array(items) => items.iter().find_map(name_of),
        _ => None,
    }
}

/// All names of one or several authors, joined with ", ".
fn names(value: &Value) -> Option<String> {
    let all: Vec<String> = match value {
        Value::Array(items) => items.iter().filter_map(name_of).collect(),
        other => name_of(other).into_iter().collect(),
    };
    let mut unique: Vec<String> = Vec::new();
    for name in all {
        if !unique.contains(&name) {
            unique.push(name);
        }
    }
    (!unique.is_empty()).then(|| unique.join(", "))
}

/// Tidies a byline: drops a leading "By", and URLs or handles that are not names.
fn byline(raw: &str) -> Option<String> {
    let text = clean(raw);
    let lower = text.to_lowercase();
    let text = match text.get(3..) {
        Some(rest) if lower.starts_with("by ") => rest.trim().to_string(),
        _ => text,
    };
    let looks_like_name = !text.is_empty()
        && !text.starts_with("http")
        && !text.starts_with('@')
        && !text.contains("://")
        && text.chars().count() <= 200;
    looks_like_name.then_some(text)
}

/// A BCP 47 code from a language attribute or locale: `en_US` → `en-US`, `EN` → `en`.
fn language_code(raw: &str) -> Option<String> {
    let raw = raw.split([',', ';']).next()?.trim().replace('_', "-");
    let mut parts = raw.split('-');
    let primary = parts.next()?.to_ascii_lowercase();
    if !(2..=3).contains(&primary.len()) || !primary.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let rest: Vec<String> = parts
        .filter(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
        .map(|p| if p.len() == 2 { p.to_ascii_uppercase() } else { p.to_string() })
        .collect();
    Some(std::iter::once(primary).chain(rest).collect::<Vec<_>>().join("-"))
}

/// An absolute http(s) URL, resolving `href` against `base` when it is relative.
fn absolute(href: &str, base: Option<&url::Url>) -> Option<String> {
    let href = href.trim();
    let parsed = match url::Url::parse(href) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(href).ok()?,
        Err(_) => return None,
    };
    matches!(parsed.scheme(), "http" | "https").then(|| parsed.to_string())
}

/// The host of a URL without a leading `www.`, as a last-resort source name.
pub(crate) fn host(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    let host = parsed.host_str()?;
    Some(host.strip_prefix("www.").unwrap_or(host).to_string())
}

fn text_of(element: ElementRef<'_>) -> String {
    clean(&element.text().collect::<String>())
}

/// Collapses whitespace.
pub(crate) fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes_are_normalised() {
        assert_eq!(language_code("en_us"), Some("en-US".into()));
        assert_eq!(language_code("PT-br"), Some("pt-BR".into()));
        assert_eq!(language_code("x"), None);
    }

    #[test]
    fn bylines_are_tidied() {
        assert_eq!(byline("By  Jane Roe"), Some("Jane Roe".into()));
        assert_eq!(byline("https://example.com/staff/jane"), None);
    }

    #[test]
    fn author_references_resolve_in_a_graph() {
        let page = r##"<script type="application/ld+json">{"@graph":[
            {"@type":"Person","@id":"#p1","name":"Jane Roe"},
            {"@type":["NewsArticle"],"headline":"H","author":[{"@id":"#p1"}],
             "publisher":{"@type":"Organization","name":"Daily Example"}}]}</script>"##;
        let meta = read(&Html::parse_document(page), None);
        assert_eq!(meta.author.as_deref(), Some("Jane Roe"));
        assert_eq!(meta.site_name.as_deref(), Some("Daily Example"));
        assert_eq!(meta.title.as_deref(), Some("H"));
    }
}
