//! `GET /api/search?q=`: documents and claims matching a full-text query, with facets (source,
//! month, stance) and the same filters as the lists.
//!
//! Snippets come as plain text with the matched terms as byte ranges (`highlights`), never as
//! markup: a client decides how to show them, and nothing in a document can smuggle HTML in.

use super::{List, probe};
use crate::error::ApiError;
use crate::params::{Params, page, text, time};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use store::{ClaimRow, DocumentFilter, HIGHLIGHT_END, HIGHLIGHT_START, Hit, Store};

/// Query parameters of a search.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct SearchParams {
    /// Full-text query (FTS5 syntax; plain words always work).
    pub q: Option<String>,
    /// Source name, exactly.
    pub source: Option<String>,
    /// Published on or after (`YYYY-MM-DD`, `YYYY-MM` or RFC 3339).
    pub since: Option<String>,
    /// Published before.
    pub until: Option<String>,
    /// Claims of this stance only.
    pub stance: Option<String>,
    /// Page size, for documents and claims alike.
    pub limit: Option<usize>,
    /// Rows to skip, for documents and claims alike.
    pub offset: Option<usize>,
}

/// A search answer.
#[derive(Debug, Serialize)]
pub struct SearchResults {
    /// The query as understood.
    pub query: String,
    /// Matching documents, best first, with source and month facets.
    pub documents: List<SearchHit>,
    /// Matching claims, in the order of their documents' rank, with a stance facet.
    pub claims: List<ClaimRow>,
}

/// One matching document.
#[derive(Debug, Serialize)]
pub struct SearchHit {
    /// Content id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Source name.
    pub source: Option<String>,
    /// Publication time, RFC 3339.
    pub published: Option<String>,
    /// An excerpt around the best match, as plain text.
    pub snippet: String,
    /// Byte ranges of the matched terms in `snippet`.
    pub highlights: Vec<[usize; 2]>,
    /// Relevance (BM25); higher is better.
    pub score: f64,
}

impl From<Hit> for SearchHit {
    fn from(hit: Hit) -> SearchHit {
        let mut snippet = String::with_capacity(hit.snippet.len());
        let mut highlights = Vec::new();
        let mut open = None;
        for c in hit.snippet.chars() {
            match c {
                HIGHLIGHT_START => open = Some(snippet.len()),
                HIGHLIGHT_END => highlights.extend(open.take().map(|start| [start, snippet.len()])),
                c => snippet.push(c),
            }
        }
        SearchHit {
            id: hit.id,
            title: hit.title,
            source: hit.source,
            published: hit.published,
            snippet,
            highlights,
            score: hit.score,
        }
    }
}

/// Runs a search.
pub fn run(store: &Store, params: &SearchParams) -> Result<SearchResults, ApiError> {
    let Some(query) = text(&params.q) else { return Err(ApiError::invalid_query("the query is empty")) };
    let page = page(params.limit, params.offset)?;
    let filter = DocumentFilter {
        source: text(&params.source),
        since: time(&params.since, "since")?,
        until: time(&params.until, "until")?,
        entity: None,
    };
    let stance = super::claims::stance_filter(&params.stance)?;
    let hits = store.search_documents(&query, &filter, probe(page))?;
    let mut documents = List::from_probe(hits.into_iter().map(SearchHit::from).collect(), page);
    documents.facets = Some(store.document_facets(Some(&query), &filter)?);
    let (found, stances) = store.search_claims(&query, &filter, stance.as_deref(), probe(page))?;
    let mut claims = List::from_probe(found, page);
    claims.facets = Some(store::Facets { stance: stances, ..Default::default() });
    Ok(SearchResults { query, documents, claims })
}

/// `GET /api/search`.
pub async fn index(
    State(state): State<AppState>,
    Params(params): Params<SearchParams>,
) -> Result<Json<SearchResults>, ApiError> {
    state.read(move |store| run(store, &params)).await.map(Json)
}
