//! Named entities on re3d (every folder present), wikigold and the WNUT-17 test split.
//!
//! Why: re3d is defence and security reporting (Syria/Iraq), the closest public match to
//! Dossier's input; wikigold is edited encyclopedic prose with CoNLL types; WNUT-17 is noisy
//! social text full of unseen names. None of them is used for tuning data or training.
//!
//! How: [`nlp::entities::find`] runs on each document; every mention becomes a typed span (a
//! demonym mention reads as NORP whatever its entity's type). Scores are span-level: **exact**
//! (same start, end and type) precision/recall/F1, micro and per type, and **partial** (a
//! system span counts as correct if it overlaps a gold span of the same type; recall counts
//! gold spans overlapped by a system span of the same type).
//!
//! Type mapping (ours → gold):
//! - re3d: PERSON → Person; ORG, MILITARY → Organisation; GPE, LOC, FAC → Location; demonym
//!   mentions and NORP → Nationality; WEAPON → Weapon (gold Weapon and MilitaryPlatform merged).
//!   Gold entities with confidence < 0.5 are dropped; gold Temporal, Quantity, Money, Vehicle,
//!   DocumentReference, CommsIdentifier, Frequency, Coordinate are not scored. The
//!   spaCy-comparable figure keeps Person, Organisation, Location and Weapon only (no
//!   Nationality), as spaCy en_core_web_sm's published 0.261 exact / 0.404 partial. re3d offsets
//!   are character offsets, converted to bytes; re3d spans often include articles and titles
//!   ("the UN Special Envoy Staffan de Mistura") and common nouns ("residents"), which ours never do.
//! - wikigold: PERSON → PER; ORG, MILITARY → ORG; GPE, LOC, FAC → LOC; NORP/demonyms, EVENT,
//!   PRODUCT, WEAPON, MISC → MISC. Text is rebuilt by joining tokens with spaces, sentences
//!   with newlines, one document per article; IO tags: a maximal same-type run is one entity.
//! - WNUT-17 test: PERSON → person; GPE, LOC, FAC → location; ORG, MILITARY → group and
//!   corporation merged (we do not tell companies from other groups); PRODUCT, WEAPON →
//!   product; creative-work has no counterpart (all misses); demonyms and MISC are not scored.
//!   One document per sentence. spaCy's published 0.216 exact / 0.303 partial are beside ours.
//!
//! Example: `cargo run --release -p eval --example entities -- ../shared/data [--misses]`.
//!
//! Known limits: the rules were tuned while looking at re3d's misses (not on its texts
//! themselves, nothing is learned), so re3d figures are dev figures; wikigold and WNUT were
//! only measured.

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::Path;
use std::time::Instant;

use model::{EntityType, MentionKind};

/// spaCy en_core_web_sm on re3d (Person/Organisation/Location/Weapon+MilitaryPlatform, gold
/// confidence ≥ 0.5): exact-span F1, partial-overlap F1.
pub const SPACY_RE3D: [f64; 2] = [0.261, 0.404];
/// spaCy en_core_web_sm on WNUT-17 test: exact-span F1, partial-overlap F1.
pub const SPACY_WNUT: [f64; 2] = [0.216, 0.303];

/// Precision, recall, F1 and the counts behind them.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Prf {
    /// Gold spans.
    pub gold: usize,
    /// System spans.
    pub system: usize,
    /// Correct system spans (precision numerator).
    pub correct_system: usize,
    /// Found gold spans (recall numerator).
    pub correct_gold: usize,
    /// Precision.
    pub p: f64,
    /// Recall.
    pub r: f64,
    /// F1.
    pub f1: f64,
}

impl Prf {
    fn finish(mut self) -> Prf {
        self.p = ratio(self.correct_system, self.system);
        self.r = ratio(self.correct_gold, self.gold);
        self.f1 = crate::metrics::f1(self.p, self.r);
        self
    }
}

use crate::metrics::ratio;

/// Exact and partial scores, micro and per type.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Scores {
    /// Exact span and type, micro.
    pub exact: Prf,
    /// Overlap with the same type, micro.
    pub partial: Prf,
    /// Exact scores per gold type.
    pub per_type: BTreeMap<String, Prf>,
}

/// One gold set's figures.
#[derive(Clone, Debug, Serialize)]
pub struct SetReport {
    /// Set name.
    pub name: String,
    /// Documents scored.
    pub documents: usize,
    /// All mapped types.
    pub scores: Scores,
    /// spaCy's published exact and partial F1 on the comparable figure, if any.
    pub spacy: Option<[f64; 2]>,
    /// The spaCy-comparable restriction (re3d only).
    pub comparable: Option<Scores>,
}

/// A disagreement with the gold, for tuning.
#[derive(Clone, Debug, Serialize)]
pub struct Miss {
    /// Set name.
    pub set: String,
    /// `missed`, `spurious`.
    pub kind: &'static str,
    /// Type label.
    pub label: String,
    /// Span text.
    pub text: String,
    /// Surrounding text.
    pub context: String,
}

/// The whole entities evaluation.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// re3d, wikigold, WNUT-17 test.
    pub sets: Vec<SetReport>,
    /// Bytes of text run through `find` while timing.
    pub bytes: usize,
    /// Milliseconds per 2 KB of text (single thread).
    pub ms_per_2kb: f64,
    /// Every miss, for `--misses`.
    #[serde(skip)]
    pub misses: Vec<Miss>,
}

type Span = (usize, usize, usize, &'static str); // document, start, end, label

struct Doc {
    text: String,
    sentences: Vec<text::TextRange>,
    gold: Vec<(usize, usize, &'static str)>,
}

/// Scores the entity recognizer on the sets under `data_dir` (the shared data root).
pub fn run(data_dir: &Path) -> io::Result<Report> {
    let mut misses = Vec::new();
    let mut sets = Vec::new();
    let mut bytes = 0usize;
    let mut elapsed = 0f64;
    let mut timed = |docs: &[Doc], label: fn(EntityType, MentionKind) -> Option<&'static str>| {
        let start = Instant::now();
        let out: Vec<Vec<(usize, usize, &'static str)>> = docs.iter().map(|d| system_spans(d, label)).collect();
        elapsed += start.elapsed().as_secs_f64();
        bytes += docs.iter().map(|d| d.text.len()).sum::<usize>();
        out
    };

    let re3d = read_re3d(&data_dir.join("re3d"))?;
    let system = timed(&re3d, re3d_label);
    let all = score("re3d", &re3d, &system, |_| true, &mut misses);
    let keep = |l: &str| l != "Nationality";
    let comparable = score("re3d-comparable", &re3d, &system, keep, &mut Vec::new());
    sets.push(SetReport {
        name: "re3d".into(),
        documents: re3d.len(),
        scores: all,
        spacy: Some(SPACY_RE3D),
        comparable: Some(comparable),
    });

    let wikigold = read_conll(&data_dir.join("wikigold/wikigold.conll.txt"), ' ', true, wikigold_tag)?;
    let system = timed(&wikigold, wikigold_label);
    let scores = score("wikigold", &wikigold, &system, |_| true, &mut misses);
    sets.push(SetReport { name: "wikigold".into(), documents: wikigold.len(), scores, spacy: None, comparable: None });

    let wnut = read_conll(&data_dir.join("wnut17/emerging.test.annotated"), '\t', false, wnut_tag)?;
    let system = timed(&wnut, wnut_label);
    let scores = score("wnut17-test", &wnut, &system, |_| true, &mut misses);
    sets.push(SetReport {
        name: "wnut17-test".into(),
        documents: wnut.len(),
        scores,
        spacy: Some(SPACY_WNUT),
        comparable: None,
    });
    let ms_per_2kb = if bytes == 0 { 0.0 } else { elapsed * 1000.0 * 2048.0 / bytes as f64 };
    Ok(Report { sets, bytes, ms_per_2kb, misses })
}

fn system_spans(
    d: &Doc,
    label: fn(EntityType, MentionKind) -> Option<&'static str>,
) -> Vec<(usize, usize, &'static str)> {
    let mut out = Vec::new();
    for e in nlp::entities::find(&d.text, &d.sentences) {
        for m in &e.mentions {
            if let Some(l) = label(e.kind, m.kind) {
                out.push((m.range.start(), m.range.end(), l));
            }
        }
    }
    out
}

fn score(
    set: &str,
    docs: &[Doc],
    system: &[Vec<(usize, usize, &'static str)>],
    keep: impl Fn(&str) -> bool,
    misses: &mut Vec<Miss>,
) -> Scores {
    let gold: Vec<Span> = docs
        .iter()
        .enumerate()
        .flat_map(|(i, d)| d.gold.iter().map(move |&(s, e, l)| (i, s, e, l)))
        .filter(|s| keep(s.3))
        .collect();
    let sys: Vec<Span> = system
        .iter()
        .enumerate()
        .flat_map(|(i, v)| v.iter().map(move |&(s, e, l)| (i, s, e, l)))
        .filter(|s| keep(s.3))
        .collect();
    let gold_set: std::collections::HashSet<Span> = gold.iter().copied().collect();
    let sys_set: std::collections::HashSet<Span> = sys.iter().copied().collect();
    let overlaps = |a: &Span, b: &Span| a.0 == b.0 && a.3 == b.3 && a.1 < b.2 && b.1 < a.2;
    let mut scores = Scores::default();
    for g in &gold {
        let t = scores.per_type.entry(g.3.to_owned()).or_default();
        t.gold += 1;
        scores.exact.gold += 1;
        scores.partial.gold += 1;
        if sys_set.contains(g) {
            t.correct_gold += 1;
            scores.exact.correct_gold += 1;
        }
        if sys.iter().any(|s| overlaps(s, g)) {
            scores.partial.correct_gold += 1;
        }
        if !sys_set.contains(g) {
            misses.push(miss(set, "missed", docs, g));
        }
    }
    for s in &sys {
        let t = scores.per_type.entry(s.3.to_owned()).or_default();
        t.system += 1;
        scores.exact.system += 1;
        scores.partial.system += 1;
        if gold_set.contains(s) {
            t.correct_system += 1;
            scores.exact.correct_system += 1;
        } else {
            misses.push(miss(set, "spurious", docs, s));
        }
        if gold.iter().any(|g| overlaps(s, g)) {
            scores.partial.correct_system += 1;
        }
    }
    scores.exact = scores.exact.finish();
    scores.partial = scores.partial.finish();
    for t in scores.per_type.values_mut() {
        *t = t.finish();
    }
    scores
}

fn miss(set: &str, kind: &'static str, docs: &[Doc], s: &Span) -> Miss {
    let text = &docs[s.0].text;
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let a = floor(s.1.saturating_sub(40));
    let b = floor((s.2 + 40).min(text.len()));
    Miss {
        set: set.to_owned(),
        kind,
        label: s.3.to_owned(),
        text: text[s.1..s.2].to_owned(),
        context: text[a..b].replace('\n', " "),
    }
}

fn re3d_label(kind: EntityType, mention: MentionKind) -> Option<&'static str> {
    if mention == MentionKind::Demonym {
        return Some("Nationality");
    }
    Some(match kind {
        EntityType::Person => "Person",
        EntityType::Org | EntityType::Military => "Organisation",
        EntityType::Gpe | EntityType::Loc | EntityType::Fac => "Location",
        EntityType::Norp => "Nationality",
        EntityType::Weapon => "Weapon",
        _ => return None,
    })
}

fn wikigold_label(kind: EntityType, mention: MentionKind) -> Option<&'static str> {
    if mention == MentionKind::Demonym {
        return Some("MISC");
    }
    Some(match kind {
        EntityType::Person => "PER",
        EntityType::Org | EntityType::Military => "ORG",
        EntityType::Gpe | EntityType::Loc | EntityType::Fac => "LOC",
        _ => "MISC",
    })
}

fn wnut_label(kind: EntityType, mention: MentionKind) -> Option<&'static str> {
    if mention == MentionKind::Demonym {
        return None;
    }
    Some(match kind {
        EntityType::Person => "person",
        EntityType::Org | EntityType::Military => "group/corporation",
        EntityType::Gpe | EntityType::Loc | EntityType::Fac => "location",
        EntityType::Product | EntityType::Weapon => "product",
        _ => return None,
    })
}

fn wikigold_tag(tag: &str) -> Option<&'static str> {
    match tag.trim_start_matches("I-").trim_start_matches("B-") {
        "PER" => Some("PER"),
        "ORG" => Some("ORG"),
        "LOC" => Some("LOC"),
        "MISC" => Some("MISC"),
        _ => None,
    }
}

fn wnut_tag(tag: &str) -> Option<&'static str> {
    match tag.get(2..).unwrap_or("") {
        "person" => Some("person"),
        "location" => Some("location"),
        "group" | "corporation" => Some("group/corporation"),
        "product" => Some("product"),
        "creative-work" => Some("creative-work"),
        _ => None,
    }
}

fn read_re3d(dir: &Path) -> io::Result<Vec<Doc>> {
    let mut folders: Vec<_> =
        std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect();
    folders.sort();
    let mut docs = Vec::new();
    for folder in folders {
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        for line in std::fs::read_to_string(folder.join("documents.json"))?.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
            let (Some(id), Some(text)) = (v["_id"].as_str(), v["text"].as_str()) else { continue };
            index.insert(id.to_owned(), docs.len());
            let sentences = nlp::segment::sentences(text);
            docs.push(Doc { text: text.to_owned(), sentences, gold: Vec::new() });
        }
        for line in std::fs::read_to_string(folder.join("entities.json"))?.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
            let Some(&d) = v["documentId"].as_str().and_then(|id| index.get(id)) else { continue };
            if v["confidence"].as_f64().unwrap_or(0.0) < 0.5 {
                continue;
            }
            let label = match v["type"].as_str().unwrap_or("") {
                "Person" => "Person",
                "Organisation" => "Organisation",
                "Location" => "Location",
                "Nationality" => "Nationality",
                "Weapon" | "MilitaryPlatform" => "Weapon",
                _ => continue,
            };
            let (Some(b), Some(e)) = (v["begin"].as_u64(), v["end"].as_u64()) else { continue };
            let text = &docs[d].text;
            let byte = |c: u64| text.char_indices().nth(c as usize).map_or(text.len(), |(i, _)| i);
            let (b, e) = (byte(b), byte(e));
            if b < e {
                docs[d].gold.push((b, e, label));
            }
        }
    }
    Ok(docs)
}

/// Reads a two-column CoNLL file; `articles`: documents end at `-DOCSTART-`, else one per sentence.
fn read_conll(path: &Path, sep: char, articles: bool, tag: fn(&str) -> Option<&'static str>) -> io::Result<Vec<Doc>> {
    let content = std::fs::read_to_string(path)?;
    let mut docs = Vec::new();
    let mut doc = Doc { text: String::new(), sentences: Vec::new(), gold: Vec::new() };
    let mut sentence_start = 0usize;
    let mut open: Option<(usize, usize, &'static str)> = None;
    let flush_sentence = |doc: &mut Doc, open: &mut Option<(usize, usize, &'static str)>, start: &mut usize| {
        if let Some(o) = open.take() {
            doc.gold.push(o);
        }
        if doc.text.len() > *start {
            doc.sentences.push(text::TextRange::new(*start, doc.text.len()));
        }
        if !doc.text.is_empty() && !doc.text.ends_with('\n') {
            doc.text.push('\n');
        }
        *start = doc.text.len();
    };
    for line in content.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with("-DOCSTART-") {
            flush_sentence(&mut doc, &mut open, &mut sentence_start);
            if (line.starts_with("-DOCSTART-") || !articles) && !doc.text.is_empty() {
                doc.text.pop();
                docs.push(std::mem::replace(
                    &mut doc,
                    Doc { text: String::new(), sentences: Vec::new(), gold: Vec::new() },
                ));
                sentence_start = 0;
            }
            continue;
        }
        let Some((token, t)) = line.rsplit_once(sep) else { continue };
        if doc.text.len() > sentence_start {
            doc.text.push(' ');
        }
        let start = doc.text.len();
        doc.text.push_str(token);
        let end = doc.text.len();
        let label = tag(t);
        let begins = t.starts_with("B-");
        match (&mut open, label) {
            (Some(o), Some(l)) if o.2 == l && !begins => o.1 = end,
            (_, Some(l)) => {
                if let Some(o) = open.take() {
                    doc.gold.push(o);
                }
                open = Some((start, end, l));
            }
            (_, None) => {
                if let Some(o) = open.take() {
                    doc.gold.push(o);
                }
            }
        }
    }
    flush_sentence(&mut doc, &mut open, &mut sentence_start);
    if !doc.text.is_empty() {
        docs.push(doc);
    }
    Ok(docs)
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let row = |f: &mut fmt::Formatter<'_>, name: &str, p: &Prf| {
            writeln!(
                f,
                "  {name:<22} P {:.3}  R {:.3}  F1 {:.3}   (gold {}, system {})",
                p.p, p.r, p.f1, p.gold, p.system
            )
        };
        for set in &self.sets {
            writeln!(f, "{} ({} documents)", set.name, set.documents)?;
            row(f, "exact, micro", &set.scores.exact)?;
            for (t, p) in &set.scores.per_type {
                row(f, &format!("  {t}"), p)?;
            }
            row(f, "partial, micro", &set.scores.partial)?;
            if let Some(c) = &set.comparable {
                writeln!(f, "  spaCy-comparable (Person/Organisation/Location/Weapon+MilitaryPlatform, conf >= 0.5):")?;
                row(f, "exact", &c.exact)?;
                row(f, "partial", &c.partial)?;
            }
            if let Some([e, p]) = set.spacy {
                writeln!(f, "  spaCy en_core_web_sm:    exact F1 {e:.3}, partial F1 {p:.3}")?;
            }
        }
        writeln!(f, "speed: {:.3} ms per 2 KB over {} bytes (one thread)", self.ms_per_2kb, self.bytes)
    }
}
