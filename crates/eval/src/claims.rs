//! Attribution (source, cue, content) on PolNeAR (`polnear/{train,dev}.jsonl.gz`).
//!
//! Why: PolNeAR (Newell, Margolin & Ruths, LREC 2018) annotates every attribution in 1,008
//! political news articles — direct quotes, indirect speech and reported beliefs — with source,
//! cue and content spans, which is exactly what [`nlp::claims::find`] produces.
//!
//! How: each article's `.ann` file is brat standoff with Unicode *character* offsets and
//! discontinuous spans (`start end;start end`). Articles with several annotators are scored
//! against one: the first annotator id in sorted order. Each `E` relation with a cue is one gold
//! attribution (source optional: `Attribution-no-source`). The system reads the gold text as a
//! document whose first line (the title, which every article text starts with) is the headline;
//! when a text does not start with its metadata title, the title and a blank line are prepended
//! and system spans are mapped back onto the gold text by characters, dropping what falls in the
//! prefix. Sentences come from [`nlp::segment::sentences`]; tokens and tags are computed once, as
//! `nlp::analyze` does, and shared by [`nlp::entities::find_tagged`] and
//! [`nlp::claims::find_tagged`].
//!
//! Definitions (issue 4, so the figures compare with the baselines): tokens are the maximal runs
//! of letters and digits of the gold text; a span's tokens are those it overlaps. Cue: a system
//! cue matches a gold cue when their tokens overlap, one-to-one (greedy by overlap size). Source
//! and content: over matched pairs, the token-overlap F1 of the spans; a pair counts when it is
//! ≥ 0.5 (a gold attribution without a source matches a claim without a speaker). Attribution:
//! cue matched and source and content both ≥ 0.5. P divides by system claims, R by gold
//! attributions. Recall is also split by whether the gold content holds a quotation mark.
//!
//! PolNeAR is univocal (every token has one role at most), so a claim inside another claim's
//! content is never gold; nested claims (those with a `parent`) are therefore left out of the
//! scored set, and counted apart (set `CLAIMS_ALL=1` to score them too: on train that gives
//! 0.452 instead of 0.448 at the time this was written, the two policies are close).
//!
//! Example: `cargo run --release -p eval --example claims -- ../shared/data --split dev`.
//!
//! Known limits: one annotator per article (inter-annotator α is 0.75, so a perfect system would
//! not score 1.0); speed is timed in-process.

use flate2::read::GzDecoder;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;
use std::io::{self, BufRead, BufReader};
use std::path::Path;
use std::time::{Duration, Instant};

/// The spaCy GGT-style rule baseline on PolNeAR dev: attribution F1, cue P, cue R.
pub const BASELINE_GGT: [f64; 3] = [0.449, 0.82, 0.41];
/// textacy's quotation extractor on PolNeAR dev: attribution F1.
pub const BASELINE_TEXTACY: f64 = 0.236;

pub use crate::metrics::Prf;

/// A disagreement with the gold, for tuning.
#[derive(Clone, Debug, Serialize)]
pub struct Miss {
    /// Article file name.
    pub doc: String,
    /// `missed` (no cue match), `spurious` (no cue match), `source` or `content` (cue matched,
    /// span wrong).
    pub kind: &'static str,
    /// Gold source | cue | content.
    pub gold: String,
    /// System speaker | cue | content.
    pub system: String,
}

/// Per-cue counts, for pruning the lexicon on train.
#[derive(Clone, Debug, Default, Serialize)]
pub struct CueStat {
    /// System claims with this cue text (lower case).
    pub system: usize,
    /// Of those, cue matched.
    pub matched: usize,
    /// Of those, attribution correct.
    pub correct: usize,
}

/// The whole evaluation of one split.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// `train` or `dev`.
    pub split: String,
    /// Articles scored.
    pub articles: usize,
    /// Gold attributions (with a cue).
    pub gold: usize,
    /// System claims scored (top-level).
    pub system: usize,
    /// Nested system claims left out.
    pub nested: usize,
    /// Cue P/R/F1.
    pub cue: Prf,
    /// Source P/R/F1 (pairs with overlap F1 ≥ 0.5).
    pub source: Prf,
    /// Content P/R/F1 (pairs with overlap F1 ≥ 0.5).
    pub content: Prf,
    /// Attribution P/R/F1: the headline figure.
    pub attribution: Prf,
    /// Mean source token-overlap F1 over cue-matched pairs.
    pub source_overlap: f64,
    /// Mean content token-overlap F1 over cue-matched pairs.
    pub content_overlap: f64,
    /// Gold attributions whose content holds a quotation mark.
    pub gold_quoted: usize,
    /// Attribution recall on those.
    pub recall_quoted: f64,
    /// Attribution recall on the others.
    pub recall_unquoted: f64,
    /// Sentences through `nlp::claims::find_tagged`.
    pub sentences: usize,
    /// Seconds in `nlp::claims::find_tagged` alone (tags are shared with entities, as in `analyze`).
    pub seconds: f64,
    /// Sentences per second through `nlp::claims::find_tagged`, one core.
    pub sentences_per_s: f64,
    /// GGT-style baseline: attribution F1, cue P, cue R.
    pub baseline_ggt: [f64; 3],
    /// textacy baseline attribution F1.
    pub baseline_textacy: f64,
    /// Every disagreement.
    #[serde(skip)]
    pub misses: Vec<Miss>,
    /// Counts per system cue text.
    #[serde(skip)]
    pub cues: HashMap<String, CueStat>,
}

/// Scores the dev split.
pub fn run(data_dir: &Path) -> io::Result<Report> {
    run_split(data_dir, "dev")
}

/// Scores `split` (`train`, `dev` or `test`) of `data_dir/polnear`.
pub fn run_split(data_dir: &Path, split: &str) -> io::Result<Report> {
    let path = data_dir.join("polnear").join(format!("{split}.jsonl.gz"));
    let reader = BufReader::new(GzDecoder::new(std::fs::File::open(&path)?));
    let mut acc = Acc::default();
    let mut elapsed = Duration::ZERO;
    let mut sentences = 0;
    let mut misses = Vec::new();
    let mut cues = HashMap::new();
    for (n, line) in reader.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let bad =
            |e: String| io::Error::new(io::ErrorKind::InvalidData, format!("{}: line {}: {e}", path.display(), n + 1));
        let row: serde_json::Value = serde_json::from_str(&line).map_err(|e| bad(e.to_string()))?;
        let text = row["text"].as_str().ok_or_else(|| bad("no text".into()))?;
        let title = row["metadata"]["title"].as_str().unwrap_or("");
        let name = row["filename"].as_str().unwrap_or("").to_owned();
        let Some(annotations) = row["annotations"].as_object() else { continue };
        let Some(first) = annotations.keys().min() else { continue };
        let ann = annotations[first].as_str().unwrap_or("");
        let gold = parse_ann(ann);
        let article = Article::new(text, title);
        let found = {
            let sents = nlp::segment::sentences(&article.sys_text);
            let words = nlp::tokens::tokenize(&article.sys_text);
            let tags = nlp::tagger::tag_sentences(&article.sys_text, &words, &sents);
            let entities = nlp::entities::find_tagged(&article.sys_text, &sents, &words, &tags);
            let start = Instant::now();
            let claims =
                nlp::claims::find_tagged(&article.sys_text, article.body_start, &sents, &entities, &words, &tags);
            elapsed += start.elapsed();
            sentences += sents.len();
            claims
        };
        acc.articles += 1;
        score(&article, &gold, &found, &name, &mut acc, &mut misses, &mut cues);
    }
    let seconds = elapsed.as_secs_f64();
    Ok(Report {
        split: split.to_owned(),
        articles: acc.articles,
        gold: acc.gold,
        system: acc.system,
        nested: acc.nested,
        cue: Prf::of(acc.cue, acc.system, acc.cue, acc.gold),
        source: Prf::of(acc.source, acc.system, acc.source, acc.gold),
        content: Prf::of(acc.content, acc.system, acc.content, acc.gold),
        attribution: Prf::of(acc.attr, acc.system, acc.attr, acc.gold),
        source_overlap: if acc.cue == 0 { 0.0 } else { acc.source_sum / acc.cue as f64 },
        content_overlap: if acc.cue == 0 { 0.0 } else { acc.content_sum / acc.cue as f64 },
        gold_quoted: acc.gold_quoted,
        recall_quoted: ratio(acc.attr_quoted, acc.gold_quoted),
        recall_unquoted: ratio(acc.attr - acc.attr_quoted, acc.gold - acc.gold_quoted),
        sentences,
        seconds,
        sentences_per_s: if seconds > 0.0 { sentences as f64 / seconds } else { 0.0 },
        baseline_ggt: BASELINE_GGT,
        baseline_textacy: BASELINE_TEXTACY,
        misses,
        cues,
    })
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

#[derive(Default)]
struct Acc {
    articles: usize,
    gold: usize,
    system: usize,
    nested: usize,
    cue: usize,
    source: usize,
    content: usize,
    attr: usize,
    source_sum: f64,
    content_sum: f64,
    gold_quoted: usize,
    attr_quoted: usize,
}

/// Character segments of a brat span.
type Segs = Vec<(usize, usize)>;

/// One gold attribution.
struct GoldAttr {
    cue: Segs,
    source: Segs,
    content: Segs,
}

/// Gold attributions of one brat `.ann` file (relations with a cue).
fn parse_ann(ann: &str) -> Vec<GoldAttr> {
    let mut spans: HashMap<&str, Segs> = HashMap::new();
    let mut rels = Vec::new();
    for line in ann.lines() {
        let mut parts = line.split('\t');
        let (Some(id), Some(body)) = (parts.next(), parts.next()) else { continue };
        if id.starts_with('T') {
            // "Cue 107 114" or "Content 207 579;581 851"
            let Some((_, offsets)) = body.split_once(' ') else { continue };
            let segs: Segs = offsets
                .split(';')
                .filter_map(|s| {
                    let (a, b) = s.trim().split_once(' ')?;
                    Some((a.parse().ok()?, b.parse().ok()?))
                })
                .collect();
            spans.insert(id, segs);
        } else if id.starts_with('E') {
            rels.push(body);
        }
    }
    let mut out = Vec::new();
    for rel in rels {
        let mut attr = GoldAttr { cue: Vec::new(), source: Vec::new(), content: Vec::new() };
        for arg in rel.split_whitespace() {
            let Some((role, id)) = arg.split_once(':') else { continue };
            let segs = spans.get(id).cloned().unwrap_or_default();
            match role {
                "Cue" => attr.cue = segs,
                "Source" => attr.source = segs,
                "Content" => attr.content = segs,
                _ => {}
            }
        }
        if !attr.cue.is_empty() {
            out.push(attr);
        }
    }
    out
}

/// The gold text, its word tokens, and the document text the system reads.
struct Article<'a> {
    gold_text: &'a str,
    sys_text: String,
    body_start: usize,
    /// Bytes of `sys_text` before the gold text.
    prefix: usize,
    /// Character index of each byte of the gold text (and one past the end).
    char_of_byte: Vec<u32>,
    /// Token id of each character of the gold text, or `u32::MAX`.
    token_of_char: Vec<u32>,
}

impl<'a> Article<'a> {
    fn new(gold_text: &'a str, title: &str) -> Article<'a> {
        let (sys_text, prefix) = if !title.is_empty() && !gold_text.starts_with(title.trim()) {
            (format!("{}\n\n{gold_text}", title.trim()), title.trim().len() + 2)
        } else {
            (gold_text.to_owned(), 0)
        };
        let body_start = if prefix > 0 { prefix } else { gold_text.find('\n').map_or(0, |i| i + 1) };
        let mut char_of_byte = vec![0u32; gold_text.len() + 1];
        let mut token_of_char = Vec::with_capacity(gold_text.len());
        let mut tokens = 0u32;
        let mut in_word = false;
        for (ci, (bi, c)) in gold_text.char_indices().enumerate() {
            for k in 0..c.len_utf8() {
                char_of_byte[bi + k] = ci as u32;
            }
            if c.is_alphanumeric() {
                if !in_word {
                    tokens += 1;
                }
                in_word = true;
                token_of_char.push(tokens - 1);
            } else {
                in_word = false;
                token_of_char.push(u32::MAX);
            }
        }
        char_of_byte[gold_text.len()] = token_of_char.len() as u32;
        Article { gold_text, sys_text, body_start, prefix, char_of_byte, token_of_char }
    }

    /// Tokens overlapped by character segments.
    fn tokens(&self, segs: &[(usize, usize)]) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        for &(a, b) in segs {
            for c in a..b.min(self.token_of_char.len()) {
                let t = self.token_of_char[c];
                if t != u32::MAX && out.last() != Some(&t) {
                    out.push(t);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Gold character segment of a system byte range (empty when it lies in the prefix).
    fn segs(&self, r: text::TextRange) -> Segs {
        let a = r.start().max(self.prefix) - self.prefix;
        let b = r.end().max(self.prefix) - self.prefix;
        if b <= a || b > self.gold_text.len() {
            return Vec::new();
        }
        vec![(self.char_of_byte[a] as usize, self.char_of_byte[b] as usize)]
    }

    fn show(&self, segs: &[(usize, usize)]) -> String {
        segs.iter()
            .map(|&(a, b)| self.gold_text.chars().skip(a).take(b.saturating_sub(a)).collect::<String>())
            .collect::<Vec<_>>()
            .join(" … ")
            .replace('\n', " ")
    }
}

/// Token-overlap F1 of two token sets; two empty sets agree.
fn overlap_f1(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let common = a.iter().filter(|t| b.binary_search(t).is_ok()).count();
    if common == 0 {
        return 0.0;
    }
    crate::metrics::f1(common as f64 / b.len() as f64, common as f64 / a.len() as f64)
}

struct Sys {
    cue: Vec<u32>,
    source: Vec<u32>,
    content: Vec<u32>,
    cue_segs: Segs,
    source_segs: Segs,
    content_segs: Segs,
    cue_text: String,
}

fn score(
    article: &Article,
    gold: &[GoldAttr],
    found: &[model::Claim],
    name: &str,
    acc: &mut Acc,
    misses: &mut Vec<Miss>,
    cues: &mut HashMap<String, CueStat>,
) {
    let g: Vec<[Vec<u32>; 3]> =
        gold.iter().map(|a| [article.tokens(&a.cue), article.tokens(&a.source), article.tokens(&a.content)]).collect();
    let quoted: Vec<bool> =
        gold.iter().map(|a| article.show(&a.content).chars().any(|c| matches!(c, '"' | '“' | '”'))).collect();
    let mut s = Vec::new();
    for c in found {
        if c.parent.is_some() && std::env::var_os("CLAIMS_ALL").is_none() {
            acc.nested += 1;
            continue;
        }
        let cue_segs = article.segs(c.cue);
        let source_segs = c.speaker.as_ref().map(|sp| article.segs(sp.range)).unwrap_or_default();
        let content_segs = article.segs(c.content);
        let cue = article.tokens(&cue_segs);
        if cue.is_empty() && c.cue.start() < article.prefix {
            continue;
        }
        s.push(Sys {
            cue_text: article.show(&cue_segs).to_lowercase(),
            cue,
            source: article.tokens(&source_segs),
            content: article.tokens(&content_segs),
            cue_segs,
            source_segs,
            content_segs,
        });
    }
    acc.gold += g.len();
    acc.system += s.len();
    acc.gold_quoted += quoted.iter().filter(|q| **q).count();
    // One-to-one cue matching, greedy by token overlap.
    let mut pairs = Vec::new();
    for (gi, ga) in g.iter().enumerate() {
        for (si, sa) in s.iter().enumerate() {
            let common = ga[0].iter().filter(|t| sa.cue.binary_search(t).is_ok()).count();
            if common > 0 {
                pairs.push((common, gi, si));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut g_match = vec![None; g.len()];
    let mut s_match = vec![None; s.len()];
    for (_, gi, si) in pairs {
        if g_match[gi].is_none() && s_match[si].is_none() {
            g_match[gi] = Some(si);
            s_match[si] = Some(gi);
        }
    }
    let show_gold =
        |a: &GoldAttr| format!("{} | {} | {}", article.show(&a.source), article.show(&a.cue), article.show(&a.content));
    let show_sys = |x: &Sys| {
        format!("{} | {} | {}", article.show(&x.source_segs), article.show(&x.cue_segs), article.show(&x.content_segs))
    };
    for (si, x) in s.iter().enumerate() {
        let stat = cues.entry(x.cue_text.clone()).or_default();
        stat.system += 1;
        let Some(gi) = s_match[si] else {
            misses.push(Miss { doc: name.to_owned(), kind: "spurious", gold: String::new(), system: show_sys(x) });
            continue;
        };
        stat.matched += 1;
        acc.cue += 1;
        let sf = overlap_f1(&g[gi][1], &x.source);
        let cf = overlap_f1(&g[gi][2], &x.content);
        acc.source_sum += sf;
        acc.content_sum += cf;
        acc.source += usize::from(sf >= 0.5);
        acc.content += usize::from(cf >= 0.5);
        if sf >= 0.5 && cf >= 0.5 {
            acc.attr += 1;
            acc.attr_quoted += usize::from(quoted[gi]);
            stat.correct += 1;
        } else {
            let kind = if sf < 0.5 { "source" } else { "content" };
            misses.push(Miss { doc: name.to_owned(), kind, gold: show_gold(&gold[gi]), system: show_sys(x) });
        }
    }
    for (gi, a) in gold.iter().enumerate() {
        if g_match[gi].is_none() {
            misses.push(Miss { doc: name.to_owned(), kind: "missed", gold: show_gold(a), system: String::new() });
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "PolNeAR {}: {} articles, {} gold attributions, {} system claims ({} nested left out)",
            self.split, self.articles, self.gold, self.system, self.nested
        )?;
        writeln!(f, "{:<12} {:>6} {:>6} {:>6}", "", "P", "R", "F1")?;
        for (name, s) in
            [("attribution", self.attribution), ("cue", self.cue), ("source", self.source), ("content", self.content)]
        {
            writeln!(f, "{:<12} {:>6.3} {:>6.3} {:>6.3}", name, s.p, s.r, s.f1)?;
        }
        writeln!(
            f,
            "mean token-overlap F1 over cue-matched pairs: source {:.3}, content {:.3}",
            self.source_overlap, self.content_overlap
        )?;
        writeln!(
            f,
            "attribution recall: quoted contents {:.3} ({} gold), unquoted {:.3} ({} gold)",
            self.recall_quoted,
            self.gold_quoted,
            self.recall_unquoted,
            self.gold - self.gold_quoted
        )?;
        writeln!(
            f,
            "baselines (dev): spaCy GGT-style rules attribution F1 {:.3} (cue P {:.2} / R {:.2}); textacy {:.3}",
            self.baseline_ggt[0], self.baseline_ggt[1], self.baseline_ggt[2], self.baseline_textacy
        )?;
        write!(
            f,
            "speed: {:.0} sentences/s ({} sentences in {:.3} s, claims stage alone, one core)",
            self.sentences_per_s, self.sentences, self.seconds
        )
    }
}
