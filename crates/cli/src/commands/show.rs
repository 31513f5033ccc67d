//! `dossier show ID`: one stored document, by content id, id prefix, or the input's own id.

use std::io::Write;
use std::path::Path;

#[derive(clap::Args)]
pub struct Args {
    /// Content id (or a prefix of at least 6 hex digits), or the id the input gave it.
    #[arg(value_name = "ID")]
    id: String,
    /// Print the extraction JSON instead of text.
    #[arg(long)]
    json: bool,
}

pub fn run(data: &Path, args: Args) -> anyhow::Result<()> {
    let store = super::open_existing_store(data)?;
    let Some(doc) = store.document(&args.id)? else {
        anyhow::bail!("no document '{}' in {}", args.id, data.display());
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        let extraction = model::Extraction::new(&doc, &engine::stored_or_fresh_analysis(&store, &doc)?);
        return crate::output::json_line(&mut out, &extraction);
    }
    writeln!(out, "id        {}", doc.id)?;
    if let Some(external) = &doc.external_id {
        writeln!(out, "input id  {external}")?;
    }
    writeln!(out, "title     {}", doc.title)?;
    let field = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    writeln!(out, "source    {}", field(&doc.source))?;
    writeln!(out, "published {}", doc.published.map_or("—".into(), |t| t.to_rfc3339()))?;
    writeln!(out, "url       {}", field(&doc.url))?;
    writeln!(out, "author    {}", field(&doc.author))?;
    writeln!(out, "language  {}", field(&doc.language))?;
    writeln!(out, "format    {}  (from {})", doc.format, doc.origin)?;
    writeln!(out, "\n{}", doc.body())?;
    Ok(())
}
