//! `GET /api/claims`: claims filtered by speaker, subject entity, stance and time, oldest first,
//! with stance, source and month facets.

use super::List;
use crate::error::ApiError;
use crate::params::{Params, page, text, time};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use store::{ClaimFilter, ClaimRow, Store};

/// The stances a filter may name (`model::Stance` in its serialized form).
pub const STANCES: &[&str] = &[
    "report",
    "assert",
    "confirm",
    "deny",
    "estimate",
    "allege",
    "praise",
    "criticize",
    "warn",
    "promise",
    "question",
];

/// Query parameters of the claims list.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct ClaimParams {
    /// Speaker text contains this, or the speaker is this entity (id or name).
    pub speaker: Option<String>,
    /// The content mentions this entity (id or name).
    pub about: Option<String>,
    /// One of [`STANCES`].
    pub stance: Option<String>,
    /// Published on or after (`YYYY-MM-DD`, `YYYY-MM` or RFC 3339).
    pub since: Option<String>,
    /// Published before.
    pub until: Option<String>,
    /// Only claims published by sources of this Admiralty reliability grade or better (`A`–`F`;
    /// sources the registry does not know are `F`).
    pub grade: Option<String>,
    /// Page size.
    pub limit: Option<usize>,
    /// Rows to skip.
    pub offset: Option<usize>,
}

/// A `stance` filter: blank for any, else one of [`STANCES`] in lower or upper case (as the
/// OpenAPI document lists them), lower-cased.
pub fn stance_filter(value: &Option<String>) -> Result<Option<String>, ApiError> {
    match text(value) {
        None => Ok(None),
        Some(s) if STANCES.iter().any(|k| s == *k || s == k.to_uppercase()) => Ok(Some(s.to_lowercase())),
        Some(s) => Err(ApiError::invalid_query(format!("unknown stance '{s}' (one of: {})", STANCES.join(", ")))),
    }
}

impl ClaimParams {
    /// The store filter these parameters ask for, with room for `limit` rows; a `grade` becomes
    /// the stored sources the registry grades that well.
    pub fn filter(&self, store: &Store, limit: usize) -> Result<ClaimFilter, ApiError> {
        let stance = stance_filter(&self.stance)?;
        let sources = match text(&self.grade) {
            None => None,
            Some(grade) => {
                let Some(grade) = ledger::Grade::parse(&grade.to_ascii_uppercase()) else {
                    return Err(ApiError::invalid_query(format!("unknown grade '{grade}' (one of: A, B, C, D, E, F)")));
                };
                let registry = ledger::SourceRegistry::builtin();
                let graded = store
                    .source_names()?
                    .into_iter()
                    .filter(|name| registry.lookup(Some(name), None).map_or(ledger::Grade::F, |s| s.grade) <= grade);
                Some(graded.collect())
            }
        };
        Ok(ClaimFilter {
            speaker: text(&self.speaker),
            about: text(&self.about),
            stance,
            since: time(&self.since, "since")?,
            until: time(&self.until, "until")?,
            sources,
            limit,
            ..ClaimFilter::default()
        })
    }
}

/// One page of claims with facets.
pub fn list(store: &Store, params: &ClaimParams) -> Result<List<ClaimRow>, ApiError> {
    let page = page(params.limit, params.offset)?;
    let filter = ClaimFilter { offset: page.offset, ..params.filter(store, page.limit + 1)? };
    let rows: Vec<ClaimRow> = store.claims(&filter)?;
    let mut list = List::from_probe(rows, page);
    list.facets = Some(store.claim_facets(&filter)?);
    Ok(list)
}

/// `GET /api/claims`.
pub async fn index(
    State(state): State<AppState>,
    Params(params): Params<ClaimParams>,
) -> Result<Json<List<ClaimRow>>, ApiError> {
    state.read(move |store| list(store, &params)).await.map(Json)
}
