//! `/stories` and `/stories/{id}`: the stories of the ledger, and one story as a timeline — a
//! picture of every claim over time (coloured by stance, one lane per source grade), then the
//! documents in order with their source, grade and claims.

use super::{Page, PageError, claims_table, document_href, layout, segment};
use crate::api::stories::{self, Story};
use crate::state::AppState;
use axum::extract::{Path, State};
use chrono::DateTime;
use maud::html;
use store::ClaimRow;

/// `GET /stories`.
pub async fn list_page(State(state): State<AppState>) -> Result<Page, PageError> {
    let stories = state.read(stories::list).await?;
    let body = html! {
        h1 { "Stories" }
        p.muted { "Documents about the same development, across outlets and days. Near-duplicate copies count as one voice." }
        table.stories {
            thead { tr { th { "Story" } th { "From" } th { "To" } th { "Documents" } th { "Voices" } th { "About" } } }
            tbody {
                @for s in &stories {
                    tr {
                        td { a href=(format!("/stories/{}", segment(&s.id.to_string()))) { (s.title) } }
                        td.date { (day(s.first_published)) }
                        td.date { (day(s.last_published)) }
                        td.count { (s.documents.len()) }
                        td.count { (s.voices) }
                        td { (s.entities.iter().take(4).map(|(_, name, _)| name.as_str()).collect::<Vec<_>>().join(", ")) }
                    }
                }
            }
        }
    };
    Ok(Page(layout("Stories", "/stories", body)))
}

/// `GET /stories/{id}`.
pub async fn page(State(state): State<AppState>, Path(id): Path<String>) -> Result<Page, PageError> {
    let story: Story = state.read(move |store| stories::get(store, &id)).await?;
    let lanes: Vec<(String, Vec<ClaimRow>)> = ["A", "B", "C", "D", "E", "F"]
        .iter()
        .map(|grade| {
            let claims = story.timeline.iter().filter(|d| d.grade == *grade).flat_map(|d| d.claims.iter().cloned());
            (format!("grade {grade}"), claims.collect::<Vec<_>>())
        })
        .filter(|(_, claims)| !claims.is_empty())
        .collect();
    let lane_refs: Vec<(&str, &[ClaimRow])> = lanes.iter().map(|(l, c)| (l.as_str(), c.as_slice())).collect();
    let s = &story.story;
    let body = html! {
        h1 { (s.title) }
        p.muted {
            (day(s.first_published)) " … " (day(s.last_published)) " · "
            (s.documents.len()) " documents · " (s.voices) " independent voices"
        }
        p { "About: " (s.entities.iter().take(8).map(|(_, name, _)| name.as_str()).collect::<Vec<_>>().join(", ")) }
        h2 { "Claims over time" }
        (super::timeline::timeline(&lane_refs))
        h2 { "Timeline" }
        ol.story-timeline {
            @for d in &story.timeline {
                li.story-document id=(format!("doc-{}", d.id)) {
                    p {
                        span.date { (super::date(d.published.as_deref())) } " "
                        strong { (d.source.as_deref().unwrap_or("unknown source")) }
                        " " span class={ "grade grade-" (d.grade) } title="Source reliability (Admiralty)" { (d.grade) } " "
                        a href=(document_href(&d.id)) { (d.title) }
                        @if let Some(original) = &d.duplicate_of {
                            " " span.muted { "(copy of " a href=(document_href(original)) { (original) } ")" }
                        }
                    }
                    @if !d.claims.is_empty() { (claims_table(&d.claims)) }
                }
            }
        }
    };
    Ok(Page(layout(&story.story.title, "/stories", body)))
}

fn day(unix: Option<i64>) -> String {
    unix.and_then(|t| DateTime::from_timestamp(t, 0)).map_or("undated".into(), |t| t.format("%Y-%m-%d").to_string())
}
