//! Request parameters: query strings and path ids read into typed structs, with every mistake
//! answered as `invalid_query` (axum's own extractors would answer plain-text 400s outside the
//! error table), and the shared rules for pages of results and dates.

use crate::error::ApiError;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use chrono::{DateTime, NaiveDate};
use serde::de::DeserializeOwned;

/// Results per page when `limit` is not given.
pub const DEFAULT_LIMIT: usize = 50;
/// The largest `limit` accepted.
pub const MAX_LIMIT: usize = 200;
/// The largest `offset` accepted (deeper pages are for exports, not browsing).
pub const MAX_OFFSET: usize = 10_000;

/// The query string, parsed into `T`.
pub struct Params<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Params<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let query = parts.uri.query().unwrap_or_default();
        serde_urlencoded::from_str(query)
            .map(Params)
            .map_err(|e| ApiError::invalid_query(format!("invalid query parameters: {e}")))
    }
}

/// The `{id}` path segment, percent-decoded.
pub struct Id(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        Path::<String>::from_request_parts(parts, state)
            .await
            .map(|Path(id)| Id(id))
            .map_err(|_| ApiError::invalid_query("the id in the path is not valid text"))
    }
}

/// A checked page window.
pub fn page(limit: Option<usize>, offset: Option<usize>) -> Result<store::Page, ApiError> {
    page_of(limit, offset, DEFAULT_LIMIT, MAX_LIMIT)
}

/// A checked page window whose `limit` defaults to `default` and may be at most `max`.
pub fn page_of(
    limit: Option<usize>,
    offset: Option<usize>,
    default: usize,
    max: usize,
) -> Result<store::Page, ApiError> {
    let limit = limit.unwrap_or(default);
    let offset = offset.unwrap_or(0);
    if limit == 0 || limit > max {
        return Err(ApiError::invalid_query(format!("limit must be between 1 and {max}")));
    }
    if offset > MAX_OFFSET {
        return Err(ApiError::invalid_query(format!("offset must be at most {MAX_OFFSET}")));
    }
    Ok(store::Page { limit, offset })
}

/// `None` for a missing or blank form field, else the trimmed text.
pub fn text(value: &Option<String>) -> Option<String> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned)
}

/// A `since`/`until` parameter (`YYYY-MM-DD`, midnight UTC, or RFC 3339) as Unix time.
pub fn time(value: &Option<String>, name: &str) -> Result<Option<i64>, ApiError> {
    let Some(value) = text(value) else { return Ok(None) };
    if let Ok(date) = NaiveDate::parse_from_str(&value, "%Y-%m-%d") {
        return Ok(date.and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp()));
    }
    if let Ok(month) = NaiveDate::parse_from_str(&format!("{value}-01"), "%Y-%m-%d") {
        return Ok(month.and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp()));
    }
    DateTime::parse_from_rfc3339(&value)
        .map(|t| Some(t.timestamp()))
        .map_err(|_| ApiError::invalid_query(format!("{name} '{value}' is not a date (use YYYY-MM-DD)")))
}
