//! The server's errors and the one table that maps them to HTTP.
//!
//! Every failure a client can see has a stable `code` string and an HTTP status, both taken from
//! [`CODES`] and nowhere else; the OpenAPI description lists the same codes (a test checks it).
//! The JSON body is `{"error": {"code": "not_found", "message": "no document 'abc123'"}}`; pages
//! show the message in an HTML page with the same status.
//!
//! Internals never leak: a database failure is logged with its detail and answered with
//! `internal` and a fixed message; a malformed search query is answered without SQLite's text.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// What went wrong, as a client can act on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Code {
    /// No such document, entity, page or route.
    NotFound,
    /// A query parameter or search query that cannot be understood.
    InvalidQuery,
    /// An id prefix or name that matches more than one thing.
    AmbiguousId,
    /// A route that exists, asked with a method it does not answer.
    MethodNotAllowed,
    /// A write without the right bearer token.
    Unauthorized,
    /// A write to a server started without a token: writes are off.
    WritesDisabled,
    /// A request body that could not be read at all (no line of it is a document).
    InvalidBody,
    /// A request body over the server's limit.
    TooLarge,
    /// The server's writer has stopped (it is shutting down, or its store failed).
    Unavailable,
    /// Anything else: the server's fault, logged, never detailed to the client.
    Internal,
}

/// The one table: each code, its HTTP status and its stable string.
pub const CODES: &[(Code, StatusCode, &str)] = &[
    (Code::NotFound, StatusCode::NOT_FOUND, "not_found"),
    (Code::InvalidQuery, StatusCode::BAD_REQUEST, "invalid_query"),
    (Code::AmbiguousId, StatusCode::CONFLICT, "ambiguous_id"),
    (Code::MethodNotAllowed, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
    (Code::Unauthorized, StatusCode::UNAUTHORIZED, "unauthorized"),
    (Code::WritesDisabled, StatusCode::FORBIDDEN, "writes_disabled"),
    (Code::InvalidBody, StatusCode::BAD_REQUEST, "invalid_body"),
    (Code::TooLarge, StatusCode::PAYLOAD_TOO_LARGE, "too_large"),
    (Code::Unavailable, StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
    (Code::Internal, StatusCode::INTERNAL_SERVER_ERROR, "internal"),
];

impl Code {
    /// The HTTP status of this code.
    pub fn status(self) -> StatusCode {
        CODES.iter().find(|(code, ..)| *code == self).map_or(StatusCode::INTERNAL_SERVER_ERROR, |(_, s, _)| *s)
    }

    /// The stable string clients match on.
    pub fn as_str(self) -> &'static str {
        CODES.iter().find(|(code, ..)| *code == self).map_or("internal", |(.., name)| name)
    }
}

/// An error answered to a client: a code and a message safe to show.
#[derive(Clone, Debug)]
pub struct ApiError {
    /// What went wrong.
    pub code: Code,
    /// A lower-case sentence for people, without internals.
    pub message: String,
}

impl ApiError {
    /// `not_found` with a message.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError { code: Code::NotFound, message: message.into() }
    }

    /// `invalid_query` with a message.
    pub fn invalid_query(message: impl Into<String>) -> ApiError {
        ApiError { code: Code::InvalidQuery, message: message.into() }
    }

    /// `internal`: logs `detail` and keeps it from the client.
    pub fn internal(detail: &dyn std::fmt::Display) -> ApiError {
        tracing::error!(error = %detail, "request failed");
        ApiError { code: Code::Internal, message: "internal error; the server log has the detail".into() }
    }
}

impl From<store::Error> for ApiError {
    fn from(error: store::Error) -> ApiError {
        match error {
            store::Error::Ambiguous { key } => ApiError {
                code: Code::AmbiguousId,
                message: format!("'{key}' matches more than one item; give more of the id"),
            },
            store::Error::Query { query, .. } if query.trim().is_empty() => {
                ApiError::invalid_query("the query is empty")
            }
            store::Error::Query { query, .. } => {
                ApiError::invalid_query(format!("the search query '{query}' could not be understood"))
            }
            other => ApiError::internal(&other),
        }
    }
}

#[derive(Serialize)]
struct Body<'a> {
    error: Detail<'a>,
}

#[derive(Serialize)]
struct Detail<'a> {
    code: &'static str,
    message: &'a str,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = Body { error: Detail { code: self.code.as_str(), message: &self.message } };
        (self.code.status(), Json(body)).into_response()
    }
}
