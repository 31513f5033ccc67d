//! Time expressions on TempEval-3 TBAQ-cleaned (`tempeval3/TBAQ-cleaned/{TimeBank,AQUAINT}`).
//!
//! Why: TBAQ-cleaned is the standard English news gold for TIMEX3 recognition and
//! normalization, and every document carries its creation time (DCT), the anchor relative
//! expressions need, just as Dossier resolves against a publication date.
//!
//! How: each `.tml` file's `<TEXT>` is stripped of its tags (entities decoded) to get the plain
//! text and the gold TIMEX3 spans with their `type` and `value`; the DCT
//! (`functionInDocument="CREATION_TIME"`) is the publication date handed to
//! [`nlp::times::find`]. Scores follow the TempEval-3 scorer: strict span P/R/F1 (exact
//! offsets), relaxed span P/R/F1 (any overlap; precision counts system spans that overlap some
//! gold span, recall gold spans overlapped by some system span), and for each gold span paired
//! with its first overlapping system span, value and type accuracy; attribute F1 is relaxed F1
//! times the attribute's accuracy, as TempEval-3 defines it. HeidelTime 2.2.1's published
//! figures on the same set (run with the DCTs) are printed beside ours.
//!
//! Example: `cargo run --release -p eval --example times -- ../shared/data [--misses]`.
//!
//! Known limits: values are compared as exact strings, as the scorer does, so `2000-W7` (gold)
//! and `2000-W07` differ; the gold set is noisy in places ("last week" sometimes `P1W`). This is
//! the dev set the rules were tuned on, so the figures are optimistic for unseen text.

use serde::Serialize;
use std::fmt;
use std::io;
use std::path::Path;
use std::time::{Duration, Instant};

/// HeidelTime 2.2.1 on TBAQ-cleaned with the DCTs: strict F1, relaxed F1, value F1, type F1.
pub const HEIDELTIME: [f64; 4] = [0.841, 0.921, 0.775, 0.880];

/// The TempEval-3 timex measures on one set of documents.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Scores {
    /// Documents scored.
    pub documents: usize,
    /// Gold TIMEX3 inside `<TEXT>`.
    pub gold: usize,
    /// System expressions.
    pub system: usize,
    /// System spans equal to a gold span.
    pub strict_matches: usize,
    /// System spans overlapping some gold span.
    pub relaxed_system: usize,
    /// Gold spans overlapped by some system span.
    pub relaxed_gold: usize,
    /// Paired gold spans whose value was right.
    pub value_correct: usize,
    /// Paired gold spans whose type was right.
    pub type_correct: usize,
    /// Strict precision, recall, F1.
    pub strict: Prf,
    /// Relaxed precision, recall, F1.
    pub relaxed: Prf,
    /// Value accuracy over relaxed pairs.
    pub value_accuracy: f64,
    /// Type accuracy over relaxed pairs.
    pub type_accuracy: f64,
    /// Relaxed F1 × value accuracy.
    pub value_f1: f64,
    /// Relaxed F1 × type accuracy.
    pub type_f1: f64,
}

pub use crate::metrics::Prf;

/// A disagreement with the gold, for tuning.
#[derive(Clone, Debug, Serialize)]
pub struct Miss {
    /// File name.
    pub doc: String,
    /// `missed`, `spurious`, `span`, `value` or `type`.
    pub kind: &'static str,
    /// Gold text, type and value (empty when spurious).
    pub gold: String,
    /// System text, type and value (empty when missed).
    pub system: String,
    /// The DCT.
    pub dct: String,
    /// Text around the expression.
    pub context: String,
}

/// The whole evaluation.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// TimeBank part.
    pub timebank: Scores,
    /// AQUAINT part.
    pub aquaint: Scores,
    /// Both.
    pub all: Scores,
    /// Bytes of text analyzed.
    pub bytes: usize,
    /// Seconds spent in `nlp::times::find` alone.
    pub seconds: f64,
    /// MB/s of text through `nlp::times::find`.
    pub mb_per_s: f64,
    /// HeidelTime 2.2.1 strict, relaxed, value and type F1.
    pub heideltime: [f64; 4],
    /// Every disagreement.
    #[serde(skip)]
    pub misses: Vec<Miss>,
}

/// Scores `nlp::times::find` on `data_dir/tempeval3/TBAQ-cleaned`.
pub fn run(data_dir: &Path) -> io::Result<Report> {
    let root = data_dir.join("tempeval3/TBAQ-cleaned");
    let mut misses = Vec::new();
    let mut elapsed = Duration::ZERO;
    let mut bytes = 0;
    let mut parts = Vec::new();
    for part in ["TimeBank", "AQUAINT"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(part))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "tml"))
            .collect();
        files.sort();
        let mut scores = Scores::default();
        for path in files {
            let raw = std::fs::read_to_string(&path)?;
            let Some(doc) = parse(&raw) else {
                return Err(io::Error::new(io::ErrorKind::InvalidData, format!("{}: no TEXT or DCT", path.display())));
            };
            // The DCT is a bare ISO date or date-time, read as UTC.
            let dct = ingest::dates::parse_published(&doc.dct_text);
            let start = Instant::now();
            let found = nlp::times::find(&doc.text, dct);
            elapsed += start.elapsed();
            bytes += doc.text.len();
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            score(&doc, &found, &name, &mut scores, &mut misses);
        }
        finish(&mut scores);
        parts.push(scores);
    }
    let aquaint = parts.pop().unwrap_or_default();
    let timebank = parts.pop().unwrap_or_default();
    let mut all = Scores::default();
    for s in [&timebank, &aquaint] {
        all.documents += s.documents;
        all.gold += s.gold;
        all.system += s.system;
        all.strict_matches += s.strict_matches;
        all.relaxed_system += s.relaxed_system;
        all.relaxed_gold += s.relaxed_gold;
        all.value_correct += s.value_correct;
        all.type_correct += s.type_correct;
    }
    finish(&mut all);
    let seconds = elapsed.as_secs_f64();
    let mb_per_s = if seconds > 0.0 { bytes as f64 / 1e6 / seconds } else { 0.0 };
    Ok(Report { timebank, aquaint, all, bytes, seconds, mb_per_s, heideltime: HEIDELTIME, misses })
}

struct Gold {
    start: usize,
    end: usize,
    kind: String,
    value: String,
}

struct Doc {
    text: String,
    dct_text: String,
    gold: Vec<Gold>,
}

/// The plain text of `<TEXT>`, its gold TIMEX3 and the DCT.
fn parse(raw: &str) -> Option<Doc> {
    let dct_text = raw.find("CREATION_TIME").and_then(|at| {
        let tag_start = raw[..at].rfind('<')?;
        let tag_end = tag_start + raw[tag_start..].find('>')?;
        attr(&raw[tag_start..tag_end], "value")
    })?;
    let body_start = raw.find("<TEXT>")? + "<TEXT>".len();
    let body_end = raw.find("</TEXT>")?;
    let body = &raw[body_start..body_end];
    let mut text = String::with_capacity(body.len());
    let mut gold = Vec::new();
    let mut open: Option<Gold> = None;
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        push_decoded(&mut text, &rest[..lt]);
        let gt = lt + rest[lt..].find('>')?;
        let tag = &rest[lt + 1..gt];
        if tag.starts_with("TIMEX3") {
            open = Some(Gold {
                start: text.len(),
                end: 0,
                kind: attr(tag, "type").unwrap_or_default(),
                value: attr(tag, "value").unwrap_or_default(),
            });
        } else if tag == "/TIMEX3"
            && let Some(mut g) = open.take()
        {
            g.end = text.len();
            gold.push(g);
        }
        rest = &rest[gt + 1..];
    }
    push_decoded(&mut text, rest);
    Some(Doc { text, dct_text, gold })
}

fn push_decoded(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let (rep, len) = [("&amp;", '&'), ("&lt;", '<'), ("&gt;", '>'), ("&quot;", '"'), ("&apos;", '\'')]
            .iter()
            .find(|(e, _)| tail.starts_with(e))
            .map_or(('&', 1), |(e, c)| (*c, e.len()));
        out.push(rep);
        rest = &tail[len..];
    }
    out.push_str(rest);
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    let end = at + tag[at..].find('"')?;
    Some(tag[at..end].to_owned())
}

fn type_name(t: model::TimeType) -> &'static str {
    match t {
        model::TimeType::Date => "DATE",
        model::TimeType::Time => "TIME",
        model::TimeType::Duration => "DURATION",
        model::TimeType::Set => "SET",
    }
}

fn score(doc: &Doc, found: &[model::TimeExpr], name: &str, s: &mut Scores, misses: &mut Vec<Miss>) {
    s.documents += 1;
    s.gold += doc.gold.len();
    s.system += found.len();
    let overlaps = |g: &Gold, t: &model::TimeExpr| t.range.start() < g.end && g.start < t.range.end();
    let show_sys = |t: &model::TimeExpr| {
        format!(
            "{:?} {} {}",
            t.range.slice(&doc.text).unwrap_or(""),
            type_name(t.kind),
            t.value.as_deref().unwrap_or("-")
        )
    };
    let miss = |kind, g: Option<&Gold>, t: Option<&model::TimeExpr>| {
        let (a, b) = match (g, t) {
            (Some(g), _) => (g.start, g.end),
            (None, Some(t)) => (t.range.start(), t.range.end()),
            _ => (0, 0),
        };
        Miss {
            doc: name.to_owned(),
            kind,
            gold: g.map(|g| format!("{:?} {} {}", &doc.text[g.start..g.end], g.kind, g.value)).unwrap_or_default(),
            system: t.map(show_sys).unwrap_or_default(),
            dct: doc.dct_text.clone(),
            context: context(&doc.text, a, b),
        }
    };
    for t in found {
        let (a, b) = (t.range.start(), t.range.end());
        if doc.gold.iter().any(|g| g.start == a && g.end == b) {
            s.strict_matches += 1;
        }
        if doc.gold.iter().any(|g| overlaps(g, t)) {
            s.relaxed_system += 1;
        } else {
            misses.push(miss("spurious", None, Some(t)));
        }
    }
    for g in &doc.gold {
        let Some(t) = found.iter().find(|t| overlaps(g, t)) else {
            misses.push(miss("missed", Some(g), None));
            continue;
        };
        s.relaxed_gold += 1;
        let value_ok = t.value.as_deref() == Some(g.value.as_str());
        let type_ok = type_name(t.kind) == g.kind;
        s.value_correct += usize::from(value_ok);
        s.type_correct += usize::from(type_ok);
        if (t.range.start(), t.range.end()) != (g.start, g.end) {
            misses.push(miss("span", Some(g), Some(t)));
        } else if !value_ok {
            misses.push(miss("value", Some(g), Some(t)));
        } else if !type_ok {
            misses.push(miss("type", Some(g), Some(t)));
        }
    }
}

fn context(text: &str, a: usize, b: usize) -> String {
    let mut lo = a.saturating_sub(60);
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let mut hi = (b + 40).min(text.len());
    while !text.is_char_boundary(hi) {
        hi += 1;
    }
    format!("{}[{}]{}", &text[lo..a], &text[a..b], &text[b..hi]).replace('\n', " ")
}

fn finish(s: &mut Scores) {
    use crate::metrics::ratio;
    s.strict = Prf::of(s.strict_matches, s.system, s.strict_matches, s.gold);
    s.relaxed = Prf::of(s.relaxed_system, s.system, s.relaxed_gold, s.gold);
    s.value_accuracy = ratio(s.value_correct, s.relaxed_gold);
    s.type_accuracy = ratio(s.type_correct, s.relaxed_gold);
    s.value_f1 = s.relaxed.f1 * s.value_accuracy;
    s.type_f1 = s.relaxed.f1 * s.type_accuracy;
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "TempEval-3 TBAQ-cleaned, time expressions (TE3 measures; dev set, tuned on)")?;
        writeln!(
            f,
            "{:<10} {:>5} {:>5} {:>5}  {:>17}  {:>17}  {:>7} {:>7}  {:>7} {:>7}",
            "set", "docs", "gold", "sys", "strict P/R/F1", "relaxed P/R/F1", "val acc", "val F1", "typ acc", "typ F1"
        )?;
        for (name, s) in [("TimeBank", &self.timebank), ("AQUAINT", &self.aquaint), ("all", &self.all)] {
            writeln!(
                f,
                "{:<10} {:>5} {:>5} {:>5}  {:.3}/{:.3}/{:.3}  {:.3}/{:.3}/{:.3}  {:>7.3} {:>7.3}  {:>7.3} {:>7.3}",
                name,
                s.documents,
                s.gold,
                s.system,
                s.strict.p,
                s.strict.r,
                s.strict.f1,
                s.relaxed.p,
                s.relaxed.r,
                s.relaxed.f1,
                s.value_accuracy,
                s.value_f1,
                s.type_accuracy,
                s.type_f1
            )?;
        }
        let h = self.heideltime;
        writeln!(
            f,
            "HeidelTime 2.2.1 (published, all): strict F1 {:.3}, relaxed F1 {:.3}, value F1 {:.3}, type F1 {:.3}",
            h[0], h[1], h[2], h[3]
        )?;
        write!(
            f,
            "throughput: {:.1} MB/s ({} bytes in {:.3} s, nlp::times::find alone, one core)",
            self.mb_per_s, self.bytes, self.seconds
        )
    }
}
