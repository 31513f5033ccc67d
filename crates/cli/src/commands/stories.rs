//! `dossier stories` and `dossier story ID`: the stories of the ledger, and one story's timeline
//! of documents and claims with each source's grade.

use crate::output::json_line;
use ledger::{SourceRegistry, StoryView};
use std::io::Write;
use std::path::Path;

#[derive(clap::Args)]
pub struct ListArgs {
    /// Most stories to show (largest first).
    #[arg(long, short = 'n', default_value_t = 30)]
    limit: usize,
    /// One JSON object per story.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct ShowArgs {
    /// Story id (or a prefix of at least 6 hex digits), as `dossier stories` lists them.
    #[arg(value_name = "ID")]
    id: String,
    /// Print the story and its documents as JSON.
    #[arg(long)]
    json: bool,
    /// Most propositions to show.
    #[arg(long, default_value_t = 5, value_name = "N")]
    propositions: usize,
}

pub fn list(data: &Path, args: ListArgs) -> anyhow::Result<()> {
    let store = super::open_existing_store(data)?;
    let mut stories = engine::stories(&store)?;
    // The biggest developments first; ties keep the ledger's chronological order.
    stories.sort_by_key(|s| std::cmp::Reverse(s.voices));
    let mut out = std::io::stdout().lock();
    for story in stories.iter().take(args.limit) {
        if args.json {
            json_line(&mut out, story)?;
            continue;
        }
        writeln!(
            out,
            "{}  {} … {}  {:>3} docs, {:>3} voices  {}",
            story.id,
            date(story.first_published),
            date(story.last_published),
            story.documents.len(),
            story.voices,
            story.title
        )?;
    }
    if stories.is_empty() && !args.json {
        writeln!(out, "no stories yet (ingest some documents first)")?;
    }
    Ok(())
}

pub fn show(data: &Path, args: ShowArgs) -> anyhow::Result<()> {
    let store = super::open_existing_store(data)?;
    let Some(story) = engine::story(&store, &args.id)? else {
        anyhow::bail!("no story '{}' (see `dossier stories`)", args.id);
    };
    let registry = SourceRegistry::builtin();
    let mut out = std::io::stdout().lock();
    if args.json {
        return json_line(&mut out, &story);
    }
    print_header(&mut out, &story)?;
    let (propositions, total) = engine::story_propositions(&store, story.id, args.propositions as u64)?;
    if !propositions.is_empty() {
        writeln!(
            out,
            "\npropositions ({} of {total}, most attributed first; `dossier proposition ID` for all attributions)\n",
            propositions.len()
        )?;
        for p in &propositions {
            super::propositions::print(&mut out, p, super::propositions::Detail::Summary)?;
            writeln!(out)?;
        }
    }
    writeln!(out, "documents")?;
    for id in &story.documents {
        let Some(doc) = store.document(&id.to_string())? else { continue };
        let source = registry.lookup(doc.source.as_deref(), doc.url.as_deref());
        let grade = source.map_or("F".to_owned(), |s| s.grade.to_string());
        let copy = engine::document_link(&store, &id.to_string())?.and_then(|v| v.duplicate_of);
        let published = doc.published.map_or("undated   ".to_owned(), |t| t.format("%Y-%m-%d").to_string());
        writeln!(
            out,
            "\n{published}  {} [{grade}]  {}{}",
            doc.source.as_deref().unwrap_or("unknown source"),
            doc.title,
            copy.map_or(String::new(), |c| format!("  (copy of {c})"))
        )?;
        let filter = store::ClaimFilter { document: Some(id.to_string()), limit: 50, ..Default::default() };
        for claim in store.claims(&filter)? {
            let speaker = claim.speaker.as_deref().unwrap_or("(unattributed)");
            let hedge = if claim.hedged { ", hedged" } else { "" };
            writeln!(out, "    {:<9} {speaker} — {}{hedge}: {}", claim.stance, claim.cue, claim.content)?;
        }
    }
    Ok(())
}

fn print_header(out: &mut impl Write, story: &StoryView) -> anyhow::Result<()> {
    writeln!(out, "story {}: {}", story.id, story.title)?;
    writeln!(
        out,
        "{} … {}, {} documents, {} independent voices",
        date(story.first_published),
        date(story.last_published),
        story.documents.len(),
        story.voices
    )?;
    let entities: Vec<&str> = story.entities.iter().take(8).map(|(_, name, _)| name.as_str()).collect();
    writeln!(out, "about: {}", entities.join(", "))?;
    Ok(())
}

fn date(unix: Option<i64>) -> String {
    unix.and_then(|t| chrono::DateTime::from_timestamp(t, 0))
        .map_or("undated   ".to_owned(), |t| t.format("%Y-%m-%d").to_string())
}
