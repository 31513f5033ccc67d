//! `GET /api/stories` (paged, the most independent voices first) and `GET /api/stories/{id}`:
//! one story with its propositions (the most attributed first) and its documents in order, each
//! with its source's grade and its claims.
//!
//! Known limits: a story lists its [`PROPOSITIONS_PER_STORY`] most attributed propositions (with
//! the total), a page of its documents (`limit`, `offset`), and each document at most
//! [`CLAIMS_PER_DOCUMENT`] claims: at 100,000 documents one story held 5,900 documents.

use super::{List, probe};
use crate::error::ApiError;
use crate::params::{Id, Params, page};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use ledger::{PropositionView, SourceRegistry, StoryView};
use serde::{Deserialize, Serialize};
use store::{ClaimFilter, ClaimRow, Store, StoryOrder};

/// Most claims listed per document of a story.
pub const CLAIMS_PER_DOCUMENT: usize = 50;

/// Most propositions listed with a story (the most attributed; `/api/propositions` has all).
pub const PROPOSITIONS_PER_STORY: usize = 50;

/// Document ids a story carries in the stories list (its first ones; `documents_total` counts
/// them all, `/api/stories/{id}` pages through them): at 100,000 documents a page of 20 stories
/// listing every id was 812 KB.
pub const DOCUMENTS_IN_LISTS: usize = 20;

/// A story as the API shows it: its view with at most a page of its document ids, and how many
/// documents it has.
#[derive(Clone, Debug, Serialize)]
pub struct StorySummary {
    /// The story; `documents` holds the first [`DOCUMENTS_IN_LISTS`] ids in a list, the page's ids
    /// (`offset`, `limit`) for one story.
    #[serde(flatten)]
    pub story: StoryView,
    /// Documents in the story.
    pub documents_total: usize,
}

impl StorySummary {
    /// `story` with only the ids from `offset`, at most `limit` of them.
    pub fn new(mut story: StoryView, offset: usize, limit: usize) -> StorySummary {
        let documents_total = story.documents.len();
        story.documents = story.documents.into_iter().skip(offset).take(limit).collect();
        StorySummary { story, documents_total }
    }
}

/// Query parameters of the stories list, and of one story's timeline.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct StoryParams {
    /// Page size.
    pub limit: Option<usize>,
    /// Rows to skip.
    pub offset: Option<usize>,
}

/// One document in a story's timeline.
#[derive(Debug, Serialize)]
pub struct StoryDocument {
    /// Content id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Source name.
    pub source: Option<String>,
    /// The source's Admiralty reliability grade (A–F; F when the registry does not know it).
    pub grade: String,
    /// Publication time, RFC 3339.
    pub published: Option<String>,
    /// The first document of its near-duplicate group, when it is a copy.
    pub duplicate_of: Option<String>,
    /// Its claims.
    pub claims: Vec<ClaimRow>,
}

/// A story with its propositions and timeline.
#[derive(Debug, Serialize)]
pub struct Story {
    /// The story, with the ids of the timeline's page only.
    #[serde(flatten)]
    pub story: StorySummary,
    /// The propositions with an attribution in its documents, the most attributed first (at
    /// most [`PROPOSITIONS_PER_STORY`]).
    pub propositions: Vec<PropositionView>,
    /// How many propositions have an attribution in its documents.
    pub propositions_total: u64,
    /// Documents skipped before `timeline` (the `offset` asked for).
    pub offset: usize,
    /// A page of its documents in order (publication time, then id), with their claims; `limit`
    /// and `offset` page through `documents`.
    pub timeline: Vec<StoryDocument>,
}

/// `GET /api/stories`.
pub async fn index(
    State(state): State<AppState>,
    Params(params): Params<StoryParams>,
) -> Result<Json<List<StorySummary>>, ApiError> {
    state.read(move |store| list(store, &params)).await.map(Json)
}

/// `GET /api/stories/{id}`: by id or a prefix of at least 6 hex digits.
pub async fn show(
    State(state): State<AppState>,
    Id(id): Id,
    Params(params): Params<StoryParams>,
) -> Result<Json<Story>, ApiError> {
    state.read(move |store| get(store, &id, &params, super::propositions::ATTRIBUTIONS_IN_LISTS)).await.map(Json)
}

/// One page of stories, the most independent voices first.
pub fn list(store: &Store, params: &StoryParams) -> Result<List<StorySummary>, ApiError> {
    let page = page(params.limit, params.offset)?;
    let window = probe(page);
    let (stories, _) = engine::story_page(store, StoryOrder::Voices, window.offset as u64, window.limit as u64)?;
    let summaries = stories.into_iter().map(|s| StorySummary::new(s, 0, DOCUMENTS_IN_LISTS)).collect();
    Ok(List::from_probe(summaries, page))
}

/// One story with its propositions and timeline; `not_found` when no story has this id.
/// One story with a page of its documents; each proposition carries at most about
/// `attributions` of its attributions (see `PropositionView::sampled`).
pub fn get(store: &Store, id: &str, params: &StoryParams, attributions: usize) -> Result<Story, ApiError> {
    let page = page(params.limit, params.offset)?;
    let story = engine::story(store, id)?.ok_or_else(|| ApiError::not_found(format!("no story '{id}'")))?;
    let (propositions, propositions_total) =
        engine::story_propositions(store, story.id, PROPOSITIONS_PER_STORY as u64)?;
    let propositions = propositions.into_iter().map(|p| p.sampled(attributions)).collect();
    let registry = SourceRegistry::builtin();
    let mut timeline = Vec::with_capacity(page.limit);
    for doc_id in story.documents.iter().skip(page.offset).take(page.limit) {
        let Some(doc) = store.document(&doc_id.to_string())? else { continue };
        let grade =
            registry.lookup(doc.source.as_deref(), doc.url.as_deref()).map_or("F".into(), |s| s.grade.to_string());
        let filter =
            ClaimFilter { document: Some(doc_id.to_string()), limit: CLAIMS_PER_DOCUMENT, ..ClaimFilter::default() };
        timeline.push(StoryDocument {
            id: doc_id.to_string(),
            title: doc.title,
            source: doc.source,
            grade,
            published: doc.published.map(|t| t.to_rfc3339()),
            duplicate_of: engine::document_link(store, &doc_id.to_string())?.and_then(|v| v.duplicate_of),
            claims: store.claims(&filter)?,
        });
    }
    let story = StorySummary::new(story, page.offset, page.limit);
    Ok(Story { story, propositions, propositions_total, offset: page.offset, timeline })
}
