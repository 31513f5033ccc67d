//! The pair score: how likely two claims assert the same thing, from what both contents say.
//!
//! Why: a proposition is only as good as the test that joins two claims. Gates (same predicate
//! family, two shared entities, a Dice overlap) split one claim told in other words into
//! several propositions and let one ambiguous claim chain two together. One calibrated score
//! over all the evidence — rare words shared, entities shared, the predicate family agreeing or
//! not, named years conflicting — lets the clustering in `propositions` weigh a claim against a
//! whole proposition (average linkage) instead of against its nearest member.
//!
//! How: [`features`] turns two claims into a fixed vector; [`LinkModel::score`] is a linear
//! probability model over it (ridge least squares of "same claim" on the features, clipped to
//! [0, 1]), its weights in `data/link.tsv` (fitted by `cargo run --release -p eval --example
//! train_link -- ../shared/data` on pairs of Emergent train headlines, with the threshold
//! chosen on the training claims and measured by cross-validation grouped by claim). Term
//! weights are inverse document frequencies raised to [`IDF_POWER`]. Term weights are inverse document
//! frequencies from a fixed background table, `data/idf.tsv` (built by `cargo run --release -p
//! eval --example build_idf -- ../shared/data` from the BBC corpus and the FNC-1 training
//! bodies: word counts, no text), so a pair's score depends on the two claims only — never on
//! what else the ledger holds or the order it came in — and costs one merge of two short lists.
//!
//! Example: "Apple will sell 19 million watches" and "BMO forecasts 19M Apple Watch sales"
//! share the rare `watch` and the entity Apple: cosine 0.4, score above the threshold; two
//! claims sharing only "said" and "Monday" score near zero.
//!
//! Known limits: lexical — synonyms the fold does not join ("troops"/"soldiers") count only
//! through shared entities and family; the background table is general news of 2004–2015.

use crate::hash::IntMap;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// Feature names, in the order of [`features`] and of `data/link.tsv`.
pub const FEATURES: [&str; 11] = [
    "bias",
    "cosine",
    "sentence_cosine",
    "entity_dice",
    "sentence_entity_dice",
    "entity_missing",
    "family_same",
    "family_differs",
    "family_one_sided",
    "year_conflict",
    "shared_weight",
];

/// Length of a feature vector.
pub const N: usize = FEATURES.len();

/// Weight of a shared entity when candidates are ranked (a term weighs its inverse document
/// frequency, 1 to about 11).
pub const ENTITY_WEIGHT: f32 = 6.0;

/// Weight of a canonical entity counted as a term (`@gpe:KP`): a common word's (an inverse
/// document frequency of 3, raised to [`IDF_POWER`]), because an entity names what many claims
/// are about, not which claim.
pub const ENTITY_TERM_WEIGHT: f32 = 5.2;

/// Power of a term's inverse document frequency in its weight: above 1, the rare words that
/// name what a claim is about count for more against the common words of its telling.
pub const IDF_POWER: f32 = 1.5;

/// Scale of a term weight packed into 16 bits: weights up to 64 are kept to 1/1024.
pub const WEIGHT_SCALE: f32 = 1024.0;

/// What [`features`] reads of one claim.
#[derive(Clone, Copy, Debug)]
pub struct Side<'a> {
    /// Hash of the predicate family, if any.
    pub family: Option<u64>,
    /// Entity keys, sorted.
    pub entities: &'a [u64],
    /// The sentence's other entity keys, sorted.
    pub context_entities: &'a [u64],
    /// Terms: key in the high 48 bits, weight × [`WEIGHT_SCALE`] in the low 16, sorted.
    pub terms: &'a [u64],
    /// The sentence's other terms, packed and sorted the same way.
    pub context: &'a [u64],
    /// Squared norms of `terms` and `context` ([`norms`]).
    pub norms: (f64, f64),
    /// Years named.
    pub years: &'a [u64],
}

/// The pair's feature vector (see [`FEATURES`]). Symmetric in its arguments.
pub fn features(a: &Side<'_>, b: &Side<'_>) -> [f64; N] {
    // One merge per pair of lists; the norms come precomputed with each side.
    let (dot, shared) = merge(a.terms, b.terms);
    let sentence_dot = dot + merge(a.terms, b.context).0 + merge(a.context, b.terms).0 + merge(a.context, b.context).0;
    let cosine = |dot: f64, x: f64, y: f64| if x > 0.0 && y > 0.0 { dot / (x * y).sqrt() } else { 0.0 };
    let content_cosine = cosine(dot, a.norms.0, b.norms.0);
    let sentence_cosine = cosine(sentence_dot, a.norms.0 + a.norms.1, b.norms.0 + b.norms.1);
    let common_entities = common(a.entities, b.entities);
    let entity_total = a.entities.len() + b.entities.len();
    let missing = a.entities.is_empty() || b.entities.is_empty();
    let entity_dice = if missing { 0.0 } else { dice(common_entities, entity_total) };
    let sentence_common = common_entities
        + common(a.entities, b.context_entities)
        + common(a.context_entities, b.entities)
        + common(a.context_entities, b.context_entities);
    let sentence_total = entity_total + a.context_entities.len() + b.context_entities.len();
    let sentence_entity_dice = dice(sentence_common, sentence_total);
    let (same, differs, one_sided) = match (a.family, b.family) {
        (Some(x), Some(y)) => (x == y, x != y, false),
        (None, None) => (false, false, false),
        _ => (false, false, true),
    };
    let year_conflict = years_conflict(a, b);
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    [
        1.0,
        content_cosine,
        sentence_cosine,
        entity_dice,
        sentence_entity_dice,
        flag(missing),
        flag(same),
        flag(differs),
        flag(one_sided),
        flag(year_conflict),
        (1.0 + shared + ENTITY_WEIGHT as f64 * common_entities as f64).ln(),
    ]
}

/// Whether both name years and none in common.
fn years_conflict(a: &Side<'_>, b: &Side<'_>) -> bool {
    !a.years.is_empty() && !b.years.is_empty() && !a.years.iter().any(|y| b.years.contains(y))
}

/// 2 × common / total, 0 when there is nothing.
pub fn dice(common: usize, total: usize) -> f64 {
    if total == 0 { 0.0 } else { 2.0 * common as f64 / total as f64 }
}

/// The weighted dot product (Σ weight², each term weighing the same on both sides) and the
/// summed weight of the terms two sorted packed lists share.
fn merge(x: &[u64], y: &[u64]) -> (f64, f64) {
    let (mut i, mut j, mut dot, mut shared) = (0, 0, 0.0, 0.0);
    while i < x.len() && j < y.len() {
        match (x[i] >> 16).cmp(&(y[j] >> 16)) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let w = weight(x[i]);
                dot += w * w;
                shared += w;
                i += 1;
                j += 1;
            }
        }
    }
    (dot, shared)
}

/// The squared norms of a claim's packed terms and context terms, as [`Side::norms`] wants them.
pub fn norms(terms: &[u64], context: &[u64]) -> (f64, f64) {
    let sum = |l: &[u64]| l.iter().map(|&w| weight(w).powi(2)).sum::<f64>();
    (sum(terms), sum(context))
}

/// The score a pair gets at least when [`family_rule`] holds.
///
/// Why a rule beside the learned score: the predicate families (`data/predicates.tsv`) are about
/// conflict, politics and disasters, and Emergent's claims (gadgets, celebrities, hoaxes) almost
/// never have one, so no weight for "same family, same entities" can be learned from it; yet
/// that is what joins "North Korea sent troops to Russia" and "Pyongyang deployed soldiers to
/// fight for Moscow", which share no content word. Above any threshold the training chooses, so
/// the rule alone can join two claims; inside average linkage it is one pair among many, so it
/// cannot chain propositions.
pub const RULE_FLOOR: f64 = 0.5;

/// Factor on the score of two claims whose predicate families differ, hand-set for the same
/// reason as [`RULE_FLOOR`]: Emergent cannot teach it, yet "North Korea sent troops to Russia"
/// and "North Korean soldiers killed in Russia" share every name and most words and assert two
/// things (a deployment, casualties).
pub const FAMILY_DIFFERS_FACTOR: f64 = 0.2;

/// Same predicate family, both naming entities, sharing two of them (or all of the smaller
/// set), and no conflicting years.
pub fn family_rule(a: &Side<'_>, b: &Side<'_>) -> bool {
    let (Some(x), Some(y)) = (a.family, b.family) else { return false };
    x == y
        && !years_conflict(a, b)
        && !a.entities.is_empty()
        && !b.entities.is_empty()
        && common(a.entities, b.entities) >= 2.min(a.entities.len()).min(b.entities.len())
}

/// The pair's probability of asserting the same thing: the model's, raised to [`RULE_FLOOR`]
/// where [`family_rule`] holds and scaled by [`FAMILY_DIFFERS_FACTOR`] where both claims have
/// a predicate family and they differ.
pub fn score(model: &LinkModel, a: &Side<'_>, b: &Side<'_>) -> f64 {
    let p = model.score(&features(a, b));
    if family_rule(a, b) {
        p.max(RULE_FLOOR)
    } else if matches!((a.family, b.family), (Some(x), Some(y)) if x != y) {
        p * FAMILY_DIFFERS_FACTOR
    } else {
        p
    }
}

/// A packed term's weight.
pub fn weight(word: u64) -> f64 {
    f64::from((word & 0xffff) as u16) / f64::from(WEIGHT_SCALE)
}

/// A term packed with its weight (see [`Side::terms`]).
pub fn pack_term(term: &str) -> u64 {
    let hash = crate::hash::str64(term);
    let key = hash >> 16;
    let idf = if term.starts_with('@') { ENTITY_TERM_WEIGHT } else { idf_of_key(hash).powf(IDF_POWER) };
    let w = (idf * WEIGHT_SCALE).round().clamp(1.0, f32::from(u16::MAX)) as u64;
    key << 16 | w
}

/// How many keys two sorted, distinct lists share (one merge).
pub fn common(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The linear link model and the least average score that joins a claim to a proposition.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkModel {
    /// One weight per feature.
    pub weights: [f64; N],
    /// Least average-linkage score for two groups of claims to merge when all claims are
    /// clustered at once (`Propositions::rebuild`).
    pub threshold: f64,
    /// Least average score for a claim added online to join a proposition (and for two
    /// propositions it reaches to merge).
    pub online_threshold: f64,
}

impl Default for LinkModel {
    /// The shipped model, `data/link.tsv`.
    fn default() -> LinkModel {
        static SHIPPED: OnceLock<LinkModel> = OnceLock::new();
        *SHIPPED.get_or_init(|| LinkModel::parse(include_str!("../data/link.tsv")).expect("data/link.tsv parses"))
    }
}

impl LinkModel {
    /// The probability that two claims assert the same thing: a linear function of the
    /// features, clipped to [0, 1] (a linear probability model). Linear, not logistic, because
    /// the clustering averages it: the mean of a sigmoid is dominated by a proposition's few
    /// closest members, and clustering Emergent by it scored 0.84 B³ F1 under cross-validation
    /// against 0.90 for the linear score.
    pub fn score(&self, features: &[f64; N]) -> f64 {
        let z: f64 = self.weights.iter().zip(features).map(|(w, x)| w * x).sum();
        z.clamp(0.0, 1.0)
    }

    /// Reads `name<TAB>weight` lines (one per feature, any order) and `threshold<TAB>value`;
    /// `#` starts a comment line.
    pub fn parse(text: &str) -> Result<LinkModel, String> {
        let mut weights = [f64::NAN; N];
        let (mut threshold, mut online_threshold) = (None, None);
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, value) = line.split_once('\t').ok_or_else(|| format!("line {}: no tab", n + 1))?;
            let value: f64 = value.trim().parse().map_err(|_| format!("line {}: not a number", n + 1))?;
            if name == "threshold" {
                threshold = Some(value);
            } else if name == "online_threshold" {
                online_threshold = Some(value);
            } else {
                let k = FEATURES.iter().position(|f| *f == name).ok_or_else(|| format!("line {}: `{name}`", n + 1))?;
                weights[k] = value;
            }
        }
        if let Some(k) = weights.iter().position(|w| w.is_nan()) {
            return Err(format!("no weight for `{}`", FEATURES[k]));
        }
        Ok(LinkModel {
            weights,
            threshold: threshold.ok_or("no threshold")?,
            online_threshold: online_threshold.ok_or("no online_threshold")?,
        })
    }

    /// The `data/link.tsv` form.
    pub fn to_tsv(&self) -> String {
        let mut out = String::new();
        for (name, w) in FEATURES.iter().zip(self.weights) {
            out.push_str(&format!("{name}\t{w:.6}\n"));
        }
        out.push_str(&format!("threshold\t{:.3}\n", self.threshold));
        out.push_str(&format!("online_threshold\t{:.3}\n", self.online_threshold));
        out
    }
}

/// Smoothed inverse document frequency of a folded term in the background table:
/// ln((1 + N) / (1 + df)) + 1; a term the table lacks counts as seen in one document.
pub fn background_idf(term: &str) -> f32 {
    idf_of_key(crate::hash::str64(term))
}

/// [`background_idf`] of a term by its hash (`hash::str64`).
fn idf_of_key(key: u64) -> f32 {
    static TABLE: OnceLock<(f32, IntMap<u64, f32>)> = OnceLock::new();
    let (unknown, table) = TABLE.get_or_init(|| {
        let mut lines = include_str!("../data/idf.tsv").lines().filter(|l| !l.starts_with('#'));
        let docs: f32 = lines.next().and_then(|l| l.strip_prefix("documents\t")?.parse().ok()).unwrap_or(1.0);
        let idf = |df: f32| ((1.0 + docs) / (1.0 + df)).ln() + 1.0;
        let table = lines
            .filter_map(|l| l.split_once('\t'))
            .filter_map(|(t, n)| Some((crate::hash::str64(t), idf(n.parse().ok()?))))
            .collect();
        (idf(1.0), table)
    });
    table.get(&key).copied().unwrap_or(*unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side<'a>(family: Option<u64>, entities: &'a [u64], terms: &'a [u64]) -> Side<'a> {
        Side { family, entities, context_entities: &[], terms, context: &[], years: &[], norms: norms(terms, &[]) }
    }

    #[test]
    fn features_are_symmetric_and_a_claim_is_its_own_best_match() {
        let mut t1: Vec<u64> = ["apple", "watch", "sell", "million"].iter().map(|t| pack_term(t)).collect();
        let mut t2: Vec<u64> = ["apple", "watch", "forecast", "sale"].iter().map(|t| pack_term(t)).collect();
        t1.sort_unstable();
        t2.sort_unstable();
        let (a, b) = (side(Some(1), &[7], &t1), side(None, &[7, 9], &t2));
        assert_eq!(features(&a, &b), features(&b, &a));
        let own = features(&a, &a);
        assert!((own[1] - 1.0).abs() < 1e-9 && own[3] == 1.0 && own[4] == 1.0 && own[6] == 1.0);
        let f = features(&a, &b);
        assert!(f[1] > 0.2 && f[1] < 1.0 && f[1] == f[2] && f[8] == 1.0, "{f:?}");
    }

    #[test]
    fn rare_words_weigh_more_than_common_ones() {
        assert!(background_idf("smartwatch") > background_idf("government"));
        assert!(background_idf("zzyzxquux") > background_idf("smartwatch"));
    }

    #[test]
    fn the_shipped_model_round_trips() {
        let m = LinkModel::default();
        assert_eq!(
            LinkModel::parse(&m.to_tsv()).unwrap().weights.map(|w| (w * 1e6).round()),
            m.weights.map(|w| (w * 1e6).round())
        );
        assert!(LinkModel::parse("bias\t1\n").is_err());
    }
}
