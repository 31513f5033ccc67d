//! `bench`: throughput of each stage on a corpus — read, analyze (per analyzer), store — and of
//! the whole ingest, on one thread and on all, so results can be compared across commits.
//!
//! The analyzers never read the clock; the timings come from `nlp::analyze_observed`, which calls
//! back after each stage. Ingest runs go into fresh scratch stores under `scratch`.

use crate::IngestConfig;
use ingest::{Event, Input};
use model::Document;
use rayon::prelude::*;
use serde::Serialize;
use std::path::Path;
use std::time::{Duration, Instant};

/// One measured stage.
#[derive(Clone, Debug, Serialize)]
pub struct Figure {
    /// What was measured.
    pub stage: String,
    /// Threads used.
    pub threads: usize,
    /// Wall seconds.
    pub seconds: f64,
    /// Documents per second.
    pub documents_per_second: f64,
    /// Megabytes (10^6 bytes) of document text per second.
    pub megabytes_per_second: f64,
}

/// The benchmark's results.
#[derive(Clone, Debug, Serialize)]
pub struct BenchReport {
    /// Documents in the corpus.
    pub documents: usize,
    /// Bytes of normalized document text.
    pub text_bytes: usize,
    /// Word tokens (whitespace-separated) in the corpus.
    pub tokens: usize,
    /// Sentences found.
    pub sentences: usize,
    /// Every figure: read, each analyzer and the whole analysis on one thread, analysis on all
    /// threads, ingest end to end on one thread and on all.
    pub figures: Vec<Figure>,
    /// Whole-analysis tokens per second on one thread.
    pub analyze_tokens_per_second: f64,
    /// Claims-stage sentences per second on one thread.
    pub claims_sentences_per_second: f64,
    /// Size of the store after the ingest, on disk.
    pub store_bytes: u64,
    /// `store_bytes` over `text_bytes`.
    pub store_to_text_ratio: f64,
}

/// Runs the benchmark over `inputs`, using `threads` for the parallel runs (0: one per core) and
/// `scratch` for throwaway stores.
pub fn bench(inputs: &[Input], read: &ingest::Config, threads: usize, scratch: &Path) -> store::Result<BenchReport> {
    let started = Instant::now();
    let mut docs = Vec::new();
    for input in inputs {
        ingest::read(input, read, &mut |event| {
            if let Event::Document(draft) = event
                && let Some(doc) = Document::from_draft(draft)
            {
                docs.push(doc);
            }
        });
    }
    let read_time = started.elapsed();
    let text_bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let tokens: usize = docs.iter().map(|d| d.text.split_whitespace().count()).sum();
    let figure = |stage: &str, threads: usize, time: Duration| Figure {
        stage: stage.to_owned(),
        threads,
        seconds: time.as_secs_f64(),
        documents_per_second: docs.len() as f64 / time.as_secs_f64().max(1e-9),
        megabytes_per_second: text_bytes as f64 / 1e6 / time.as_secs_f64().max(1e-9),
    };
    let mut figures = vec![figure("read", 1, read_time)];

    let mut stage_times = vec![Duration::ZERO; nlp::Stage::ALL.len()];
    let mut sentences = 0;
    let started = Instant::now();
    for doc in &docs {
        let mut mark = Instant::now();
        let analysis = nlp::analyze_observed(doc, &mut |stage| {
            let now = Instant::now();
            stage_times[stage as usize] += now - mark;
            mark = now;
        });
        sentences += analysis.sentences.len();
    }
    let analyze_time = started.elapsed();
    for stage in nlp::Stage::ALL {
        figures.push(figure(&format!("analyze: {}", stage.name()), 1, stage_times[stage as usize]));
    }
    figures.push(figure("analyze", 1, analyze_time));

    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a thread pool can be built");
    let started = Instant::now();
    pool.install(|| docs.par_iter().for_each(|doc| drop(nlp::analyze(doc))));
    figures.push(figure("analyze", pool.current_num_threads(), started.elapsed()));

    let mut store_bytes = 0;
    for run_threads in [1, pool.current_num_threads()] {
        let dir = scratch.join(format!("bench-store-{run_threads}"));
        let _ = std::fs::remove_dir_all(&dir);
        let mut store = store::Store::open(&dir)?;
        let config = IngestConfig { read: read.clone(), threads: run_threads, ..IngestConfig::default() };
        let summary = crate::ingest(&mut store, inputs, &config, &mut |_| {})?;
        figures.push(figure("ingest (read, analyze, store, index, link)", run_threads, summary.elapsed));
        drop(store);
        store_bytes = dir_size(&dir);
        let _ = std::fs::remove_dir_all(&dir);
    }

    let claims_time = stage_times[nlp::Stage::Claims as usize].as_secs_f64().max(1e-9);
    Ok(BenchReport {
        documents: docs.len(),
        text_bytes,
        tokens,
        sentences,
        analyze_tokens_per_second: tokens as f64 / analyze_time.as_secs_f64().max(1e-9),
        claims_sentences_per_second: sentences as f64 / claims_time,
        figures,
        store_bytes,
        store_to_text_ratio: store_bytes as f64 / text_bytes.max(1) as f64,
    })
}

fn dir_size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries.filter_map(|e| e.ok()?.metadata().ok()).filter(|m| m.is_file()).map(|m| m.len()).sum()
}
