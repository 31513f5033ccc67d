//! `dossier reanalyze`: re-run the analyzers over stored documents analyzed by an older version.

use std::io::Write;
use std::path::Path;

#[derive(clap::Args)]
pub struct Args {
    /// Documents per transaction.
    #[arg(long, default_value_t = 200, value_name = "N")]
    batch_size: usize,
}

pub fn run(data: &Path, args: Args) -> anyhow::Result<()> {
    let mut store = super::open_existing_store(data)?;
    let _lock = super::writer_lock(data, "reanalyze")?;
    let started = std::time::Instant::now();
    let done = engine::reanalyze(&mut store, args.batch_size, &mut |n| eprint!("\rre-analyzed {n} documents"))?;
    if done > 0 {
        eprintln!();
    }
    writeln!(std::io::stdout(), "re-analyzed {done} documents in {:.2}s", started.elapsed().as_secs_f64())?;
    Ok(())
}
