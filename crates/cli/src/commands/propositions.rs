//! `dossier proposition ID`: one proposition — what is asserted, its Admiralty credibility with
//! the reasons, its dated lifecycle, its numeric estimate series and every attribution. The same
//! printing serves the propositions section of `dossier story`.

use crate::output::json_line;
use ledger::PropositionView;
use ledger::view::date;
use std::io::Write;
use std::path::Path;

#[derive(clap::Args)]
pub struct Args {
    /// Proposition id (16 hex digits), as `dossier story` and `dossier export propositions` list them.
    #[arg(value_name = "ID")]
    id: String,
    /// Print the proposition as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(data: &Path, args: Args) -> anyhow::Result<()> {
    let store = super::open_existing_store(data)?;
    let Some(view) = engine::proposition(&store, &args.id)? else {
        anyhow::bail!("no proposition '{}' (ids are 16 hex digits; see `dossier story ID`)", args.id);
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        return json_line(&mut out, &view);
    }
    print(&mut out, &view, Detail::Full)
}

/// How much of a proposition to print.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Credibility, reasons, lifecycle and series.
    Summary,
    /// All of that and every attribution.
    Full,
}

/// Prints a proposition for a terminal.
pub fn print(out: &mut impl Write, p: &PropositionView, detail: Detail) -> anyhow::Result<()> {
    writeln!(out, "proposition {}: {}", p.id, p.text)?;
    writeln!(
        out,
        "  credibility {} ({}), {}; {} attributions",
        p.credibility.grade,
        p.credibility.meaning,
        p.status.as_str(),
        p.attributions.len()
    )?;
    for reason in &p.credibility.reasons {
        writeln!(out, "    - {reason}")?;
    }
    if !p.lifecycle.is_empty() {
        writeln!(out, "  lifecycle")?;
        for t in &p.lifecycle {
            let when = t.published.map_or("undated   ".to_owned(), date);
            let carried = t.source.as_deref().map_or(String::new(), |s| format!(" (in {s})"));
            writeln!(out, "    {when}  {:<15} {}{carried}  [{}]", t.stage.as_str(), t.by, t.document)?;
        }
    }
    for series in &p.series {
        writeln!(out, "  {} estimates", series.measure)?;
        for e in &series.estimates {
            let when = e.published.map_or("undated   ".to_owned(), date);
            writeln!(out, "    {when}  {:<28} {}", e.figure.text, e.by)?;
        }
    }
    if detail == Detail::Full {
        writeln!(out, "  attributions")?;
        for a in &p.attributions {
            let when = a.published.map_or("undated   ".to_owned(), date);
            let copy = if a.copy { " (copy)" } else { "" };
            writeln!(
                out,
                "    {when}  {:<10} {} [{}] {}{copy}: {}",
                a.stance.as_str(),
                a.source.as_deref().unwrap_or("unknown source"),
                a.grade,
                a.speaker.as_deref().unwrap_or("(the publisher)"),
                a.text
            )?;
        }
    }
    Ok(())
}
