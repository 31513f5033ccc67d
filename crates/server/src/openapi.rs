//! `GET /api/openapi.json`: the OpenAPI 3 description of the API, written by hand in
//! `openapi.json` and served as is.
//!
//! Hand-written rather than derived (`utoipa`) to keep the compile light and the text reviewable;
//! the tests keep it honest: every API route in the router is described, nothing else is, and
//! the error codes it lists are exactly those of the error table.

use axum::http::header;
use axum::response::IntoResponse;

/// The description, as served.
pub const OPENAPI_JSON: &str = include_str!("openapi.json");

/// `GET /api/openapi.json`.
pub async fn document() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI_JSON)
}
