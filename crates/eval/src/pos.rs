//! Part-of-speech tagging on UD English EWT: reading CoNLL-U, training the tagger, scoring it.
//!
//! Why: the tagger in `nlp::tagger` is learned; this module is the one reproducible way to
//! train it (`examples/train_tagger.rs`) and to measure it (`examples/pos.rs`), from the files
//! in `../shared/data/ud-english-ewt` read in place.
//!
//! How: every sentence is read twice. *UD tokens*: the treebank's own words (multiword tokens
//! split: "don't" = "do" + "n't"), the standard setting for published accuracies. *Dossier
//! tokens*: the sentence's `# text` cut by `nlp::tokens::tokenize`, which keeps "don't",
//! "Al-Zaman" and "pro-Russian" whole; each token takes the tag of the treebank word it covers
//! whose syntactic head lies outside the token (the head of the merged words). Training uses
//! UD-token sentences plus the Dossier-token version of each sentence the two tokenizations
//! cut differently, so the model tags both; scores are reported for both. Labels are joint
//! UPOS+XPOS pairs; UPOS and XPOS accuracies are per token over all tokens, punctuation
//! included (the CoNLL 2018 convention).
//!
//! Determinism: labels sorted by name, a fixed-seed xorshift shuffle per epoch, weights
//! exported in key order; the epoch with the best dev accuracy (UD plus Dossier tokens) wins.
//! The same data gives the same model bytes on every run.
//!
//! Example: `cargo run --release -p eval --example train_tagger -- ../shared/data
//! crates/nlp/data/tagger/ewt.model`, then `cargo run --release -p eval --example pos --
//! ../shared/data`.
//!
//! Known limits: sentences whose words cannot be found in their `# text` (none in EWT 2.16
//! as far as measured) get no Dossier-token version; EWT has no news genre.

use flate2::read::GzDecoder;
use nlp::tagger::{Label, Model, Tagger, Trainer};
use serde::Serialize;
use std::collections::BTreeSet;
use std::fmt;
use std::io::{self, BufRead, BufReader};
use std::path::Path;
use std::time::Instant;

/// One treebank sentence in both tokenizations.
#[derive(Clone, Debug, Default)]
pub struct Sentence {
    /// The sentence text (`# text`).
    pub text: String,
    /// Treebank words: form and joint label `UPOS|XPOS`.
    pub words: Vec<(String, String)>,
    /// Dossier tokens: byte range into `text` and joint label; empty if alignment failed.
    pub tokens: Vec<(usize, usize, String)>,
}

impl Sentence {
    /// Whether the two tokenizations differ.
    pub fn retokenized(&self) -> bool {
        !self.tokens.is_empty()
            && (self.tokens.len() != self.words.len()
                || self.tokens.iter().zip(&self.words).any(|(t, w)| self.text[t.0..t.1] != w.0))
    }
}

/// Reads a gzipped CoNLL-U file.
pub fn read_conllu(path: &Path) -> io::Result<Vec<Sentence>> {
    let reader = BufReader::new(GzDecoder::new(std::fs::File::open(path)?));
    let mut out = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    for line in reader.lines() {
        let line = line?;
        if line.trim().is_empty() {
            if !lines.is_empty() {
                out.push(parse_sentence(&lines));
                lines.clear();
            }
        } else {
            lines.push(line);
        }
    }
    if !lines.is_empty() {
        out.push(parse_sentence(&lines));
    }
    Ok(out)
}

struct Word {
    form: String,
    label: String,
    head: usize,
    /// The surface unit (a multiword token or the word itself) this word belongs to.
    unit: usize,
}

fn parse_sentence(lines: &[String]) -> Sentence {
    let mut text = String::new();
    let mut words: Vec<Word> = Vec::new();
    // Surface units: form, and the last word id they cover.
    let mut units: Vec<(String, usize)> = Vec::new();
    for line in lines {
        if let Some(t) = line.strip_prefix("# text = ") {
            text = t.to_owned();
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 8 {
            continue;
        }
        if let Some((a, b)) = cols[0].split_once('-') {
            let (_, b) = (a.parse::<usize>().unwrap_or(0), b.parse::<usize>().unwrap_or(0));
            units.push((cols[1].to_owned(), b));
            continue;
        }
        let Ok(id) = cols[0].parse::<usize>() else { continue };
        let in_open_unit = units.last().is_some_and(|u| id <= u.1);
        if !in_open_unit {
            units.push((cols[1].to_owned(), id));
        }
        words.push(Word {
            form: cols[1].to_owned(),
            label: format!("{}|{}", cols[3], cols[4]),
            head: cols[6].parse().unwrap_or(0),
            unit: units.len() - 1,
        });
    }
    let tokens = align(&text, &words, &units).unwrap_or_default();
    Sentence { text, words: words.into_iter().map(|w| (w.form, w.label)).collect(), tokens }
}

/// Dossier tokens of `text` with the label of the head word they cover.
fn align(text: &str, words: &[Word], units: &[(String, usize)]) -> Option<Vec<(usize, usize, String)>> {
    let mut ranges = Vec::with_capacity(units.len());
    let mut at = 0;
    for (form, _) in units {
        at += text[at..].len() - text[at..].trim_start().len();
        if !text[at..].starts_with(form.as_str()) {
            return None;
        }
        ranges.push((at, at + form.len()));
        at += form.len();
    }
    let mut out = Vec::new();
    for t in nlp::tokens::tokenize(text) {
        let (s, e) = (t.start as usize, t.end as usize);
        let covered: Vec<usize> =
            (0..words.len()).filter(|&w| ranges[words[w].unit].0 < e && s < ranges[words[w].unit].1).collect();
        let head = covered.iter().find(|&&w| !covered.contains(&(words[w].head.wrapping_sub(1)))).or(covered.first())?;
        out.push((s, e, words[*head].label.clone()));
    }
    Some(out)
}

/// Training settings.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    /// Most epochs to try; the best on dev is kept.
    pub max_epochs: usize,
    /// Averaged weights below this (absolute) are dropped from the model.
    pub prune: f32,
    /// Shuffle seed.
    pub seed: u64,
    /// Tag dictionary: a word needs this many training occurrences …
    pub dict_min_count: u32,
    /// … and this share of them with one label to be tagged without scoring.
    pub dict_min_share: f64,
}

impl Default for Config {
    fn default() -> Config {
        Config { max_epochs: 12, prune: 1.0, seed: 0x00d0_551e_2025, dict_min_count: 20, dict_min_share: 0.98 }
    }
}

/// One epoch's figures.
#[derive(Clone, Debug, Serialize)]
pub struct Epoch {
    /// Epoch number (1-based).
    pub epoch: usize,
    /// Training accuracy of the running (not averaged) weights.
    pub train: f64,
    /// Dev scores of the averaged weights.
    pub dev: Scores,
}

/// Trains on `train`, picking the epoch count on `dev`. Returns the best model and the log.
pub fn train(train: &[Sentence], dev: &[Sentence], config: Config) -> (Model, Vec<Epoch>) {
    let names: BTreeSet<&str> = train
        .iter()
        .flat_map(|s| s.words.iter().map(|w| w.1.as_str()).chain(s.tokens.iter().map(|t| t.2.as_str())))
        .collect();
    let names: Vec<&str> = names.into_iter().take(255).collect();
    let labels: Vec<Label> = names
        .iter()
        .map(|n| {
            let (u, x) = n.split_once('|').unwrap_or((n, n));
            Label { upos: u.to_owned(), xpos: x.to_owned() }
        })
        .collect();
    let id = |name: &str| names.binary_search(&name).map_or(u8::MAX, |k| k as u8);
    // Training instances: words and gold label ids.
    let mut instances: Vec<(Vec<&str>, Vec<u8>)> = Vec::new();
    for s in train {
        instances.push((s.words.iter().map(|w| w.0.as_str()).collect(), s.words.iter().map(|w| id(&w.1)).collect()));
        if s.retokenized() {
            instances.push((
                s.tokens.iter().map(|t| &s.text[t.0..t.1]).collect(),
                s.tokens.iter().map(|t| id(&t.2)).collect(),
            ));
        }
    }
    let dict = nlp::tagger::tag_dictionary(
        instances.iter().map(|(w, g)| (w.as_slice(), g.as_slice())),
        config.dict_min_count,
        config.dict_min_share,
    );
    let mut trainer = Trainer::new(labels, dict);
    let mut rng = config.seed | 1;
    let mut order: Vec<usize> = (0..instances.len()).collect();
    let mut log = Vec::new();
    let mut best: Option<(f64, Model)> = None;
    for epoch in 1..=config.max_epochs {
        for k in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(k, (rng % (k as u64 + 1)) as usize);
        }
        let (mut correct, mut total) = (0usize, 0usize);
        for &k in &order {
            let (words, gold) = &instances[k];
            correct += trainer.train_sequence(words, gold);
            total += words.len();
        }
        let model = trainer.export(config.prune);
        let tagger = Tagger::new(model);
        let scores = evaluate(&tagger, dev);
        let key = scores.ud_upos + scores.dossier_upos;
        log.push(Epoch { epoch, train: ratio(correct, total), dev: scores });
        if best.as_ref().is_none_or(|b| key > b.0) {
            best = Some((key, tagger.model().clone()));
        }
    }
    let model = best.map(|b| b.1).unwrap_or_else(|| trainer.export(config.prune));
    (model, log)
}

/// Accuracies on one split.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Scores {
    /// Treebank words scored.
    pub ud_tokens: usize,
    /// UPOS accuracy on treebank words.
    pub ud_upos: f64,
    /// XPOS accuracy on treebank words.
    pub ud_xpos: f64,
    /// Dossier tokens scored.
    pub dossier_tokens: usize,
    /// UPOS accuracy on Dossier tokens.
    pub dossier_upos: f64,
    /// XPOS accuracy on Dossier tokens.
    pub dossier_xpos: f64,
}

/// Scores a tagger on sentences, both tokenizations.
pub fn evaluate(tagger: &Tagger, sentences: &[Sentence]) -> Scores {
    let mut c = [0usize; 6];
    for s in sentences {
        let words: Vec<&str> = s.words.iter().map(|w| w.0.as_str()).collect();
        count(&tagger.tag_words(&words), s.words.iter().map(|w| w.1.as_str()), &mut c[..3]);
        let tokens: Vec<&str> = s.tokens.iter().map(|t| &s.text[t.0..t.1]).collect();
        count(&tagger.tag_words(&tokens), s.tokens.iter().map(|t| t.2.as_str()), &mut c[3..]);
    }
    Scores {
        ud_tokens: c[0],
        ud_upos: ratio(c[1], c[0]),
        ud_xpos: ratio(c[2], c[0]),
        dossier_tokens: c[3],
        dossier_upos: ratio(c[4], c[3]),
        dossier_xpos: ratio(c[5], c[3]),
    }
}

fn count<'a>(tags: &[nlp::tagger::Tag], gold: impl Iterator<Item = &'a str>, c: &mut [usize]) {
    for (t, g) in tags.iter().zip(gold) {
        let (u, x) = g.split_once('|').unwrap_or((g, ""));
        c[0] += 1;
        c[1] += usize::from(t.upos.as_str() == u);
        c[2] += usize::from(t.xpos.as_str() == x);
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The report of `examples/pos.rs`.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// Dev split scores.
    pub dev: Scores,
    /// Test split scores.
    pub test: Scores,
    /// Model size in bytes and feature keys.
    pub model_bytes: usize,
    /// Feature keys in the model.
    pub model_features: usize,
    /// Tagging speed over the BBC corpus (tokenized beforehand), tokens per second, one core.
    pub tokens_per_second: f64,
    /// Mean tagging time per BBC article, milliseconds.
    pub ms_per_article: f64,
    /// BBC articles tagged.
    pub articles: usize,
    /// Share of BBC tokens tagged from the tag dictionary, without scoring.
    pub dictionary_share: f64,
    /// FNV-1a digest of every BBC token's tags and margin, to check that output is unchanged.
    pub bbc_digest: String,
}

/// Scores the embedded tagger on EWT dev and test and times it on the BBC corpus.
pub fn run(data_dir: &Path) -> io::Result<Report> {
    let ewt = data_dir.join("ud-english-ewt");
    let dev = read_conllu(&ewt.join("en_ewt-ud-dev.conllu.gz"))?;
    let test = read_conllu(&ewt.join("en_ewt-ud-test.conllu.gz"))?;
    let tagger = &*nlp::tagger::TAGGER;
    let articles = read_bbc(&data_dir.join("bbc-news-2225/bbc-news-2225.jsonl.gz")).unwrap_or_default();
    let tokenized: Vec<_> = articles.iter().map(|a| nlp::tokens::tokenize(a)).collect();
    let n_tokens: usize = tokenized.iter().map(Vec::len).sum();
    let rounds = 5;
    let started = Instant::now();
    let cpu_started = thread_cpu_seconds();
    let mut sink = 0usize;
    for _ in 0..rounds {
        for (a, t) in articles.iter().zip(&tokenized) {
            sink += nlp::tagger::tag(a, t).len();
        }
    }
    // CPU time of this thread where the OS reports it: the machine may be shared.
    let secs = match (cpu_started, thread_cpu_seconds()) {
        (Some(a), Some(b)) if b > a => b - a,
        _ => started.elapsed().as_secs_f64(),
    }
    .max(1e-9);
    std::hint::black_box(sink);
    // A digest of every tag and margin on the corpus: equal digests mean a faster tagger
    // still gives the same output.
    let (mut digest, mut from_dictionary) = (0xcbf2_9ce4_8422_2325u64, 0usize);
    for (a, t) in articles.iter().zip(&tokenized) {
        for tag in nlp::tagger::tag(a, t) {
            from_dictionary += usize::from(tag.margin == nlp::tagger::DICT_MARGIN);
            let bits =
                [tag.upos.as_str().as_bytes(), tag.xpos.as_str().as_bytes(), &tag.margin.to_bits().to_le_bytes()];
            for b in bits.iter().flat_map(|b| b.iter()) {
                digest = (digest ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
    }
    Ok(Report {
        dev: evaluate(tagger, &dev),
        test: evaluate(tagger, &test),
        model_bytes: nlp::tagger::model::write(tagger.model()).len(),
        model_features: tagger.model().len(),
        tokens_per_second: (n_tokens * rounds) as f64 / secs,
        ms_per_article: secs * 1000.0 / (articles.len() * rounds).max(1) as f64,
        articles: articles.len(),
        dictionary_share: ratio(from_dictionary, n_tokens),
        bbc_digest: format!("{digest:016x}"),
    })
}

/// This thread's user + system CPU time in seconds (Linux `/proc`), `None` elsewhere.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the command name (which ends with ')'): utime and stime are the 12th and
    // 13th, in clock ticks of 1/100 s on Linux.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// The texts of the BBC corpus (one JSON object a line with a `text` field).
pub fn read_bbc(path: &Path) -> io::Result<Vec<String>> {
    let reader = BufReader::new(GzDecoder::new(std::fs::File::open(path)?));
    let mut out = Vec::new();
    for line in reader.lines() {
        let v: serde_json::Value = serde_json::from_str(&line?).map_err(io::Error::other)?;
        if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
            out.push(t.to_owned());
        }
    }
    Ok(out)
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "UD tokens ({}): UPOS {:.4} XPOS {:.4} | Dossier tokens ({}): UPOS {:.4} XPOS {:.4}",
            self.ud_tokens, self.ud_upos, self.ud_xpos, self.dossier_tokens, self.dossier_upos, self.dossier_xpos
        )
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "EWT dev   {}", self.dev)?;
        writeln!(f, "EWT test  {}", self.test)?;
        writeln!(f, "model     {} bytes, {} feature keys", self.model_bytes, self.model_features)?;
        write!(
            f,
            "speed     {:.0} tokens/s, {:.3} ms per article ({} BBC articles, one core CPU time, tokens given)",
            self.tokens_per_second, self.ms_per_article, self.articles
        )?;
        write!(
            f,
            "\nBBC       {:.1} % of tokens tagged from the dictionary; tags digest {}",
            self.dictionary_share * 100.0,
            self.bbc_digest
        )
    }
}
