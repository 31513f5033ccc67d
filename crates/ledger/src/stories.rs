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
//! never a scan over stories or documents. Ties are broken by story index, and `Ledger::rebuild`
//! replays documents in canonical order (published time, id), so the result depends on the set
//! of documents, not on the order they arrived in.
//!
//! Example: "NATO confirms North Korean troops in Kursk" (28 Oct 2024) joins the story founded by
//! "Ukraine says North Korea is preparing 10,000 troops" (17 Oct) through `gpe:KP`, `troop`,
//! `kursk`; a rate cut by the Bank of Korea the same week founds its own.
//!
//! Known limits: single pass — a story is never split, and two stories are never merged after
//! the fact (a rebuild re-decides everything); the time discount uses the story's whole span,
//! so a long-running story stays open to documents inside it.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Document features used to look up candidate stories.
pub const QUERY_FEATURES: usize = 12;
/// Stories kept per feature in the inverted index (the most recently active ones).
pub const POSTING_CAP: usize = 48;
/// Stories scored exactly per document, after pre-ranking by shared query weight.
pub const CANDIDATES: usize = 32;
/// Features kept in a story centroid (pruned to this when it doubles).
pub const CENTROID_CAP: usize = 128;

/// The thresholds of story assignment.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Params {
    /// Least similarity (after the time discount) to join a story.
    pub join: f32,
    /// Days over which similarity decays by a factor e outside a story's time span.
    pub time_scale_days: f32,
}

/// One story: its documents and centroid.
#[derive(Clone, Debug, Serialize, Deserialize)]
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
    postings: HashMap<u64, Vec<(u32, i64)>>,
    of_doc: Vec<u32>,
}

impl Stories {
    /// Assigns the next document (key = documents so far) with unit `vector` and publication
    /// `time`.
    pub fn assign(&mut self, vector: &[(u64, f32)], time: Option<i64>, params: Params) -> Assigned {
        // Pre-rank the stories found in the postings by the query weight they share, and score
        // only the best few exactly: the cost stays bounded when the lists are full.
        let mut shared: HashMap<u32, f32> = HashMap::new();
        for (k, w) in vector.iter().take(QUERY_FEATURES) {
            for &(s, _) in self.postings.get(k).into_iter().flatten() {
                *shared.entry(s).or_default() += w;
            }
        }
        let mut candidates: Vec<(u32, f32)> = shared.into_iter().collect();
        candidates.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates.truncate(CANDIDATES);
        candidates.sort_unstable_by_key(|c| c.0);
        let mut best: Option<(u32, f32)> = None;
        for (s, _) in candidates {
            let score = self.similarity(s, vector, time, params);
            if best.is_none_or(|(_, b)| score > b) {
                best = Some((s, score));
            }
        }
        match best {
            Some((story, score)) if score >= params.join => {
                self.join(story, vector, time);
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
                self.join(story, vector, time);
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
    }

    /// The story of document `key`.
    pub fn story_of(&self, key: u32) -> u32 {
        self.of_doc[key as usize]
    }

    /// All stories, by index.
    pub fn all(&self) -> &[Story] {
        &self.stories
    }

    /// Cosine of `vector` with the centroid of `story`, discounted by time distance.
    pub fn similarity(&self, story: u32, vector: &[(u64, f32)], time: Option<i64>, params: Params) -> f32 {
        let s = &self.stories[story as usize];
        if s.norm <= 0.0 {
            return 0.0;
        }
        let dot: f32 = vector.iter().filter_map(|(k, w)| s.centroid.get(k).map(|c| c * w)).sum();
        dot / s.norm * decay(s, time, params.time_scale_days)
    }

    fn join(&mut self, story: u32, vector: &[(u64, f32)], time: Option<i64>) {
        let key = self.of_doc.len() as u32;
        self.of_doc.push(story);
        let s = &mut self.stories[story as usize];
        s.docs.push(key);
        widen(s, time);
        for &(k, w) in vector {
            *s.centroid.entry(k).or_default() += w;
        }
        if s.centroid.len() > 2 * CENTROID_CAP {
            let mut kept: Vec<(u64, f32)> = s.centroid.iter().map(|(&k, &w)| (k, w)).collect();
            kept.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            kept.truncate(CENTROID_CAP);
            s.centroid = kept.into_iter().collect();
        }
        s.norm = s.centroid.values().map(|w| w * w).sum::<f32>().sqrt();
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
            && self.stories.iter().all(|s| !s.docs.is_empty() && s.docs.iter().all(|&d| (d as usize) < docs))
            && self.postings.values().flatten().all(|&(s, _)| (s as usize) < self.stories.len())
    }
}
