//! Numeric values on MEANTIME (`meantime-en/intra_cross-doc_annotation/**/*.xml`).
//!
//! Why: MEANTIME is licence-clean news gold that marks numeric expressions (`VALUE` markables of
//! type QUANTITY, MONEY and PERCENT) over English Wikinews articles; it is the closest public gold
//! for what [`nlp::quantities::find`] does.
//!
//! How: each document's text is rebuilt from its tokens, joined with one space within a sentence
//! (the `sentence` attribute) and a newline between sentences, keeping each token's byte range.
//! A gold span runs from its first anchored token to its last. MEANTIME annotates VALUE only in
//! each article's title, dateline and first five sentences (`sentence` 0–5 here; all but 2 of
//! the 418 gold spans lie there), so only quantities starting in that window are scored; the
//! report also gives how many we found in the whole text. Our quantities are typed by unit
//! (an ISO code, `cent` or `penny` → MONEY, `percent` → PERCENT, anything else → QUANTITY) and
//! matched one-to-one with gold spans in three ways:
//! - **strict**: our whole span equals the gold token span;
//! - **core**: our number core ([`nlp::quantities::Found::core`]: hedge, currency, number, scale,
//!   percent sign — without the counted noun) equals the gold span. MEANTIME marks the number and
//!   its hedge but not the counted noun ("10,000" in "10,000 jobs"), while we include the noun, so
//!   the core is the fair strict comparison;
//! - **relaxed**: the spans overlap.
//!
//! Per-type precision counts our quantities of that type; recall counts gold spans of that type
//! matched by any quantity. **Value accuracy**: MEANTIME's VALUE markables carry no normalized
//! value, so the gold value is read from the gold span's own text by a deliberately small reader
//! here, independent of ours: the first one or two numbers written in digits (commas dropped)
//! or as a simple number word (one–twenty, the tens), each multiplied by a following scale
//! ("million", "bn", "thousand"); two numbers make a range. Gold spans with no such number
//! ("many", "thousands of", "about half") are counted as unscorable. On relaxed matches, a gold
//! range is correct if our min and max equal it; a gold single number is correct if our value
//! (or, failing that, our min or max) equals it within a relative 1e-6.
//!
//! Example: `cargo run --release -p eval --example quantities -- ../shared/data`.
//!
//! Known limits: the rebuilt text keeps MEANTIME's tokenisation ("$ 40 billion", "15-20 %"), so
//! it is slightly unlike ordinary text; some gold markables are not counts at all ("The principal
//! amount", "the amount"), and a few mark two numbers as one span ("$ 381 million , or $ 0.67"),
//! which no finder that emits one number per span can match strictly. Throughput is timed
//! in-process over the small corpus (≈ 0.2 MB) repeated, so it varies by a few percent.

use regex::Regex;
use serde::Serialize;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The three MEANTIME VALUE types.
const TYPES: [&str; 3] = ["QUANTITY", "MONEY", "PERCENT"];

/// The last annotated sentence: title (0), dateline (1) and five sentences.
const WINDOW: usize = 5;

/// Precision, recall and F1 of one matching criterion.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Score {
    /// Gold spans.
    pub gold: usize,
    /// Predicted spans.
    pub predicted: usize,
    /// Gold spans matched.
    pub matched_gold: usize,
    /// Predicted spans matched.
    pub matched_predicted: usize,
    /// `matched_predicted / predicted`.
    pub precision: f64,
    /// `matched_gold / gold`.
    pub recall: f64,
    /// Harmonic mean.
    pub f1: f64,
}

impl Score {
    fn finish(&mut self) {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        self.precision = ratio(self.matched_predicted, self.predicted);
        self.recall = ratio(self.matched_gold, self.gold);
        let sum = self.precision + self.recall;
        self.f1 = if sum == 0.0 { 0.0 } else { 2.0 * self.precision * self.recall / sum };
    }
}

/// Scores of one type (or all types together).
#[derive(Clone, Debug, Default, Serialize)]
pub struct TypeScores {
    /// `QUANTITY`, `MONEY`, `PERCENT` or `micro`.
    pub name: String,
    /// Exact span match on our whole span.
    pub strict: Score,
    /// Exact span match on our number core.
    pub core: Score,
    /// Overlapping spans.
    pub relaxed: Score,
}

/// Value accuracy on relaxed matches.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct ValueScore {
    /// Matched pairs whose gold text yields a number.
    pub scored: usize,
    /// Of those, pairs whose value agrees.
    pub correct: usize,
    /// Matched pairs whose gold text has no number ("many").
    pub unscorable: usize,
    /// `correct / scored`.
    pub accuracy: f64,
}

/// A gold span we missed, or a span we found that is not gold.
#[derive(Clone, Debug, Serialize)]
pub struct Miss {
    /// `missed TYPE`, `spurious TYPE`, or `value` (matched, wrong value).
    pub kind: String,
    /// The span text, with gold / predicted details.
    pub text: String,
    /// Up to 40 bytes on each side.
    pub context: String,
}

/// The result of one run over MEANTIME.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// Documents read.
    pub documents: usize,
    /// Tokens read.
    pub tokens: usize,
    /// Bytes of rebuilt text.
    pub bytes: usize,
    /// Per type, then `micro` last.
    pub types: Vec<TypeScores>,
    /// Value accuracy on relaxed matches (all types).
    pub value: ValueScore,
    /// Megabytes per second through `nlp::quantities::find_detailed`, one core.
    pub mb_per_s: f64,
    /// Misses (relaxed criterion) and wrong values, in corpus order.
    pub misses: Vec<Miss>,
}

/// Scores `nlp::quantities` on MEANTIME under `data_dir` (the shared data root).
pub fn run(data_dir: &Path) -> io::Result<Report> {
    let root = data_dir.join("meantime-en/intra_cross-doc_annotation");
    let mut files = Vec::new();
    collect_xml(&root, &mut files)?;
    files.sort();
    if files.is_empty() {
        return Err(io::Error::new(io::ErrorKind::NotFound, format!("no xml under {}", root.display())));
    }
    let parser = Parser::new();
    let docs: Vec<Doc> =
        files.iter().map(|f| Ok(parser.parse(&std::fs::read_to_string(f)?))).collect::<io::Result<_>>()?;
    let mut types: Vec<TypeScores> = TYPES
        .iter()
        .chain(["micro"].iter())
        .map(|n| TypeScores { name: (*n).to_owned(), ..Default::default() })
        .collect();
    let mut value = ValueScore::default();
    let mut misses = Vec::new();
    for doc in &docs {
        score_doc(doc, &mut types, &mut value, &mut misses);
    }
    for t in &mut types {
        for s in [&mut t.strict, &mut t.core, &mut t.relaxed] {
            s.finish();
        }
    }
    value.accuracy = if value.scored == 0 { 0.0 } else { value.correct as f64 / value.scored as f64 };
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    Ok(Report {
        documents: docs.len(),
        tokens: docs.iter().map(|d| d.tokens).sum(),
        bytes,
        types,
        value,
        mb_per_s: throughput(&docs, bytes),
        misses,
    })
}

fn collect_xml(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_xml(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "xml") {
            out.push(path);
        }
    }
    Ok(())
}

/// A rebuilt document and its gold spans `(type index, start, end)`.
struct Doc {
    text: String,
    /// End of the annotated window (the end of sentence [`WINDOW`]).
    window_end: usize,
    tokens: usize,
    gold: Vec<(usize, usize, usize)>,
}

struct Parser {
    token: Regex,
    value: Regex,
    anchor: Regex,
}

impl Parser {
    fn new() -> Parser {
        Parser {
            token: Regex::new(r#"<token [^>]*sentence="(\d+)" t_id="(\d+)"[^>]*>([^<]*)</token>"#).expect("regex"),
            value: Regex::new(r#"(?s)<VALUE [^>]*type="(\w+)"[^>]*>(.*?)</VALUE>"#).expect("regex"),
            anchor: Regex::new(r#"t_id="(\d+)""#).expect("regex"),
        }
    }

    fn parse(&self, xml: &str) -> Doc {
        let mut text = String::new();
        let mut spans = std::collections::HashMap::new();
        let mut sentence = None;
        let mut window_end = 0;
        for cap in self.token.captures_iter(xml) {
            let word = unescape(&cap[3]);
            if !text.is_empty() {
                text.push(if sentence == Some(cap[1].to_owned()) { ' ' } else { '\n' });
            }
            sentence = Some(cap[1].to_owned());
            spans.insert(cap[2].to_owned(), (text.len(), text.len() + word.len()));
            text.push_str(&word);
            if cap[1].parse::<usize>().is_ok_and(|n| n <= WINDOW) {
                window_end = text.len();
            }
        }
        let mut gold = Vec::new();
        for cap in self.value.captures_iter(xml) {
            let Some(kind) = TYPES.iter().position(|t| *t == &cap[1]) else { continue };
            let ranges: Vec<(usize, usize)> =
                self.anchor.captures_iter(&cap[2]).filter_map(|a| spans.get(&a[1]).copied()).collect();
            if let (Some(start), Some(end)) = (ranges.iter().map(|r| r.0).min(), ranges.iter().map(|r| r.1).max()) {
                gold.push((kind, start, end));
            }
        }
        gold.sort_by_key(|g| (g.1, g.2));
        gold.dedup();
        Doc { text, window_end, tokens: spans.len(), gold }
    }
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"").replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

/// The MEANTIME type our quantity would have.
fn type_of(q: &model::Quantity) -> usize {
    match q.unit.as_deref() {
        Some("percent") => 2,
        Some("cent" | "penny") => 1,
        Some(u) if u.len() == 3 && u.bytes().all(|b| b.is_ascii_uppercase()) => 1,
        _ => 0,
    }
}

/// A found quantity as scored: its whole span, its number-only span, and its value type.
type Scored = ((usize, usize), (usize, usize), usize);

fn score_doc(doc: &Doc, types: &mut [TypeScores], value: &mut ValueScore, misses: &mut Vec<Miss>) {
    let mut found = nlp::quantities::find_detailed(&doc.text);
    found.retain(|f| f.quantity.range.start() < doc.window_end);
    let spans: Vec<Scored> = found
        .iter()
        .map(|f| {
            let r = f.quantity.range;
            ((r.start(), r.end()), (f.core.start(), f.core.end()), type_of(&f.quantity))
        })
        .collect();
    // Each criterion matches in passes, exact spans first, so that an overlap does not steal a
    // prediction from the gold span it equals (MEANTIME often marks "20", "25 percent" and
    // "20 to 25 percent" together).
    type Pass = fn(&Scored, (usize, usize)) -> bool;
    let full: Pass = |s, g| s.0 == g;
    let core: Pass = |s, g| s.1 == g;
    let overlap: Pass = |s, g| s.0.0 < g.1 && g.0 < s.0.1;
    let criteria: [&[Pass]; 3] = [&[full], &[core], &[full, core, overlap]];
    for (c, passes) in criteria.iter().enumerate() {
        let mut pred_used = vec![false; spans.len()];
        let mut gold_used = vec![None; doc.gold.len()];
        for pass in passes.iter() {
            for (gi, &(_, gs, ge)) in doc.gold.iter().enumerate() {
                if gold_used[gi].is_some() {
                    continue;
                }
                if let Some(pi) = (0..spans.len()).find(|&pi| !pred_used[pi] && pass(&spans[pi], (gs, ge))) {
                    pred_used[pi] = true;
                    gold_used[gi] = Some(pi);
                }
            }
        }
        for (ti, t) in types.iter_mut().enumerate() {
            let score = match c {
                0 => &mut t.strict,
                1 => &mut t.core,
                _ => &mut t.relaxed,
            };
            let of_type = |k: usize| ti == 3 || k == ti;
            score.gold += doc.gold.iter().filter(|g| of_type(g.0)).count();
            score.matched_gold += doc.gold.iter().zip(&gold_used).filter(|(g, u)| of_type(g.0) && u.is_some()).count();
            score.predicted += spans.iter().filter(|s| of_type(s.2)).count();
            score.matched_predicted += spans.iter().zip(&pred_used).filter(|(s, u)| of_type(s.2) && **u).count();
        }
        if c == 2 {
            relaxed_details(doc, &found, &gold_used, &pred_used, value, misses);
        }
    }
}

fn relaxed_details(
    doc: &Doc,
    found: &[nlp::quantities::Found],
    gold_used: &[Option<usize>],
    pred_used: &[bool],
    value: &mut ValueScore,
    misses: &mut Vec<Miss>,
) {
    for (&(kind, gs, ge), used) in doc.gold.iter().zip(gold_used) {
        let gold_text = &doc.text[gs..ge];
        let Some(pi) = *used else {
            misses.push(miss(doc, format!("missed {}", TYPES[kind]), gold_text.to_owned(), gs, ge));
            continue;
        };
        let q = &found[pi].quantity;
        match gold_value(gold_text) {
            None => value.unscorable += 1,
            Some(gold) => {
                value.scored += 1;
                if value_agrees(q, gold) {
                    value.correct += 1;
                } else {
                    let ours = format!("{gold_text} (gold {gold:?}; ours {:?} {:?} {:?})", q.value, q.min, q.max);
                    misses.push(miss(doc, "value".to_owned(), ours, gs, ge));
                }
            }
        }
    }
    for (f, used) in found.iter().zip(pred_used) {
        if !used {
            let r = f.quantity.range;
            let text = format!("{} (unit {:?})", &doc.text[r.start()..r.end()], f.quantity.unit);
            misses.push(miss(doc, format!("spurious {}", TYPES[type_of(&f.quantity)]), text, r.start(), r.end()));
        }
    }
}

fn miss(doc: &Doc, kind: String, text: String, start: usize, end: usize) -> Miss {
    let before = floor_char(&doc.text, start.saturating_sub(40));
    let after = ceil_char(&doc.text, (end + 40).min(doc.text.len()));
    let context = format!("{}[{}]{}", &doc.text[before..start], &doc.text[start..end], &doc.text[end..after]);
    Miss { kind, text, context: context.replace('\n', " ¶ ") }
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The gold value from the gold span's text: one number, or a range of two.
fn gold_value(text: &str) -> Option<(f64, Option<f64>)> {
    let words: Vec<&str> = text.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    let mut numbers = Vec::new();
    let mut i = 0;
    while i < words.len() && numbers.len() < 2 {
        let w = words[i].trim_start_matches(['$', '£', '€', '#']).trim_end_matches(['%', ',']);
        let digits: String = w.chars().take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.').collect();
        let base = if !digits.is_empty() && digits.starts_with(|c: char| c.is_ascii_digit()) {
            digits.replace(',', "").parse::<f64>().ok().map(|v| (v, &w[digits.len()..]))
        } else {
            small_word(&w.to_ascii_lowercase()).map(|v| (v, ""))
        };
        if let Some((mut v, suffix)) = base {
            let next = words.get(i + 1).map(|n| n.to_ascii_lowercase());
            if let Some(s) = scale(&suffix.to_ascii_lowercase()) {
                v *= s;
            } else if let Some(s) = next.as_deref().and_then(scale) {
                v *= s;
                i += 1;
            }
            numbers.push(v);
        }
        i += 1;
    }
    match numbers[..] {
        [a] => Some((a, None)),
        [a, b] if b > a => Some((a, Some(b))),
        [a, _] => Some((a, None)),
        _ => None,
    }
}

fn scale(word: &str) -> Option<f64> {
    Some(match word {
        "thousand" | "k" => 1e3,
        "million" | "m" | "mn" => 1e6,
        "billion" | "bn" | "b" => 1e9,
        "trillion" | "tn" => 1e12,
        _ => return None,
    })
}

fn small_word(word: &str) -> Option<f64> {
    const WORDS: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    const TENS: [&str; 7] = ["thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    if let Some(i) = WORDS.iter().position(|w| *w == word) {
        return Some(i as f64);
    }
    TENS.iter().position(|w| *w == word).map(|i| 30.0 + 10.0 * i as f64)
}

fn value_agrees(q: &model::Quantity, gold: (f64, Option<f64>)) -> bool {
    let same = |a: Option<f64>, b: f64| a.is_some_and(|a| (a - b).abs() <= 1e-6 * b.abs().max(1.0));
    match gold {
        (low, Some(high)) => same(q.min, low) && same(q.max, high),
        (v, None) => same(q.value.or(q.min).or(q.max), v),
    }
}

fn throughput(docs: &[Doc], bytes: usize) -> f64 {
    let start = Instant::now();
    let mut rounds = 0;
    let mut sink = 0;
    while rounds < 5 || start.elapsed().as_secs_f64() < 1.0 {
        for doc in docs {
            sink += nlp::quantities::find_detailed(&doc.text).len();
        }
        rounds += 1;
    }
    std::hint::black_box(sink);
    (bytes * rounds) as f64 / 1e6 / start.elapsed().as_secs_f64()
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "MEANTIME (en) VALUE: {} documents, {} tokens, {} bytes", self.documents, self.tokens, self.bytes)?;
        for t in &self.types {
            for (name, s) in [("strict", &t.strict), ("core", &t.core), ("relaxed", &t.relaxed)] {
                writeln!(
                    f,
                    "{:<8}  {name:<7}  P {:.3}  R {:.3}  F1 {:.3}  (gold {}, predicted {}, matched {}/{})",
                    t.name, s.precision, s.recall, s.f1, s.gold, s.predicted, s.matched_gold, s.matched_predicted
                )?;
            }
        }
        let v = &self.value;
        writeln!(
            f,
            "value accuracy {:.3} on {} relaxed matches with a gold number ({} correct; {} unscorable)",
            v.accuracy, v.scored, v.correct, v.unscorable
        )?;
        write!(f, "throughput {:.1} MB/s", self.mb_per_s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_gold_values() {
        assert_eq!(gold_value("US$ 40 billion"), Some((40e9, None)));
        assert_eq!(gold_value("between $ 12 million and $ 20 million"), Some((12e6, Some(20e6))));
        assert_eq!(gold_value("15-20 %"), Some((15.0, Some(20.0))));
        assert_eq!(gold_value("$ 15bn"), Some((15e9, None)));
        assert_eq!(gold_value("almost fifteen percent"), Some((15.0, None)));
        assert_eq!(gold_value("many"), None);
    }
}
