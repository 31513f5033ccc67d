//! Main-text extraction on the article-extraction benchmark (Zyte/Scrapinghub): 181 real article
//! pages under `article-extraction-benchmark/html/*.html.gz`, each with a human-checked
//! `articleBody` in `ground-truth.json`.
//!
//! Why: the HTML reader decides what text every later stage sees; boilerplate kept in the body
//! becomes false claims and entities, text dropped is lost evidence. This benchmark is the public
//! yardstick for that stage, and it ships the outputs of peer extractors, so our figure sits beside
//! theirs computed by the same code.
//!
//! The metric re-implements the upstream one from its description: tokens are runs of Unicode word
//! characters (`[\p{L}\p{N}_]+`, what Python's `\w` matches), shingles are all 4-grams of tokens (a
//! text of 1–3 tokens is one short shingle), and per page the multiset overlap of predicted and true
//! shingles gives TP, FP and FN, normalised by their sum so that every page weighs the same.
//! Precision is the mean of TP/(TP+FP) over pages where that is defined (an empty prediction is
//! left out, as upstream does: this is what reproduces readability_rs's published 0.873), recall the mean of
//! TP/(TP+FN), F1 their harmonic mean, and accuracy the share of pages whose token lists are equal.
//! Only the body is scored (the benchmark's `articleBody` has no headline).
//!
//! Example: `cargo run --release -p eval --example extraction -- ../shared/data` prints
//! `ours  F1 0.9xx  P …  R …` and one line per peer.
//!
//! Known limits: Python's `\w` also matches a few characters with a numeric value outside the `N`
//! categories, and misses combining marks the same way this does; the peers' published figures are
//! reproduced to three decimals, which is what matters. No bootstrap deviations are computed.

use flate2::read::GzDecoder;
use regex::Regex;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::{self, Read};
use std::path::Path;
use std::sync::LazyLock;
use std::time::Instant;

/// Scores of one extractor over the benchmark.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Scores {
    /// Harmonic mean of `precision` and `recall`.
    pub f1: f64,
    /// Mean per-page shingle precision.
    pub precision: f64,
    /// Mean per-page shingle recall.
    pub recall: f64,
    /// Share of pages whose token lists match the ground truth exactly.
    pub accuracy: f64,
    /// Pages scored.
    pub pages: usize,
}

/// A peer extractor's published output, scored with the same code.
#[derive(Clone, Debug, Serialize)]
pub struct Peer {
    /// The output file's stem, e.g. `rs_trafilatura`.
    pub name: String,
    /// Its scores.
    pub scores: Scores,
}

/// One page where our extraction scored worst, to point at what to fix next.
#[derive(Clone, Debug, Serialize)]
pub struct Miss {
    /// The page id.
    pub id: String,
    /// Its URL.
    pub url: String,
    /// Per-page precision and recall.
    pub precision: f64,
    pub recall: f64,
    /// Why extraction failed, if it did.
    pub error: Option<String>,
}

/// The outcome of [`run`].
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// Our scores (the body from `ingest::html::read_html`; a failed page counts as empty).
    pub ours: Scores,
    /// Pages where `read_html` returned an error.
    pub failures: usize,
    /// Wall-clock seconds spent in `read_html` over all pages (decompression and scoring excluded).
    pub extraction_seconds: f64,
    /// The peers' figures, recomputed from `peer-output/*.json.gz`.
    pub peers: Vec<Peer>,
    /// The ten pages with the lowest F1, worst first.
    pub worst: Vec<Miss>,
}

/// Runs the evaluation. `data_dir` is the shared data root holding `article-extraction-benchmark`.
pub fn run(data_dir: &Path) -> io::Result<Report> {
    run_with(data_dir, |html, url| ingest::html::read_html(html, None, url, "benchmark").map(|draft| draft.body))
}

/// Runs the evaluation with another extractor (page bytes and URL in, body out), so alternatives
/// can be measured with the very same code.
pub fn run_with(
    data_dir: &Path,
    extract: impl Fn(&[u8], Option<&str>) -> Result<String, String>,
) -> io::Result<Report> {
    let root = data_dir.join("article-extraction-benchmark");
    let truth = load_bodies(&root.join("ground-truth.json"))?;
    let mut pages = Vec::with_capacity(truth.len());
    let mut failures = 0;
    let mut spent = 0.0;
    for (id, entry) in &truth {
        let html = read_gz(&root.join("html").join(format!("{id}.html.gz")))?;
        let started = Instant::now();
        let result = extract(&html, entry.url.as_deref());
        spent += started.elapsed().as_secs_f64();
        let (predicted, error) = match result {
            Ok(body) => (body, None),
            Err(reason) => {
                failures += 1;
                (String::new(), Some(reason))
            }
        };
        pages.push((id.clone(), entry.url.clone().unwrap_or_default(), counts(&entry.body, &predicted), error));
    }
    let ours = score(pages.iter().map(|(_, _, c, _)| *c));
    let mut ranked: Vec<_> = pages.iter().collect();
    ranked.sort_by(|a, b| a.2.f1().total_cmp(&b.2.f1()));
    let worst = ranked
        .iter()
        .take(10)
        .map(|(id, url, c, error)| Miss {
            id: id.clone(),
            url: url.clone(),
            precision: c.precision().unwrap_or(0.0),
            recall: c.recall().unwrap_or(0.0),
            error: error.clone(),
        })
        .collect();
    let mut peers = Vec::new();
    let mut files: Vec<_> =
        std::fs::read_dir(root.join("peer-output"))?.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.sort();
    for path in files {
        let Some(name) = path.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_suffix(".json.gz")) else {
            continue;
        };
        let output = parse_bodies(&read_gz(&path)?)?;
        let scores = score(truth.iter().map(|(id, entry)| {
            let predicted = output.get(id).map(|e| e.body.as_str()).unwrap_or("");
            counts(&entry.body, predicted)
        }));
        peers.push(Peer { name: name.to_string(), scores });
    }
    Ok(Report { ours, failures, extraction_seconds: spent, peers, worst })
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "article-extraction benchmark: {} pages, body only, 4-gram shingles", self.ours.pages)?;
        writeln!(f, "{:<16} {:>6} {:>6} {:>6} {:>9}", "extractor", "F1", "P", "R", "accuracy")?;
        let line = |f: &mut fmt::Formatter<'_>, name: &str, s: &Scores| {
            writeln!(f, "{name:<16} {:>6.3} {:>6.3} {:>6.3} {:>9.3}", s.f1, s.precision, s.recall, s.accuracy)
        };
        line(f, "dossier", &self.ours)?;
        for peer in &self.peers {
            line(f, &peer.name, &peer.scores)?;
        }
        writeln!(
            f,
            "failures: {}, extraction time: {:.2} s ({:.1} ms per page)",
            self.failures,
            self.extraction_seconds,
            1000.0 * self.extraction_seconds / self.ours.pages.max(1) as f64
        )?;
        writeln!(f, "lowest-scoring pages:")?;
        for miss in &self.worst {
            write!(
                f,
                "  P {:.3} R {:.3} {} {}",
                miss.precision,
                miss.recall,
                &miss.id[..miss.id.len().min(12)],
                miss.url
            )?;
            match &miss.error {
                Some(error) => writeln!(f, " ({error})")?,
                None => writeln!(f)?,
            }
        }
        Ok(())
    }
}

/// One entry of the ground truth or of a peer's output.
#[derive(Clone, Debug)]
struct Entry {
    body: String,
    url: Option<String>,
}

fn read_gz(path: &Path) -> io::Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
    let mut bytes = Vec::new();
    GzDecoder::new(file).read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn load_bodies(path: &Path) -> io::Result<BTreeMap<String, Entry>> {
    let bytes = std::fs::read(path).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
    parse_bodies(&bytes)
}

/// Parses `{id: {"articleBody": …, "url": …}}`, optionally wrapped as `{"output": {…}}`.
fn parse_bodies(bytes: &[u8]) -> io::Result<BTreeMap<String, Entry>> {
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(io::Error::other)?;
    let map = match value.get("output").and_then(|o| o.as_object()) {
        Some(inner) => inner,
        None => value.as_object().ok_or_else(|| io::Error::other("expected a json object"))?,
    };
    Ok(map
        .iter()
        .map(|(id, item)| {
            let field = |name: &str| item.get(name).and_then(|v| v.as_str()).map(str::to_string);
            (id.clone(), Entry { body: field("articleBody").unwrap_or_default(), url: field("url") })
        })
        .collect())
}

static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[\p{L}\p{N}_]+").expect("static regex"));

fn tokens(text: &str) -> Vec<&str> {
    WORD.find_iter(text).map(|m| m.as_str()).collect()
}

fn shingles<'a>(tokens: &[&'a str]) -> HashMap<Vec<&'a str>, usize> {
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    if tokens.len() < 4 {
        counts.insert(tokens.to_vec(), 1);
        return counts;
    }
    for window in tokens.windows(4) {
        *counts.entry(window.to_vec()).or_insert(0) += 1;
    }
    counts
}

/// Per-page TP, FP, FN normalised by their sum, and whether the token lists are equal.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Counts {
    tp: f64,
    fp: f64,
    fn_: f64,
    exact: bool,
}

impl Counts {
    fn precision(&self) -> Option<f64> {
        (self.tp + self.fp > 0.0).then(|| self.tp / (self.tp + self.fp))
    }

    fn recall(&self) -> Option<f64> {
        (self.tp + self.fn_ > 0.0).then(|| self.tp / (self.tp + self.fn_))
    }

    fn f1(&self) -> f64 {
        crate::metrics::f1(self.precision().unwrap_or(0.0), self.recall().unwrap_or(0.0))
    }
}

fn counts(truth: &str, predicted: &str) -> Counts {
    let (true_tokens, predicted_tokens) = (tokens(truth), tokens(predicted));
    let (t, p) = (shingles(&true_tokens), shingles(&predicted_tokens));
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (shingle, &n) in &t {
        let m = p.get(shingle).copied().unwrap_or(0);
        tp += n.min(m);
        fn_ += n.saturating_sub(m);
    }
    for (shingle, &m) in &p {
        fp += m.saturating_sub(t.get(shingle).copied().unwrap_or(0));
    }
    let sum = (tp + fp + fn_) as f64;
    let norm = if sum > 0.0 { sum } else { 1.0 };
    Counts {
        tp: tp as f64 / norm,
        fp: fp as f64 / norm,
        fn_: fn_ as f64 / norm,
        exact: true_tokens == predicted_tokens,
    }
}

/// Aggregates per-page counts the way the upstream script does. A page with nothing on either side
/// (TP, FP and FN all zero) is a perfect match; a page where nothing was predicted has no
/// precision and is left out of the precision mean, but scores zero recall.
fn score(pages: impl Iterator<Item = Counts>) -> Scores {
    let (mut p_sum, mut p_n, mut r_sum, mut r_n, mut exact, mut n) = (0.0, 0usize, 0.0, 0usize, 0usize, 0usize);
    for c in pages {
        n += 1;
        exact += usize::from(c.exact);
        if c.tp + c.fp + c.fn_ == 0.0 {
            (p_sum, p_n, r_sum, r_n) = (p_sum + 1.0, p_n + 1, r_sum + 1.0, r_n + 1);
            continue;
        }
        if let Some(p) = c.precision() {
            (p_sum, p_n) = (p_sum + p, p_n + 1);
        }
        if let Some(r) = c.recall() {
            (r_sum, r_n) = (r_sum + r, r_n + 1);
        }
    }
    let mean = |sum: f64, count: usize| if count > 0 { sum / count as f64 } else { 0.0 };
    let (precision, recall) = (mean(p_sum, p_n), mean(r_sum, r_n));
    let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
    Scores { f1, precision, recall, accuracy: mean(exact as f64, n), pages: n }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_and_case_of_identical_words_do_not_matter_but_case_does() {
        let same = counts("One two, three four five.", "One two three four five");
        assert_eq!((same.tp, same.fp, same.fn_, same.exact), (1.0, 0.0, 0.0, true));
        assert!(!counts("One two three four", "one two three four").exact);
    }

    #[test]
    fn shingles_are_counted_as_multisets() {
        // Truth has the 4-gram "a b c d" twice, the prediction once: precision 1, recall below 1.
        let c = counts("a b c d a b c d", "a b c d");
        assert_eq!(c.precision(), Some(1.0));
        assert!(c.recall().is_some_and(|r| r < 1.0));
    }

    #[test]
    fn short_texts_are_one_shingle() {
        assert_eq!(shingles(&tokens("hello world")).len(), 1);
        assert!(shingles(&tokens("  ")).is_empty());
    }

    #[test]
    fn word_characters_follow_python() {
        assert_eq!(tokens("naïve_x 東京 3,5 — ok"), vec!["naïve_x", "東京", "3", "5", "ok"]);
    }

    #[test]
    fn empty_prediction_is_left_out_of_precision() {
        let s = score([counts("a b c d e", ""), counts("a b c d e", "a b c d e")].into_iter());
        assert_eq!((s.precision, s.recall), (1.0, 0.5));
    }
}
