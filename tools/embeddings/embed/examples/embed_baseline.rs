//! Static embeddings (`embed`) against a lexical cosine on Emergent claim grouping: batch
//! average linkage, five folds grouped by claim, threshold tuned on four (`eval::link_baseline`);
//! then what embedding costs per headline and per BBC article.
//!
//! Usage: `cargo run --release --manifest-path tools/embeddings/embed/Cargo.toml --example embed_baseline -- ../shared/data`

use eval::link_baseline;
use eval::link_training::{self, Headline, Scores};
use flate2::read::GzDecoder;
use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::time::Instant;

fn main() -> std::io::Result<()> {
    let data = std::env::args().nth(1).map_or_else(|| PathBuf::from("../shared/data"), PathBuf::from);
    let all = link_training::headlines(&data)?;
    let t = Instant::now();
    let e = embed::Embeddings::shipped();
    println!(
        "{} headlines; table {} tokens x {} dims, parsed on first use in {:.1} ms",
        all.len(),
        e.vocabulary_size(),
        e.dims(),
        t.elapsed().as_secs_f64() * 1e3
    );

    let print = |name: &str, (folds, mean): (Vec<Scores>, Scores)| {
        let f1s: Vec<String> = folds.iter().map(|s| format!("{:.3}@{:.3}", s.b3_f1, s.threshold)).collect();
        println!(
            "{name:<34} B3 P {:.3} R {:.3} F1 {:.3}; ARI {:.3}   folds {}",
            mean.b3_p,
            mean.b3_r,
            mean.b3_f1,
            mean.ari,
            f1s.join(" ")
        );
    };
    // Weight of the embedding cosine; the lexical cosine gets the rest.
    for (name, w) in [
        ("(a) embedding cosine", 1.0),
        ("(b) lexical idf^1.5 cosine", 0.0),
        ("(c) mean of (a) and (b)", 0.5),
        ("(d1) 0.3 (a) + 0.7 (b)", 0.3),
        ("(d2) 0.7 (a) + 0.3 (b)", 0.7),
    ] {
        print(name, link_baseline::cross_validate(&all, |hs| mixed(hs, w)));
    }

    // Speed, one thread.
    let titles: Vec<&str> = all.iter().map(|h| h.doc.title.as_str()).collect();
    let mut best = f64::INFINITY;
    let mut sink = 0.0f32;
    for _ in 0..5 {
        let t = Instant::now();
        for title in &titles {
            sink += e.embed(title)[0];
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "embed headlines: {} in {:.1} ms (best of 5) = {:.0} headlines/s, {:.1} µs each",
        titles.len(),
        best * 1e3,
        titles.len() as f64 / best,
        best * 1e6 / titles.len() as f64
    );

    let bbc = BufReader::new(GzDecoder::new(std::fs::File::open(data.join("bbc-news-2225/bbc-news-2225.jsonl.gz"))?));
    let mut articles: Vec<Vec<String>> = Vec::new();
    for line in bbc.lines() {
        let v: serde_json::Value = serde_json::from_str(&line?).map_err(std::io::Error::other)?;
        let text = v["text"].as_str().unwrap_or_default();
        let sentences = nlp::segment::sentences(text).into_iter().filter_map(|r| r.slice(text).map(str::to_owned));
        articles.push(sentences.collect());
    }
    let sentences: usize = articles.iter().map(Vec::len).sum();
    let chars: usize = articles.iter().flatten().map(|s| s.chars().count()).sum();
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let t = Instant::now();
        for s in articles.iter().flatten() {
            sink += e.embed(s)[0];
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "embed BBC sentences: {} articles, {sentences} sentences ({:.1} per article, {:.0} chars each) in {:.0} ms \
         (best of 3) = {:.0} sentences/s, {:.0} µs per article",
        articles.len(),
        sentences as f64 / articles.len() as f64,
        chars as f64 / sentences as f64,
        best * 1e3,
        sentences as f64 / best,
        best * 1e6 / articles.len() as f64
    );
    println!("(checksum {sink:.3})");
    Ok(())
}

/// `w` × embedding cosine + (1 − `w`) × lexical cosine, row-major over `hs`.
fn mixed(hs: &[&Headline], w: f64) -> Vec<f64> {
    let n = hs.len();
    let e = embed::Embeddings::shipped();
    let vectors: Vec<Vec<f32>> = if w > 0.0 { hs.iter().map(|h| e.embed(&h.doc.title)).collect() } else { Vec::new() };
    let lexical: Vec<HashMap<String, f64>> =
        if w < 1.0 { hs.iter().map(|h| terms(&h.doc.title)).collect() } else { Vec::new() };
    let mut sim = vec![0.0; n * n];
    for i in 0..n {
        for j in i + 1..n {
            let mut s = 0.0;
            if w > 0.0 {
                s += w * f64::from(embed::cosine(&vectors[i], &vectors[j]));
            }
            if w < 1.0 {
                let (a, b) = (&lexical[i], &lexical[j]);
                let c: f64 = a.iter().filter_map(|(t, x)| b.get(t).map(|y| x * y)).sum();
                s += (1.0 - w) * c;
            }
            sim[i * n + j] = s;
            sim[j * n + i] = s;
        }
    }
    sim
}

/// Unit-length weights of a title's folded terms, each idf^1.5 (deduplicated).
fn terms(title: &str) -> HashMap<String, f64> {
    let mut v = HashMap::new();
    ledger::terms::for_each_term(title, |t| {
        let t = ledger::propositions::fold(t);
        let x = f64::from(ledger::pairs::background_idf(&t)).powf(1.5);
        v.insert(t, x);
    });
    let norm = v.values().map(|x| x * x).sum::<f64>().sqrt().max(1e-12);
    v.values_mut().for_each(|x| *x /= norm);
    v
}
