//! `/documents/{id}`: one document's text with every extracted item highlighted — entity
//! mentions (linking to their entity pages), times, quantities, hedges, and each claim's speaker,
//! cue and content — beside its metadata and the lists of what was found. A claim's cue links to
//! the proposition the claim is an attribution of (to the claim in the side list when it belongs
//! to none); the side list links each claim to its text and its proposition, and a
//! "Propositions" box lists every proposition the document counts in, its publisher's own
//! assertions included.
//!
//! Anchors: `#claim-N` is claim N in the list, `#text-claim-N` its content in the text (the
//! evidence links of the story and proposition pages point at `#claim-N`). The check boxes that
//! hide a kind of highlight are the only use of script; without it everything shows.

use super::highlight::{Mark, render};
use super::{Page, PageError, css_name, date, entity_href, label, layout, proposition_href, safe_url, stance_badge};
use crate::api::documents::get;
use crate::params::Id;
use crate::state::AppState;
use axum::extract::State;
use ledger::PropositionView;
use maud::{Markup, html};
use model::Extraction;
use std::collections::BTreeMap;
use std::ops::Range;

/// `GET /documents/{id}`.
pub async fn page(State(state): State<AppState>, Id(id): Id) -> Result<Page, PageError> {
    let (doc, propositions) = state
        .read(move |store| {
            let doc = get(store, &id)?;
            let propositions = engine::document_propositions(store, &doc.content_id)?;
            Ok((doc, propositions))
        })
        .await?;
    let title = if doc.title.is_empty() { "Untitled document".to_owned() } else { doc.title.clone() };
    Ok(Page(layout(&title, "/documents", view(&doc, &propositions))))
}

/// The propositions of a document by claim index (`None`: the publisher's own assertion).
type ByClaim<'a> = BTreeMap<Option<usize>, &'a PropositionView>;

fn by_claim<'a>(doc: &Extraction, propositions: &'a [PropositionView]) -> ByClaim<'a> {
    let mut out = BTreeMap::new();
    for p in propositions {
        for a in p.attributions.iter().filter(|a| a.document.to_string() == doc.content_id) {
            out.entry(a.claim).or_insert(p);
        }
    }
    out
}

fn view(doc: &Extraction, propositions: &[PropositionView]) -> Markup {
    let by_claim = by_claim(doc, propositions);
    let marks = marks(doc, &by_claim);
    let title_range = 0..doc.body_start.min(doc.text.len()).min(doc.title.len());
    let paragraphs = paragraphs(&doc.text, doc.body_start);
    html! {
        div.document {
            article #doc-text {
                @if title_range.is_empty() {
                    h1.muted { "Untitled document" }
                } @else {
                    h1 { (render(&doc.text, title_range, &marks)) }
                }
                p.byline {
                    (doc.source.as_deref().unwrap_or("Unknown source")) " · " (date(doc.published.as_deref()))
                    @if let Some(author) = &doc.author { " · " (author) }
                }
                @for range in paragraphs {
                    p { (render(&doc.text, range, &marks)) }
                }
            }
            aside {
                (metadata(doc))
                (legend())
                (proposition_list(doc, propositions))
                (claims(doc, &by_claim))
                (entities(doc))
                (times_and_quantities(doc))
            }
        }
    }
}

/// The marks for every extracted item.
fn marks(doc: &Extraction, by_claim: &ByClaim<'_>) -> Vec<Mark> {
    let mut marks = Vec::new();
    let range = |start: u32, end: u32| (start as usize, end as usize);
    for (i, c) in doc.claims.iter().enumerate() {
        let (start, end) = range(c.content.start, c.content.end);
        let class = format!("hl claim-content stance-{}", css_name(&stance(c)));
        marks.push(Mark { start, end, layer: 0, class, href: None, id: Some(format!("text-claim-{i}")), title: None });
        if let Some(s) = &c.speaker {
            let (start, end) = range(s.start, s.end);
            let href = s.entity.as_deref().map(entity_href);
            let title = Some(format!("speaker of claim {}", i + 1));
            marks.push(Mark { start, end, layer: 1, class: "hl speaker".into(), href, id: None, title });
        }
        let (start, end) = range(c.cue.start, c.cue.end);
        let mut class = format!("hl cue stance-{}", css_name(&stance(c)));
        let (href, title) = match by_claim.get(&Some(i)) {
            Some(p) => {
                class.push_str(" to-proposition");
                (
                    proposition_href(&p.id.to_string()),
                    format!("{} — claim {}; proposition: {}", stance(c), i + 1, p.text),
                )
            }
            None => (format!("#claim-{i}"), format!("{} — claim {}", stance(c), i + 1)),
        };
        marks.push(Mark { start, end, layer: 1, class, href: Some(href), id: None, title: Some(title) });
        for h in &c.hedges {
            let (start, end) = range(h.start, h.end);
            marks.push(Mark {
                start,
                end,
                layer: 3,
                class: "hl hedge".into(),
                href: None,
                id: None,
                title: Some("hedge".into()),
            });
        }
    }
    for e in &doc.entities {
        for m in &e.mentions {
            let (start, end) = range(m.start, m.end);
            let kind = label(&e.kind);
            let class = format!("hl entity type-{}", css_name(&kind));
            let title = Some(format!("{} ({kind})", e.name));
            marks.push(Mark { start, end, layer: 2, class, href: Some(entity_href(&e.id)), id: None, title });
        }
    }
    for t in &doc.times {
        let (start, end) = range(t.start, t.end);
        let title = Some(t.value.clone().unwrap_or_else(|| "unresolved time".into()));
        marks.push(Mark { start, end, layer: 3, class: "hl time".into(), href: None, id: None, title });
    }
    for q in &doc.quantities {
        let (start, end) = range(q.start, q.end);
        marks.push(Mark {
            start,
            end,
            layer: 3,
            class: "hl quantity".into(),
            href: None,
            id: None,
            title: Some(quantity(q)),
        });
    }
    marks
}

/// The body's paragraphs (separated by blank lines) as byte ranges of the text.
fn paragraphs(text: &str, body_start: usize) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = body_start.min(text.len());
    for part in text.get(start..).unwrap_or_default().split("\n\n") {
        let end = start + part.len();
        if !part.trim().is_empty() {
            ranges.push(start..end);
        }
        start = end + 2;
    }
    ranges
}

fn metadata(doc: &Extraction) -> Markup {
    html! {
        section.meta {
            h2 { "Document" }
            dl {
                dt { "Source" } dd { (doc.source.as_deref().unwrap_or("—")) }
                dt { "Published" } dd { (doc.published.as_deref().unwrap_or("—")) }
                @if let Some(url) = &doc.url {
                    dt { "URL" }
                    dd.url {
                        @match safe_url(url) {
                            Some(url) => a href=(url) rel="noopener noreferrer nofollow" { (url) },
                            None => span.muted title="not an http(s) address; not linked" { (url) },
                        }
                    }
                }
                dt { "Language" } dd { (doc.language.as_deref().unwrap_or("—")) }
                dt { "Format" } dd { (doc.format) }
                dt { "Id" } dd { code { (doc.content_id) } }
            }
            p { a href=(format!("/api/documents/{}", doc.content_id)) { "JSON" } }
        }
    }
}

fn legend() -> Markup {
    let layers = [("entity", "Entities"), ("claim", "Claims"), ("time", "Times"), ("quantity", "Quantities")];
    html! {
        section.legend {
            h2 { "Highlights" }
            @for (layer, label) in layers {
                label.toggle {
                    input type="checkbox" checked data-layer=(layer);
                    " " span class={ "swatch swatch-" (layer) } {} " " (label)
                }
            }
        }
    }
}

fn proposition_list(doc: &Extraction, propositions: &[PropositionView]) -> Markup {
    html! {
        @if !propositions.is_empty() {
            section.proposition-list {
                h2 { "Propositions " span.count { (propositions.len()) } }
                ul {
                    @for p in propositions {
                        @let claims: Vec<Option<usize>> = p.attributions.iter()
                            .filter(|a| a.document.to_string() == doc.content_id).map(|a| a.claim).collect();
                        li {
                            a href=(proposition_href(&p.id.to_string())) { (p.text) }
                            " " span.count { (p.status.as_str()) ", " (p.attributions.len()) " attribution(s)" }
                            div.muted {
                                @for (n, claim) in claims.iter().enumerate() {
                                    @if n > 0 { ", " }
                                    @match claim {
                                        Some(i) => a href=(format!("#claim-{i}")) { "claim " (i + 1) },
                                        None => "the publisher's own assertion",
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn claims(doc: &Extraction, by_claim: &ByClaim<'_>) -> Markup {
    html! {
        section.claim-list {
            h2 { "Claims " span.count { (doc.claims.len()) } }
            @if doc.claims.is_empty() { p.muted { "No attributed claims found." } }
            ol {
                @for (i, c) in doc.claims.iter().enumerate() {
                    li id=(format!("claim-{i}")) {
                        div {
                            @match &c.speaker {
                                Some(s) => @match &s.entity {
                                    Some(e) => a.speaker href=(entity_href(e)) { (s.text) },
                                    None => span.speaker { (s.text) },
                                },
                                None => span.muted { "(unattributed)" },
                            }
                            " " span.cue { (c.cue.text) } " " (stance_badge(&stance(c)))
                            @if c.hedged { " " span.flag { "hedged" } }
                            @if c.negated { " " span.flag { "negated" } }
                            @if c.direct { " " span.flag { "quote" } }
                        }
                        div.content { a href=(format!("#text-claim-{i}")) { (c.content.text) } }
                        @if let Some(p) = by_claim.get(&Some(i)) {
                            div.in-proposition {
                                "Proposition: " a.proposition href=(proposition_href(&p.id.to_string())) { (p.text) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn entities(doc: &Extraction) -> Markup {
    html! {
        section.entity-list {
            h2 { "Entities " span.count { (doc.entities.len()) } }
            ul {
                @for e in &doc.entities {
                    li {
                        a href=(entity_href(&e.id)) { (e.name) }
                        " " span class={ "badge type-" (css_name(&label(&e.kind))) } { (label(&e.kind)) }
                        " " span.count { (e.mentions.len()) }
                        @if !e.roles.is_empty() { div.muted { (e.roles.join("; ")) } }
                    }
                }
            }
        }
    }
}

fn times_and_quantities(doc: &Extraction) -> Markup {
    html! {
        @if !doc.times.is_empty() {
            section {
                h2 { "Times" }
                ul { @for t in &doc.times { li { span.time { (t.text) } " → " code { (t.value.as_deref().unwrap_or("?")) } } } }
            }
        }
        @if !doc.quantities.is_empty() {
            section {
                h2 { "Quantities" }
                ul { @for q in &doc.quantities { li { span.quantity { (q.text) } " → " (quantity(q)) } } }
            }
        }
    }
}

fn stance(claim: &model::ClaimItem) -> String {
    label(&claim.stance)
}

fn quantity(q: &model::QuantityItem) -> String {
    let number = |v: f64| if v.fract() == 0.0 { format!("{v:.0}") } else { format!("{v}") };
    let value = match (q.value, q.min, q.max) {
        (Some(v), ..) => number(v),
        (None, Some(a), Some(b)) => format!("{}–{}", number(a), number(b)),
        (None, Some(a), None) => format!("≥ {}", number(a)),
        (None, None, Some(b)) => format!("≤ {}", number(b)),
        (None, None, None) => "?".into(),
    };
    let approx = if q.approx && q.value.is_some() { "~" } else { "" };
    format!("{approx}{value} {}", q.unit.as_deref().unwrap_or("")).trim_end().to_owned()
}
