//! `GET /api/stories` and `GET /api/stories/{id}`: the ledger's stories, and one story with its
//! documents in order, each with its source's grade and its claims.

use crate::error::ApiError;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use ledger::{SourceRegistry, StoryView};
use serde::Serialize;
use store::{ClaimFilter, ClaimRow, Store};

/// Most claims listed per document of a story.
const CLAIMS_PER_DOCUMENT: usize = 50;

/// The stories list (not paged: stories are far fewer than documents).
#[derive(Debug, Serialize)]
pub struct Stories {
    /// Stories, the most independent voices first.
    pub items: Vec<StoryView>,
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

/// A story with its timeline.
#[derive(Debug, Serialize)]
pub struct Story {
    /// The story.
    #[serde(flatten)]
    pub story: StoryView,
    /// Its documents in order (publication time, then id), with their claims.
    pub timeline: Vec<StoryDocument>,
}

/// `GET /api/stories`.
pub async fn index(State(state): State<AppState>) -> Result<Json<Stories>, ApiError> {
    state.read(|store| Ok(Stories { items: list(store)? })).await.map(Json)
}

/// `GET /api/stories/{id}`: by id or a prefix of at least 6 hex digits.
pub async fn show(State(state): State<AppState>, Path(id): Path<String>) -> Result<Json<Story>, ApiError> {
    state.read(move |store| get(store, &id)).await.map(Json)
}

/// The stories, the most independent voices first.
pub fn list(store: &Store) -> Result<Vec<StoryView>, ApiError> {
    let mut stories = engine::stories(store)?;
    stories.sort_by_key(|s| std::cmp::Reverse(s.voices));
    Ok(stories)
}

/// One story with its timeline; `not_found` when no story has this id.
pub fn get(store: &Store, id: &str) -> Result<Story, ApiError> {
    let story = engine::story(store, id)?.ok_or_else(|| ApiError::not_found(format!("no story '{id}'")))?;
    let registry = SourceRegistry::builtin();
    let mut timeline = Vec::with_capacity(story.documents.len());
    for doc_id in &story.documents {
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
    Ok(Story { story, timeline })
}
