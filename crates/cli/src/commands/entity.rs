//! `dossier entity NAME`: one entity — its names as written, roles, when it was seen — and what
//! is claimed about it and by it, by whom, over time.

use crate::output::json_line;
use std::io::Write;
use std::path::Path;
use store::{ClaimFilter, ClaimRow};

#[derive(clap::Args)]
pub struct Args {
    /// Canonical id (`gpe:KP`, `person:valery-gerasimov`), name (any case), or part of a name
    /// (the most mentioned match).
    #[arg(value_name = "NAME")]
    name: String,
    /// Most claims to show per list.
    #[arg(long, short = 'n', default_value_t = 20)]
    limit: usize,
    /// Print the entity and its claims as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(data: &Path, args: Args) -> anyhow::Result<()> {
    let store = super::open_existing_store(data)?;
    // An exact id or name first; else the most mentioned entity whose name contains the words.
    let found = match store.entity(&args.name)? {
        Some(entity) => Some(entity),
        None => {
            let query = store::EntityQuery { name: Some(args.name.clone()), kind: None };
            let best = store.entities(&query, store::Page { limit: 1, offset: 0 })?.into_iter().next();
            best.map(|row| store.entity(&row.id)).transpose()?.flatten()
        }
    };
    let Some(entity) = found else {
        anyhow::bail!("no entity '{}' (try `dossier search {}` or an id such as gpe:KP)", args.name, args.name);
    };
    let about =
        store.claims(&ClaimFilter { about: Some(entity.id.clone()), limit: args.limit, ..Default::default() })?;
    let by =
        store.claims(&ClaimFilter { speaker: Some(entity.id.clone()), limit: args.limit, ..Default::default() })?;
    let mut out = std::io::stdout().lock();
    if args.json {
        return json_line(&mut out, &serde_json::json!({ "entity": entity, "claims_about": about, "claims_by": by }));
    }
    writeln!(out, "{} ({}, {})", entity.name, entity.kind, entity.id)?;
    writeln!(
        out,
        "{} mentions in {} documents, {} … {}",
        entity.mentions,
        entity.documents,
        entity.first_seen.as_deref().map_or("undated", day),
        entity.last_seen.as_deref().map_or("undated", day)
    )?;
    let names: Vec<String> = entity.aliases.iter().take(10).map(|a| format!("{} ({})", a.text, a.count)).collect();
    writeln!(out, "written as: {}", names.join(", "))?;
    if !entity.roles.is_empty() {
        let roles: Vec<&str> = entity.roles.iter().take(6).map(|r| r.name.as_str()).collect();
        writeln!(out, "roles: {}", roles.join("; "))?;
    }
    print_claims(&mut out, "claims about it", &about)?;
    print_claims(&mut out, "claims by it", &by)?;
    Ok(())
}

fn print_claims(out: &mut impl Write, heading: &str, claims: &[ClaimRow]) -> anyhow::Result<()> {
    writeln!(out, "\n{heading} ({}, oldest first)", claims.len())?;
    for c in claims {
        let when = c.published.as_deref().map_or("undated", day);
        let speaker = c.speaker.as_deref().unwrap_or("(unattributed)");
        writeln!(out, "  {when}  {speaker} — {} ({}): {}", c.cue, c.stance, c.content)?;
    }
    Ok(())
}

fn day(rfc3339: &str) -> &str {
    rfc3339.get(..10).unwrap_or(rfc3339)
}
