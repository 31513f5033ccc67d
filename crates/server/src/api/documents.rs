//! `GET /api/documents` (newest first, filtered by source, time and entity) and
//! `GET /api/documents/{id}`: one document as the `extract` JSON contract (text, and every item
//! with its offsets and text).

use super::{List, probe};
use crate::error::ApiError;
use crate::params::{Id, Params, page, text, time};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use model::Extraction;
use serde::Deserialize;
use store::{DocumentFilter, DocumentRow, Store};

/// Query parameters of the documents list.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct DocumentParams {
    /// Source name, exactly.
    pub source: Option<String>,
    /// Published on or after (`YYYY-MM-DD`, `YYYY-MM` or RFC 3339).
    pub since: Option<String>,
    /// Published before.
    pub until: Option<String>,
    /// Mentions this entity id.
    pub entity: Option<String>,
    /// Page size.
    pub limit: Option<usize>,
    /// Rows to skip.
    pub offset: Option<usize>,
}

impl DocumentParams {
    /// The store filter these parameters ask for.
    pub fn filter(&self) -> Result<DocumentFilter, ApiError> {
        Ok(DocumentFilter {
            source: text(&self.source),
            since: time(&self.since, "since")?,
            until: time(&self.until, "until")?,
            entity: text(&self.entity),
        })
    }
}

/// One page of documents with source and month facets.
pub fn list(store: &Store, params: &DocumentParams) -> Result<List<DocumentRow>, ApiError> {
    let filter = params.filter()?;
    let page = page(params.limit, params.offset)?;
    let mut list = List::from_probe(store.documents(&filter, probe(page))?, page);
    list.facets = Some(store.document_facets(None, &filter)?);
    Ok(list)
}

/// One document and its analysis, by content id, unique id prefix or input id.
pub fn get(store: &Store, id: &str) -> Result<Extraction, ApiError> {
    let Some(doc) = store.document(id)? else {
        return Err(ApiError::not_found(format!("no document '{id}'")));
    };
    let analysis = engine::stored_or_fresh_analysis(store, &doc)?;
    Ok(Extraction::new(&doc, &analysis))
}

/// `GET /api/documents`.
pub async fn index(
    State(state): State<AppState>,
    Params(params): Params<DocumentParams>,
) -> Result<Json<List<DocumentRow>>, ApiError> {
    state.read(move |store| list(store, &params)).await.map(Json)
}

/// `GET /api/documents/{id}`.
pub async fn show(State(state): State<AppState>, Id(id): Id) -> Result<Json<Extraction>, ApiError> {
    state.read(move |store| get(store, &id)).await.map(Json)
}
