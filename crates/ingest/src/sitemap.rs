//! Sitemaps (sitemaps.org 0.9) and Google News sitemaps: the pages a site lists, with what the
//! sitemap says of each (title, publication date, last modification).
//!
//! Why: many newsrooms publish no feed, or a feed of headlines only, but keep a news sitemap of
//! the last two days' articles; a following server (`dossier serve --follow URL`) reads it and
//! fetches the pages it has not seen.
//!
//! How: the document is small, flat XML written by machines; each `<url>` element's `<loc>`,
//! `<lastmod>`, `<news:title>` and `<news:publication_date>` are taken by pattern, XML entities
//! and CDATA undone. A `<sitemapindex>` lists further sitemaps (`<sitemap><loc>`).
//!
//! Example: `<urlset><url><loc>https://example.org/a?x=1&amp;y=2</loc><news:news>
//! <news:publication_date>2025-04-28</news:publication_date><news:title>Talks resume
//! </news:title></news:news></url></urlset>` gives one entry for `https://example.org/a?x=1&y=2`.
//!
//! Known limits: namespace prefixes other than `news:` are not recognised for the news fields;
//! image and video extensions are ignored.

use regex::Regex;
use std::sync::OnceLock;

/// One page a sitemap lists.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    /// The page's URL.
    pub loc: String,
    /// `<news:title>`, when given.
    pub title: Option<String>,
    /// `<news:publication_date>`, else `<lastmod>`, as written.
    pub published: Option<String>,
}

/// What a sitemap document holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sitemap {
    /// Pages (`<urlset>`), in document order.
    Pages(Vec<Entry>),
    /// Further sitemaps (`<sitemapindex>`), in document order.
    Index(Vec<String>),
}

/// Whether `head` (the first bytes of a response) is a sitemap or a sitemap index.
pub fn is_sitemap(head: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&head[..head.len().min(4096)]).to_ascii_lowercase();
    head.contains("<urlset") || head.contains("<sitemapindex")
}

/// Reads a sitemap; `None` when the text is neither a `<urlset>` nor a `<sitemapindex>`.
pub fn read_sitemap(text: &str) -> Option<Sitemap> {
    static PATTERNS: OnceLock<[Regex; 6]> = OnceLock::new();
    let [url, sitemap, loc, lastmod, title, date] = PATTERNS.get_or_init(|| {
        let element =
            |name: &str| Regex::new(&format!(r"(?is)<{name}\b[^>]*>(.*?)</{name}\s*>")).expect("a valid pattern");
        [
            element("url"),
            element("sitemap"),
            element("loc"),
            element("lastmod"),
            element("news:title"),
            element("news:publication_date"),
        ]
    });
    let lower = text[..text.len().min(4096)].to_ascii_lowercase();
    let field = |re: &Regex, block: &str| re.captures(block).map(|c| unescape(c[1].trim())).filter(|v| !v.is_empty());
    if lower.contains("<sitemapindex") {
        return Some(Sitemap::Index(sitemap.captures_iter(text).filter_map(|c| field(loc, &c[1])).collect()));
    }
    if !lower.contains("<urlset") {
        return None;
    }
    let pages = url
        .captures_iter(text)
        .filter_map(|c| {
            let block = &c[1];
            Some(Entry {
                loc: field(loc, block)?,
                title: field(title, block),
                published: field(date, block).or_else(|| field(lastmod, block)),
            })
        })
        .collect();
    Some(Sitemap::Pages(pages))
}

/// Undoes CDATA sections and the XML entities (predefined and numeric).
fn unescape(text: &str) -> String {
    let text = text.strip_prefix("<![CDATA[").and_then(|t| t.strip_suffix("]]>")).unwrap_or(text);
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let Some(end) = tail.find(';').filter(|&e| e <= 10) else {
            out.push('&');
            rest = &tail[1..];
            continue;
        };
        let name = &tail[1..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .map(|h| u32::from_str_radix(h, 16))
                .or_else(|| name.strip_prefix('#').map(str::parse))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &tail[end + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_sitemap_entries_carry_title_and_date() {
        let text = r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://example.org/a?x=1&amp;y=2</loc>
    <news:news><news:publication>Example</news:publication>
      <news:publication_date>2025-04-28T10:00:00Z</news:publication_date>
      <news:title><![CDATA[Talks resume in Geneva]]></news:title></news:news></url>
  <url><loc> https://example.org/b </loc><lastmod>2025-04-27</lastmod></url>
  <url><lastmod>2025-04-27</lastmod></url>
</urlset>"#;
        assert!(is_sitemap(text.as_bytes()));
        let Some(Sitemap::Pages(pages)) = read_sitemap(text) else { panic!("pages") };
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].loc, "https://example.org/a?x=1&y=2");
        assert_eq!(pages[0].title.as_deref(), Some("Talks resume in Geneva"));
        assert_eq!(pages[0].published.as_deref(), Some("2025-04-28T10:00:00Z"));
        assert_eq!(
            (pages[1].loc.as_str(), pages[1].published.as_deref()),
            ("https://example.org/b", Some("2025-04-27"))
        );
    }

    #[test]
    fn an_index_lists_sitemaps_and_other_xml_is_none() {
        let index = "<sitemapindex><sitemap><loc>https://example.org/news.xml</loc></sitemap></sitemapindex>";
        assert_eq!(read_sitemap(index), Some(Sitemap::Index(vec!["https://example.org/news.xml".into()])));
        assert_eq!(read_sitemap("<rss><channel></channel></rss>"), None);
        assert!(!is_sitemap(b"<rss version=\"2.0\">"));
        assert_eq!(unescape("a &#38; b &#x41; &bogus; &"), "a & b A &bogus; &");
    }
}
