//! `GET /api/export/stix`, `/api/export/claimreview`, `/api/export/misp`: the analyst exports
//! (see `crate::exports`) of one page of propositions — `limit` (default [`DEFAULT_LIMIT`], at most
//! [`MAX_LIMIT`]) after `offset`, the most attributed first, as `/api/propositions` pages them —
//! in the JSON `dossier export` writes for the whole ledger. A STIX bundle, a JSON array of
//! `ClaimReview`s, and a JSON array of MISP-tagged attributions respectively; a page past the end
//! is an empty export.

use crate::error::ApiError;
use crate::exports::{Corpus, claimreview, misp, stix};
use crate::params::{Params, page_of};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use serde_json::Value;

/// Propositions per export page by default.
pub const DEFAULT_LIMIT: usize = 100;

/// Most propositions per export page.
pub const MAX_LIMIT: usize = 1_000;

/// Query parameters of an export.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ExportParams {
    /// Propositions in the page.
    pub limit: Option<usize>,
    /// Propositions skipped first.
    pub offset: Option<usize>,
}

/// `GET /api/export/stix`: one STIX 2.1 bundle.
pub async fn stix(State(state): State<AppState>, Params(p): Params<ExportParams>) -> Result<Json<Value>, ApiError> {
    export(state, p, stix::bundle).await
}

/// `GET /api/export/claimreview`: one `ClaimReview` per proposition.
pub async fn claimreview(
    State(state): State<AppState>,
    Params(p): Params<ExportParams>,
) -> Result<Json<Value>, ApiError> {
    export(state, p, claimreview::reviews).await
}

/// `GET /api/export/misp`: every attribution with its `admiralty-scale` tags.
pub async fn misp(State(state): State<AppState>, Params(p): Params<ExportParams>) -> Result<Json<Value>, ApiError> {
    export(state, p, |corpus| Value::Array(misp::attributes(corpus))).await
}

async fn export(state: AppState, params: ExportParams, format: fn(&Corpus) -> Value) -> Result<Json<Value>, ApiError> {
    let page = page_of(params.limit, params.offset, DEFAULT_LIMIT, MAX_LIMIT)?;
    let (offset, limit) = (page.offset as u64, page.limit as u64);
    state.read(move |store| Ok(format(&Corpus::load_page(store, offset, limit)?))).await.map(Json)
}
