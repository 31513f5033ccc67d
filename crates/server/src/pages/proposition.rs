//! `/propositions` and `/propositions/{id}`: the ledger's propositions, the most attributed
//! first, and one proposition — its credibility grade with meaning and reasons, its status, its
//! picture over time (`picture.rs`), the lifecycle transitions with their evidence, a chart per
//! estimate series, and the full table of attributions, each linking to its evidence.
//!
//! [`summary`] is the block the story page repeats for each of its propositions, so both pages
//! show a proposition the same way.

use super::picture::{self, day, evidence_href, kind_name, stage_name};
use super::{Page, PageError, layout, pagination, proposition_href, story_href, with_query};
use crate::api::propositions::{PropositionParams, get, list};
use crate::params::{Id, Params};
use crate::state::AppState;
use axum::extract::State;
use ledger::PropositionView;
use maud::{Markup, html};
use serde::Serialize;

/// `GET /propositions`.
pub async fn list_page(
    State(state): State<AppState>,
    Params(params): Params<PropositionParams>,
) -> Result<Page, PageError> {
    let query = params.clone();
    let found = state.read(move |store| list(store, &query)).await?;
    let body = html! {
        h1 { "Propositions" }
        p.muted { "What several documents assert, joined across outlets and days; the most attributed first." }
        table.propositions {
            thead { tr { th { "Proposition" } th { "Status" } th { "Credibility" } th { "Attributions" } th { "First" } } }
            tbody {
                @for p in &found.items {
                    tr {
                        td { a href=(proposition_href(&p.id.to_string())) { (p.text) } }
                        td { (status_badge(p)) }
                        td { (credibility_badge(p)) }
                        td.count { (p.attributions.len()) }
                        td.date { (day(p.attributions.iter().find_map(|a| a.published))) }
                    }
                }
            }
        }
        (pagination(&found, |offset| with_query("/propositions", &Offset { offset })))
    };
    Ok(Page(layout("Propositions", "/propositions", body)))
}

#[derive(Serialize)]
struct Offset {
    offset: usize,
}

/// `GET /propositions/{id}`.
pub async fn page(State(state): State<AppState>, Id(id): Id) -> Result<Page, PageError> {
    let (p, story) = state
        .read(move |store| {
            let p = get(store, &id)?;
            // The story of its earliest attribution's document, for a way back.
            let story = match p.attributions.first() {
                Some(a) => engine::document_link(store, &a.document.to_string())?.and_then(|l| l.story),
                None => None,
            };
            Ok((p, story))
        })
        .await?;
    let body = html! {
        p.muted {
            "Proposition " code { (p.id.to_string()) }
            @if let Some(story) = &story { " · in " a href=(story_href(story)) { "its story" } }
            " · " a href=(format!("/api/propositions/{}", p.id)) { "JSON" }
        }
        h1 { (p.text) }
        (summary(&p, false))
        h2 { "Attributions " span.count { (p.attributions.len()) } }
        (attribution_table(&p))
    };
    Ok(Page(layout(&p.text, "/propositions", body)))
}

/// A proposition's status, credibility with reasons, picture, lifecycle and series; with
/// `heading`, under a heading that links to its page.
pub fn summary(p: &PropositionView, heading: bool) -> Markup {
    let id = p.id.to_string();
    html! {
        section.proposition id=(format!("proposition-{id}")) {
            @if heading {
                h3.proposition-title { a href=(proposition_href(&id)) { (p.text) } }
            }
            p.proposition-meta {
                (status_badge(p)) " " (credibility_badge(p)) " "
                span.muted { (p.attributions_total) " attribution(s)" }
                @if p.attributions.len() < p.attributions_total {
                    " " span.muted { "(" (p.attributions.len()) " drawn: a sample over time with every lifecycle step)" }
                }
                @if !p.entities.is_empty() { " · " span.muted { (p.entities.join(", ")) } }
                @if let Some(family) = &p.family { " · " span.muted { "predicate: " (family) } }
            }
            details.reasons open[!heading] {
                summary { "Credibility " (p.credibility.grade) ": " (p.credibility.meaning) " — why" }
                ul { @for r in &p.credibility.reasons { li { (r) } } }
            }
            (picture::picture(p))
            (lifecycle(p))
            @for s in &p.series { (super::series::series_chart(p, s)) }
        }
    }
}

/// The lifecycle transitions as a list: date, stage, who, where, and a link to the evidence.
pub fn lifecycle(p: &PropositionView) -> Markup {
    html! {
        @if !p.lifecycle.is_empty() {
            ol.lifecycle {
                @for t in &p.lifecycle {
                    li class={ "stage-" (t.stage.as_str()) } {
                        span.date { (day(t.published)) } " "
                        span class={ "badge stage stage-" (t.stage.as_str()) } { (stage_name(t.stage)) } " by "
                        strong { (t.by) }
                        @if let Some(s) = &t.source { " in " (s) }
                        " · " a.evidence href=(evidence_href(t.document, t.claim)) { "evidence" }
                    }
                }
            }
        }
    }
}

/// Every attribution: date, source, grade, kind, stance, speaker, text and evidence.
pub fn attribution_table(p: &PropositionView) -> Markup {
    html! {
        table.attributions {
            thead { tr { th { "Date" } th { "Source" } th { "Grade" } th { "Kind" } th { "Stance" } th { "Speaker" } th { "Text" } th { "Evidence" } } }
            tbody {
                @for a in &p.attributions {
                    tr class=[a.copy.then_some("copy")] {
                        td.date { (day(a.published)) }
                        td.source { (a.source.as_deref().unwrap_or("unknown source")) }
                        td { span class={ "grade grade-" (a.grade.to_string()) } title=(a.grade.meaning()) { (a.grade.to_string()) } }
                        td { (kind_name(a.kind)) }
                        td {
                            span class={ "badge stance-" (a.stance.as_str()) } { (a.stance.as_str()) }
                            @if a.acknowledgment { " " span.flag { "acknowledgment" } }
                            @if a.copy { " " span.flag title="a near-duplicate copy: not counted as a voice" { "copy" } }
                            @if let Some((figure, own)) = &a.conflict {
                                " " span.flag title="another voice's figure that cannot be the proposition's own" {
                                    "conflicting figure: " (figure) " against " (own)
                                }
                            }
                        }
                        td.speaker { (a.speaker.as_deref().unwrap_or(&a.voice_name)) }
                        td.content { (a.text) }
                        td {
                            a.evidence href=(evidence_href(a.document, a.claim)) {
                                @if a.claim.is_some() { "claim" } @else { "document" }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The status word as a badge.
pub fn status_badge(p: &PropositionView) -> Markup {
    html! { span class={ "badge status status-" (p.status.as_str()) } { (p.status.as_str()) } }
}

/// The Admiralty credibility (1–6) as a badge with its meaning.
pub fn credibility_badge(p: &PropositionView) -> Markup {
    let c = &p.credibility;
    html! {
        span class={ "credibility credibility-" (c.grade) } title="Admiralty information credibility (1 confirmed … 6 cannot be judged)" {
            (c.grade) " · " (c.meaning)
        }
    }
}
