//! `GET /api/propositions` (paged, the most attributed first) and `GET /api/propositions/{id}`:
//! the ledger's propositions — what several documents assert, with every attribution (source,
//! grade, kind, stance, evidence), the Admiralty credibility with its reasons, the status, the
//! dated lifecycle and the estimate series.
//!
//! Ids are the 16 hex digits of `ledger::PropositionId`; as with stories, an id that cannot be
//! one is simply not found.

use super::{List, probe};
use crate::error::ApiError;
use crate::params::{Id, Params, page};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use ledger::PropositionView;
use serde::Deserialize;
use store::Store;

/// Query parameters of the propositions list.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct PropositionParams {
    /// Page size.
    pub limit: Option<usize>,
    /// Rows to skip.
    pub offset: Option<usize>,
}

/// `GET /api/propositions`.
pub async fn index(
    State(state): State<AppState>,
    Params(params): Params<PropositionParams>,
) -> Result<Json<List<PropositionView>>, ApiError> {
    state.read(move |store| list(store, &params)).await.map(Json)
}

/// `GET /api/propositions/{id}`.
pub async fn show(State(state): State<AppState>, Id(id): Id) -> Result<Json<PropositionView>, ApiError> {
    state.read(move |store| get(store, &id)).await.map(Json)
}

/// Attributions each proposition of a list carries (a sample spread over time, with every
/// lifecycle evidence; `attributions_total` counts them all, `/api/propositions/{id}` lists all):
/// at 100,000 documents a page of 20 propositions was 17 MB.
pub const ATTRIBUTIONS_IN_LISTS: usize = 20;

/// One page of propositions, the most attributed first.
pub fn list(store: &Store, params: &PropositionParams) -> Result<List<PropositionView>, ApiError> {
    let page = page(params.limit, params.offset)?;
    let window = probe(page);
    let (propositions, _) = engine::proposition_page(store, window.offset as u64, window.limit as u64)?;
    let sampled = propositions.into_iter().map(|p| p.sampled(ATTRIBUTIONS_IN_LISTS)).collect();
    Ok(List::from_probe(sampled, page))
}

/// One proposition by id; `not_found` when none has it.
pub fn get(store: &Store, id: &str) -> Result<PropositionView, ApiError> {
    let missing = || ApiError::not_found(format!("no proposition '{id}'"));
    if ledger::PropositionId::parse(&id.to_ascii_lowercase()).is_none() {
        return Err(missing());
    }
    engine::proposition(store, id)?.ok_or_else(missing)
}
