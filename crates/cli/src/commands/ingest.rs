//! `dossier ingest PATH…`: read inputs into the store and summarize what happened.

use crate::output::{human_bytes, json_line, peak_rss_bytes};
use engine::{IngestConfig, Summary};
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::Path;

#[derive(clap::Args)]
pub struct Args {
    /// Files, folders (read recursively), globs, or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<String>,
    /// Print the summary as JSON on stdout.
    #[arg(long)]
    json: bool,
    /// List every rejected file and record, not only the first 20.
    #[arg(long)]
    all_rejections: bool,
    /// Documents stored per transaction.
    #[arg(long, default_value_t = 500, value_name = "N")]
    batch_size: usize,
    /// Threads analyzing documents (0: one per core).
    #[arg(long, short = 'j', default_value_t = 0, value_name = "N")]
    threads: usize,
    /// Largest document or record accepted, in MiB.
    #[arg(long, default_value_t = 64, value_name = "MIB")]
    max_size: u64,
}

impl Args {
    /// Default arguments for reading `paths` (used by `demo`).
    pub fn for_paths(paths: Vec<String>) -> Args {
        Args { paths, json: false, all_rejections: false, batch_size: 500, threads: 0, max_size: 64 }
    }
}

const SHOWN_REJECTIONS: usize = 20;

/// Environment variable of the crash-safety failpoint (see `IngestConfig::abort_after_batches`).
const FAILPOINT: &str = "DOSSIER_FAILPOINT_ABORT_AFTER_BATCHES";

pub fn run(data: &Path, args: Args) -> anyhow::Result<()> {
    let (inputs, unmatched) = ingest::expand(&args.paths);
    let _lock = super::writer_lock(data, "ingest")?;
    let mut store = super::open_store(data)?;
    let config = IngestConfig {
        read: ingest::Config { max_document_bytes: args.max_size << 20, max_record_bytes: args.max_size << 20 },
        batch_size: args.batch_size.max(1),
        threads: args.threads,
        abort_after_batches: std::env::var(FAILPOINT).ok().and_then(|v| v.parse().ok()),
        ..IngestConfig::default()
    };
    let total: u64 = inputs.iter().map(engine_input_size).sum();
    let bar = progress_bar(total, inputs.len());
    let mut summary = engine::ingest(&mut store, &inputs, &config, &mut |p| {
        if let Some(bar) = &bar {
            bar.set_position(p.bytes_done);
            bar.set_message(format!("{} documents", p.documents));
        }
    })?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    // Arguments that matched nothing are rejections too, listed first.
    let mut rejected: Vec<String> = unmatched.iter().map(ToString::to_string).collect();
    rejected.append(&mut summary.rejected);
    summary.rejected = rejected;
    let mut out = std::io::stdout().lock();
    if args.json {
        let mut value = serde_json::to_value(&summary)?;
        value["documents_per_second"] = summary.documents_per_second().into();
        value["megabytes_per_second"] = summary.megabytes_per_second().into();
        value["text_megabytes_per_second"] = summary.text_megabytes_per_second().into();
        value["peak_rss_bytes"] = peak_rss_bytes().into();
        return json_line(&mut out, &value);
    }
    print_summary(&mut out, &summary, data, args.all_rejections)
}

fn engine_input_size(input: &ingest::Input) -> u64 {
    match input {
        ingest::Input::Path(p) => std::fs::metadata(p).map(|m| m.len()).unwrap_or(0),
        ingest::Input::Stdin => 0,
    }
}

fn progress_bar(total: u64, inputs: usize) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() || inputs == 0 {
        return None;
    }
    let bar = ProgressBar::new(total);
    let style = ProgressStyle::with_template("{spinner} [{bar:30}] {bytes}/{total_bytes} {msg} ({eta})")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
    bar.set_style(style);
    Some(bar)
}

fn print_summary(out: &mut impl Write, s: &Summary, data: &Path, all_rejections: bool) -> anyhow::Result<()> {
    writeln!(
        out,
        "read {} documents from {} inputs ({}, {} of text) in {:.2}s: {:.0} documents/s, {:.2} MB/s of input, {:.2} MB/s of text",
        s.documents,
        s.inputs,
        human_bytes(s.input_bytes),
        human_bytes(s.text_bytes),
        s.elapsed.as_secs_f64(),
        s.documents_per_second(),
        s.megabytes_per_second(),
        s.text_megabytes_per_second()
    )?;
    writeln!(
        out,
        "  time        analysis {:.2}s on {} threads, store and index {:.2}s",
        s.analyze_time.as_secs_f64(),
        s.threads,
        s.store_time.as_secs_f64()
    )?;
    writeln!(out, "  added       {}", s.added)?;
    writeln!(
        out,
        "  linked      {} into {} stories ({} near-duplicates) in {:.2}s",
        s.link.linked,
        s.link.stories,
        s.link.near_duplicates,
        s.link_time.as_secs_f64()
    )?;
    writeln!(out, "  duplicates  {}", s.duplicates)?;
    writeln!(out, "  rejected    {}", s.rejected.len())?;
    if !s.skipped.is_empty() {
        let kinds: Vec<String> = s.skipped.iter().map(|(kind, n)| format!("{n} {kind}")).collect();
        writeln!(out, "  skipped     {} (not documents)", kinds.join(", "))?;
    }
    match peak_rss_bytes() {
        Some(rss) => writeln!(out, "store: {}   peak memory {}", data.display(), human_bytes(rss))?,
        None => writeln!(out, "store: {}", data.display())?,
    }
    if s.rejected.is_empty() {
        return Ok(());
    }
    writeln!(out, "\nrejected:")?;
    let shown = if all_rejections { s.rejected.len() } else { SHOWN_REJECTIONS };
    for line in s.rejected.iter().take(shown) {
        writeln!(out, "  {line}")?;
    }
    if s.rejected.len() > shown {
        writeln!(out, "  … and {} more (--all-rejections lists them)", s.rejected.len() - shown)?;
        writeln!(out, "\nrejections by reason:")?;
        for (reason, n) in reasons(&s.rejected) {
            writeln!(out, "  {n:6}  {reason}")?;
        }
    }
    Ok(())
}

/// Groups rejection lines by their reason: the text after the location prefix (`path#n: `),
/// with details after a further colon dropped.
fn reasons(rejected: &[String]) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for line in rejected {
        let reason = line.split_once(": ").map_or(line.as_str(), |(_, r)| r);
        let reason = reason.split_once(": ").map_or(reason, |(head, _)| head);
        *counts.entry(reason.to_owned()).or_default() += 1;
    }
    let mut sorted: Vec<_> = counts.into_iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    sorted
}
