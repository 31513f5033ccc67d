//! `GET /api/export/stix`, `/api/export/claimreview`, `/api/export/misp`: the analyst exports of
//! the whole ledger (see `crate::exports`), the same JSON `dossier export` writes. A STIX bundle,
//! a JSON array of `ClaimReview`s, and a JSON array of MISP-tagged attributions respectively.

use crate::error::ApiError;
use crate::exports::{Corpus, claimreview, misp, stix};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use serde_json::Value;

/// `GET /api/export/stix`: one STIX 2.1 bundle.
pub async fn stix(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    export(state, stix::bundle).await
}

/// `GET /api/export/claimreview`: one `ClaimReview` per proposition.
pub async fn claimreview(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    export(state, claimreview::reviews).await
}

/// `GET /api/export/misp`: every attribution with its `admiralty-scale` tags.
pub async fn misp(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    export(state, |corpus| Value::Array(misp::attributes(corpus))).await
}

async fn export(state: AppState, format: fn(&Corpus) -> Value) -> Result<Json<Value>, ApiError> {
    state.read(move |store| Ok(format(&Corpus::load(store)?))).await.map(Json)
}
