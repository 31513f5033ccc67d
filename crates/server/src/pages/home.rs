//! `/`: the overview — what the store holds, the search box, the most mentioned entities, the
//! stances of all claims, the sources, the followed sources (a server started with `--follow`)
//! and the latest documents.

use super::{Page, PageError, date, document_href, entity_href, layout, stance_badge, with_query};
use crate::state::AppState;
use axum::extract::State;
use maud::html;
use store::{ClaimFilter, DocumentFilter, EntityQuery, Page as Window};

/// `GET /`.
pub async fn page(State(state): State<AppState>) -> Result<Page, PageError> {
    let (stats, entities, facets, recent) = state
        .read(|store| {
            let window = |limit| Window { limit, offset: 0 };
            Ok((
                store.stats()?,
                store.entities(&EntityQuery::default(), window(24))?,
                store.claim_facets(&ClaimFilter::default())?,
                store.documents(&DocumentFilter::default(), window(12))?,
            ))
        })
        .await?;
    let claims: u64 = facets.stance.iter().map(|c| c.count).sum();
    let followed = state.live().map(crate::live::Live::follow_status).unwrap_or_default();
    let body = html! {
        section.hero {
            h1 { "Dossier" }
            p.muted { "Who claimed what, when, and on whose authority." }
            form.big-search action="/search" method="get" {
                input type="search" name="q" placeholder="Search documents and claims" aria-label="Search" autofocus;
                button type="submit" { "Search" }
            }
            ul.figures {
                li { strong { (stats.documents) } " documents" }
                li { strong { (claims) } " claims" }
                li { strong { (stats.sources) } " sources" }
                @if let (Some(a), Some(b)) = (&stats.earliest, &stats.latest) { li { (date(Some(a))) " to " (date(Some(b))) } }
            }
        }
        div.columns {
            section {
                h2 { "Most mentioned" }
                ul.entities {
                    @for e in &entities {
                        li { a href=(entity_href(&e.id)) { (e.name) } " " span.muted { (e.kind) } " " span.count { (e.documents) } }
                    }
                }
                p { a href="/entities" { "All entities →" } }
            }
            section {
                h2 { "Claims by stance" }
                ul.stances {
                    @for s in &facets.stance {
                        li { a href=(with_query("/claims", &[("stance", s.name.as_str())])) { (stance_badge(&s.name)) } " " span.count { (s.count) } }
                    }
                }
                h2 { "Sources" }
                ul {
                    @for s in &stats.top_sources {
                        li { a href=(with_query("/documents", &[("source", s.name.as_str())])) { (s.name) } " " span.count { (s.count) } }
                    }
                }
            }
        }
        @if !followed.is_empty() {
            section.followed {
                h2 { "Followed sources" }
                table {
                    thead { tr { th { "source" } th { "last poll" } th { "last success" } th { "read" } th { "added" } th { "rejected" } th { "errors" } } }
                    tbody {
                        @for f in &followed {
                            tr {
                                td { (f.kind) " " code { (f.source) } }
                                td { (f.last_poll.as_deref().unwrap_or("—")) }
                                td { (f.last_success.as_deref().unwrap_or("—")) }
                                td { (f.items_seen) }
                                td { (f.documents_added) }
                                td title=(f.last_rejected.as_deref().unwrap_or("")) { (f.rejected) }
                                td { (f.errors) @if let Some(e) = &f.last_error { " " span.muted { (e) } } }
                            }
                        }
                    }
                }
            }
        }
        section {
            h2 { "Latest documents" }
            ul.documents {
                @for d in &recent {
                    li { a href=(document_href(&d.id)) { (d.title) } " " span.muted { (d.source.as_deref().unwrap_or("")) " · " (date(d.published.as_deref())) " · " (d.claims) " claims" } }
                }
            }
        }
    };
    Ok(Page(layout("Overview", "/", body)))
}
