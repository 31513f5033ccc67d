//! The JSON API under `/api`: one module per resource. Each module has the query the web pages
//! also call (so a page and its API answer always agree) and the thin handler that serializes it.
//!
//! Lists share one shape, [`List`]: `items`, the `limit` and `offset` used, `next_offset` when
//! there is more, and `facets` where counts make sense.

pub mod claims;
pub mod documents;
pub mod entities;
pub mod exports;
pub mod intake;
pub mod propositions;
pub mod search;
pub mod sources;
pub mod stories;

use crate::error::ApiError;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use serde::Serialize;

/// One page of a list.
#[derive(Debug, Serialize)]
pub struct List<T> {
    /// The rows of this page.
    pub items: Vec<T>,
    /// The page size asked for.
    pub limit: usize,
    /// Rows skipped before this page.
    pub offset: usize,
    /// The `offset` of the next page, when there is one.
    pub next_offset: Option<usize>,
    /// Counts per facet value, for lists that have them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<store::Facets>,
}

impl<T> List<T> {
    /// A page from rows fetched with one more than `page.limit`: the extra row, if any, only
    /// says that a next page exists.
    pub fn from_probe(mut items: Vec<T>, page: store::Page) -> List<T> {
        let more = items.len() > page.limit;
        items.truncate(page.limit);
        List {
            items,
            limit: page.limit,
            offset: page.offset,
            next_offset: more.then_some(page.offset + page.limit),
            facets: None,
        }
    }
}

/// `page` with one more row, to learn whether a next page exists.
pub fn probe(page: store::Page) -> store::Page {
    store::Page { limit: page.limit + 1, offset: page.offset }
}

/// `GET /api/stats`: what the store holds.
pub async fn stats(State(state): State<AppState>) -> Result<Json<store::Stats>, ApiError> {
    state.read(|store| Ok(store.stats()?)).await.map(Json)
}
