//! HTML pages: the main text with boilerplate removed, and the metadata a page states about itself.
//!
//! The bytes are decoded by [`crate::charset::decode`] (BOM, HTTP charset, `<meta charset>`,
//! sniffing), the metadata read from the head and JSON-LD (`meta`), and the main text found by
//! combining two extractors and cleaning their output (`main_text`), then flattened to paragraphs
//! separated by blank lines (`blocks`).
//!
//! Why: most news reaches Dossier as HTML, where the article is a tenth of the page; everything
//! else — menus, teasers, share bars, comments — would otherwise become claims and entities.
//!
//! Example: `read_html(page, None, Some("https://example.com/a"), "a.html")` on a news page gives a
//! draft with `title` from `og:title`, `published` from `article:published_time`, `source` from
//! `og:site_name` (or `example.com`), and the article's paragraphs as `body`.
//!
//! Known limits: pages that need JavaScript to show their text come out empty ("no main text
//! found"); a body is never split into several articles (live blogs, forum threads read as one);
//! the headline is the page's own (`og:title`), which can differ from the visible `<h1>`.

mod blocks;
mod main_text;
mod meta;

use model::{Draft, Format};
use scraper::Html;

/// Reads an HTML page. `charset_hint` is the charset from an HTTP `Content-Type` header when one
/// is known (a WARC record), `url_hint` the URL the page was fetched from.
pub fn read_html(
    bytes: &[u8],
    charset_hint: Option<&str>,
    url_hint: Option<&str>,
    origin: &str,
) -> Result<Draft, String> {
    let html = crate::charset::decode(bytes, charset_hint);
    let base = url_hint.and_then(|u| url::Url::parse(u).ok());
    let meta = meta::read(&Html::parse_document(&html), base.as_ref());

    let body_blocks = main_text::extract(&html, base.as_ref(), &title_candidates(&meta));
    let body = body_blocks.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n\n");
    if body.trim().is_empty() {
        return Err("no main text found".into());
    }

    let url = meta.url.or_else(|| base.as_ref().map(url::Url::to_string));
    let source = meta.site_name.or_else(|| url.as_deref().and_then(meta::host));
    let title = meta.title.map(|t| without_site_suffix(&t, source.as_deref()));
    Ok(Draft {
        title,
        body,
        published: meta.published.as_deref().and_then(crate::dates::parse_published),
        source,
        url,
        language: meta.language,
        author: meta.author,
        ..Draft::new(Format::Html, origin)
    })
}

/// Drops a trailing " - Site" or " | Site" from a headline when it names the publisher.
fn without_site_suffix(title: &str, site: Option<&str>) -> String {
    let Some(site) = site.map(str::trim).filter(|s| !s.is_empty()) else { return title.to_string() };
    for separator in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        if let Some((head, tail)) = title.rsplit_once(separator)
            && tail.trim().eq_ignore_ascii_case(site)
            && !head.trim().is_empty()
        {
            return head.trim().to_string();
        }
    }
    title.to_string()
}

/// The headline as the page states it in several places, and the parts of a `<title>` such as
/// "Headline | Site" or "Headline - Site": a body starting with any of them repeats the title.
fn title_candidates(meta: &meta::Meta) -> Vec<String> {
    let mut out: Vec<String> = meta.title.iter().chain(meta.page_title.iter()).cloned().collect();
    if let Some(page_title) = &meta.page_title {
        for separator in [" | ", " - ", " – ", " — ", " :: ", " · "] {
            out.extend(page_title.split(separator).map(str::trim).filter(|p| p.len() > 10).map(str::to_string));
        }
    }
    out
}

#[cfg(test)]
mod tests;
