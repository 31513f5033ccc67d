//! `dossier export WHAT`: the ledger for other tools. `documents` gives `{id, story,
//! duplicate_of}` per document; `claims` every stored claim with its document's metadata (JSON
//! Lines or CSV, RFC 4180 quoting, one header row); `propositions` one line per proposition with
//! `id`, `text`, `credibility`, `status`, `first_reported` and `attributions`, each naming its
//! document by `ref` (the input's own id, else the URL, else the file), `url` and `title` (the
//! stable contract later tools rely on). The analyst exports (see `server::exports`): `stix` one STIX 2.1 bundle,
//! `claimreview` one JSON array of schema.org `ClaimReview`s, `misp` JSON Lines of attributions
//! tagged with MISP's `admiralty-scale` taxonomy; each is one JSON format, so `--format` is not
//! asked of them (CSV is refused).

use crate::output::json_line;
use std::io::Write;
use std::path::Path;

#[derive(clap::Args)]
pub struct Args {
    /// What to export.
    #[arg(value_enum)]
    what: What,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: OutputFormat,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum What {
    /// `{id, story, duplicate_of}` per document.
    Documents,
    /// Every claim: document, source, date, speaker, cue, stance, content, flags.
    Claims,
    /// Every proposition: id, text, credibility, status, first report, attributions (JSON Lines).
    Propositions,
    /// A STIX 2.1 bundle: reports, identities, notes, opinions, relationships (one JSON document).
    Stix,
    /// schema.org `ClaimReview` JSON-LD, one per proposition (one JSON array).
    Claimreview,
    /// Attributions with MISP `admiralty-scale` tags (JSON Lines).
    Misp,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum OutputFormat {
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
}

/// The CSV columns of `export claims`, in order.
const CLAIM_COLUMNS: [&str; 13] = [
    "document",
    "claim",
    "published",
    "source",
    "title",
    "speaker",
    "speaker_entity",
    "cue",
    "stance",
    "content",
    "direct",
    "hedged",
    "negated",
];

pub fn run(data: &Path, args: Args) -> anyhow::Result<()> {
    let store = super::open_existing_store(data)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match (args.what, args.format) {
        (What::Documents, OutputFormat::Jsonl) => {
            for link in store.links()? {
                json_line(&mut out, &link)?;
            }
        }
        (What::Documents, OutputFormat::Csv) => {
            write_csv_row(&mut out, &["id", "story", "duplicate_of"])?;
            for link in store.links()? {
                let row =
                    [link.id.as_str(), link.story.as_deref().unwrap_or(""), link.duplicate_of.as_deref().unwrap_or("")];
                write_csv_row(&mut out, &row)?;
            }
        }
        (What::Propositions, OutputFormat::Jsonl) => {
            for view in engine::propositions(&store)? {
                json_line(&mut out, &view.export())?;
            }
        }
        (What::Propositions, OutputFormat::Csv) => {
            anyhow::bail!("propositions nest their attributions: export them as jsonl");
        }
        (What::Stix | What::Claimreview | What::Misp, OutputFormat::Csv) => {
            anyhow::bail!("stix, claimreview and misp are JSON formats: leave out --format csv");
        }
        (What::Stix, OutputFormat::Jsonl) => {
            let corpus = server::exports::Corpus::load(&store)?;
            json_document(&mut out, &server::exports::stix::bundle(&corpus))?;
        }
        (What::Claimreview, OutputFormat::Jsonl) => {
            let corpus = server::exports::Corpus::load(&store)?;
            json_document(&mut out, &server::exports::claimreview::reviews(&corpus))?;
        }
        (What::Misp, OutputFormat::Jsonl) => {
            let corpus = server::exports::Corpus::load(&store)?;
            for attribute in server::exports::misp::attributes(&corpus) {
                json_line(&mut out, &attribute)?;
            }
        }
        (What::Claims, format) => {
            let claims = store.claims(&store::ClaimFilter { limit: usize::MAX, ..Default::default() })?;
            if format == OutputFormat::Csv {
                write_csv_row(&mut out, &CLAIM_COLUMNS)?;
            }
            for c in &claims {
                if format == OutputFormat::Jsonl {
                    json_line(&mut out, c)?;
                    continue;
                }
                let index = c.claim.to_string();
                let flag = |b: bool| if b { "true" } else { "false" };
                let row = [
                    c.document.as_str(),
                    index.as_str(),
                    c.published.as_deref().unwrap_or(""),
                    c.source.as_deref().unwrap_or(""),
                    c.title.as_str(),
                    c.speaker.as_deref().unwrap_or(""),
                    c.speaker_entity.as_deref().unwrap_or(""),
                    c.cue.as_str(),
                    c.stance.as_str(),
                    c.content.as_str(),
                    flag(c.direct),
                    flag(c.hedged),
                    flag(c.negated),
                ];
                write_csv_row(&mut out, &row)?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// One JSON document, pretty-printed, then a line break.
fn json_document(out: &mut impl Write, value: &serde_json::Value) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// One CSV row: fields holding a comma, quote or line break are quoted, quotes doubled.
fn write_csv_row(out: &mut impl Write, fields: &[&str]) -> std::io::Result<()> {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        if field.contains([',', '"', '\n', '\r']) {
            write!(out, "\"{}\"", field.replace('"', "\"\""))?;
        } else {
            out.write_all(field.as_bytes())?;
        }
    }
    out.write_all(b"\r\n")
}

#[cfg(test)]
mod tests {
    use super::write_csv_row;

    #[test]
    fn csv_quotes_only_what_needs_it() {
        let mut out = Vec::new();
        write_csv_row(&mut out, &["plain", "a, b", "say \"no\"", "line\nbreak", ""]).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "plain,\"a, b\",\"say \"\"no\"\"\",\"line\nbreak\",\r\n");
    }
}
