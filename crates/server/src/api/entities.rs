//! `GET /api/entities` (most documents first, filtered by name and type) and
//! `GET /api/entities/{id}`: one entity with the texts naming it, its roles, and where to find
//! the claims by and about it.

use super::{List, probe};
use crate::error::ApiError;
use crate::params::{Id, Params, page, text};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use store::{EntityDetail, EntityQuery, EntityRow, Store};

/// The entity types a `type` filter takes, as the OpenAPI document lists them (upper or lower
/// case; blank means any).
pub const TYPES: [&str; 11] =
    ["PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "MILITARY", "WEAPON", "PRODUCT", "EVENT", "MISC"];

/// Query parameters of the entities list.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct EntityParams {
    /// Name contains this (any case), or the id is this.
    pub q: Option<String>,
    /// Entity type (`PERSON`, `ORG`, `GPE`, …).
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Page size.
    pub limit: Option<usize>,
    /// Rows to skip.
    pub offset: Option<usize>,
}

/// One entity and links to its claims.
#[derive(Debug, Serialize)]
pub struct EntityView {
    /// What the store knows about it.
    #[serde(flatten)]
    pub entity: EntityDetail,
    /// API paths listing the claims it made and the claims about it.
    pub links: Links,
}

/// API paths related to an entity.
#[derive(Debug, Serialize)]
pub struct Links {
    /// Claims whose speaker is the entity.
    pub claims_by: String,
    /// Claims whose content mentions the entity.
    pub claims_about: String,
}

/// One page of entities.
pub fn list(store: &Store, params: &EntityParams) -> Result<List<EntityRow>, ApiError> {
    let page = page(params.limit, params.offset)?;
    let kind = match text(&params.kind) {
        None => None,
        Some(k) if TYPES.iter().any(|t| k == *t || k == t.to_lowercase()) => Some(k.to_uppercase()),
        Some(k) => {
            return Err(ApiError::invalid_query(format!("unknown entity type '{k}' (one of: {})", TYPES.join(", "))));
        }
    };
    let query = EntityQuery { name: text(&params.q), kind };
    Ok(List::from_probe(store.entities(&query, probe(page))?, page))
}

/// One entity, by canonical id or exact name.
pub fn get(store: &Store, id: &str) -> Result<EntityDetail, ApiError> {
    store.entity(id)?.ok_or_else(|| ApiError::not_found(format!("no entity '{id}'")))
}

/// `GET /api/entities`.
pub async fn index(
    State(state): State<AppState>,
    Params(params): Params<EntityParams>,
) -> Result<Json<List<EntityRow>>, ApiError> {
    state.read(move |store| list(store, &params)).await.map(Json)
}

/// `GET /api/entities/{id}`.
pub async fn show(State(state): State<AppState>, Id(id): Id) -> Result<Json<EntityView>, ApiError> {
    let entity = state.read(move |store| get(store, &id)).await?;
    let query = |key: &str| serde_urlencoded::to_string([(key, entity.id.as_str())]).unwrap_or_default();
    let links = Links {
        claims_by: format!("/api/claims?{}", query("speaker")),
        claims_about: format!("/api/claims?{}", query("about")),
    };
    Ok(Json(EntityView { entity, links }))
}
