//! `GET /api/sources`: every source with its document and claim counts and time span.

use crate::error::ApiError;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use serde::Serialize;
use store::SourceRow;

/// The sources list (not paged: a store holds hundreds of sources, not millions).
#[derive(Debug, Serialize)]
pub struct Sources {
    /// Sources, most documents first.
    pub items: Vec<SourceRow>,
}

/// `GET /api/sources`.
pub async fn index(State(state): State<AppState>) -> Result<Json<Sources>, ApiError> {
    state.read(|store| Ok(Sources { items: store.sources()? })).await.map(Json)
}

/// The followed sources (empty when the server follows none).
#[derive(Debug, Serialize)]
pub struct Followed {
    /// Each source given with `--follow`, in that order.
    pub items: Vec<crate::follow::FollowStatus>,
}

/// `GET /api/sources/follow`.
pub async fn follow(State(state): State<AppState>) -> Json<Followed> {
    Json(Followed { items: state.live().map(crate::live::Live::follow_status).unwrap_or_default() })
}
