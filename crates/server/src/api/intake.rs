//! `POST /api/documents`: documents pushed by a client, as one JSON object or as JSON Lines
//! with the fields of the JSONL reader (`id`, `title`, `text`, `published`, `source`, `url`, …).
//!
//! Why: a scraper or a pipeline should not have to write files for a server to pick up; it
//! sends what it has and learns, per line, what became of it.
//!
//! How: writes are off unless the server has a token (403 `writes_disabled`); the request must
//! carry it as `Authorization: Bearer TOKEN` (401 `unauthorized`); the body is read up to the
//! server's limit (413 `too_large`), parsed by the same reader as `dossier ingest` of a
//! `.jsonl` file, and the documents read are sent to the server's writer as one batch. The
//! answer is 202 with one result per non-blank line, in order: the input's id and the content
//! id and whether it was new or a duplicate, or the line's error; 400 `invalid_body` only when
//! no line could be read.
//!
//! Example: `curl -H 'Authorization: Bearer s3cret' --data-binary @batch.jsonl
//! localhost:8080/api/documents`.
//!
//! Known limits: the batch is analyzed and linked before the answer (about a millisecond a
//! document on one core), so very large bodies are better sent in several requests.

use crate::error::{ApiError, Code};
use crate::state::AppState;
use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use model::Document;
use serde::Serialize;

/// The name the body is read under (its extension picks the JSON Lines reader).
const BODY_NAME: &str = "request.jsonl";

/// What became of one line of the body.
#[derive(Clone, Debug, Serialize)]
pub struct LineResult {
    /// The 1-based line number.
    pub line: u64,
    /// `new`, `duplicate` or `rejected`.
    pub status: &'static str,
    /// The input's own id (`id` field), when it had one.
    pub id: Option<String>,
    /// The content id, for a document read.
    pub document: Option<String>,
    /// Why the line was rejected.
    pub error: Option<String>,
}

/// The answer to a write.
#[derive(Clone, Debug, Serialize)]
pub struct Created {
    /// Documents newly stored.
    pub added: u64,
    /// Documents already stored (same text), or repeated in the body.
    pub duplicates: u64,
    /// Lines that could not be read.
    pub rejected: u64,
    /// One result per non-blank line, in order.
    pub items: Vec<LineResult>,
}

/// `POST /api/documents`.
pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Body,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let Some(live) = state.live() else { return Err(disabled()) };
    let Some(token) = live.token() else { return Err(disabled()) };
    let given =
        headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    if !given.is_some_and(|g| constant_time_eq(g.trim().as_bytes(), token.as_bytes())) {
        return Err(ApiError {
            code: Code::Unauthorized,
            message: "send the server's token as `Authorization: Bearer TOKEN`".into(),
        });
    }
    let limit = live.max_body();
    let bytes = axum::body::to_bytes(body, limit).await.map_err(|_| ApiError {
        code: Code::TooLarge,
        message: format!("the body is larger than this server accepts ({limit} bytes); send it in parts"),
    })?;
    let (docs, mut items) = read(&bytes);
    if docs.is_empty() {
        let reason = items.iter().find_map(|i| i.error.clone()).unwrap_or_else(|| "the body holds no document".into());
        return Err(ApiError { code: Code::InvalidBody, message: reason });
    }
    let (lines, docs): (Vec<usize>, Vec<Document>) = docs.into_iter().unzip();
    let Some(outcome) = live.add(docs).await else {
        return Err(ApiError {
            code: Code::Unavailable,
            message: "the server is shutting down; send it again later".into(),
        });
    };
    let (accepted, _) = outcome.map_err(|e| ApiError::internal(&e))?;
    for (at, a) in lines.into_iter().zip(accepted) {
        items[at].document = Some(a.id.to_string());
        items[at].status = if a.new { "new" } else { "duplicate" };
    }
    let count = |status: &str| items.iter().filter(|i| i.status == status).count() as u64;
    let created = Created { added: count("new"), duplicates: count("duplicate"), rejected: count("rejected"), items };
    Ok((StatusCode::ACCEPTED, Json(created)))
}

fn disabled() -> ApiError {
    ApiError {
        code: Code::WritesDisabled,
        message: "this server does not accept documents: start it with --token (or DOSSIER_TOKEN)".into(),
    }
}

/// The documents of a body, each with the index of its line's result, and every line's result.
fn read(bytes: &[u8]) -> (Vec<(usize, Document)>, Vec<LineResult>) {
    // One JSON object, pretty-printed or not, is one document.
    let one_line;
    let bytes = match serde_json::from_slice::<serde_json::Value>(bytes) {
        Ok(value @ serde_json::Value::Object(_)) => {
            one_line = serde_json::to_vec(&value).unwrap_or_default();
            &one_line[..]
        }
        _ => bytes,
    };
    let mut docs = Vec::new();
    let mut items = Vec::new();
    let line_of = |origin: &str| origin.rsplit_once('#').and_then(|(_, n)| n.parse().ok()).unwrap_or(0);
    ingest::read_bytes(BODY_NAME, bytes, &ingest::Config::default(), &mut |event| match event {
        ingest::Event::Document(draft) => {
            let line = line_of(&draft.origin);
            let id = draft.external_id.clone();
            match Document::from_draft(draft) {
                Some(doc) => {
                    docs.push((items.len(), doc));
                    items.push(LineResult { line, status: "rejected", id, document: None, error: None });
                }
                None => items.push(LineResult {
                    line,
                    status: "rejected",
                    id,
                    document: None,
                    error: Some("no text".into()),
                }),
            }
        }
        ingest::Event::Rejected(e) => items.push(LineResult {
            line: e.location().and_then(|l| l.record).unwrap_or(0),
            status: "rejected",
            id: None,
            document: None,
            error: Some(e.reason()),
        }),
        ingest::Event::Skipped { origin, kind } => items.push(LineResult {
            line: line_of(&origin),
            status: "rejected",
            id: None,
            document: None,
            error: Some(format!("not a document ({kind})")),
        }),
    });
    (docs, items)
}

/// Compares without stopping at the first difference, so the time taken says nothing of how
/// much of a guessed token was right.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
