//! `dossier link`: bring the cross-document ledger up to date (ingest does this itself), or
//! rebuild it from scratch in canonical order.

use std::io::Write;
use std::path::Path;

#[derive(clap::Args)]
pub struct Args {
    /// Re-link every document from scratch (after an upgrade, or to make the result independent
    /// of the order documents arrived in).
    #[arg(long)]
    rebuild: bool,
}

pub fn run(data: &Path, args: Args) -> anyhow::Result<()> {
    let mut store = super::open_existing_store(data)?;
    let _lock = super::writer_lock(data, "link")?;
    let summary = engine::link(&mut store, args.rebuild)?;
    writeln!(
        std::io::stdout(),
        "linked {} documents ({} near-duplicates); {} stories",
        summary.linked,
        summary.near_duplicates,
        summary.stories
    )?;
    Ok(())
}
