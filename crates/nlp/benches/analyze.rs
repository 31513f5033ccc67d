//! `cargo bench -p nlp`: nanoseconds per token of tokenizing, tagging and the whole analysis,
//! on the team-written sample articles in `examples/corpus` (markdown and plain text).
//!
//! Why: the tagger was half of analysis time (issue 7); this is the quick, repeatable loop for
//! changing it, next to the user-facing figure from `dossier bench`. It is also the small
//! harness to profile under `valgrind --tool=callgrind` or `perf record` (see
//! `bench/PROFILE.md`).
//!
//! How: a plain `harness = false` binary with `std::time::Instant`: each stage runs over the
//! whole corpus `--rounds` times (default 30); the median and the fastest round are reported
//! (on a busy machine the fastest is the steadier figure). No benchmarking crate: criterion
//! would add dozens of crates (and divan a dozen) to every `cargo test` build of `nlp` for a
//! median and a table. Set `DOSSIER_BENCH_TEXT` to a folder of `.txt` files to measure on
//! other text, e.g. the BBC articles written out one file each.
//!
//! Baseline: `crates/nlp/benches/BASELINE.md`.
//!
//! Known limits: the sample corpus is small (about 25 articles), so its figures are per-token
//! costs, not corpus throughput; wall-clock time, so a loaded machine reads slower.

use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rounds = args
        .iter()
        .position(|a| a == "--rounds")
        .and_then(|k| args.get(k + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(30usize)
        .max(1);
    let dir = std::env::var_os("DOSSIER_BENCH_TEXT").map(PathBuf::from);
    let texts = match &dir {
        Some(d) => read_texts(d, &["txt"]),
        None => {
            let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
            let mut t = read_texts(&corpus.join("markdown"), &["md"]);
            t.extend(read_texts(&corpus.join("text"), &["txt"]));
            t
        }
    };
    let docs: Vec<model::Document> = texts
        .iter()
        .filter_map(|t| {
            let mut draft = model::Draft::new(model::Format::Text, "bench");
            draft.body = t.clone();
            model::Document::from_draft(draft)
        })
        .collect();
    let tokens: Vec<_> = docs.iter().map(|d| nlp::tokens::tokenize(&d.text)).collect();
    let sentences: Vec<_> = docs.iter().map(|d| nlp::segment::sentences(&d.text)).collect();
    let n_tokens: usize = tokens.iter().map(Vec::len).sum();
    println!("{} documents, {n_tokens} tokens, {rounds} rounds; median and fastest round, ns per token:", docs.len());
    let measure = |name: &str, f: &dyn Fn() -> usize| {
        let mut times: Vec<f64> = (0..rounds)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed().as_secs_f64()
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let per_token = |t: f64| t * 1e9 / n_tokens.max(1) as f64;
        println!(
            "{name:<10} {:>8.1} ns/token (fastest round {:.1})",
            per_token(times[times.len() / 2]),
            per_token(times[0])
        );
    };
    measure("tokenize", &|| docs.iter().map(|d| nlp::tokens::tokenize(&d.text).len()).sum());
    measure("tag", &|| {
        docs.iter()
            .zip(&tokens)
            .zip(&sentences)
            .map(|((d, t), s)| nlp::tagger::tag_sentences(&d.text, t, s).len())
            .sum()
    });
    measure("analyze", &|| docs.iter().map(|d| nlp::analyze(d).sentences.len()).sum());
}

/// The texts of the files in `dir` with one of `extensions`, in name order.
fn read_texts(dir: &Path, extensions: &[&str]) -> Vec<String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().and_then(|e| e.to_str()).is_some_and(|e| extensions.contains(&e)));
    paths.sort();
    paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect()
}
