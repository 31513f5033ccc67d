//! The shared fixture and request helpers.
//!
//! The store is built once per test run (ingesting takes a few seconds) in a temporary folder
//! and only read afterwards; tests that write make a store of their own.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tower::ServiceExt;

/// The hostile article (script tags, `javascript:` links, event handlers, entities).
pub const HOSTILE: &str = "tests/it/data/hostile.jsonl";
/// The hostile article's input id.
pub const HOSTILE_ID: &str = "hostile-1";

/// The folder of the shared store: the sample corpus and the hostile article.
pub fn corpus_store() -> &'static Path {
    static STORE: OnceLock<tempfile::TempDir> = OnceLock::new();
    STORE
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("a temporary folder");
            let root = Path::new(env!("CARGO_MANIFEST_DIR"));
            ingest(dir.path(), &[root.join("../../examples/corpus"), root.join(HOSTILE)]);
            dir
        })
        .path()
}

/// Ingests `paths` into the store in `dir` with the engine, as `dossier ingest` does.
pub fn ingest(dir: &Path, paths: &[PathBuf]) -> engine::Summary {
    let patterns: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let (inputs, errors) = ingest::expand(&patterns);
    assert!(errors.is_empty(), "inputs: {errors:?}");
    let mut store = store::Store::open(dir).expect("store opens");
    let config = engine::IngestConfig { threads: 1, ..Default::default() };
    let summary = engine::ingest(&mut store, &inputs, &config, &mut |_| {}).expect("ingest works");
    assert!(summary.rejected.is_empty(), "rejected: {:?}", summary.rejected);
    summary
}

/// The application over the shared store.
pub fn app() -> Router {
    server::router(corpus_store()).expect("router over the corpus store")
}

/// A response, read whole.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not json ({e}): {}", self.body))
    }

    /// The `error.code` of a JSON error body.
    pub fn code(&self) -> String {
        self.json()["error"]["code"].as_str().unwrap_or_default().to_owned()
    }
}

/// `GET uri` through `app`, in-process.
pub fn get(app: &Router, uri: &str) -> Reply {
    request(app, Method::GET, uri)
}

/// `method uri` through `app`, in-process.
pub fn request(app: &Router, method: Method, uri: &str) -> Reply {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    runtime.block_on(async {
        let request = Request::builder().method(method).uri(uri).body(Body::empty()).expect("a request");
        let response = app.clone().oneshot(request).await.expect("the router answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("a body");
        Reply { status, headers, body: String::from_utf8(bytes.to_vec()).expect("utf-8 body") }
    })
}

/// `method uri` with `headers` and `body` through `app`, in-process (on a runtime with a
/// blocking pool, which the writer's handle needs).
pub fn send(app: &Router, method: Method, uri: &str, headers: &[(&str, &str)], body: Vec<u8>) -> Reply {
    let runtime =
        tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().expect("a runtime");
    runtime.block_on(async {
        let mut builder = Request::builder().method(method).uri(uri);
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        let response =
            app.clone().oneshot(builder.body(Body::from(body)).expect("a request")).await.expect("an answer");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("a body");
        Reply { status, headers, body: String::from_utf8(bytes.to_vec()).expect("utf-8 body") }
    })
}
