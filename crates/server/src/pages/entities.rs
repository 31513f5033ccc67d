//! `/entities?q=&type=`: entities by name and type, most documents first, in pages.

use super::{Page, PageError, css_name, entity_href, layout, pagination, with_query};
use crate::api::entities::{EntityParams, list};
use crate::params::Params;
use crate::state::AppState;
use axum::extract::State;
use maud::html;

/// The entity types a filter may name.
const TYPES: &[&str] =
    &["PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "MILITARY", "WEAPON", "PRODUCT", "EVENT", "MISC"];

/// `GET /entities`.
pub async fn list_page(State(state): State<AppState>, Params(params): Params<EntityParams>) -> Result<Page, PageError> {
    let query = params.clone();
    let found = state.read(move |store| list(store, &query)).await?;
    let q = params.q.clone().unwrap_or_default();
    let kind = params.kind.clone().unwrap_or_default();
    let body = html! {
        h1 { "Entities" }
        form.filters action="/entities" method="get" {
            label { "Name " input type="search" name="q" value=(q); }
            label { "Type "
                select name="type" {
                    option value="" { "any" }
                    @for t in TYPES { option value=(t) selected[kind.eq_ignore_ascii_case(t)] { (t) } }
                }
            }
            button type="submit" { "Filter" }
        }
        table.entities {
            thead { tr { th { "Name" } th { "Type" } th { "Id" } th { "Documents" } } }
            tbody {
                @for e in &found.items {
                    tr {
                        td { a href=(entity_href(&e.id)) { (e.name) } }
                        td { span class={ "badge type-" (css_name(&e.kind)) } { (e.kind) } }
                        td { code { (e.id) } }
                        td.count { (e.documents) }
                    }
                }
            }
        }
        (pagination(&found, |offset| with_query("/entities", &[("q", q.as_str()), ("type", kind.as_str()), ("offset", offset.to_string().as_str())])))
    };
    Ok(Page(layout("Entities", "/entities", body)))
}
