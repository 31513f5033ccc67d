//! The `dossier` command: parses arguments, calls one `engine` use case, prints the result.
//!
//! Output conventions: results on stdout (JSON with `--json`, for scripts), progress and
//! diagnostics on stderr; errors print their whole chain and exit with status 2; a closed pipe
//! (`dossier search x | head -1`) is a normal, silent exit.

mod commands;
mod output;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

const ABOUT: &str = "Dossier turns news articles and reports into a ledger of claims: who said what, when, \
on whose authority, how each claim developed across sources, and how far it can be trusted.";

const EXAMPLES: &str = "\
Examples:
  dossier demo                              ingest the built-in sample corpus, then search it
  dossier ingest examples/corpus            the same corpus from disk, into ./dossier-data
  dossier ingest feeds/*.xml crawl.warc.gz  read feeds and a web archive
  cat dump.jsonl | dossier ingest -         read JSON Lines from standard input
  dossier search 'kursk casualties'         ranked documents with highlighted snippets
  dossier show 3f9a2c                       one document, by (a prefix of) its id
  dossier claims --about 'North Korea' --stance deny --until 2024-11-01
                                            who denied what about North Korea, and when
  dossier stories                           documents about the same development, across outlets
  dossier story 24d305                      a story's propositions, credibility and timeline
  dossier entity pyongyang                  what is claimed about an entity and by it
  dossier export propositions               the ledger as JSON Lines for other tools
  dossier serve                             JSON API and web UI on http://127.0.0.1:8080
  dossier stats --json                      what the store holds, for scripts
  dossier extract article.html              analyze one file without a store, JSON out
  dossier eval all                          quality on the gold sets in ../shared/data
  dossier bench --out bench.json            throughput per stage, one thread and all

The store lives in ./dossier-data unless --data or DOSSIER_DATA says otherwise.";

#[derive(Parser)]
#[command(name = "dossier", version, about = ABOUT, after_help = EXAMPLES)]
struct Cli {
    /// Store directory.
    #[arg(long, global = true, env = "DOSSIER_DATA", default_value = "dossier-data", value_name = "DIR")]
    data: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Ingest the sample corpus built into this binary and show what was stored (no setup).
    Demo(commands::demo::Args),
    /// Read files, folders, globs, feeds, WARC archives or JSON Lines (`-` for standard input)
    /// into the store; exact duplicates are skipped, broken records listed with their reason.
    Ingest(commands::ingest::Args),
    /// Analyze documents without a store and print the extraction JSON, one object per line.
    Extract(commands::extract::Args),
    /// List stored claims: who said what, filtered by speaker, subject, stance and time.
    Claims(commands::claims::Args),
    /// List the stories: documents about the same development, across outlets and days.
    Stories(commands::stories::ListArgs),
    /// One story's timeline: its documents in order, each source's grade, and their claims.
    Story(commands::stories::ShowArgs),
    /// One entity: its names, roles, and what is claimed about it and by it, over time.
    Entity(commands::entity::Args),
    /// One proposition: credibility with reasons, lifecycle, estimate series, attributions.
    Proposition(commands::propositions::Args),
    /// Bring the cross-document ledger up to date, or rebuild it (ingest links by itself).
    Link(commands::link::Args),
    /// Export documents, claims or propositions for other tools.
    Export(commands::export::Args),
    /// Re-run the analyzers over documents stored by an older version.
    Reanalyze(commands::reanalyze::Args),
    /// Full-text search over titles and bodies, best matches first.
    Search(commands::search::Args),
    /// Serve the JSON API (`/api`, described at `/api/openapi.json`) and the web UI.
    Serve(commands::serve::Args),
    /// Print one stored document.
    Show(commands::show::Args),
    /// Summarize what the store holds.
    Stats(commands::stats::Args),
    /// Rewrite the store compactly: merge the full-text index and give back free pages.
    Compact(commands::compact::Args),
    /// Measure throughput per stage and end to end (default corpus: the BBC articles).
    Bench(commands::bench::Args),
    /// Measure quality on the public gold sets (read in place from ../shared/data).
    Eval(commands::eval::Args),
}

/// Our own crates warn; the HTML parsing libraries' complaints about the pages they parse are
/// noise to a user (the page is still read), so they stay quiet unless `DOSSIER_LOG` asks.
const DEFAULT_LOG: &str = "off,dossier=warn,cli=warn,engine=warn,ingest=warn,store=warn,nlp=warn,server=warn";

fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("DOSSIER_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(DEFAULT_LOG)),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Demo(args) => commands::demo::run(&cli.data, args),
        Command::Ingest(args) => commands::ingest::run(&cli.data, args),
        Command::Extract(args) => commands::extract::run(args),
        Command::Claims(args) => commands::claims::run(&cli.data, args),
        Command::Reanalyze(args) => commands::reanalyze::run(&cli.data, args),
        Command::Stories(args) => commands::stories::list(&cli.data, args),
        Command::Story(args) => commands::stories::show(&cli.data, args),
        Command::Link(args) => commands::link::run(&cli.data, args),
        Command::Proposition(args) => commands::propositions::run(&cli.data, args),
        Command::Entity(args) => commands::entity::run(&cli.data, args),
        Command::Export(args) => commands::export::run(&cli.data, args),
        Command::Search(args) => commands::search::run(&cli.data, args),
        Command::Serve(args) => commands::serve::run(&cli.data, args),
        Command::Show(args) => commands::show::run(&cli.data, args),
        Command::Stats(args) => commands::stats::run(&cli.data, args),
        Command::Compact(args) => commands::compact::run(&cli.data, args),
        Command::Eval(args) => commands::eval::run(args),
        Command::Bench(args) => commands::bench::run(args),
    };
    if let Err(error) = result {
        if is_broken_pipe(&error) {
            std::process::exit(0);
        }
        eprintln!("error: {error:#}");
        std::process::exit(2);
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        let io = cause.downcast_ref::<std::io::Error>().map(std::io::Error::kind);
        // serde_json wraps the writer's error in its own type.
        let json = cause.downcast_ref::<serde_json::Error>().and_then(serde_json::Error::io_error_kind);
        io.or(json) == Some(std::io::ErrorKind::BrokenPipe)
    })
}
