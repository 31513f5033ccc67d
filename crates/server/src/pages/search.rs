//! `/search?q=`: documents and claims matching a query, with facets — source and month for
//! documents, stance for claims — that narrow the search when clicked.

use super::claims::next_month;
use super::{Page, PageError, claims_table, date, document_href, facet, layout, pagination, with_query};
use crate::api::search::{SearchHit, SearchParams, run};
use crate::params::{Params, text};
use crate::state::AppState;
use axum::extract::State;
use maud::{Markup, html};

/// `GET /search`.
pub async fn page(State(state): State<AppState>, Params(params): Params<SearchParams>) -> Result<Page, PageError> {
    let Some(q) = text(&params.q) else {
        let body = html! { h1 { "Search" } (form("")) p.muted { "Type words to find documents and claims." } };
        return Ok(Page(layout("Search", "", body)));
    };
    let query = params.clone();
    let found = state.read(move |store| run(store, &query)).await?;
    let link = |p: SearchParams| with_query("/search", &SearchParams { offset: None, ..p });
    let doc_facets = found.documents.facets.clone().unwrap_or_default();
    let claim_facets = found.claims.facets.clone().unwrap_or_default();
    let filtered = [&params.source, &params.since, &params.until, &params.stance].iter().any(|v| text(v).is_some());
    let body = html! {
        h1 { "Search" }
        (form(&q))
        @if filtered {
            p.filters-active { "Filtered. " a href=(with_query("/search", &[("q", q.as_str())])) { "Clear filters" } }
        }
        div.with-facets {
            aside.facets {
                (facet("Source", &doc_facets.source, params.source.as_deref(), |s| link(SearchParams { source: Some(s.to_owned()), ..params.clone() })))
                (facet("Month", &doc_facets.month, None, |m| link(SearchParams { since: Some(m.to_owned()), until: next_month(m), ..params.clone() })))
                (facet("Claim stance", &claim_facets.stance, params.stance.as_deref(), |s| link(SearchParams { stance: Some(s.to_owned()), ..params.clone() })))
            }
            div.results {
                section #documents {
                    h2 { "Documents" }
                    @if found.documents.items.is_empty() { p.muted { "No documents match." } }
                    ol.hits { @for hit in &found.documents.items { (hit_item(hit)) } }
                }
                section #claims {
                    h2 { "Claims" }
                    (claims_table(&found.claims.items))
                }
                (pagination(&found.documents, |offset| with_query("/search", &SearchParams { offset: Some(offset), ..params.clone() })))
            }
        }
    };
    Ok(Page(layout(&format!("Search: {q}"), "", body)))
}

fn form(q: &str) -> Markup {
    html! {
        form.big-search action="/search" method="get" {
            input type="search" name="q" value=(q) placeholder="kursk casualties, \"north korean troops\", troop*" aria-label="Search" autofocus;
            button type="submit" { "Search" }
        }
    }
}

fn hit_item(hit: &SearchHit) -> Markup {
    html! {
        li.hit {
            a.title href=(document_href(&hit.id)) { (hit.title) }
            div.muted { (hit.source.as_deref().unwrap_or("Unknown source")) " · " (date(hit.published.as_deref())) }
            p.snippet { (snippet(hit)) }
        }
    }
}

/// The snippet with its matched terms in `<mark>`, every part escaped.
fn snippet(hit: &SearchHit) -> Markup {
    let mut parts = Vec::new();
    let mut at = 0;
    for &[start, end] in &hit.highlights {
        parts.push((hit.snippet.get(at..start).unwrap_or_default(), false));
        parts.push((hit.snippet.get(start..end).unwrap_or_default(), true));
        at = end;
    }
    parts.push((hit.snippet.get(at..).unwrap_or_default(), false));
    html! { @for (part, marked) in parts { @if marked { mark { (part) } } @else { (part) } } }
}
