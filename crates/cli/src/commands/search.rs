//! `dossier search QUERY`: ranked documents with a highlighted snippet.

use crate::output::{json_line, render_highlights, stdout_is_terminal};
use std::io::Write;
use std::path::Path;

#[derive(clap::Args)]
pub struct Args {
    /// Words to find (all must match); FTS5 syntax works too: "exact phrase", OR, NOT, prefix*.
    #[arg(required = true, value_name = "QUERY")]
    query: Vec<String>,
    /// Most results to show.
    #[arg(long, short = 'n', default_value_t = 10)]
    limit: usize,
    /// One JSON object per hit.
    #[arg(long)]
    json: bool,
}

impl Args {
    /// Arguments for a plain-text search of `query` (used by `demo`).
    pub fn for_query(query: &str, limit: usize) -> Args {
        Args { query: vec![query.to_owned()], limit, json: false }
    }
}

pub fn run(data: &Path, args: Args) -> anyhow::Result<()> {
    let store = super::open_existing_store(data)?;
    let query = args.query.join(" ");
    let hits = store.search(&query, args.limit)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        for hit in &hits {
            json_line(&mut out, hit)?;
        }
        return Ok(());
    }
    if hits.is_empty() {
        writeln!(out, "no documents match '{query}'")?;
        return Ok(());
    }
    let terminal = stdout_is_terminal();
    for hit in &hits {
        let date = hit.published.as_deref().map_or("undated", |p| p.get(..10).unwrap_or(p));
        let source = hit.source.as_deref().unwrap_or("unknown source");
        writeln!(out, "{}  {}  {} — {}", hit.id, date, hit.title, source)?;
        writeln!(out, "    {}", render_highlights(&hit.snippet, terminal))?;
    }
    Ok(())
}
