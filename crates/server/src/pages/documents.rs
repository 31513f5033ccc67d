//! `/documents`: stored documents, newest first, filtered by source, time and entity, in pages.

use super::claims::next_month;
use super::{Page, PageError, date, document_href, facet, layout, pagination, with_query};
use crate::api::documents::{DocumentParams, list};
use crate::params::Params;
use crate::state::AppState;
use axum::extract::State;
use maud::html;
use serde::Serialize;

/// The parameters again, serializable, to build links.
#[derive(Clone, Copy, Serialize)]
struct Query<'a> {
    source: Option<&'a str>,
    since: Option<&'a str>,
    until: Option<&'a str>,
    entity: Option<&'a str>,
    offset: Option<usize>,
}

/// `GET /documents`.
pub async fn list_page(
    State(state): State<AppState>,
    Params(params): Params<DocumentParams>,
) -> Result<Page, PageError> {
    let query = params.clone();
    let found = state.read(move |store| list(store, &query)).await?;
    let facets = found.facets.clone().unwrap_or_default();
    let base = Query {
        source: params.source.as_deref(),
        since: params.since.as_deref(),
        until: params.until.as_deref(),
        entity: params.entity.as_deref(),
        offset: None,
    };
    let body = html! {
        h1 { "Documents" }
        @if let Some(source) = &params.source { p { "From " strong { (source) } ". " a href="/documents" { "All sources" } } }
        @if let Some(entity) = &params.entity { p { "Mentioning " code { (entity) } ". " a href="/documents" { "All documents" } } }
        div.with-facets {
            aside.facets {
                (facet("Source", &facets.source, params.source.as_deref(), |s| with_query("/documents", &Query { source: Some(s), ..base })))
                (facet("Month", &facets.month, None, |m| {
                    let next = next_month(m);
                    with_query("/documents", &Query { since: Some(m), until: next.as_deref(), ..base })
                }))
            }
            div.results {
                table.documents {
                    thead { tr { th { "Date" } th { "Title" } th { "Source" } th { "Claims" } } }
                    tbody {
                        @for d in &found.items {
                            tr {
                                td.date { (date(d.published.as_deref())) }
                                td { a href=(document_href(&d.id)) { (d.title) } }
                                td { (d.source.as_deref().unwrap_or("—")) }
                                td.count { (d.claims) }
                            }
                        }
                    }
                }
                (pagination(&found, |offset| with_query("/documents", &Query { offset: Some(offset), ..base })))
            }
        }
    };
    Ok(Page(layout("Documents", "/documents", body)))
}
