//! `dossier export documents`: one JSON line per document with its story and duplicate-of, the
//! contract later tools rely on.

use crate::output::json_line;
use std::path::Path;

#[derive(clap::Args)]
pub struct Args {
    /// What to export.
    #[arg(value_enum)]
    what: What,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum What {
    /// `{id, story, duplicate_of}` per document.
    Documents,
}

pub fn run(data: &Path, args: Args) -> anyhow::Result<()> {
    let store = super::open_existing_store(data)?;
    let mut out = std::io::stdout().lock();
    match args.what {
        What::Documents => {
            for link in store.links()? {
                json_line(&mut out, &link)?;
            }
        }
    }
    Ok(())
}
