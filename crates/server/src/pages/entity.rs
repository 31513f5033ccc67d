//! `/entities/{id}`: one entity — its names as written (aliases, metonyms, demonyms, short
//! forms), roles, a timeline of the claims it made and the claims about it, those claims as
//! tables, and the documents that mention it.
//!
//! Limits: the timeline draws at most [`CLAIMS_SHOWN`] claims per role and the tables list the
//! latest [`CLAIMS_LISTED`]; the claims page, linked from here, pages through all of them.

use super::timeline::timeline;
use super::{Page, PageError, claims_table, css_name, date, document_href, layout, with_query};
use crate::api::claims::ClaimParams;
use crate::api::entities::get;
use crate::params::Id;
use crate::state::AppState;
use axum::extract::State;
use maud::{Markup, html};
use store::{ClaimFilter, ClaimRow, DocumentFilter, DocumentRow, EntityDetail, Page as Window};

/// Most claims per role drawn on the timeline.
pub const CLAIMS_SHOWN: usize = 200;
/// Most claims per role listed in the tables (the latest ones).
pub const CLAIMS_LISTED: usize = 20;

struct View {
    entity: EntityDetail,
    by: Vec<ClaimRow>,
    about: Vec<ClaimRow>,
    documents: Vec<DocumentRow>,
}

/// `GET /entities/{id}`.
pub async fn page(State(state): State<AppState>, Id(id): Id) -> Result<Page, PageError> {
    let view = state
        .read(move |store| {
            let entity = get(store, &id)?;
            let by = store.claims(&ClaimFilter {
                speaker: Some(entity.id.clone()),
                limit: CLAIMS_SHOWN,
                ..Default::default()
            })?;
            let about = store.claims(&ClaimFilter {
                about: Some(entity.id.clone()),
                limit: CLAIMS_SHOWN,
                ..Default::default()
            })?;
            let filter = DocumentFilter { entity: Some(entity.id.clone()), ..Default::default() };
            let documents = store.documents(&filter, Window { limit: 20, offset: 0 })?;
            Ok(View { entity, by, about, documents })
        })
        .await?;
    Ok(Page(layout(&view.entity.name, "/entities", render(&view))))
}

fn render(v: &View) -> Markup {
    let e = &v.entity;
    let claims_link = |by: bool| {
        let id = Some(e.id.clone());
        let params = if by {
            ClaimParams { speaker: id, ..Default::default() }
        } else {
            ClaimParams { about: id, ..Default::default() }
        };
        with_query("/claims", &params)
    };
    html! {
        header.entity-head {
            h1 { (e.name) " " span class={ "badge type-" (css_name(&e.kind)) } { (e.kind) } }
            p.muted {
                code { (e.id) } " · " (e.documents) " documents · " (e.mentions) " mentions"
                @if let (Some(first), Some(last)) = (&e.first_seen, &e.last_seen) {
                    " · seen " (date(Some(first))) " to " (date(Some(last)))
                }
            }
        }
        div.columns {
            section {
                h2 { "Names in the text" }
                @if e.aliases.is_empty() { p.muted { "None." } }
                ul.aliases {
                    @for a in e.aliases.iter().take(40) {
                        li { q { (a.text) } " " span.muted { (a.kind.replace('_', " ")) } " " span.count { (a.count) } }
                    }
                }
            }
            section {
                h2 { "Roles and titles" }
                @if e.roles.is_empty() { p.muted { "None found." } }
                ul { @for r in e.roles.iter().take(30) { li { (r.name) " " span.count { (r.count) } } } }
            }
        }
        section {
            h2 { "Claims over time" }
            (timeline(&[("By it", v.by.as_slice()), ("About it", v.about.as_slice())]))
            p.legend-inline {
                @for s in crate::api::claims::STANCES { span class={ "badge stance-" (s) } { (s) } " " }
            }
        }
        section #claims-by {
            h2 { "Latest claims by " (e.name) " " span.count { (total(&v.by)) " in all" } }
            (claims_table(&latest(&v.by)))
            p { a href=(claims_link(true)) { "All claims by " (e.name) " →" } }
        }
        section #claims-about {
            h2 { "Latest claims about " (e.name) " " span.count { (total(&v.about)) " in all" } }
            (claims_table(&latest(&v.about)))
            p { a href=(claims_link(false)) { "All claims about " (e.name) " →" } }
        }
        section {
            h2 { "Recent documents" }
            ul.documents {
                @for d in &v.documents {
                    li { a href=(document_href(&d.id)) { (d.title) } " " span.muted { (d.source.as_deref().unwrap_or("")) " · " (date(d.published.as_deref())) } }
                }
            }
            p { a href=(with_query("/documents", &[("entity", e.id.as_str())])) { "All documents mentioning " (e.name) " →" } }
        }
    }
}

/// The latest [`CLAIMS_LISTED`] claims, newest first (the store gives them oldest first).
fn latest(claims: &[ClaimRow]) -> Vec<ClaimRow> {
    claims.iter().rev().take(CLAIMS_LISTED).cloned().collect()
}

/// How many claims there are, "200+" when the cap was reached.
fn total(claims: &[ClaimRow]) -> String {
    if claims.len() >= CLAIMS_SHOWN { format!("{CLAIMS_SHOWN}+") } else { claims.len().to_string() }
}
