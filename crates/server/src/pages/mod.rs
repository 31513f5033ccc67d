//! The web UI: server-rendered HTML pages, one module per page, sharing the layout and the small
//! helpers here (links, dates, stance badges, pagination).
//!
//! Safety rules every page follows: text goes through `maud`, which escapes it; links to the
//! outside world are emitted only for `http`/`https` URLs ([`safe_url`]); internal links are
//! built from percent-encoded ids ([`segment`]) and serialized query strings, never by pasting
//! text into markup. No page has inline script or style (the CSP forbids both anyway).

pub mod assets;
pub mod claims;
pub mod document;
pub mod documents;
pub mod entities;
pub mod entity;
pub mod highlight;
pub mod home;
pub mod picture;
pub mod proposition;
pub mod search;
pub mod series;
pub mod sources;
pub mod stories;
pub mod timeline;

use crate::error::ApiError;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::{DOCTYPE, Markup, html};
use serde::Serialize;
use store::{ClaimRow, Count};

/// A rendered page.
pub struct Page(pub Markup);

impl IntoResponse for Page {
    fn into_response(self) -> Response {
        ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], self.0.into_string()).into_response()
    }
}

/// An error shown as a page, with the status of its code.
pub struct PageError(pub ApiError);

impl From<ApiError> for PageError {
    fn from(error: ApiError) -> PageError {
        PageError(error)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = self.0.code.status();
        let title = status.canonical_reason().unwrap_or("Error");
        let body = html! {
            h1 { (title) }
            p.error-message { (self.0.message) }
            p.muted { "Error code: " code { (self.0.code.as_str()) } }
            p { a href="/" { "Back to the overview" } }
        };
        (status, Page(layout(title, "", body))).into_response()
    }
}

/// The page frame: header with navigation and search box, then `body`.
pub fn layout(title: &str, active: &str, body: Markup) -> Markup {
    let nav = [
        ("/", "Overview"),
        ("/stories", "Stories"),
        ("/propositions", "Propositions"),
        ("/documents", "Documents"),
        ("/claims", "Claims"),
        ("/entities", "Entities"),
        ("/sources", "Sources"),
    ];
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · Dossier" }
                link rel="stylesheet" href="/assets/style.css";
                script src="/assets/app.js" defer {}
            }
            body {
                header.top {
                    a.brand href="/" { "Dossier" }
                    nav {
                        @for (href, label) in nav {
                            a href=(href) class=[(active == href).then_some("active")] { (label) }
                        }
                    }
                    form.search action="/search" method="get" role="search" {
                        input type="search" name="q" placeholder="Search documents and claims" aria-label="Search";
                    }
                }
                main { (body) }
            }
        }
    }
}

/// A path segment, percent-encoded (entity ids hold `:` and may hold any letter).
pub fn segment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for byte in id.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~:".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `path?query` from serializable parameters (empty fields dropped).
pub fn with_query<T: Serialize>(path: &str, params: &T) -> String {
    let query = serde_urlencoded::to_string(params).unwrap_or_default();
    let query: Vec<&str> = query.split('&').filter(|pair| !pair.is_empty() && !pair.ends_with('=')).collect();
    if query.is_empty() { path.to_owned() } else { format!("{path}?{}", query.join("&")) }
}

/// The page of a document.
pub fn document_href(id: &str) -> String {
    format!("/documents/{}", segment(id))
}

/// The page of an entity.
pub fn entity_href(id: &str) -> String {
    format!("/entities/{}", segment(id))
}

/// The page of a proposition.
pub fn proposition_href(id: &str) -> String {
    format!("/propositions/{}", segment(id))
}

/// The page of a story.
pub fn story_href(id: &str) -> String {
    format!("/stories/{}", segment(id))
}

/// A claim inside its document's page.
pub fn claim_href(document: &str, claim: usize) -> String {
    format!("/documents/{}#claim-{claim}", segment(document))
}

/// `url` when it is a plain `http`/`https` address, else `None`: `javascript:`, `data:` and the
/// like are never emitted as links.
pub fn safe_url(url: &str) -> Option<&str> {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let web = lower.starts_with("http://") || lower.starts_with("https://");
    (web && !url.chars().any(|c| c.is_control() || c.is_whitespace())).then_some(url)
}

/// The date part of an RFC 3339 time, or "undated".
pub fn date(published: Option<&str>) -> &str {
    published.map_or("undated", |p| p.get(..10).unwrap_or(p))
}

/// A stance as a coloured label.
pub fn stance_badge(stance: &str) -> Markup {
    html! { span class={ "badge stance-" (css_name(stance)) } { (stance) } }
}

/// A class-name-safe form of a label (stances and types are lower-case words already; this
/// keeps anything else from breaking out of the class attribute's meaning).
pub fn css_name(label: &str) -> String {
    label.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect::<String>().to_lowercase()
}

/// The serialized name of a unit enum variant (`EntityType::Gpe` → `GPE`, `Bound::AtLeast` →
/// `at_least`).
pub fn label<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// A table of claims: date, source, speaker, cue and stance, content.
pub fn claims_table(claims: &[ClaimRow]) -> Markup {
    html! {
        @if claims.is_empty() {
            p.muted { "No claims match." }
        } @else {
            table.claims {
                thead { tr { th { "Date" } th { "Speaker" } th { "Stance" } th { "Claim" } th { "Source" } } }
                tbody {
                    @for c in claims {
                        tr {
                            td.date { (date(c.published.as_deref())) }
                            td.speaker {
                                @match (&c.speaker, &c.speaker_entity) {
                                    (Some(s), Some(e)) => a href=(entity_href(e)) { (s) },
                                    (Some(s), None) => (s),
                                    (None, _) => span.muted { "(unattributed)" },
                                }
                            }
                            td { (stance_badge(&c.stance)) " " span.cue { (c.cue) } }
                            td.content {
                                a href=(claim_href(&c.document, c.claim)) {
                                    @if c.direct { "“" (c.content) "”" } @else { (c.content) }
                                }
                                @if c.hedged { " " span.flag { "hedged" } }
                                @if c.negated { " " span.flag { "negated" } }
                            }
                            td.source { (c.source.as_deref().unwrap_or("—")) }
                        }
                    }
                }
            }
        }
    }
}

/// A facet: each value with its count, linking to `href(value)`; `selected` is marked.
pub fn facet(title: &str, counts: &[Count], selected: Option<&str>, href: impl Fn(&str) -> String) -> Markup {
    html! {
        @if !counts.is_empty() {
            section.facet {
                h3 { (title) }
                ul {
                    @for c in counts.iter().take(30) {
                        li class=[(selected == Some(c.name.as_str())).then_some("selected")] {
                            a href=(href(&c.name)) { (c.name) } " " span.count { (c.count) }
                        }
                    }
                }
            }
        }
    }
}

/// Previous/next links for a list page.
pub fn pagination(list: &crate::api::List<impl Sized>, href: impl Fn(usize) -> String) -> Markup {
    let (offset, limit, shown) = (list.offset, list.limit, list.items.len());
    html! {
        nav.pages {
            @if offset > 0 { a rel="prev" href=(href(offset.saturating_sub(limit))) { "← Previous" } }
            @if shown > 0 { span.muted { "Showing " (offset + 1) "–" (offset + shown) } }
            @if let Some(next) = list.next_offset { a rel="next" href=(href(next)) { "Next →" } }
        }
    }
}
