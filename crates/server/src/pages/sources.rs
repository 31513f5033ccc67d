//! `/sources`: every source with its documents, claims and time span.

use super::{Page, PageError, date, layout, with_query};
use crate::state::AppState;
use axum::extract::State;
use maud::html;

/// `GET /sources`.
pub async fn page(State(state): State<AppState>) -> Result<Page, PageError> {
    let sources = state.read(|store| Ok(store.sources()?)).await?;
    let body = html! {
        h1 { "Sources" }
        table.sources {
            thead { tr { th { "Source" } th { "Documents" } th { "Claims" } th { "From" } th { "To" } } }
            tbody {
                @for s in &sources {
                    tr {
                        td { a href=(with_query("/documents", &[("source", s.name.as_str())])) { (s.name) } }
                        td.count { (s.documents) }
                        td.count { (s.claims) }
                        td.date { (date(s.earliest.as_deref())) }
                        td.date { (date(s.latest.as_deref())) }
                    }
                }
            }
        }
    };
    Ok(Page(layout("Sources", "/sources", body)))
}
