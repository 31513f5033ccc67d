//! The dated lifecycle of a proposition: first reported → disputed → corroborated → officially
//! acknowledged (or retracted), each transition pointing to its evidence (document, claim).
//!
//! Why: "since when, and what changed?" is the analyst's question; the answer must follow
//! publication time, never the order documents reached the ledger.
//!
//! Transitions, over the attributions in publication order (copies left out):
//! - `first_reported`: the first attribution that supports or reports it;
//! - `disputed`: the first contradiction;
//! - `corroborated`: the attribution that brings a second independent supporting voice;
//! - `acknowledged`: each actor's first acknowledgment;
//! - `retracted`: a voice that supported it contradicting it later, on a later day, and never
//!   supporting it again (actors who acknowledged are never retracted).
//!
//! Example: North Korean troops in Russia — first reported 2024-10-13 (Kyiv Evening Dispatch,
//! Ukraine), disputed 2024-10-17 (Russia), corroborated 2024-10-17, acknowledged 2025-04-26
//! (Russia) and 2025-04-27 (North Korea).
//!
//! Known limits: a retrospective article relaying an old denial dates it at its own
//! publication; undated documents come last.

use crate::attribution::Attribution;
use crate::stance::Polarity;
use model::DocId;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A stage of the lifecycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// First reported.
    FirstReported,
    /// Contradicted for the first time.
    Disputed,
    /// A second independent voice supports it.
    Corroborated,
    /// An actor acknowledged it.
    Acknowledged,
    /// A supporter took it back.
    Retracted,
}

impl Stage {
    /// The word used in exports and timelines.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::FirstReported => "first_reported",
            Stage::Disputed => "disputed",
            Stage::Corroborated => "corroborated",
            Stage::Acknowledged => "acknowledged",
            Stage::Retracted => "retracted",
        }
    }
}

/// One transition and its evidence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Transition {
    /// The stage reached.
    pub stage: Stage,
    /// Publication time of the evidence, Unix seconds.
    pub published: Option<i64>,
    /// Who: the voice's name.
    pub by: String,
    /// The publisher carrying it.
    pub source: Option<String>,
    /// The evidence document.
    pub document: DocId,
    /// The evidence claim (`None`: the publisher's own assertion).
    pub claim: Option<usize>,
}

/// The transitions, in publication order.
pub fn lifecycle(attributions: &[Attribution]) -> Vec<Transition> {
    let mut ordered: Vec<&Attribution> = attributions.iter().filter(|a| !a.copy).collect();
    ordered.sort_by_key(|a| a.order());
    let mut out = Vec::new();
    let at = |stage: Stage, a: &Attribution| Transition {
        stage,
        published: a.published,
        by: a.voice_name.clone(),
        source: a.source.clone(),
        document: a.document,
        claim: a.claim,
    };
    if let Some(a) = ordered.iter().find(|a| a.stance != Polarity::Contradict) {
        out.push(at(Stage::FirstReported, a));
    }
    if let Some(a) = ordered.iter().find(|a| a.stance == Polarity::Contradict) {
        out.push(at(Stage::Disputed, a));
    }
    let mut supporters = BTreeSet::new();
    for a in ordered.iter().filter(|a| a.stance == Polarity::Support) {
        supporters.insert(a.voice.as_str());
        if supporters.len() == 2 {
            out.push(at(Stage::Corroborated, a));
            break;
        }
    }
    let mut acked = BTreeSet::new();
    for a in ordered.iter().filter(|a| a.acknowledgment) {
        if acked.insert(a.voice.as_str()) {
            out.push(at(Stage::Acknowledged, a));
        }
    }
    let mut by_voice: BTreeMap<&str, Vec<&Attribution>> = BTreeMap::new();
    for a in &ordered {
        by_voice.entry(a.voice.as_str()).or_default().push(a);
    }
    for (voice, list) in by_voice {
        if acked.contains(voice) {
            continue;
        }
        let day = |a: &Attribution| a.published.map(|t| t.div_euclid(86_400));
        let Some(first_support) = list.iter().find(|a| a.stance == Polarity::Support) else { continue };
        let last_support = list.iter().rev().find(|a| a.stance == Polarity::Support).expect("one exists");
        if let Some(retraction) = list
            .iter()
            .find(|a| a.stance == Polarity::Contradict && day(a) > day(last_support) && day(a) > day(first_support))
        {
            out.push(at(Stage::Retracted, retraction));
        }
    }
    out.sort_by(|a, b| {
        (a.published.is_none(), a.published, a.stage, a.document, a.claim).cmp(&(
            b.published.is_none(),
            b.published,
            b.stage,
            b.document,
            b.claim,
        ))
    });
    out
}
