//! The averaged perceptron: greedy left-to-right decoding over sparse weight rows, and its
//! trainer.
//!
//! What: a linear model scoring every label of a position from its hashed features
//! ([`super::features`]); the best label is fixed before the next position is scored, so the
//! tag history features see the model's own earlier choices, as in training.
//!
//! Why: an averaged perceptron with good features tags English at about 95–96 % (UPOS) in a
//! few hundred nanoseconds a token; it trains in seconds, from plain Rust, with no
//! dependency and no randomness beyond a fixed-seed shuffle.
//!
//! How: at run time the weights are an open-addressing table from a 32-bit feature key to a
//! short row of `(label, i16 weight)` pairs (a one-pair row sits inside the table slot);
//! scoring adds the rows of 24 keys into an `i32` array. Frequent unambiguous words are
//! tagged from a tag dictionary without scoring. The trainer keeps `i32` weights with lazily updated running totals (the averaging
//! trick), and exports the averages, quantized to `i16`, dropping pairs that round to zero.
//!
//! Example: `Trainer::new(labels, dict)`, then `train_sequence(&words, &gold)` per sentence and
//! epoch, then `export(0.0)` gives a [`Model`] whose `tag_sequence` tags any word slice.
//!
//! Known limits: greedy decoding (no beam); a confidence is the score margin between the two
//! best labels, not a probability.

use super::features::{self, Lex, N_FEATURES, START};
use std::collections::HashMap;

/// One label: the joint UPOS and PTB XPOS tag, e.g. `PROPN` + `NNP`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// Universal part of speech.
    pub upos: String,
    /// Penn Treebank tag.
    pub xpos: String,
}

/// A trained model, ready to tag.
#[derive(Clone, Debug)]
pub struct Model {
    /// Labels, indexed by the `u8` label ids of the weight rows.
    pub labels: Vec<Label>,
    /// Weight of one quantization step.
    pub scale: f32,
    /// Open-addressing table: `(key, start << 8 | len)`, or `(key, INLINE | label << 16 |
    /// weight)` for a one-pair row; key 0 meaning empty.
    slots: Vec<(u32, u32)>,
    mask: usize,
    /// Weight pairs `(label, weight)`, rows stored contiguously.
    pairs: Vec<(u8, i16)>,
    /// Tag dictionary: frequent words that (nearly) always take one label, tagged without
    /// scoring. Open addressing, `(key, label)`, key 0 meaning empty.
    dict: Vec<(u32, u8)>,
}

/// The margin reported for a word tagged from the tag dictionary.
pub const DICT_MARGIN: f32 = 1000.0;

/// A row as stored in a model file: feature key and its `(label, weight)` pairs.
pub(crate) type Row = (u32, Vec<(u8, i16)>);

impl Model {
    /// Builds the lookup tables from rows and dictionary entries (each key once).
    pub(crate) fn from_rows(labels: Vec<Label>, scale: f32, rows: &[Row], dict: &[(u32, u8)]) -> Model {
        let cap = (rows.len() * 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut slots = vec![(0u32, 0u32); cap];
        let mut pairs = Vec::with_capacity(rows.iter().map(|r| r.1.len()).sum());
        for (key, row) in rows {
            if *key == 0 || row.is_empty() {
                continue;
            }
            let mut s = slot_of(*key) & mask;
            while slots[s].0 != 0 && slots[s].0 != *key {
                s = (s + 1) & mask;
            }
            if slots[s].0 == *key {
                continue;
            }
            let len = row.len().min(255);
            slots[s] = match row[..len] {
                // A one-pair row lives in the slot itself: one cache miss instead of two.
                [(label, w)] => (*key, INLINE | u32::from(label) << 16 | u32::from(w as u16)),
                _ => (*key, ((pairs.len() as u32) << 8) | len as u32),
            };
            if len > 1 {
                pairs.extend_from_slice(&row[..len]);
            }
        }
        let dict_cap = (dict.len() * 2).next_power_of_two().max(16);
        let mut table = vec![(0u32, 0u8); dict_cap];
        for &(key, label) in dict {
            let mut s = slot_of(key) & (dict_cap - 1);
            while table[s].0 != 0 && table[s].0 != key {
                s = (s + 1) & (dict_cap - 1);
            }
            if key != 0 {
                table[s] = (key, label);
            }
        }
        Model { labels, scale, slots, mask, pairs, dict: table }
    }

    /// The tag dictionary in key order, for serialization.
    pub(crate) fn dict(&self) -> Vec<(u32, u8)> {
        let mut d: Vec<(u32, u8)> = self.dict.iter().copied().filter(|e| e.0 != 0).collect();
        d.sort_unstable();
        d
    }

    fn lookup(&self, key: u32) -> Option<u8> {
        let mask = self.dict.len() - 1;
        let mut s = slot_of(key) & mask;
        loop {
            let (k, label) = self.dict[s];
            if k == key {
                return Some(label);
            }
            if k == 0 {
                return None;
            }
            s = (s + 1) & mask;
        }
    }

    /// The rows of the model in a stable order (by key), for serialization.
    pub(crate) fn rows(&self) -> Vec<Row> {
        let mut rows: Vec<Row> = self
            .slots
            .iter()
            .filter(|s| s.0 != 0)
            .map(|&(key, at)| {
                let mut row = Vec::new();
                self.for_each_pair(at, |label, w| row.push((label, w)));
                (key, row)
            })
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        rows
    }

    /// The number of feature keys.
    pub fn len(&self) -> usize {
        self.slots.iter().filter(|s| s.0 != 0).count()
    }

    /// Whether the model has no weights at all.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The slot value of `key` (an inline pair or a row's start and length); 0 if absent.
    fn find(&self, key: u32) -> u32 {
        let mut s = slot_of(key) & self.mask;
        loop {
            let (k, at) = self.slots[s];
            if k == key {
                return at;
            }
            if k == 0 {
                return 0;
            }
            s = (s + 1) & self.mask;
        }
    }

    #[inline]
    fn for_each_pair(&self, at: u32, mut f: impl FnMut(u8, i16)) {
        if at & INLINE != 0 {
            f((at >> 16) as u8, at as u16 as i16);
        } else {
            let (start, len) = ((at >> 8) as usize, (at & 0xff) as usize);
            for &(label, w) in self.pairs.get(start..start + len).unwrap_or(&[]) {
                f(label, w);
            }
        }
    }

    /// Tags one sequence of words: for each, the label id and the margin (in weight units)
    /// between its score and the runner-up's.
    pub fn tag_sequence(&self, words: &[&str], out: &mut Vec<(u8, f32)>) {
        let lex: Vec<Lex> = words.iter().map(|w| features::lex(w)).collect();
        self.tag_lex(&lex, out);
    }

    pub(crate) fn tag_lex(&self, lex: &[Lex], out: &mut Vec<(u8, f32)>) {
        let n_labels = self.labels.len().min(256);
        let mut scores = [0i32; 256];
        let mut feats = [0u32; N_FEATURES];
        let (mut prev, mut prev2) = (START, START);
        for i in 0..lex.len() {
            if let Some(label) = self.lookup(features::dict_key(&lex[i])) {
                out.push((label, DICT_MARGIN));
                prev2 = prev;
                prev = label;
                continue;
            }
            features::features(lex, i, prev, prev2, &mut feats);
            // Find every row first: the lookups are independent, so their cache misses
            // overlap instead of queueing behind the additions.
            let rows: [u32; N_FEATURES] = std::array::from_fn(|k| self.find(feats[k]));
            scores[..n_labels].fill(0);
            for at in rows {
                self.for_each_pair(at, |label, w| scores[label as usize] += i32::from(w));
            }
            let (best, margin) = best_two(&scores[..n_labels]);
            out.push((best, margin as f32 * self.scale));
            prev2 = prev;
            prev = best;
        }
    }
}

/// Marks a slot value holding its row's only pair: `label << 16 | weight as u16`.
const INLINE: u32 = 1 << 31;

fn slot_of(key: u32) -> usize {
    (key.wrapping_mul(0x9e37_79b1) >> 7) as usize ^ key as usize
}

/// The best label (lowest id on ties) and its margin over the second best.
fn best_two(scores: &[i32]) -> (u8, i32) {
    let (mut best, mut first, mut second) = (0usize, i32::MIN, i32::MIN);
    for (l, &s) in scores.iter().enumerate() {
        if s > first {
            second = first;
            first = s;
            best = l;
        } else if s > second {
            second = s;
        }
    }
    let margin = if second == i32::MIN { 0 } else { first.saturating_sub(second) };
    (best as u8, margin)
}

/// One trainable weight with its running total for averaging.
#[derive(Clone, Copy, Debug)]
struct Param {
    label: u8,
    weight: i32,
    total: i64,
    stamp: u32,
}

/// Trains a [`Model`] one sequence at a time.
#[derive(Debug)]
pub struct Trainer {
    labels: Vec<Label>,
    dict: Vec<(u32, u8)>,
    /// `dict` as a lookup table.
    dict_model: Model,
    weights: HashMap<u32, Vec<Param>>,
    /// Number of positions seen (the averaging clock).
    clock: u32,
}

impl Trainer {
    /// A trainer for these labels (at most 255), and a tag dictionary built by
    /// [`tag_dictionary`]: its words are tagged from it, in training as in tagging.
    pub fn new(labels: Vec<Label>, dict: Vec<(u32, u8)>) -> Trainer {
        let dict_model = Model::from_rows(Vec::new(), 1.0, &[], &dict);
        Trainer { labels, dict, dict_model, weights: HashMap::new(), clock: 0 }
    }

    /// Tags `words` with the current (not averaged) weights, updating them toward `gold` after
    /// every wrong position. Returns the number of correct positions.
    pub fn train_sequence(&mut self, words: &[&str], gold: &[u8]) -> usize {
        let lex: Vec<Lex> = words.iter().map(|w| features::lex(w)).collect();
        let n_labels = self.labels.len();
        let mut scores = vec![0i64; n_labels];
        let mut feats = [0u32; N_FEATURES];
        let (mut prev, mut prev2) = (START, START);
        let mut correct = 0;
        for i in 0..lex.len().min(gold.len()) {
            if let Some(label) = self.dict_model.lookup(features::dict_key(&lex[i])) {
                correct += usize::from(label == gold[i]);
                prev2 = prev;
                prev = label;
                continue;
            }
            self.clock += 1;
            features::features(&lex, i, prev, prev2, &mut feats);
            scores.fill(0);
            for f in &feats {
                for p in self.weights.get(f).into_iter().flatten() {
                    scores[p.label as usize] += i64::from(p.weight);
                }
            }
            let mut guess = 0usize;
            for (l, &s) in scores.iter().enumerate() {
                if s > scores[guess] {
                    guess = l;
                }
            }
            let truth = gold[i];
            if guess as u8 == truth {
                correct += 1;
            } else {
                for &f in &feats {
                    self.update(f, truth, 1);
                    self.update(f, guess as u8, -1);
                }
            }
            // Teacher forcing would hide the model's own history errors; greedy history is
            // what tagging sees, so train on it.
            prev2 = prev;
            prev = guess as u8;
        }
        correct
    }

    fn update(&mut self, feature: u32, label: u8, delta: i32) {
        let clock = self.clock;
        let row = self.weights.entry(feature).or_default();
        let p = match row.iter().position(|p| p.label == label) {
            Some(k) => &mut row[k],
            None => {
                row.push(Param { label, weight: 0, total: 0, stamp: clock });
                row.last_mut().expect("just pushed")
            }
        };
        p.total += i64::from(clock - p.stamp) * i64::from(p.weight);
        p.stamp = clock;
        p.weight += delta;
    }

    /// The averaged weights as a model; pairs whose average is below `prune` (in absolute
    /// value) are dropped. Deterministic: rows are built in key order.
    pub fn export(&self, prune: f32) -> Model {
        let clock = f64::from(self.clock.max(1));
        let mut keys: Vec<u32> = self.weights.keys().copied().collect();
        keys.sort_unstable();
        let average =
            |p: &Param| -> f64 { (p.total + i64::from(self.clock - p.stamp) * i64::from(p.weight)) as f64 / clock };
        let max = self.weights.values().flatten().map(|p| average(p).abs()).fold(0.0f64, f64::max).max(1e-9);
        let scale = max / f64::from(i16::MAX);
        let mut rows = Vec::with_capacity(keys.len());
        for key in keys {
            let mut row: Vec<(u8, i16)> = self.weights[&key]
                .iter()
                .filter(|p| average(p).abs() >= f64::from(prune))
                .map(|p| (p.label, (average(p) / scale).round() as i16))
                .filter(|&(_, w)| w != 0)
                .collect();
            row.sort_unstable_by_key(|&(l, _)| l);
            if !row.is_empty() {
                rows.push((key, row));
            }
        }
        Model::from_rows(self.labels.clone(), scale as f32, &rows, &self.dict)
    }
}

/// A tag dictionary from training sequences: words seen at least `min_count` times with one
/// label at least `min_share` of the time map to that label.
pub fn tag_dictionary<'a>(
    sequences: impl IntoIterator<Item = (&'a [&'a str], &'a [u8])>,
    min_count: u32,
    min_share: f64,
) -> Vec<(u32, u8)> {
    let mut counts: HashMap<u32, HashMap<u8, u32>> = HashMap::new();
    for (words, gold) in sequences {
        for (w, &g) in words.iter().zip(gold) {
            *counts.entry(features::dict_key(&features::lex(w))).or_default().entry(g).or_default() += 1;
        }
    }
    let mut dict: Vec<(u32, u8)> = counts
        .into_iter()
        .filter_map(|(key, labels)| {
            let total: u32 = labels.values().sum();
            let (&label, &n) = labels.iter().max_by_key(|&(&l, &n)| (n, std::cmp::Reverse(l)))?;
            (total >= min_count && f64::from(n) >= min_share * f64::from(total)).then_some((key, label))
        })
        .collect();
    dict.sort_unstable();
    dict
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> Vec<Label> {
        ["DET|DT", "NOUN|NN", "VERB|VBZ"]
            .iter()
            .map(|l| {
                let (u, x) = l.split_once('|').unwrap_or_default();
                Label { upos: u.into(), xpos: x.into() }
            })
            .collect()
    }

    #[test]
    fn learns_a_toy_language() {
        let mut t = Trainer::new(labels(), Vec::new());
        let data: [(&[&str], &[u8]); 3] = [
            (&["the", "dog", "barks"], &[0, 1, 2]),
            (&["a", "cat", "sleeps"], &[0, 1, 2]),
            (&["the", "cat", "barks"], &[0, 1, 2]),
        ];
        for _ in 0..5 {
            for (w, g) in data {
                t.train_sequence(w, g);
            }
        }
        let m = t.export(0.0);
        let mut out = Vec::new();
        m.tag_sequence(&["a", "dog", "sleeps"], &mut out);
        assert_eq!(out.iter().map(|o| o.0).collect::<Vec<_>>(), [0, 1, 2]);
        let again = Model::from_rows(m.labels.clone(), m.scale, &m.rows(), &m.dict());
        assert_eq!(again.rows(), m.rows());
    }
}
