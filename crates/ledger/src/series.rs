//! Numeric series: the estimates inside claim contents (troops, casualties, killed, wounded),
//! each with who gave it and when, so a proposition shows how the figures moved.
//!
//! Why: "about 1,500" in October, "about 3,000" a week later, "11,000" in November are not
//! contradictions but a series; an analyst wants them side by side with their sources.
//!
//! How: every quantity `nlp` found inside a claim's content is given a measure from
//! `data/measures.tsv` — first by the words that follow it ("100 soldiers **killed**" counts
//! the killed), then by its unit lemma ("10,000 **troops**"). Quantities with no measure are
//! left out.
//!
//! Example: "At least 100 North Korean soldiers have been killed and close to 1,000 wounded"
//! gives killed ≥ 100 and wounded ≈ 1,000.
//!
//! Known limits: a quantity without a unit ("about 4,000 so far") is left out; the measure
//! looks at the next six words only.

use crate::lexicon::{self, tokens};
use model::{Analysis, Bound, DocId, Document};
use serde::{Deserialize, Serialize};
use text::TextRange;

/// One estimate as found in a claim.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RawEstimate {
    /// `troops`, `casualties`, `killed` or `wounded`.
    pub measure: String,
    /// A single value (exact or approximate).
    pub value: Option<f64>,
    /// Lower bound or range start.
    pub min: Option<f64>,
    /// Upper bound or range end.
    pub max: Option<f64>,
    /// How the number is qualified.
    pub bound: Bound,
    /// The words of the quantity ("close to 1,000 wounded").
    pub text: String,
}

/// One estimate with its provenance.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Estimate {
    /// The figure.
    #[serde(flatten)]
    pub figure: RawEstimate,
    /// Who gave it: the speaker's name or the publisher.
    pub by: String,
    /// The publisher.
    pub source: Option<String>,
    /// Publication time, Unix seconds.
    pub published: Option<i64>,
    /// The document.
    pub document: DocId,
    /// Index of the claim in the document (`None`: the publisher's own).
    pub claim: Option<usize>,
}

/// The estimates of one measure, in order of publication.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Series {
    /// `troops`, `casualties`, `killed` or `wounded`.
    pub measure: String,
    /// The estimates.
    pub estimates: Vec<Estimate>,
}

/// The estimates inside `range`.
pub fn estimates(doc: &Document, analysis: &Analysis, range: TextRange) -> Vec<RawEstimate> {
    let measures = lexicon::measures();
    let mut out = Vec::new();
    for q in &analysis.quantities {
        if q.range.start() < range.start() || q.range.end() > range.end() {
            continue;
        }
        let text = doc.text.get(q.range.start()..q.range.end()).unwrap_or("");
        // Content never panics: a range off a character boundary is skipped, not sliced.
        let Some(rest) = doc.text.get(q.range.end()..) else { continue };
        let after_end = rest.char_indices().nth(60).map_or(rest.len(), |(i, _)| i);
        let after: Vec<String> = tokens(&rest[..after_end]).into_iter().take(6).collect();
        let by_after = measures.after.hits(&after).first().map(|h| h.class.to_owned());
        let measure = by_after.or_else(|| q.unit.as_ref().and_then(|u| measures.units.get(u)).cloned());
        let Some(measure) = measure else { continue };
        if q.value.is_none() && q.min.is_none() && q.max.is_none() {
            continue;
        }
        // A count of one or two soldiers is a story, not an estimate of a force.
        if q.value.is_some_and(|v| v < 10.0) {
            continue;
        }
        out.push(RawEstimate {
            measure,
            value: q.value,
            min: q.min,
            max: q.max,
            bound: q.bound,
            text: text.to_owned(),
        });
    }
    out
}

/// Groups estimates by measure (in the order `troops`, `casualties`, `killed`, `wounded`,
/// then others), each in publication order.
pub fn group(mut all: Vec<Estimate>) -> Vec<Series> {
    all.sort_by(|a, b| {
        (a.published.is_none(), a.published, a.document, a.claim).cmp(&(
            b.published.is_none(),
            b.published,
            b.document,
            b.claim,
        ))
    });
    let rank = |m: &str| ["troops", "casualties", "killed", "wounded"].iter().position(|x| *x == m).unwrap_or(9);
    let mut measures: Vec<String> = all.iter().map(|e| e.figure.measure.clone()).collect();
    measures.sort_by(|a, b| rank(a).cmp(&rank(b)).then(a.cmp(b)));
    measures.dedup();
    measures
        .into_iter()
        .map(|m| Series { estimates: all.iter().filter(|e| e.figure.measure == m).cloned().collect(), measure: m })
        .collect()
}
