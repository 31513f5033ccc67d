//! `dossier compact`: rewrite the store compactly after large ingests.

use crate::output::human_bytes;
use std::io::Write;
use std::path::Path;

#[derive(clap::Args)]
pub struct Args {}

pub fn run(data: &Path, _: Args) -> anyhow::Result<()> {
    let mut store = super::open_existing_store(data)?;
    let _lock = super::writer_lock(data, "compact")?;
    let before = store.stats()?.disk_bytes;
    store.compact()?;
    let after = store.stats()?.disk_bytes;
    writeln!(std::io::stdout(), "store on disk {} -> {}", human_bytes(before), human_bytes(after))?;
    Ok(())
}
