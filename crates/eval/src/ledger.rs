//! The ledger's cross-document linking: story clustering on ECB+ dev, near-duplicate groups on
//! the BBC corpus and `examples/corpus`, and the cost of one update as the ledger grows.
//!
//! Why: issue 5 asks for thresholds measured, not guessed, and for an update cost that stays
//! flat with the size of the store.
//!
//! How:
//! - ECB+ dev (`ecbplus/dev_text.txt.gz`): the 196 documents are rebuilt from their tokens
//!   (first sentence = headline), analyzed with `nlp::analyze`, added to a [`ledger::Ledger`]
//!   and re-linked with `rebuild`; the stories are scored with B³ precision/recall/F1 against
//!   the topics (the number before `_` in the document id) and the sub-topics (topic plus
//!   `ecb`/`ecbplus`). ECB+ has no publication dates, so time proximity plays no part there. A
//!   sweep over the join threshold shows how the choice was made.
//! - Near-duplicates: every document of BBC (2,225, no dates) and of `examples/corpus` is added;
//!   groups of more than one document are listed with sizes and a sample of (copy, original)
//!   pairs with their estimated Jaccard similarity and first line, to be judged by reading.
//!   The histogram of all-pairs MinHash similarity for shingles of k = 2…5 words, and the
//!   similarity of the planted re-publication in `examples/corpus` for each k, are what k and
//!   the threshold were chosen on. Exact copies (same content id) are counted apart: the store
//!   already keeps one.
//! - Speed: a synthetic stream grown from BBC — document n is BBC article n mod 2,225 with one
//!   word in five replaced by another corpus word, entity ids varied by round, and publication
//!   dates spread over 2004–2008 — is added up to 100,000 documents; the mean time of `add` is
//!   reported over windows of 1,000 documents ending at 1k, 10k and 100k.
//!
//! Example: `cargo run --release -p eval --example ledger -- ../shared/data`.
//!
//! Known limits: the duplicate precision needs a human reading the printed sample; the
//! synthetic stream reuses the analyses of the originals (their ranges do not fit the varied
//! texts, which the ledger never slices); timings are in-process and vary by a few percent.

use flate2::read::GzDecoder;
use ledger::minhash::Signature;
use ledger::{Config, Ledger};
use model::{Analysis, Document, Draft, Format};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// B³ precision, recall, F1.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct B3 {
    /// Precision.
    pub p: f64,
    /// Recall.
    pub r: f64,
    /// F1.
    pub f1: f64,
}

/// Story clustering at one setting of the thresholds.
#[derive(Clone, Debug, Serialize)]
pub struct SweepRow {
    /// Join threshold.
    pub join: f32,
    /// Time scale of the decay, days.
    pub time_scale_days: f32,
    /// Entity share of the document vectors.
    pub entity_share: f32,
    /// Centroid similarity at which two stories merge (above 1: never).
    pub merge: f32,
    /// Stories found on ECB+ dev.
    pub clusters: usize,
    /// ECB+ dev against the topics.
    pub topics: B3,
    /// ECB+ dev against the sub-topics.
    pub subtopics: B3,
    /// Stories found on `examples/corpus`.
    pub example_clusters: usize,
    /// `examples/corpus` against its two-level gold: the North Korean deployment thread is one
    /// story, each of the five unrelated articles its own.
    pub examples: B3,
}

/// A (copy, original) pair for reading.
#[derive(Clone, Debug, Serialize)]
pub struct Pair {
    /// Estimated Jaccard similarity of 3-word shingles.
    pub jaccard: f64,
    /// The copy's origin and first line.
    pub copy: String,
    /// The original's origin and first line.
    pub original: String,
}

/// Near-duplicate groups over one corpus.
#[derive(Clone, Debug, Serialize)]
pub struct Duplicates {
    /// Corpus name.
    pub corpus: String,
    /// Documents read.
    pub documents: usize,
    /// Documents whose text was identical to an earlier one (same content id).
    pub exact_copies: usize,
    /// Groups of more than one distinct document.
    pub groups: usize,
    /// Group size → number of groups.
    pub sizes: BTreeMap<usize, usize>,
    /// Pairs (copy, original), sorted by similarity, for judging.
    pub sample: Vec<Pair>,
    /// For k = 2…5 words per shingle: pairs of distinct documents by MinHash similarity in bins
    /// [0.1, 0.2), [0.2, 0.3) … [0.9, 1.0].
    pub histogram: Vec<(usize, [usize; 9])>,
    /// The highest similarity of a pair of different documents that the ledger did not group.
    pub best_ungrouped: f64,
    /// Pairs at similarity 0.3 or more that the ledger left apart, for judging recall.
    pub near_misses: Vec<Pair>,
}

/// Mean update time over a window of the synthetic stream.
#[derive(Clone, Debug, Serialize)]
pub struct Speed {
    /// Documents in the ledger at the end of the window.
    pub documents: usize,
    /// Mean microseconds per `add` over the window before this point: the last tenth of the
    /// documents, at least 100 and at most 10,000 (a 1,000-document window moved by ±10 %
    /// between runs beyond 100,000 documents).
    pub micros_per_doc: f64,
    /// Documents in that window.
    pub window: usize,
    /// Mean microseconds per `add` over every document so far.
    pub mean_micros_per_doc: f64,
    /// Stories at that point.
    pub stories: usize,
    /// Peak resident memory of the process so far (Linux `VmHWM`), when the platform tells.
    pub peak_rss_bytes: Option<u64>,
}

/// Peak resident memory of this process (Linux `VmHWM`), when the platform tells.
fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Everything measured.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// Documents clustered from ECB+ dev.
    pub ecb_documents: usize,
    /// Gold topics and sub-topics.
    pub ecb_gold: (usize, usize),
    /// Clustering at the configured thresholds.
    pub configured: SweepRow,
    /// The sweep the thresholds were chosen on.
    pub sweep: Vec<SweepRow>,
    /// Near-duplicates on BBC and on the sample corpus.
    pub duplicates: Vec<Duplicates>,
    /// The planted re-publication of `examples/corpus`: similarity for k = 2…5.
    pub planted: Vec<(usize, f64)>,
    /// Stories of `examples/corpus` after `rebuild`: title, documents, voices.
    pub example_stories: Vec<(String, usize, usize)>,
    /// Update cost as the ledger grows.
    pub speed: Vec<Speed>,
}

/// Runs every measurement; `data_dir` is the shared data root.
pub fn run(data_dir: &Path) -> io::Result<Report> {
    run_with(data_dir, true)
}

/// Runs the measurements, the synthetic update-time stream only when `speed` (it takes most of
/// the time, and clustering work does not need it).
pub fn run_with(data_dir: &Path, speed_too: bool) -> io::Result<Report> {
    let ecb = read_ecb(&data_dir.join("ecbplus/dev_text.txt.gz"))?;
    let analyzed: Vec<Item> = ecb
        .into_iter()
        .map(|(id, doc)| {
            let a = nlp::analyze(&doc);
            (doc, a, id)
        })
        .collect();
    let topic = |id: &str| id.split('_').next().unwrap_or("").to_owned();
    let subtopic = |id: &str| format!("{}{}", topic(id), if id.contains("ecbplus") { "+" } else { "" });
    let gold_topics: Vec<String> = analyzed.iter().map(|d| topic(&d.2)).collect();
    let gold_sub: Vec<String> = analyzed.iter().map(|d| subtopic(&d.2)).collect();
    let examples = read_examples(&examples_dir());
    let example_gold: Vec<String> = examples.iter().map(example_label).collect();
    let ecb_items: Vec<Item> = analyzed;
    let row = |config: Config| {
        let (system, clusters) = cluster(&ecb_items, config);
        let (ex_system, example_clusters) = cluster(&examples, config);
        SweepRow {
            join: config.story.join,
            time_scale_days: config.story.time_scale_days,
            entity_share: config.weights.entity_share,
            merge: config.story.merge,
            clusters,
            topics: b_cubed(&system, &gold_topics),
            subtopics: b_cubed(&system, &gold_sub),
            example_clusters,
            examples: b_cubed(&ex_system, &example_gold),
        }
    };
    let mut sweep = Vec::new();
    for share in [0.5, 0.7] {
        for tau in [14.0, 60.0] {
            for join in [0.08, 0.1, 0.12, 0.15, 0.2, 0.3] {
                let mut config = Config::default();
                config.story.join = join;
                config.story.time_scale_days = tau;
                config.weights.entity_share = share;
                sweep.push(row(config));
            }
        }
    }
    for merge in [2.0, 0.3, 0.2, 0.1] {
        for join in [0.1, 0.12, 0.15] {
            let mut config = Config::default();
            config.story.join = join;
            config.story.merge = merge;
            sweep.push(row(config));
        }
    }
    let configured = row(Config::default());
    let count = |v: &[String]| v.iter().collect::<std::collections::HashSet<_>>().len();

    let bbc = read_bbc(&data_dir.join("bbc-news-2225/bbc-news-2225.jsonl.gz"))?;
    let planted = planted(&examples);
    let (example_dups, example_stories) = duplicates("examples/corpus", &examples, 40);
    let (bbc_dups, _) = duplicates("bbc-news-2225", &bbc, 40);
    let speed = if speed_too { speed(&bbc, 100_000, &mut |_| {}) } else { Vec::new() };
    Ok(Report {
        ecb_documents: ecb_items.len(),
        ecb_gold: (count(&gold_topics), count(&gold_sub)),
        configured,
        sweep,
        duplicates: vec![bbc_dups, example_dups],
        planted,
        example_stories,
        speed,
    })
}

/// Story labels of `items` after adding them all and `rebuild`, and the number of stories.
fn cluster(items: &[Item], config: Config) -> (Vec<String>, usize) {
    let mut ledger = Ledger::new(config);
    for (doc, a, _) in items {
        ledger.add(doc, a);
    }
    ledger.rebuild();
    let labels =
        items.iter().map(|it| ledger.document(it.0.id).map(|v| v.story.to_string()).unwrap_or_default()).collect();
    (labels, ledger.stories().len())
}

/// The gold story of an example document: the five unrelated articles (README of
/// `examples/`) each alone, everything else the North Korean deployment thread.
fn example_label(item: &Item) -> String {
    let unrelated = ["port-strike", "hurricane-milton", "bok-rate-cut", "psg-inter-final"];
    if unrelated.iter().any(|u| item.2.contains(u)) || item.0.title.contains("Nintendo") {
        item.2.clone()
    } else {
        "north-korean-deployment".to_owned()
    }
}

/// B³ over items: `system[i]` and `gold[i]` are the cluster labels of item i.
pub fn b_cubed(system: &[String], gold: &[String]) -> B3 {
    let n = system.len().min(gold.len());
    if n == 0 {
        return B3::default();
    }
    let mut sys_size: HashMap<&str, usize> = HashMap::new();
    let mut gold_size: HashMap<&str, usize> = HashMap::new();
    let mut both: HashMap<(&str, &str), usize> = HashMap::new();
    for i in 0..n {
        *sys_size.entry(&system[i]).or_default() += 1;
        *gold_size.entry(&gold[i]).or_default() += 1;
        *both.entry((&system[i], &gold[i])).or_default() += 1;
    }
    let (mut p, mut r) = (0.0, 0.0);
    for i in 0..n {
        let common = both[&(system[i].as_str(), gold[i].as_str())] as f64;
        p += common / sys_size[system[i].as_str()] as f64;
        r += common / gold_size[gold[i].as_str()] as f64;
    }
    let (p, r) = (p / n as f64, r / n as f64);
    B3 { p, r, f1: crate::metrics::f1(p, r) }
}

/// ECB+ documents rebuilt from tokens, in id order: (id, document).
fn read_ecb(path: &Path) -> io::Result<Vec<(String, Document)>> {
    let mut sentences: BTreeMap<String, BTreeMap<usize, Vec<String>>> = BTreeMap::new();
    for line in BufReader::new(GzDecoder::new(std::fs::File::open(path)?)).lines() {
        let line = line?;
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() < 4 {
            continue;
        }
        let sentence = cells[1].parse().unwrap_or(0);
        sentences.entry(cells[0].to_owned()).or_default().entry(sentence).or_default().push(cells[3].to_owned());
    }
    Ok(sentences
        .into_iter()
        .filter_map(|(id, sents)| {
            let mut lines = sents.into_values().map(|tokens| detokenize(&tokens));
            let title = lines.next()?;
            let body = lines.collect::<Vec<_>>().join(" ");
            let draft = Draft { title: Some(title), body, ..Draft::new(Format::Text, id.clone()) };
            Some((id, Document::from_draft(draft)?))
        })
        .collect())
}

fn detokenize(tokens: &[String]) -> String {
    let mut out = String::new();
    for t in tokens {
        let glue = matches!(t.as_str(), "." | "," | ";" | ":" | "!" | "?" | ")" | "%" | "'s" | "n't" | "'")
            || out.ends_with('(')
            || out.ends_with('$');
        if !out.is_empty() && !glue {
            out.push(' ');
        }
        out.push_str(t);
    }
    out
}

/// A document with its analysis and where it came from.
type Item = (Document, Analysis, String);

fn read_bbc(path: &Path) -> io::Result<Vec<Item>> {
    let mut text = String::new();
    GzDecoder::new(std::fs::File::open(path)?).read_to_string(&mut text)?;
    let mut out = Vec::new();
    for line in text.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        let id = v["id"].as_str().unwrap_or("").to_owned();
        let full = v["text"].as_str().unwrap_or("");
        let (title, body) = full.split_once('\n').unwrap_or((full, ""));
        let draft =
            Draft { title: Some(title.to_owned()), body: body.to_owned(), ..Draft::new(Format::Text, id.clone()) };
        if let Some(doc) = Document::from_draft(draft) {
            let a = nlp::analyze(&doc);
            out.push((doc, a, id));
        }
    }
    Ok(out)
}

fn read_examples(dir: &Path) -> Vec<Item> {
    let (inputs, _) = ingest::expand(&[dir.display().to_string()]);
    let mut out = Vec::new();
    for input in &inputs {
        ingest::read(input, &ingest::Config::default(), &mut |event| {
            if let ingest::Event::Document(draft) = event {
                let origin = draft.origin.rsplit('/').next().unwrap_or("").to_owned();
                if let Some(doc) = Document::from_draft(draft) {
                    let a = nlp::analyze(&doc);
                    out.push((doc, a, origin));
                }
            }
        });
    }
    out
}

fn first_line(item: &Item) -> String {
    let line = item.0.text.lines().next().unwrap_or("");
    format!("{} | {}", item.2, line.chars().take(70).collect::<String>())
}

/// Adds every item, then lists the groups; returns the stories after `rebuild` too.
fn duplicates(corpus: &str, items: &[Item], sample: usize) -> (Duplicates, Vec<(String, usize, usize)>) {
    let mut ledger = Ledger::default();
    let mut exact = 0;
    let mut by_id: HashMap<model::DocId, usize> = HashMap::new();
    let mut pairs = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let u = ledger.add(&item.0, &item.1);
        if u.known {
            exact += 1;
            continue;
        }
        by_id.insert(item.0.id, i);
        if let Some((nearest, jaccard)) = u.nearest {
            pairs.push(Pair { jaccard, copy: first_line(item), original: first_line(&items[by_id[&nearest]]) });
        }
    }
    let mut groups: HashMap<model::DocId, usize> = HashMap::new();
    for &i in by_id.values() {
        if let Some(v) = ledger.document(items[i].0.id)
            && v.duplicate_of.is_some()
        {
            *groups.entry(v.group).or_default() += 1;
        }
    }
    let mut sizes = BTreeMap::new();
    for &copies in groups.values().filter(|&&c| c > 0) {
        *sizes.entry(copies + 1).or_default() += 1;
    }
    pairs.sort_by(|a, b| a.jaccard.total_cmp(&b.jaccard));
    // The lowest-similarity pairs are where mistakes would be: show those first, then some of
    // the rest evenly.
    let step = (pairs.len() / sample.max(1)).max(1);
    let shown: Vec<Pair> = pairs.iter().step_by(step).take(sample).cloned().collect();
    // In corpus order, so that the near misses print the same way on every run.
    let mut distinct: Vec<usize> = by_id.values().copied().collect();
    distinct.sort_unstable();
    let distinct: Vec<&Item> = distinct.into_iter().map(|i| &items[i]).collect();
    let (histogram, best_ungrouped, near_misses) = histogram(&distinct, &ledger);
    ledger.rebuild();
    let stories = ledger.stories().into_iter().map(|s| (s.title, s.documents.len(), s.voices)).collect();
    let report = Duplicates {
        corpus: corpus.to_owned(),
        documents: items.len(),
        exact_copies: exact,
        groups: sizes.values().sum(),
        sizes,
        sample: shown,
        histogram,
        best_ungrouped,
        near_misses,
    };
    (report, stories)
}

/// Shingle length k and the number of pairs per similarity bin.
type Bins = (usize, [usize; 9]);

/// All-pairs MinHash similarity histograms for k = 2…5, and the best pair at k = 3 that the
/// ledger left apart.
fn histogram(items: &[&Item], ledger: &Ledger) -> (Vec<Bins>, f64, Vec<Pair>) {
    let mut out = Vec::new();
    let mut near_misses = Vec::new();
    let mut best_ungrouped: f64 = 0.0;
    for k in 2..=5 {
        let sigs: Vec<Signature> =
            items.iter().map(|it| Signature::of(&ledger::shingles::shingles(&it.0.text, k))).collect();
        let mut bins = [0; 9];
        for i in 0..sigs.len() {
            for j in i + 1..sigs.len() {
                let s = sigs[i].jaccard(&sigs[j]);
                if s >= 0.1 {
                    bins[((s * 10.0) as usize).clamp(1, 9) - 1] += 1;
                }
                if k == ledger::shingles::SHINGLE_WORDS && s >= 0.3 {
                    let (a, b) = (ledger.document(items[i].0.id), ledger.document(items[j].0.id));
                    if a.zip(b).is_some_and(|(a, b)| a.group != b.group) {
                        best_ungrouped = best_ungrouped.max(s);
                        near_misses.push(Pair {
                            jaccard: s,
                            copy: first_line(items[j]),
                            original: first_line(items[i]),
                        });
                    }
                }
            }
        }
        out.push((k, bins));
    }
    near_misses.sort_by(|a, b| b.jaccard.total_cmp(&a.jaccard));
    (out, best_ungrouped, near_misses)
}

/// The planted re-publication (Northbridge Wire, 28 Oct 2024 → Atlantic Courier, 29 Oct).
fn planted(items: &[Item]) -> Vec<(usize, f64)> {
    let find = |pred: &dyn Fn(&Item) -> bool| items.iter().find(|it| pred(it));
    let wire = find(&|it| it.0.external_id.as_deref() == Some("nbw-20241028-002"));
    let copy = find(&|it| it.2.contains("atlantic-courier_nato-kursk-units"));
    let (Some(wire), Some(copy)) = (wire, copy) else { return Vec::new() };
    (2..=5)
        .map(|k| {
            let a = Signature::of(&ledger::shingles::shingles(&wire.0.text, k));
            (k, a.jaccard(&Signature::of(&ledger::shingles::shingles(&copy.0.text, k))))
        })
        .collect()
}

/// The update-time stream alone, up to `total` documents (checkpoints at each power of ten and
/// at `total`).
pub fn update_speed(data_dir: &Path, total: usize, each: &mut dyn FnMut(&Speed)) -> io::Result<Vec<Speed>> {
    let bbc = read_bbc(&data_dir.join("bbc-news-2225/bbc-news-2225.jsonl.gz"))?;
    Ok(speed(&bbc, total, each))
}

/// The synthetic stream: see the module documentation.
fn speed(bbc: &[Item], total: usize, each: &mut dyn FnMut(&Speed)) -> Vec<Speed> {
    let vocabulary: Vec<&str> = {
        let mut v: Vec<&str> = bbc
            .iter()
            .flat_map(|it| it.0.text.split_whitespace())
            .filter(|w| w.len() > 3 && w.chars().all(char::is_alphabetic))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let mut ledger = Ledger::default();
    let mut out = Vec::new();
    let window = |checkpoint: usize| (checkpoint / 10).clamp(100, 10_000);
    let mut checkpoints: Vec<usize> =
        [1_000, 10_000, 100_000, 300_000, 600_000, 1_000_000].into_iter().filter(|&c| c <= total).collect();
    if checkpoints.last() != Some(&total) && total >= 100 {
        checkpoints.push(total);
    }
    let mut all = 0.0;
    let start_2004 = 1_072_915_200; // 2004-01-01T00:00:00Z
    let mut elapsed = 0.0;
    for n in 0..total {
        let base = &bbc[n % bbc.len()];
        let round = (n / bbc.len()) as u64;
        let (doc, analysis) = if round == 0 {
            (base.0.clone(), base.1.clone())
        } else {
            vary(base, round, n as u64, &vocabulary, start_2004 + (n as i64) * 1_500)
        };
        let t = Instant::now();
        std::hint::black_box(ledger.add(&doc, &analysis));
        let took = t.elapsed().as_secs_f64();
        all += took;
        if checkpoints.iter().any(|&c| n < c && n + window(c) >= c) {
            elapsed += took;
        }
        if checkpoints.contains(&(n + 1)) {
            out.push(Speed {
                documents: n + 1,
                micros_per_doc: elapsed / window(n + 1) as f64 * 1e6,
                window: window(n + 1),
                mean_micros_per_doc: all / (n + 1) as f64 * 1e6,
                stories: ledger.story_count(),
                peak_rss_bytes: peak_rss_bytes(),
            });
            each(&out[out.len() - 1]);
            elapsed = 0.0;
        }
    }
    out
}

fn vary(base: &Item, round: u64, n: u64, vocabulary: &[&str], published: i64) -> (Document, Analysis) {
    let mut salt = n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let mut vary_text = |text: &str| -> String {
        text.split(' ')
            .map(|w| {
                salt = ledger::hash::mix(salt);
                if salt.is_multiple_of(5) { vocabulary[(salt >> 8) as usize % vocabulary.len()] } else { w }
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let title = vary_text(&base.0.title);
    let body = base.0.body().split("\n\n").map(&mut vary_text).collect::<Vec<_>>().join("\n\n");
    let draft = Draft {
        title: Some(title),
        body,
        published: ingest::dates::from_timestamp(published),
        ..Draft::new(Format::Text, base.2.clone())
    };
    let doc = Document::from_draft(draft).unwrap_or_else(|| base.0.clone());
    let mut analysis = base.1.clone();
    for e in &mut analysis.entities {
        e.id = format!("{}~{}", e.id, round % 16);
    }
    (doc, analysis)
}

/// Where the example runner looks for `examples/corpus` (for messages).
pub fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus")
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (t, s) = self.ecb_gold;
        writeln!(
            f,
            "ECB+ dev story clustering: {} documents, {t} topics, {s} sub-topics (no dates)",
            self.ecb_documents
        )?;
        writeln!(
            f,
            "  share  tau  join merge | ECB+ stories  topics P/R/F1      sub-topics P/R/F1 | examples stories  B3 P/R/F1"
        )?;
        for row in self.sweep.iter().chain([&self.configured]) {
            let mark = if std::ptr::eq(row, &self.configured) { " <- configured" } else { "" };
            writeln!(
                f,
                "  {:.1}  {:>4}  {:.2}  {:>4} | {:>4}  {:.3}/{:.3}/{:.3}  {:.3}/{:.3}/{:.3} | {:>3}  {:.3}/{:.3}/{:.3}{mark}",
                row.entity_share,
                row.time_scale_days,
                row.join,
                if row.merge > 1.0 { "off".to_owned() } else { format!("{:.2}", row.merge) },
                row.clusters,
                row.topics.p,
                row.topics.r,
                row.topics.f1,
                row.subtopics.p,
                row.subtopics.r,
                row.subtopics.f1,
                row.example_clusters,
                row.examples.p,
                row.examples.r,
                row.examples.f1,
            )?;
        }
        for d in &self.duplicates {
            writeln!(
                f,
                "\nNear-duplicates in {}: {} documents, {} exact copies (same content id), {} groups, sizes {:?}; best ungrouped pair {:.3}",
                d.corpus, d.documents, d.exact_copies, d.groups, d.sizes, d.best_ungrouped
            )?;
            writeln!(f, "  all-pairs MinHash similarity, pairs per bin [0.1,0.2) … [0.9,1.0]:")?;
            for (k, bins) in &d.histogram {
                writeln!(f, "    k={k}: {bins:?}")?;
            }
            writeln!(f, "  sample (copy <- original):")?;
            for p in &d.sample {
                writeln!(f, "    {:.3}  {}\n           <- {}", p.jaccard, p.copy, p.original)?;
            }
            writeln!(f, "  left apart at 0.3 or more:")?;
            for p in &d.near_misses {
                writeln!(f, "    {:.3}  {}\n           <> {}", p.jaccard, p.copy, p.original)?;
            }
        }
        writeln!(f, "\nPlanted re-publication (wire 28 Oct -> Atlantic Courier 29 Oct), similarity by k:")?;
        for (k, s) in &self.planted {
            writeln!(f, "  k={k}: {s:.3}")?;
        }
        writeln!(f, "\nStories of examples/corpus after rebuild (documents, voices, title):")?;
        for (title, docs, voices) in &self.example_stories {
            writeln!(f, "  {docs:>3} {voices:>3}  {title}")?;
        }
        writeln!(f, "\nUpdate time (synthetic growth from BBC):")?;
        for s in &self.speed {
            writeln!(
                f,
                "  {:>7} documents: {:.1} µs per document ({} stories)",
                s.documents, s.micros_per_doc, s.stories
            )?;
        }
        Ok(())
    }
}
