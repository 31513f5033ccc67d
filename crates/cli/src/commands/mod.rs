//! One module per subcommand: its arguments and its `run`.

pub mod bench;
pub mod claims;
pub mod compact;
pub mod demo;
pub mod entity;
pub mod eval;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod link;
pub mod propositions;
pub mod reanalyze;
pub mod search;
pub mod serve;
pub mod show;
pub mod stats;
pub mod stories;

use anyhow::Context;
use std::path::Path;

/// Opens the store, saying which directory failed.
pub fn open_store(dir: &Path) -> anyhow::Result<store::Store> {
    store::Store::open(dir).with_context(|| format!("cannot use the store in {}", dir.display()))
}

/// Opens a store that must already exist (read-only commands should not create one by accident).
pub fn open_existing_store(dir: &Path) -> anyhow::Result<store::Store> {
    if !dir.join(store::DATABASE_FILE).exists() {
        anyhow::bail!("no store in {} (run `dossier ingest PATH` first, or pass --data DIR)", dir.display());
    }
    open_store(dir)
}

/// Takes the store's writer lock for `command` (e.g. "ingest"): refused, naming the holder,
/// while a following server or another writing command has the store.
pub fn writer_lock(dir: &Path, command: &str) -> anyhow::Result<store::WriterLock> {
    Ok(store::WriterLock::acquire(dir, &format!("`dossier {command}`"))?)
}
