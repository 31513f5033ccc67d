//! `dossier stats`: what the store holds.

use crate::output::{human_bytes, json_line};
use std::io::Write;
use std::path::Path;

#[derive(clap::Args, Default)]
pub struct Args {
    /// Print as JSON (its `documents` field is the document count).
    #[arg(long)]
    json: bool,
}

pub fn run(data: &Path, args: Args) -> anyhow::Result<()> {
    let store = super::open_existing_store(data)?;
    let stats = store.stats()?;
    let mut out = std::io::stdout().lock();
    if args.json {
        return json_line(&mut out, &stats);
    }
    writeln!(out, "store      {}", data.display())?;
    writeln!(out, "documents  {}", stats.documents)?;
    writeln!(out, "sources    {}", stats.sources)?;
    match (&stats.earliest, &stats.latest) {
        (Some(first), Some(last)) => writeln!(out, "time span  {first} … {last} ({} undated)", stats.undated)?,
        _ => writeln!(out, "time span  none ({} undated)", stats.undated)?,
    }
    writeln!(out, "text       {}   on disk {}", human_bytes(stats.text_bytes), human_bytes(stats.disk_bytes))?;
    if !stats.formats.is_empty() {
        let formats: Vec<String> = stats.formats.iter().map(|c| format!("{} {}", c.name, c.count)).collect();
        writeln!(out, "formats    {}", formats.join(", "))?;
    }
    if !stats.top_sources.is_empty() {
        writeln!(out, "top sources")?;
        for source in &stats.top_sources {
            writeln!(out, "  {:5}  {}", source.count, source.name)?;
        }
    }
    Ok(())
}
