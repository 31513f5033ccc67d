//! Learned stance: support, contradict or report, from the rules' verdict and what they read.
//!
//! Why: the hand-written rules of [`crate::stance`] plateaued (Emergent headline stance 0.636)
//! below a bag-of-words baseline (0.674): headlines say "hoax", "rumour", "not a thing", "?" in
//! ways no word list anticipates. A small multinomial logistic regression over the rules'
//! verdict, the cue's stance class, negation and hedges, the stance-lexicon classes found in the
//! content and before the cue, and the words of the sentence learns how much each counts.
//!
//! How: [`features`] names the features of one claim (`rule=support`, `cue=deny`,
//! `content:dismiss`, `w:hoax`, `b:not_a`, `p:repor`, …); [`StanceModel::classify`] sums their weights per class
//! (`data/stance_model.tsv`, fitted by `cargo run --release -p eval --example train_stance --
//! ../shared/data` on Emergent train headlines; words seen fewer than three times are left
//! out) and returns the best class.
//!
//! Example: "Priest's claim of seeing God dismissed as hoax" → `content:dismiss`, `w:hoax` →
//! contradict; "Apple reportedly plans a gold watch" → `content:hedge` → report.
//!
//! Known limits: trained on headlines; body sentences differ (longer, more attributions), so
//! the rules' verdict carries most weight there; English only.

use crate::hash::IntMap;
use crate::lexicon;
use crate::stance::{self, Input, Polarity};
use std::sync::OnceLock;

/// The classes, in the order of the weight columns.
pub const CLASSES: [Polarity; 3] = [Polarity::Support, Polarity::Contradict, Polarity::Report];

/// Words longer than this also count by their first [`STEM`] letters (`p:denie` for "denies",
/// "denied"): a crude stem that lets a small training set generalize over inflections.
const STEM: usize = 5;

/// The features of one claim: the rules' verdict, the cue, flags, lexicon classes, the words
/// before the cue (`bw:`), and the sentence's words (`w:`), word pairs (`b:`) and stems
/// (`p:`), lower case, each named once.
pub fn features(input: &Input<'_>, text: &str) -> Vec<String> {
    let sentence = &lexicon::tokens(text);
    let mut out = vec!["bias".to_owned(), format!("rule={}", stance::classify(input).as_str())];
    out.push(match input.cue {
        Some(cue) => format!("cue={cue:?}").to_lowercase(),
        None => "cue=none".to_owned(),
    });
    for (flag, name) in [(input.negated, "negated"), (input.hedged, "hedged"), (input.speaker, "speaker")] {
        if flag {
            out.push(name.to_owned());
        }
    }
    let lex = lexicon::stance();
    for (part, tokens) in [("content", input.content), ("before", input.before)] {
        for hit in lex.hits(tokens) {
            out.push(format!("{part}:{}", hit.class));
        }
    }
    out.extend(sentence.iter().map(|w| format!("w:{w}")));
    out.extend(input.before.iter().map(|w| format!("bw:{w}")));
    out.extend(sentence.windows(2).map(|w| format!("b:{}_{}", w[0], w[1])));
    let stems = sentence.iter().filter(|w| w.chars().count() > STEM);
    out.extend(stems.map(|w| format!("p:{}", w.chars().take(STEM).collect::<String>())));
    out.sort();
    out.dedup();
    out
}

/// Weights per feature and class.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StanceModel {
    weights: IntMap<String, [f64; 3]>,
}

impl StanceModel {
    /// A model from weights per feature.
    pub fn new(weights: IntMap<String, [f64; 3]>) -> StanceModel {
        StanceModel { weights }
    }

    /// The shipped model, `data/stance_model.tsv`.
    pub fn shipped() -> &'static StanceModel {
        static SHIPPED: OnceLock<StanceModel> = OnceLock::new();
        SHIPPED.get_or_init(|| StanceModel::parse(include_str!("../data/stance_model.tsv")))
    }

    /// Class scores (unnormalized log-probabilities) of these features.
    pub fn scores(&self, features: &[String]) -> [f64; 3] {
        let mut z = [0.0; 3];
        for f in features {
            if let Some(w) = self.weights.get(f) {
                for k in 0..3 {
                    z[k] += w[k];
                }
            }
        }
        z
    }

    /// The index of the best-scoring class (ties: the first).
    pub fn best(&self, features: &[String]) -> usize {
        let z = self.scores(features);
        (0..3).max_by(|&a, &b| z[a].total_cmp(&z[b]).then(b.cmp(&a))).unwrap_or(0)
    }

    /// The best class; the rules' verdict when the model knows none of the features.
    pub fn classify(&self, input: &Input<'_>, sentence: &str) -> Polarity {
        if self.weights.is_empty() {
            return stance::classify(input);
        }
        CLASSES[self.best(&features(input, sentence))]
    }

    /// Reads `feature<TAB>support<TAB>contradict<TAB>report` lines; `#` starts a comment line,
    /// malformed lines are skipped.
    pub fn parse(text: &str) -> StanceModel {
        let mut weights = IntMap::default();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let mut cols = line.split('\t');
            let Some(name) = cols.next() else { continue };
            let values: Vec<f64> = cols.filter_map(|c| c.parse().ok()).collect();
            if let [a, b, c] = values[..] {
                weights.insert(name.to_owned(), [a, b, c]);
            }
        }
        StanceModel { weights }
    }

    /// The `data/stance_model.tsv` form, features sorted, zero rows left out.
    pub fn to_tsv(&self) -> String {
        let mut rows: Vec<(&String, &[f64; 3])> =
            self.weights.iter().filter(|(_, w)| w.iter().any(|x| x.abs() > 1e-4)).collect();
        rows.sort_by(|a, b| a.0.cmp(b.0));
        rows.iter().map(|(f, w)| format!("{f}\t{:.4}\t{:.4}\t{:.4}\n", w[0], w[1], w[2])).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::tokens;

    #[test]
    fn features_name_the_rule_the_cue_and_the_words() {
        let content = tokens("the report as a hoax");
        let input = Input {
            cue: Some(model::Stance::Deny),
            negated: false,
            hedged: false,
            content: &content,
            before: &[],
            speaker: true,
        };
        let f = features(&input, "Officials denied the report as a hoax");
        for name in
            ["bias", "rule=contradict", "cue=deny", "speaker", "content:dismiss", "w:hoax", "b:a_hoax", "p:offic"]
        {
            assert!(f.contains(&name.to_owned()), "{name} in {f:?}");
        }
    }

    #[test]
    fn the_shipped_model_reads_denials_and_hedges() {
        let m = StanceModel::shipped();
        let check = |cue, content: &str| {
            let c = tokens(content);
            m.classify(&Input { cue, negated: false, hedged: false, content: &c, before: &[], speaker: true }, content)
        };
        assert_eq!(check(Some(model::Stance::Deny), "the rumours of a merger as a hoax"), Polarity::Contradict);
        assert_eq!(check(None, "Carmaker reportedly considering a merger"), Polarity::Report);
        assert_eq!(check(None, "Carmaker completes merger with rival"), Polarity::Support);
    }
}
