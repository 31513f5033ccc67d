//! Online story clustering: each new document joins the story whose centroid it is most similar
//! to (cosine over entity and term features, discounted by the time between the document and the
//! story's span), or founds a new story when none reaches the join threshold.
//!
//! Why: a story gathers the reports of one real-world development across outlets and days, so
//! that claims can later be followed through it. Single-pass centroid clustering is incremental
//! (one document touches a handful of stories) and needs no fixed number of clusters.
//!
//! Candidates come from an inverted index, feature key → stories, queried with the document's
//! [`QUERY_FEATURES`] heaviest features. Each list keeps the [`POSTING_CAP`] most recently active
//! stories, so the cost per document is bounded however large the ledger grows — there is
//! never a scan over stories or documents. A candidate whose time discount alone keeps it under
//! the join threshold is passed over before its centroid is read: in a large ledger, stories
//! found through an entity named years ago are most candidates, and reading a centroid is cache
//! misses. Ties are broken by story index, and `Ledger::rebuild` replays documents in canonical
//! order (published time, id), so the result depends on the set of documents, not on the order
//! they arrived in.
//!
//! Example: "NATO confirms North Korean troops in Kursk" (28 Oct 2024) joins the story founded by
//! "Ukraine says North Korea is preparing 10,000 troops" (17 Oct) through `gpe:KP`, `troop`,
//! `kursk`; a rate cut by the Bank of Korea the same week founds its own.
//!
//! Two guards keep threads apart and whole. A document that names entities joins only a story
//! whose members name one of them (shared words alone — "strike", "forces" — do not make a
//! thread). And when a document joins, the story looks up its own heaviest features in the
//! index and merges with the most similar story there if their centroids reach
//! [`Params::merge`] (time-discounted between their spans) and they share [`MERGE_ENTITIES`]
//! entities: the October reports and the April acknowledgments of one deployment, founded
//! apart, grow into one story. Merged stories forward to the survivor and keep no documents.
//!
//! Known limits: single pass — a story is never split, and a merge is only tried when a story
//! grows (a rebuild re-decides everything); the time discount uses the story's whole span,
//! so a long-running story stays open to documents inside it.

use crate::hash::IntMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Document features used to look up candidate stories.
pub const QUERY_FEATURES: usize = 12;
/// Stories kept per feature in the inverted index (the most recently active ones).
pub const POSTING_CAP: usize = 48;
/// Stories scored exactly per document, after pre-ranking by shared query weight.
pub const CANDIDATES: usize = 32;
/// Entities two stories must share to merge (fewer when one names fewer).
pub const MERGE_ENTITIES: usize = 4;
/// Features kept in a story centroid (pruned to this when it doubles).
pub const CENTROID_CAP: usize = 128;

/// Bound on a cosine computed in `f32` (1 plus rounding): a story whose time discount times
/// this stays under a threshold cannot reach it.
const COSINE_SLACK: f32 = 1.001;

/// `Stories::forward` of a story never merged.
const NOT_MERGED: u32 = u32::MAX;

/// The thresholds of story assignment.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Params {
    /// Least similarity (after the time discount) to join a story.
    pub join: f32,
    /// Days over which similarity decays by a factor e outside a story's time span.
    pub time_scale_days: f32,
    /// Least centroid cosine (after the time discount between spans) at which two stories
    /// merge; above 1 never.
    pub merge: f32,
}

/// One story: its documents and centroid.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Story {
    /// Document keys, in the order they joined; the first founded the story.
    pub docs: Vec<u32>,
    /// Sum of the member vectors (duplicates excluded), pruned to the heaviest features.
    pub centroid: BTreeMap<u64, f32>,
    /// Euclidean norm of `centroid`.
    pub norm: f32,
    /// Earliest publication time (Unix seconds) among the members.
    pub first: Option<i64>,
    /// Latest publication time among the members.
    pub last: Option<i64>,
}

/// Where a document went.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Assigned {
    /// Story index.
    pub story: u32,
    /// Similarity with the story it joined, after the time discount; `None` for a new story.
    pub score: Option<f32>,
}

/// All stories and the inverted index over them.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Stories {
    stories: Vec<Story>,
    postings: IntMap<u64, Vec<(u32, i64)>>,
    of_doc: Vec<u32>,
    /// Entity feature keys of each story's members (for the entity gate).
    entities: Vec<IntMap<u64, u32>>,
    /// Where each story's documents went when it was merged (`NOT_MERGED`: it was not); a
    /// vector, because every posting read resolves through it.
    forward: Vec<u32>,
    /// Stories changed since the last [`Stories::take_touched`] (not stored).
    #[serde(skip)]
    touched: Vec<u32>,
}

impl Stories {
    /// Assigns the next document (key = documents so far) with unit `vector` and publication
    /// `time`.
    ///
    /// `entities` are the document's entity keys: when it has any, it may only join a story
    /// whose members name one of them, so that shared words alone ("strike", "forces") never
    /// pull an unrelated article into a thread.
    pub fn assign(&mut self, vector: &[(u64, f32)], entities: &[u64], time: Option<i64>, params: Params) -> Assigned {
        // Pre-rank the stories found in the postings by the query weight they share, and score
        // only the best few exactly: the cost stays bounded when the lists are full.
        let mut shared: IntMap<u32, f32> = IntMap::default();
        for (k, w) in vector.iter().take(QUERY_FEATURES) {
            for &(s, _) in self.postings.get(k).into_iter().flatten() {
                *shared.entry(self.resolve(s)).or_default() += w;
            }
        }
        let mut candidates: Vec<(u32, f32)> = shared.into_iter().collect();
        candidates.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates.truncate(CANDIDATES);
        candidates.sort_unstable_by_key(|c| c.0);
        let mut best: Option<(u32, f32)> = None;
        let by_key = Keyed::new(vector);
        for (s, _) in candidates {
            // A cosine is at most 1, so a story whose time discount alone keeps it below the
            // join threshold cannot be joined: skip it before reading its entities and centroid,
            // which in a large ledger are cache misses (a stale story found through an entity
            // named years ago is the common case).
            if decay(&self.stories[s as usize], time, params.time_scale_days) * COSINE_SLACK < params.join {
                continue;
            }
            if !entities.is_empty()
                && !self.entities[s as usize].is_empty()
                && !entities.iter().any(|e| self.entities[s as usize].contains_key(e))
            {
                continue;
            }
            let score = self.keyed_similarity(s, &by_key, time, params);
            if best.is_none_or(|(_, b)| score > b) {
                best = Some((s, score));
            }
        }
        match best {
            Some((story, score)) if score >= params.join => {
                self.join(story, vector, entities, time);
                let story = self.merge_similar(story, params);
                Assigned { story, score: Some(score) }
            }
            _ => {
                let story = self.stories.len() as u32;
                self.stories.push(Story {
                    docs: Vec::new(),
                    centroid: BTreeMap::new(),
                    norm: 0.0,
                    first: time,
                    last: time,
                });
                self.entities.push(IntMap::default());
                self.forward.push(NOT_MERGED);
                self.join(story, vector, entities, time);
                Assigned { story, score: None }
            }
        }
    }

    /// Adds the next document to `story` as a copy: it extends the time span but not the
    /// centroid, so syndicated copies do not pull a story towards their text.
    pub fn attach_copy(&mut self, story: u32, time: Option<i64>) {
        let key = self.of_doc.len() as u32;
        let s = &mut self.stories[story as usize];
        s.docs.push(key);
        widen(s, time);
        self.of_doc.push(story);
        self.touched.push(story);
    }

    /// The stories changed (joined, merged or emptied) since the last call, each once, sorted.
    pub fn take_touched(&mut self) -> Vec<u32> {
        let mut out = std::mem::take(&mut self.touched);
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The story of document `key`.
    pub fn story_of(&self, key: u32) -> u32 {
        self.of_doc[key as usize]
    }

    /// Puts `first` at the head of its story's documents, so that it names the story.
    pub fn set_first(&mut self, key: u32) {
        let s = &mut self.stories[self.of_doc[key as usize] as usize];
        if let Some(pos) = s.docs.iter().position(|&d| d == key) {
            s.docs[..=pos].rotate_right(1);
        }
    }

    /// The story a merged story went into (itself when it was never merged).
    fn resolve(&self, mut story: u32) -> u32 {
        while let Some(&to) = self.forward.get(story as usize).filter(|&&to| to != NOT_MERGED) {
            story = to;
        }
        story
    }

    /// Merges `story` with the most similar story its heaviest centroid features find in the
    /// index, when their centroids (time-discounted) reach `params.merge`: two threads that
    /// grew towards each other become one. The smaller goes into the larger (ties: into the
    /// older). Cost: one index lookup and at most [`CANDIDATES`] centroid products.
    fn merge_similar(&mut self, story: u32, params: Params) -> u32 {
        if params.merge > 1.0 {
            return story;
        }
        let mut top: Vec<(u64, f32)> = self.stories[story as usize].centroid.iter().map(|(&k, &w)| (k, w)).collect();
        top.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        top.truncate(QUERY_FEATURES);
        let mut shared: IntMap<u32, f32> = IntMap::default();
        for (k, w) in &top {
            for &(s, _) in self.postings.get(k).into_iter().flatten() {
                let s = self.resolve(s);
                if s != story {
                    *shared.entry(s).or_default() += w;
                }
            }
        }
        let mut candidates: Vec<(u32, f32)> = shared.into_iter().collect();
        candidates.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates.truncate(CANDIDATES);
        let mut best: Option<(u32, f32)> = None;
        let a = &self.stories[story as usize];
        for (s, _) in candidates {
            let b = &self.stories[s as usize];
            if a.norm <= 0.0 || b.norm <= 0.0 {
                continue;
            }
            let gap = span_gap(a, b);
            let decay =
                if params.time_scale_days > 0.0 { (-(gap / 86_400.0) / params.time_scale_days).exp() } else { 1.0 };
            if decay * COSINE_SLACK < params.merge {
                continue;
            }
            let ea = &self.entities[story as usize];
            let eb = &self.entities[s as usize];
            // Two threads merge only when they share several actors or places, not a word field:
            // two different earthquakes share words, one war's episodes share its parties.
            // Walk the smaller map and stop at the count needed: a long-running story names
            // thousands of entities, and counting them all made each join grow with the story.
            let needed = MERGE_ENTITIES.min(ea.len()).min(eb.len()).max(1);
            let (small, large) = if ea.len() <= eb.len() { (ea, eb) } else { (eb, ea) };
            if small.keys().filter(|e| large.contains_key(e)).take(needed).count() < needed {
                continue;
            }
            let dot = centroid_dot(&a.centroid, &b.centroid);
            let score = dot / (a.norm * b.norm) * decay;
            if score >= params.merge && best.is_none_or(|(bs, bsc)| score > bsc || (score == bsc && s < bs)) {
                best = Some((s, score));
            }
        }
        let Some((other, _)) = best else { return story };
        let (into, from) = {
            let (la, lb) = (self.stories[story as usize].docs.len(), self.stories[other as usize].docs.len());
            if la > lb || (la == lb && story < other) { (story, other) } else { (other, story) }
        };
        let moved = std::mem::take(&mut self.stories[from as usize]);
        let moved_entities = std::mem::take(&mut self.entities[from as usize]);
        for &d in &moved.docs {
            self.of_doc[d as usize] = into;
        }
        let s = &mut self.stories[into as usize];
        s.docs.extend(&moved.docs);
        widen(s, moved.first);
        widen(s, moved.last);
        for (k, w) in moved.centroid {
            *s.centroid.entry(k).or_default() += w;
        }
        prune(s);
        for (k, n) in moved_entities {
            *self.entities[into as usize].entry(k).or_default() += n;
        }
        self.forward[from as usize] = into;
        self.touched.extend([from, into]);
        into
    }

    /// All stories, by index.
    pub fn all(&self) -> &[Story] {
        &self.stories
    }

    /// Cosine of `vector` with the centroid of `story`, discounted by time distance.
    pub fn similarity(&self, story: u32, vector: &[(u64, f32)], time: Option<i64>, params: Params) -> f32 {
        self.keyed_similarity(story, &Keyed::new(vector), time, params)
    }

    fn keyed_similarity(&self, story: u32, vector: &Keyed<'_>, time: Option<i64>, params: Params) -> f32 {
        let s = &self.stories[story as usize];
        if s.norm <= 0.0 {
            return 0.0;
        }
        vector.dot(&s.centroid) / s.norm * decay(s, time, params.time_scale_days)
    }

    fn join(&mut self, story: u32, vector: &[(u64, f32)], entities: &[u64], time: Option<i64>) {
        let key = self.of_doc.len() as u32;
        self.of_doc.push(story);
        self.touched.push(story);
        for &e in entities {
            *self.entities[story as usize].entry(e).or_default() += 1;
        }
        let s = &mut self.stories[story as usize];
        s.docs.push(key);
        widen(s, time);
        for &(k, w) in vector {
            *s.centroid.entry(k).or_default() += w;
        }
        prune(s);
        // Each posting carries the story's latest time when it was last touched through that
        // feature; the stalest entry is evicted when a list overflows (ties: the older story).
        let recency = (s.last.unwrap_or(i64::MIN), story);
        for &(k, _) in vector.iter().take(QUERY_FEATURES) {
            let list = self.postings.entry(k).or_default();
            if let Some(entry) = list.iter_mut().find(|e| e.0 == story) {
                entry.1 = recency.0;
                continue;
            }
            list.push((story, recency.0));
            if list.len() > POSTING_CAP
                && let Some(pos) = (0..list.len()).min_by_key(|&p| (list[p].1, list[p].0))
            {
                list.swap_remove(pos);
            }
        }
    }
}

/// A document vector with its positions in key order, for dot products with centroids by one
/// merge of two sorted sequences instead of a tree search per feature (which, over 32
/// candidate stories a document, was most of the time a ledger update spent on stories).
struct Keyed<'a> {
    vector: &'a [(u64, f32)],
    by_key: Vec<(u64, usize)>,
}

impl<'a> Keyed<'a> {
    fn new(vector: &'a [(u64, f32)]) -> Keyed<'a> {
        let mut by_key: Vec<(u64, usize)> = vector.iter().enumerate().map(|(i, &(k, _))| (k, i)).collect();
        by_key.sort_unstable();
        Keyed { vector, by_key }
    }

    /// Σ w·c over the features the centroid holds, summed in the vector's own order, so the
    /// result is the very float a lookup per feature gives.
    fn dot(&self, centroid: &BTreeMap<u64, f32>) -> f32 {
        let mut products: Vec<Option<f32>> = vec![None; self.vector.len()];
        let mut features = self.by_key.iter().peekable();
        for (k, c) in centroid {
            while features.next_if(|f| f.0 < *k).is_some() {}
            match features.peek() {
                Some(&&(f, i)) if f == *k => {
                    products[i] = Some(c * self.vector[i].1);
                    features.next();
                }
                Some(_) => {}
                None => break,
            }
        }
        products.into_iter().flatten().sum()
    }
}

/// Σ w·c over the keys both centroids hold, in ascending key order (one merge of the two).
fn centroid_dot(a: &BTreeMap<u64, f32>, b: &BTreeMap<u64, f32>) -> f32 {
    let mut sum = Vec::new();
    let mut other = b.iter().peekable();
    for (k, w) in a {
        while other.next_if(|(o, _)| *o < k).is_some() {}
        match other.peek() {
            Some(&(o, c)) if o == k => sum.push(c * w),
            Some(_) => {}
            None => break,
        }
    }
    sum.into_iter().sum()
}

/// Keeps the heaviest features of a centroid that has doubled its cap, and renews its norm.
fn prune(s: &mut Story) {
    if s.centroid.len() > 2 * CENTROID_CAP {
        let mut kept: Vec<(u64, f32)> = s.centroid.iter().map(|(&k, &w)| (k, w)).collect();
        kept.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        kept.truncate(CENTROID_CAP);
        s.centroid = kept.into_iter().collect();
    }
    s.norm = s.centroid.values().map(|w| w * w).sum::<f32>().sqrt();
}

/// Seconds between two stories' spans (0 when they overlap or either has no date).
fn span_gap(a: &Story, b: &Story) -> f32 {
    let (Some(af), Some(al), Some(bf), Some(bl)) = (a.first, a.last, b.first, b.last) else { return 0.0 };
    (bf - al).max(af - bl).max(0) as f32
}

fn widen(s: &mut Story, time: Option<i64>) {
    if let Some(t) = time {
        s.first = Some(s.first.map_or(t, |f| f.min(t)));
        s.last = Some(s.last.map_or(t, |l| l.max(t)));
    }
}

/// exp(−gap / scale), the gap in days between `time` and the story's span (0 inside it, and
/// when either has no date).
fn decay(s: &Story, time: Option<i64>, scale_days: f32) -> f32 {
    let (Some(t), Some(first), Some(last)) = (time, s.first, s.last) else { return 1.0 };
    let gap = if t < first {
        first - t
    } else if t > last {
        t - last
    } else {
        0
    };
    if scale_days <= 0.0 {
        return 1.0;
    }
    (-(gap as f32 / 86_400.0) / scale_days).exp()
}

impl Stories {
    /// Whether the stored parts agree with `docs` documents (checked on load).
    pub fn is_consistent(&self, docs: usize) -> bool {
        self.of_doc.len() == docs
            && self.of_doc.iter().all(|&s| (s as usize) < self.stories.len())
            && self.entities.len() == self.stories.len()
            && self.stories.iter().enumerate().all(|(k, s)| {
                (s.docs.is_empty() == (self.forward[k] != NOT_MERGED)) && s.docs.iter().all(|&d| (d as usize) < docs)
            })
            && self.forward.len() == self.stories.len()
            && self.forward.iter().all(|&s| s == NOT_MERGED || (s as usize) < self.stories.len())
            && self.postings.values().flatten().all(|&(s, _)| (s as usize) < self.stories.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A story skipped for its time gap alone is one the document could not have joined: the
    /// same text just inside the gap the join threshold allows joins, just outside founds anew.
    #[test]
    fn stale_stories_are_skipped_only_when_out_of_reach() {
        let params = Params { join: 0.12, time_scale_days: 60.0, merge: 2.0 };
        let vector = [(1, 0.6), (2, 0.8)];
        let reach_days = params.time_scale_days * (1.0 / params.join).ln();
        for (days, joins) in [(reach_days - 0.01, true), (reach_days + 0.01, false)] {
            let mut stories = Stories::default();
            let first = stories.assign(&vector, &[], Some(0), params);
            let later = stories.assign(&vector, &[], Some((days * 86_400.0) as i64), params);
            assert_eq!(later.story == first.story, joins, "{days} days");
        }
    }

    /// The merges give the very floats a tree search per feature gives (same products, summed
    /// in the same order), on centroids that share some keys, none, or all.
    #[test]
    fn merged_dot_products_equal_searched_ones() {
        let mut seed = 7u64;
        let mut next = || {
            seed = crate::hash::mix(seed);
            seed
        };
        for round in 0..200 {
            let centroid = |n: usize, next: &mut dyn FnMut() -> u64| -> BTreeMap<u64, f32> {
                (0..n).map(|_| (next() % 97, (next() % 1000) as f32 / 997.0)).collect()
            };
            let a = centroid(round % 60, &mut next);
            let b = centroid((round * 7) % 90, &mut next);
            let searched: f32 = a.iter().filter_map(|(k, w)| b.get(k).map(|c| c * w)).sum();
            assert_eq!(centroid_dot(&a, &b).to_bits(), searched.to_bits());
            let mut vector: Vec<(u64, f32)> = a.iter().map(|(&k, &w)| (k, w)).collect();
            vector.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            let searched: f32 = vector.iter().filter_map(|(k, w)| b.get(k).map(|c| c * w)).sum();
            assert_eq!(Keyed::new(&vector).dot(&b).to_bits(), searched.to_bits());
        }
    }
}
