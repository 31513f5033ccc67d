//! FNC-1 headline–body stance, learned from `fnc1-train`, reported on the competition test.
//!
//! Why: issue 14 asks for stance learned from the ledger's own features, trained on
//! `fnc1-train` only (the competition test is for reporting: never trained or tuned on).
//!
//! How: two stages, each a multinomial logistic regression (`stance_training::fit`) over named
//! features, continuous ones in thermometer bins (`cos>=0.15`, `cos>=0.20`, …). Stage one,
//! related or unrelated, reads the TF-IDF cosine (the ledger's background weights,
//! `ledger::pairs::background_idf`) of the headline against the body and against its closest
//! sentences, the share of the headline's terms and entities the body holds. Stage two, for
//! related pairs — agree, disagree or discuss — reads the same similarities and, over the body
//! sentences close to the headline, the ledger's rule stance (`ledger::stance::classify`), denial
//! and dismissal cues, hedges and negation, plus the headline's own hedges, dismissals and
//! question mark. Scored with the FNC-1 weighted score and per-class F1.
//!
//! Example: `cargo run --release -p eval --example propositions -- ../shared/data`.
//!
//! Known limits: bag-of-words similarity only; a body that discusses a claim at length without
//! naming its rare words is missed.

use crate::csv::rows as csv;
use crate::propositions::Fnc1;
use crate::stance_training::fit;
use flate2::read::GzDecoder;
use ledger::Polarity;
use model::{Analysis, Document, Draft, Format};
use std::collections::{HashMap, HashSet};
use std::io::{self, Read};
use std::path::Path;

/// The four labels, stage two's classes first.
pub const LABELS: [&str; 4] = ["agree", "disagree", "discuss", "unrelated"];

/// A text's folded terms with their background weights.
type Bag = HashMap<String, f64>;

struct Sentence {
    bag: Bag,
    polarity: Polarity,
    deny: bool,
    dismiss: bool,
    hedge: bool,
    negate: bool,
}

struct Body {
    bag: Bag,
    entities: HashSet<String>,
    sentences: Vec<Sentence>,
}

struct Headline {
    bag: Bag,
    entities: HashSet<String>,
    hedge: bool,
    dismiss: bool,
    question: bool,
}

fn bag(text: &str) -> Bag {
    let mut out = Bag::new();
    ledger::terms::for_each_term(text, |t| {
        let t = ledger::propositions::fold(t);
        let w = f64::from(ledger::pairs::background_idf(&t));
        out.insert(t, w);
    });
    out
}

fn cosine(a: &Bag, b: &Bag) -> f64 {
    let dot: f64 = a.iter().filter_map(|(t, w)| b.get(t).map(|v| w * v)).sum();
    let norm = |x: &Bag| x.values().map(|w| w * w).sum::<f64>().sqrt();
    let n = norm(a) * norm(b);
    if n > 0.0 { dot / n } else { 0.0 }
}

fn has(class: &str, tokens: &[String]) -> bool {
    ledger::lexicon::stance().has(class, tokens)
}

impl Body {
    fn new(doc: &Document, analysis: &Analysis) -> Body {
        let mut sentences = Vec::new();
        for (k, s) in analysis.sentences.iter().enumerate() {
            let text = &doc.text[s.start()..s.end()];
            let tokens = ledger::lexicon::tokens(text);
            let claim = analysis.claims.iter().find(|c| c.sentence == k);
            let content = claim.map(|c| ledger::lexicon::tokens(&doc.text[c.content.start()..c.content.end()]));
            let input = ledger::stance::Input {
                cue: claim.map(|c| c.stance),
                negated: claim.is_some_and(|c| c.negated),
                hedged: claim.is_some_and(|c| !c.hedges.is_empty()),
                content: content.as_deref().unwrap_or(&tokens),
                before: &[],
                speaker: claim.and_then(|c| c.speaker.as_ref()).is_some_and(|s| s.entity.is_some()),
            };
            sentences.push(Sentence {
                bag: bag(text),
                polarity: ledger::stance::classify(&input),
                deny: claim.is_some_and(|c| c.stance == model::Stance::Deny),
                dismiss: has("dismiss", &tokens),
                hedge: has("hedge", &tokens) || has("uncertain", &tokens),
                negate: has("negate", &tokens),
            });
        }
        Body { bag: bag(&doc.text), entities: analysis.entities.iter().map(|e| e.id.clone()).collect(), sentences }
    }
}

fn headline(text: &str) -> Headline {
    let doc = Document::from_draft(Draft { title: Some(text.to_owned()), ..Draft::new(Format::Text, "fnc1") });
    let entities =
        doc.as_ref().map(|d| nlp::analyze(d).entities.into_iter().map(|e| e.id).collect()).unwrap_or_default();
    let tokens = ledger::lexicon::tokens(text);
    Headline {
        bag: bag(text),
        entities,
        hedge: has("hedge", &tokens) || has("uncertain", &tokens),
        dismiss: has("dismiss", &tokens),
        question: text.contains('?'),
    }
}

/// Thermometer bins of a value in [0, 1]: `name>=0.05`, `name>=0.10`, … up to the value.
fn bins(out: &mut Vec<String>, name: &str, value: f64) {
    let mut b = 0.05;
    while b <= value + 1e-9 && b <= 1.0 {
        out.push(format!("{name}>={b:.2}"));
        b += 0.05;
    }
}

fn features(h: &Headline, body: &Body, stage_two: bool) -> Vec<String> {
    let mut out = vec!["bias".to_owned()];
    bins(&mut out, "cos", cosine(&h.bag, &body.bag));
    let mut scored: Vec<(f64, &Sentence)> = body.sentences.iter().map(|s| (cosine(&h.bag, &s.bag), s)).collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    bins(&mut out, "best", scored.first().map_or(0.0, |s| s.0));
    bins(&mut out, "second", scored.get(1).map_or(0.0, |s| s.0));
    let found = h.bag.keys().filter(|t| body.bag.contains_key(*t)).count();
    bins(&mut out, "found", found as f64 / h.bag.len().max(1) as f64);
    if !h.entities.is_empty() {
        let shared = h.entities.iter().filter(|e| body.entities.contains(*e)).count();
        bins(&mut out, "entities", shared as f64 / h.entities.len() as f64);
    }
    if !stage_two {
        return out;
    }
    for (flag, name) in [(h.hedge, "h:hedge"), (h.dismiss, "h:dismiss"), (h.question, "h:question")] {
        if flag {
            out.push(name.to_owned());
        }
    }
    let close: Vec<&Sentence> = scored.iter().filter(|(c, _)| *c >= 0.2).take(5).map(|(_, s)| *s).collect();
    for (part, sentences) in [("close", close), ("any", body.sentences.iter().collect())] {
        for s in sentences {
            out.push(format!("{part}:{}", s.polarity.as_str()));
            for (flag, name) in [(s.deny, "deny"), (s.dismiss, "dismiss"), (s.hedge, "hedge"), (s.negate, "negate")] {
                if flag {
                    out.push(format!("{part}:{name}"));
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// One split's bodies (analyzed) and pairs (headline, body id, label).
type Split = (HashMap<String, Body>, Vec<(String, String, String)>);

fn read_split(dir: &Path, bodies: &str, stances: &str) -> io::Result<Split> {
    let read = |name: &str| -> io::Result<String> {
        let mut s = String::new();
        GzDecoder::new(std::fs::File::open(dir.join(name))?).read_to_string(&mut s)?;
        Ok(s)
    };
    let mut out = HashMap::new();
    for row in csv(&read(bodies)?).into_iter().skip(1).filter(|r| r.len() >= 2) {
        if let Some(doc) = Document::from_draft(Draft { body: row[1].clone(), ..Draft::new(Format::Text, "fnc1") }) {
            let analysis = nlp::analyze(&doc);
            out.insert(row[0].clone(), Body::new(&doc, &analysis));
        }
    }
    let pairs = csv(&read(stances)?)
        .into_iter()
        .skip(1)
        .filter(|r| r.len() >= 3 && out.contains_key(&r[1]))
        .map(|r| (r[0].clone(), r[1].clone(), r[2].clone()))
        .collect();
    Ok((out, pairs))
}

/// Trains both stages on `fnc1-train` and scores the competition test.
pub fn run(data_dir: &Path) -> io::Result<Fnc1> {
    let (train_bodies, train_pairs) =
        read_split(&data_dir.join("fnc1-train"), "train_bodies.csv.gz", "train_stances.csv.gz")?;
    let mut headlines: HashMap<String, Headline> = HashMap::new();
    let mut stage_one = Vec::new();
    let mut stage_two = Vec::new();
    for (text, body, label) in &train_pairs {
        let h = headlines.entry(text.clone()).or_insert_with(|| headline(text));
        let b = &train_bodies[body];
        let class = LABELS.iter().position(|l| l == label).unwrap_or(3);
        stage_one.push((features(h, b, false), if class == 3 { 2 } else { 0 }));
        if class < 3 {
            stage_two.push((features(h, b, true), class));
        }
    }
    let (related, stance) = (fit(&stage_one), fit(&stage_two));
    let (test_bodies, test_pairs) = read_split(
        &data_dir.join("fnc1-competition-test"),
        "competition_test_bodies.csv.gz",
        "competition_test_stances.csv.gz",
    )?;
    let mut gold = Vec::new();
    let mut predicted = Vec::new();
    for (text, body, label) in &test_pairs {
        let h = headlines.entry(text.clone()).or_insert_with(|| headline(text));
        let b = &test_bodies[body];
        let p = if related.best(&features(h, b, false)) == 2 {
            "unrelated"
        } else {
            LABELS[stance.best(&features(h, b, true))]
        };
        gold.push(label.clone());
        predicted.push(p.to_owned());
    }
    Ok(crate::propositions::fnc1_scores(&gold, &predicted))
}
