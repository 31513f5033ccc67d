//! `dossier extract FILE|-`: analyze documents without a store; one JSON object per line.

use crate::output::json_line;
use std::io::Write;

#[derive(clap::Args)]
pub struct Args {
    /// A file (any supported format, possibly gzip) or `-` for standard input.
    #[arg(value_name = "FILE")]
    input: String,
    /// Indent the JSON (then objects span several lines).
    #[arg(long)]
    pretty: bool,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let input = if args.input == "-" { ingest::Input::Stdin } else { ingest::Input::Path(args.input.clone().into()) };
    if let ingest::Input::Path(path) = &input
        && !path.exists()
    {
        anyhow::bail!("{}: no such file", path.display());
    }
    // Buffered: stdout is line-buffered, and scanning every write for newlines cost 5 % of an
    // extract of BBC. Standard input may be a live stream, so each document is flushed then.
    let streaming = matches!(input, ingest::Input::Stdin);
    let mut out = std::io::BufWriter::with_capacity(64 << 10, std::io::stdout().lock());
    let mut failure: Option<anyhow::Error> = None;
    let mut documents = 0usize;
    let mut rejected = 0usize;
    engine::extract(&input, &ingest::Config::default(), &mut |result| {
        if failure.is_some() {
            return;
        }
        match result {
            Ok(extraction) => {
                documents += 1;
                let written = if args.pretty {
                    serde_json::to_writer_pretty(&mut out, &extraction)
                        .map_err(anyhow::Error::from)
                        .and_then(|()| Ok(out.write_all(b"\n")?))
                } else {
                    json_line(&mut out, &extraction)
                };
                failure = written.and_then(|()| if streaming { Ok(out.flush()?) } else { Ok(()) }).err();
            }
            Err(reason) => {
                rejected += 1;
                eprintln!("rejected: {reason}");
            }
        }
    });
    if let Some(e) = failure {
        return Err(e);
    }
    out.flush()?;
    if documents == 0 {
        anyhow::bail!("{}: no document could be read{}", args.input, if rejected > 0 { " (see above)" } else { "" });
    }
    Ok(())
}
