//! `dossier serve`: the JSON HTTP API under `/api` and the web UI, from one binary.
//!
//! [`router`] builds the whole application over a store directory; [`serve`] runs it on a
//! listener until Ctrl-C. Handlers read the store through a small connection pool
//! (`state.rs`), so an ingest running beside the server shows up without a restart.
//!
//! Pages (`pages/`) are rendered on the server with `maud`, which escapes every value; the only
//! script is the static `assets/app.js`, and every response carries a strict
//! Content-Security-Policy, so text from a document can never run as code. Routes are declared
//! once, in [`router`], through [`Routes`], which also records them so a test can check that the
//! OpenAPI description (`openapi.json`) lists every API route.
//!
//! The ledger's stories and propositions are served as `/api/stories`, `/api/propositions` and
//! their pages `/stories/{id}` and `/propositions/{id}`, read from the store's ledger rows.

pub mod api;
pub mod error;
pub mod exports;
pub mod follow;
mod job;
pub mod live;
pub mod openapi;
pub mod pages;
pub mod params;
pub mod state;

use axum::Router;
use axum::extract::Request;
use axum::handler::Handler;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use error::{ApiError, Code};
use state::AppState;
use std::path::Path;

/// The Content-Security-Policy sent with every response: only this server's own scripts, styles
/// and images; no inline script or style, no plugins, no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The application over the store in `dir` (created when missing), read-only.
pub fn router(dir: &Path) -> store::Result<Router> {
    router_with(dir, None)
}

/// The application over the store in `dir`, writing through `live` when given.
pub fn router_with(dir: &Path, live: Option<live::Live>) -> store::Result<Router> {
    let state = AppState::open(dir, live)?;
    // Both go on last: each applies only to the routes added before it.
    let app = routes().router.method_not_allowed_fallback(method_not_allowed);
    Ok(app.layer(axum::middleware::map_response(security_headers)).with_state(state))
}

/// Serves `app` on `listener` until Ctrl-C or SIGTERM; requests in flight are answered first.
pub async fn serve(listener: tokio::net::TcpListener, app: Router) -> std::io::Result<()> {
    axum::serve(listener, app).with_graceful_shutdown(shutdown_signal()).await
}

/// Ctrl-C, or SIGTERM on Unix. If a handler cannot be installed the server simply runs until
/// killed.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

/// Opens the store in `dir`, binds `addr` and serves until Ctrl-C on a runtime of its own;
/// `ready` is told the bound address (useful with port 0) before the first request is answered.
pub fn run(addr: &str, dir: &Path, ready: impl FnOnce(std::net::SocketAddr)) -> std::io::Result<()> {
    run_with(addr, dir, None, ready)
}

/// [`run`], writing as `options` say when given (see `live.rs`): the writer lock is taken
/// before binding, and on shutdown the batch in hand is finished before returning.
pub fn run_with(
    addr: &str,
    dir: &Path,
    options: Option<&live::Options>,
    ready: impl FnOnce(std::net::SocketAddr),
) -> std::io::Result<()> {
    let (live, threads) = match options {
        Some(options) => {
            let (live, threads) = live::Live::start(dir, options).map_err(std::io::Error::other)?;
            (Some(live), Some(threads))
        }
        None => (None, None),
    };
    let app = router_with(dir, live).map_err(std::io::Error::other)?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let served = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        ready(listener.local_addr()?);
        serve(listener, app).await
    });
    // Handlers may still hold the writer's handle until the runtime is gone.
    drop(runtime);
    if let Some(threads) = threads {
        threads.stop();
    }
    served
}

/// The paths of the API routes, in declaration order (for the OpenAPI check).
pub fn api_paths() -> Vec<&'static str> {
    routes().paths.into_iter().filter(|p| p.starts_with("/api/")).collect()
}

/// Every route, declared once.
fn routes() -> Routes {
    Routes::default()
        // JSON API.
        .get("/api/openapi.json", openapi::document)
        .get("/api/stats", api::stats)
        .get("/api/documents", api::documents::index)
        .post("/api/documents", api::intake::create)
        .get("/api/documents/{id}", api::documents::show)
        .get("/api/search", api::search::index)
        .get("/api/entities", api::entities::index)
        .get("/api/entities/{id}", api::entities::show)
        .get("/api/claims", api::claims::index)
        .get("/api/sources", api::sources::index)
        .get("/api/sources/follow", api::sources::follow)
        .get("/api/stories", api::stories::index)
        .get("/api/stories/{id}", api::stories::show)
        .get("/api/propositions", api::propositions::index)
        .get("/api/propositions/{id}", api::propositions::show)
        .get("/api/export/stix", api::exports::stix)
        .get("/api/export/claimreview", api::exports::claimreview)
        .get("/api/export/misp", api::exports::misp)
        // Web UI.
        .get("/", pages::home::page)
        .get("/search", pages::search::page)
        .get("/documents", pages::documents::list_page)
        .get("/documents/{id}", pages::document::page)
        .get("/entities", pages::entities::list_page)
        .get("/entities/{id}", pages::entity::page)
        .get("/claims", pages::claims::page)
        .get("/sources", pages::sources::page)
        .get("/stories", pages::stories::list_page)
        .get("/stories/{id}", pages::stories::page)
        .get("/propositions", pages::proposition::list_page)
        .get("/propositions/{id}", pages::proposition::page)
        .get("/assets/style.css", pages::assets::style)
        .get("/assets/app.js", pages::assets::script)
}

/// A router under construction that remembers its paths.
struct Routes {
    router: Router<AppState>,
    paths: Vec<&'static str>,
}

impl Default for Routes {
    fn default() -> Routes {
        let router = Router::new().fallback(not_found);
        Routes { router, paths: Vec::new() }
    }
}

impl Routes {
    fn get<H, T>(mut self, path: &'static str, handler: H) -> Routes
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.paths.push(path);
        self.router = self.router.route(path, get(handler));
        self
    }

    /// A POST route on a path already declared with [`Routes::get`] (listed in [`POST_PATHS`]).
    fn post<H, T>(mut self, path: &'static str, handler: H) -> Routes
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        debug_assert!(POST_PATHS.contains(&path));
        self.router = self.router.route(path, axum::routing::post(handler));
        self
    }
}

/// Adds the security headers to every response, errors and assets included.
async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// Unknown paths: `not_found`, as JSON under `/api` and as a page elsewhere.
async fn not_found(request: Request) -> Response {
    let error = ApiError::not_found(format!("no route {}", request.uri().path()));
    answer(&request, error)
}

/// The paths that also answer POST (writes).
pub const POST_PATHS: &[&str] = &["/api/documents"];

/// Known paths asked with a method they do not answer (HEAD is answered by GET routes).
async fn method_not_allowed(request: Request) -> Response {
    let post = POST_PATHS.contains(&request.uri().path());
    let allowed = if post { "GET, HEAD, POST" } else { "GET, HEAD" };
    let error = ApiError {
        code: Code::MethodNotAllowed,
        message: format!("{} is not allowed here; use {}", request.method(), if post { "GET or POST" } else { "GET" }),
    };
    let mut response = answer(&request, error);
    response.headers_mut().insert(header::ALLOW, HeaderValue::from_static(allowed));
    response
}

fn answer(request: &Request, error: ApiError) -> Response {
    if request.uri().path().starts_with("/api/") || request.uri().path() == "/api" {
        error.into_response()
    } else {
        pages::PageError(error).into_response()
    }
}
