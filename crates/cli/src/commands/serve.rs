//! `dossier serve`: the JSON API and the web UI over the store, until Ctrl-C.
//!
//! The store is opened (created when missing, so a fresh server can watch a first ingest
//! arrive); `dossier ingest` may run beside it and new documents show without a restart.

use anyhow::Context;
use std::path::Path;

#[derive(clap::Args)]
pub struct Args {
    /// Address to listen on (use 0.0.0.0:PORT to accept other machines; there is no authentication).
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "HOST:PORT")]
    addr: String,
}

pub fn run(data: &Path, args: Args) -> anyhow::Result<()> {
    server::run(&args.addr, data, |addr| {
        eprintln!(
            "serving {} on http://{addr}/ (API description: http://{addr}/api/openapi.json); Ctrl-C stops",
            data.display()
        );
    })
    .with_context(|| format!("cannot serve {} on {}", data.display(), args.addr))
}
