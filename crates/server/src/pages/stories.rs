//! `/stories` and `/stories/{id}`: the stories of the ledger in pages (the most independent
//! voices first), and one story — its propositions, the most attributed first, each with its
//! credibility, status, a picture of its attributions over time with the lifecycle called out
//! and its estimate series (the first [`PICTURED`]; the rest as links), then a picture of every
//! claim over time (coloured by stance, one lane per source grade), then the documents in order
//! with their source, grade and claims.

use super::picture::day;
use super::proposition::{credibility_badge, status_badge, summary};
use super::{
    Page, PageError, claims_table, document_href, layout, pagination, proposition_href, story_href, with_query,
};
use crate::api::stories::{self, Story, StoryParams};
use crate::params::{Id, Params};
use crate::state::AppState;
use axum::extract::State;
use maud::html;
use serde::Serialize;
use store::ClaimRow;

/// Most attributions drawn per proposition on a story page (a sample spread over time beyond).
pub const MARKS: usize = 400;

/// Most propositions of a story drawn in full on its page.
pub const PICTURED: usize = 12;

#[derive(Serialize)]
struct Offset {
    offset: usize,
}

/// `GET /stories`.
pub async fn list_page(State(state): State<AppState>, Params(params): Params<StoryParams>) -> Result<Page, PageError> {
    let found = state.read(move |store| stories::list(store, &params)).await?;
    let stories = &found.items;
    let body = html! {
        h1 { "Stories" }
        p.muted { "Documents about the same development, across outlets and days. Near-duplicate copies count as one voice." }
        table.stories {
            thead { tr { th { "Story" } th { "From" } th { "To" } th { "Documents" } th { "Voices" } th { "About" } } }
            tbody {
                @for summary in stories {
                    @let s = &summary.story;
                    tr {
                        td { a href=(story_href(&s.id.to_string())) { (s.title) } }
                        td.date { (day(s.first_published)) }
                        td.date { (day(s.last_published)) }
                        td.count { (summary.documents_total) }
                        td.count { (s.voices) }
                        td { (s.entities.iter().take(4).map(|(_, name, _)| name.as_str()).collect::<Vec<_>>().join(", ")) }
                    }
                }
            }
        }
        (pagination(&found, |offset| with_query("/stories", &Offset { offset })))
    };
    Ok(Page(layout("Stories", "/stories", body)))
}

/// `GET /stories/{id}`.
pub async fn page(
    State(state): State<AppState>,
    Id(id): Id,
    Params(params): Params<StoryParams>,
) -> Result<Page, PageError> {
    let story: Story = state.read(move |store| stories::get(store, &id, &params, MARKS)).await?;
    let lanes: Vec<(String, Vec<ClaimRow>)> = ["A", "B", "C", "D", "E", "F"]
        .iter()
        .map(|grade| {
            let claims = story.timeline.iter().filter(|d| d.grade == *grade).flat_map(|d| d.claims.iter().cloned());
            (format!("grade {grade}"), claims.collect::<Vec<_>>())
        })
        .filter(|(_, claims)| !claims.is_empty())
        .collect();
    let lane_refs: Vec<(&str, &[ClaimRow])> = lanes.iter().map(|(l, c)| (l.as_str(), c.as_slice())).collect();
    let s = &story.story.story;
    let body = html! {
        h1 { (s.title) }
        p.muted {
            (day(s.first_published)) " … " (day(s.last_published)) " · "
            (story.story.documents_total) " documents · " (s.voices) " independent voices"
        }
        p { "About: " (s.entities.iter().take(8).map(|(_, name, _)| name.as_str()).collect::<Vec<_>>().join(", ")) }
        section.propositions {
            h2 { "Propositions " span.count { (story.propositions.len()) " of " (story.propositions_total) } }
            @if story.propositions.is_empty() {
                p.muted { "No proposition has an attribution in this story's documents." }
            } @else {
                p.muted { "What the story's documents assert, the most attributed first: each attribution a mark over time, linking to its evidence." }
                (super::picture::legend())
                @for p in story.propositions.iter().take(PICTURED) { (summary(p, true)) }
                @if story.propositions.len() > PICTURED {
                    h3 { "More propositions" }
                    ul.more-propositions {
                        @for p in story.propositions.iter().skip(PICTURED) {
                            li {
                                a href=(proposition_href(&p.id.to_string())) { (p.text) } " "
                                (status_badge(p)) " " (credibility_badge(p)) " "
                                span.count { (p.attributions_total) " attribution(s)" }
                            }
                        }
                    }
                }
            }
        }
        h2 { "Claims over time" }
        (super::timeline::timeline(&lane_refs))
        h2 { "Timeline" }
        (documents_pages(&story))
        ol.story-timeline start=(story.offset + 1) {
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
    Ok(Page(layout(&story.story.story.title, "/stories", body)))
}

/// Previous/next links through a story's documents, when they do not fit one page.
fn documents_pages(story: &Story) -> maud::Markup {
    let (offset, shown, total) = (story.offset, story.timeline.len(), story.story.documents_total);
    let href = |offset: usize| with_query(&story_href(&story.story.story.id.to_string()), &Offset { offset });
    html! {
        @if shown < total {
            nav.pages {
                @if offset > 0 { a rel="prev" href=(href(offset.saturating_sub(shown.max(1)))) { "← Previous" } }
                span.muted { "Documents " (offset + 1) "–" (offset + shown) " of " (total) }
                @if offset + shown < total { a rel="next" href=(href(offset + shown)) { "Next →" } }
            }
        }
    }
}
