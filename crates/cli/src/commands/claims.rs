//! `dossier claims`: stored claims, filtered by speaker, subject entity, stance and time.

use crate::output::json_line;
use anyhow::Context;
use std::io::Write;
use std::path::Path;

#[derive(clap::Args)]
pub struct Args {
    /// Only claims whose speaker text contains this, or whose speaker is this entity (id or name).
    #[arg(long, value_name = "TEXT")]
    speaker: Option<String>,
    /// Only claims whose content mentions this entity (id such as `gpe:KP`, or name).
    #[arg(long, value_name = "ENTITY")]
    about: Option<String>,
    /// Only claims of this stance (report, assert, confirm, deny, estimate, allege, praise,
    /// criticize, warn, promise, question).
    #[arg(long, value_name = "STANCE")]
    stance: Option<String>,
    /// Only claims published on or after this date (YYYY-MM-DD or RFC 3339).
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Only claims published before this date (YYYY-MM-DD or RFC 3339).
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
    /// Most claims to show.
    #[arg(long, short = 'n', default_value_t = 50)]
    limit: usize,
    /// One JSON object per claim.
    #[arg(long)]
    json: bool,
}

pub fn run(data: &Path, args: Args) -> anyhow::Result<()> {
    let store = super::open_existing_store(data)?;
    let filter = store::ClaimFilter {
        speaker: args.speaker,
        about: args.about,
        stance: args.stance.map(|s| s.to_lowercase()),
        since: args.since.as_deref().map(|d| timestamp(d, "--since")).transpose()?,
        until: args.until.as_deref().map(|d| timestamp(d, "--until")).transpose()?,
        limit: args.limit,
        ..store::ClaimFilter::default()
    };
    let claims = store.claims(&filter)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        for claim in &claims {
            json_line(&mut out, claim)?;
        }
        return Ok(());
    }
    if claims.is_empty() {
        writeln!(out, "no claims match")?;
    }
    for c in &claims {
        let date = c.published.as_deref().map_or("undated", |p| p.get(..10).unwrap_or(p));
        let speaker = c.speaker.as_deref().unwrap_or("(unattributed)");
        let mut flags = Vec::new();
        if c.direct {
            flags.push("quote");
        }
        if c.hedged {
            flags.push("hedged");
        }
        if c.negated {
            flags.push("negated");
        }
        let flags = if flags.is_empty() { String::new() } else { format!(" [{}]", flags.join(", ")) };
        writeln!(out, "{date}  {speaker} — {} ({}){flags}", c.cue, c.stance)?;
        writeln!(out, "    {}", c.content)?;
        writeln!(out, "    {} #{}  {}", c.document, c.claim, c.source.as_deref().unwrap_or(""))?;
    }
    Ok(())
}

fn timestamp(date: &str, flag: &str) -> anyhow::Result<i64> {
    ingest::dates::parse_published(date)
        .map(|t| t.timestamp())
        .with_context(|| format!("{flag} '{date}' is not a date (use YYYY-MM-DD)"))
}
