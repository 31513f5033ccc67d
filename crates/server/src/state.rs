//! Shared state: the store directory and a small pool of open connections.
//!
//! Each request borrows a connection on a blocking thread (SQLite calls block) and gives it back
//! afterwards. The store runs in WAL mode, so these readers never wait for a writer such as a
//! `dossier ingest` running beside the server, and every query sees the batches committed before
//! it started: new documents appear without a restart. Each request's queries run in one read
//! transaction (`Store::snapshot`), so an answer never mixes states from before and after a
//! writer's commit.

use crate::error::ApiError;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use store::Store;

/// Most idle connections kept; more are opened under load and closed when given back.
const IDLE_CONNECTIONS: usize = 8;

/// What every handler shares; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    dir: PathBuf,
    idle: Mutex<Vec<Store>>,
    live: Option<crate::live::Live>,
    /// Queries running at once: one per core. More only time-slice the same cores, and a
    /// writing server's intake then gets a thread's share of them (with 20 clients, a tenth).
    running: tokio::sync::Semaphore,
}

impl AppState {
    /// State over the store in `dir`; opens one connection now so a broken store fails at start.
    pub fn open(dir: &Path, live: Option<crate::live::Live>) -> store::Result<AppState> {
        let first = Store::open(dir)?;
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
        let running = tokio::sync::Semaphore::new(cores);
        Ok(AppState { inner: Arc::new(Inner { dir: dir.to_owned(), idle: Mutex::new(vec![first]), live, running }) })
    }

    /// The writer, when this server writes (`--token` or `--follow`).
    pub fn live(&self) -> Option<&crate::live::Live> {
        self.inner.live.as_ref()
    }

    /// Runs `query` with a connection on a blocking thread.
    pub async fn read<T, F>(&self, query: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    {
        let state = self.clone();
        let _permit = self.inner.running.acquire().await.map_err(|e| ApiError::internal(&e))?;
        tokio::task::spawn_blocking(move || {
            let store = state.take()?;
            let result = store.snapshot(query).map_err(ApiError::from).and_then(|r| r);
            state.give_back(store);
            result
        })
        .await
        .map_err(|e| ApiError::internal(&e))?
    }

    fn take(&self) -> Result<Store, ApiError> {
        let idle = self.inner.idle.lock().map_or(None, |mut idle| idle.pop());
        match idle {
            Some(store) => Ok(store),
            None => Store::open(&self.inner.dir).map_err(|e| ApiError::internal(&e)),
        }
    }

    fn give_back(&self, store: Store) {
        if let Ok(mut idle) = self.inner.idle.lock()
            && idle.len() < IDLE_CONNECTIONS
        {
            idle.push(store);
        }
    }
}
