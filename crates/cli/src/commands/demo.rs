//! `dossier demo`: ingest the sample corpus built into the binary, then show what was stored.
//!
//! The corpus (`examples/corpus`, written by the Dossier team) is compiled in, so the demo needs
//! no files and no setup: the binary writes it to a temporary folder and ingests that folder
//! exactly as `dossier ingest` would.

use include_dir::{Dir, include_dir};
use std::io::Write;
use std::path::Path;

static CORPUS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../examples/corpus");

#[derive(clap::Args)]
pub struct Args {
    /// The search to run on the demo store.
    #[arg(long, default_value = "North Korean troops Kursk")]
    query: String,
}

pub fn run(data: &Path, args: Args) -> anyhow::Result<()> {
    let folder = std::env::temp_dir().join(format!("dossier-demo-{}", std::process::id()));
    let written = write_corpus(&CORPUS, &folder);
    let result = written.and_then(|()| demo(data, &folder, &args));
    let _ = std::fs::remove_dir_all(&folder);
    result
}

fn demo(data: &Path, folder: &Path, args: &Args) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "Ingesting the bundled sample corpus ({} files) into {} …\n", count_files(&CORPUS), data.display())?;
    super::ingest::run(data, super::ingest::Args::for_paths(vec![folder.display().to_string()]))?;
    writeln!(out, "\nWhat the store holds (dossier stats):\n")?;
    super::stats::run(data, super::stats::Args::default())?;
    writeln!(out, "\nSearching (dossier search '{}'):\n", args.query)?;
    super::search::run(data, super::search::Args::for_query(&args.query, 5))?;
    writeln!(out, "\nNext: dossier search WORDS, dossier show ID, dossier extract FILE, dossier --help")?;
    Ok(())
}

fn write_corpus(dir: &Dir<'_>, root: &Path) -> anyhow::Result<()> {
    for file in dir.files() {
        let path = root.join(file.path());
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, file.contents())?;
    }
    for sub in dir.dirs() {
        write_corpus(sub, root)?;
    }
    Ok(())
}

fn count_files(dir: &Dir<'_>) -> usize {
    dir.files().count() + dir.dirs().map(count_files).sum::<usize>()
}
