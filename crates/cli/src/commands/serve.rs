//! `dossier serve`: the JSON API and the web UI over the store, until Ctrl-C or SIGTERM.
//!
//! Read-only by default: `dossier ingest` may run beside it and new documents show without a
//! restart. With `--token` (or `DOSSIER_TOKEN`) it accepts documents at `POST /api/documents`,
//! and with `--follow FOLDER|URL` it reads files that appear in folders and new items of feeds; either makes it the
//! store's one writer (see `server::live`), so `dossier ingest` on the same store is refused
//! while it runs.

use anyhow::Context;
use server::follow::Source;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(clap::Args)]
pub struct Args {
    /// Address to listen on (use 0.0.0.0:PORT to accept other machines).
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "HOST:PORT")]
    addr: String,
    /// Accept documents at POST /api/documents from clients that send this bearer token.
    #[arg(long, env = "DOSSIER_TOKEN", hide_env_values = true, value_name = "TOKEN")]
    token: Option<String>,
    /// Follow a folder (files that appear or change in it) or a URL (http:// or https://): a
    /// feed (RSS, Atom, JSON Feed) or a (news) sitemap, whose new pages are fetched. Repeatable.
    #[arg(long, value_name = "FOLDER|URL")]
    follow: Vec<String>,
    /// A file listing sources to follow, one per line (blank lines and `#` comments skipped).
    #[arg(long, value_name = "FILE")]
    follow_file: Option<PathBuf>,
    /// Seconds between polls of a feed (default 300; folders are scanned at least every 2 s).
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..))]
    poll: Option<u64>,
    /// Fetch the linked page of a feed item that holds only a summary (HTML reader).
    #[arg(long)]
    fetch_articles: bool,
    /// Largest POST body accepted, in MiB.
    #[arg(long, default_value_t = 32, value_name = "MIB", value_parser = clap::value_parser!(u64).range(1..=4096))]
    max_body: u64,
    /// Threads analyzing written documents (0: one per core).
    #[arg(long, short = 'j', default_value_t = 0)]
    threads: usize,
}

pub fn run(data: &Path, args: Args) -> anyhow::Result<()> {
    if args.token.as_deref().is_some_and(|t| t.trim().is_empty()) {
        anyhow::bail!("--token is empty: give a secret, or leave it out to serve read-only");
    }
    let mut given = args.follow.clone();
    if let Some(file) = &args.follow_file {
        let text = std::fs::read_to_string(file).with_context(|| format!("--follow-file {}", file.display()))?;
        given.extend(text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_owned));
    }
    let sources: Vec<Source> = given.iter().map(|g| Source::parse(g)).collect();
    for source in &sources {
        match source {
            Source::Folder(folder) if !folder.is_dir() => {
                anyhow::bail!("--follow {}: not a folder (and not an http:// or https:// URL)", folder.display())
            }
            Source::Feed(url)
                if url.split_once("://").is_none_or(|(_, rest)| rest.is_empty() || rest.contains(' ')) =>
            {
                anyhow::bail!("--follow {url}: not a valid URL")
            }
            _ => {}
        }
    }
    let writes = args.token.is_some() || !sources.is_empty();
    let options = writes.then(|| server::live::Options {
        token: args.token.clone(),
        follow: sources.clone(),
        poll: args.poll.map(Duration::from_secs),
        feed_timeout: Duration::ZERO,
        fetch_articles: args.fetch_articles,
        max_body: usize::try_from(args.max_body << 20).unwrap_or(usize::MAX),
        threads: args.threads,
    });
    let follow = sources.iter().map(Source::display).collect::<Vec<_>>().join(", ");
    server::run_with(&args.addr, data, options.as_ref(), |addr| {
        eprintln!(
            "serving {} on http://{addr}/ (API description: http://{addr}/api/openapi.json); Ctrl-C stops",
            data.display()
        );
        match (&args.token, follow.is_empty()) {
            (None, true) => eprintln!("read-only: start with --token to accept documents at POST /api/documents"),
            (Some(_), true) => eprintln!("accepting documents at POST /api/documents (bearer token required)"),
            (None, false) => eprintln!("following {follow}; POST /api/documents is off (no --token)"),
            (Some(_), false) => eprintln!("following {follow}; accepting documents at POST /api/documents"),
        }
    })
    .with_context(|| format!("cannot serve {} on {}", data.display(), args.addr))
}
