//! Admiralty credibility (1–6) of a proposition, with the reasons in words.
//!
//! Why: an analyst needs one grade and the reasons behind it, derived from the record rather
//! than typed by hand — how many independent voices support it, whether the actor itself
//! acknowledged it, who contradicts it and how reliable the outlets carrying each are.
//!
//! Voices: an attribution's voice is the state or body its speaker speaks for (officials and
//! agencies of one government are one voice, see `data/affiliations.tsv`); an unnamed or
//! unresolved speaker, or the publisher's own assertion, is the publisher's owner (outlets of
//! one owner are one voice; state media and government publishers speak for their country).
//! Near-duplicate copies are not counted at all. A voice's grade is the best grade of the
//! outlets that carry it.
//!
//! The rule (S independent supporting voices, of which G graded B or better; C standing
//! contradicting voices, of which K graded C or better; an acknowledgment is support by a
//! voice that is one of the proposition's core entities, and it voids that voice's earlier
//! denials):
//! - 1 confirmed: acknowledged and S ≥ 2; or S ≥ 3, G ≥ 2 and K = 0;
//! - 2 probably true: acknowledged; or S ≥ 2 and K = 0;
//! - 3 possibly true: S > C;
//! - 4 doubtful: 0 < S ≤ C;
//! - 5 improbable: only contradictions;
//! - 6 cannot be judged: no attribution takes a position.
//!
//! Example: the North Korean deployment after April 2025 — South Korea, Ukraine, the United
//! States and NATO support it, Russia and North Korea acknowledged it — grades 1.
//!
//! Known limits: grades are priors from the registry, not yet learned track records; a voice
//! is a state or an outlet owner, so two agencies of one government never corroborate each
//! other even when they collected independently.

use crate::attribution::Attribution;
use crate::sources::Grade;
use crate::stance::Polarity;
use serde::Serialize;
use std::collections::BTreeMap;

/// A credibility grade and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Credibility {
    /// 1 (confirmed) … 6 (cannot be judged).
    pub grade: u8,
    /// The standard wording of the grade.
    pub meaning: &'static str,
    /// The reasons, one sentence each.
    pub reasons: Vec<String>,
}

/// The standard wording of an Admiralty information-credibility grade.
pub fn meaning(grade: u8) -> &'static str {
    match grade {
        1 => "confirmed by other sources",
        2 => "probably true",
        3 => "possibly true",
        4 => "doubtful",
        5 => "improbable",
        _ => "truth cannot be judged",
    }
}

/// One voice's record on a proposition.
#[derive(Clone, Debug, Default)]
pub struct Voice {
    /// Display name.
    pub name: String,
    /// Best grade of the outlets carrying its supporting attributions.
    pub support: Option<Grade>,
    /// Best grade of the outlets carrying its contradicting attributions.
    pub contradict: Option<Grade>,
    /// Whether it acknowledged the proposition as one of its actors.
    pub acknowledged: bool,
}

/// The voices of a proposition's attributions (copies left out), keyed by voice.
pub fn voices(attributions: &[Attribution]) -> BTreeMap<String, Voice> {
    let mut out: BTreeMap<String, Voice> = BTreeMap::new();
    for a in attributions.iter().filter(|a| !a.copy) {
        let v = out.entry(a.voice.clone()).or_default();
        if v.name.is_empty() {
            v.name.clone_from(&a.voice_name);
        }
        let best = |g: Option<Grade>| Some(g.map_or(a.grade, |g| g.min(a.grade)));
        match a.stance {
            Polarity::Support => v.support = best(v.support),
            Polarity::Contradict => v.contradict = best(v.contradict),
            Polarity::Report => {}
        }
        v.acknowledged |= a.acknowledgment;
    }
    out
}

/// Grades a proposition from its attributions.
pub fn grade(attributions: &[Attribution]) -> Credibility {
    let voices = voices(attributions);
    let support: Vec<&Voice> = voices.values().filter(|v| v.support.is_some()).collect();
    let standing: Vec<&Voice> = voices.values().filter(|v| v.contradict.is_some() && !v.acknowledged).collect();
    let reversed: Vec<&Voice> = voices.values().filter(|v| v.contradict.is_some() && v.acknowledged).collect();
    let acks: Vec<&Voice> = voices.values().filter(|v| v.acknowledged).collect();
    let s = support.len();
    let g = support.iter().filter(|v| v.support <= Some(Grade::B)).count();
    let c = standing.len();
    let k = standing.iter().filter(|v| v.contradict <= Some(Grade::C)).count();
    let acknowledged = !acks.is_empty();
    let grade = if s == 0 && c == 0 {
        6
    } else if (acknowledged && s >= 2) || (s >= 3 && g >= 2 && k == 0) {
        1
    } else if acknowledged || (s >= 2 && k == 0) {
        2
    } else if s > c {
        3
    } else if s > 0 {
        4
    } else {
        5
    };
    let list = |vs: &[&Voice], grade_of: fn(&Voice) -> Option<Grade>| -> String {
        let mut names: Vec<String> =
            vs.iter().map(|v| format!("{} ({})", v.name, grade_of(v).map_or("-".into(), |g| g.to_string()))).collect();
        if names.len() > 8 {
            let more = names.len() - 8;
            names.truncate(8);
            names.push(format!("{more} more"));
        }
        names.join(", ")
    };
    let mut reasons = Vec::new();
    if s > 0 {
        reasons.push(format!(
            "supported by {s} independent voice{} ({g} carried by outlets graded B or better): {}",
            if s == 1 { "" } else { "s" },
            list(&support, |v| v.support)
        ));
    }
    if acknowledged {
        reasons.push(format!(
            "acknowledged by the actor itself: {}",
            acks.iter().map(|v| v.name.as_str()).collect::<Vec<_>>().join(", ")
        ));
    }
    if !reversed.is_empty() {
        reasons.push(format!(
            "earlier contradicted by {}, who later acknowledged it",
            reversed.iter().map(|v| v.name.as_str()).collect::<Vec<_>>().join(", ")
        ));
    }
    if c > 0 {
        reasons.push(format!(
            "contradicted by {c} voice{}: {}",
            if c == 1 { "" } else { "s" },
            list(&standing, |v| v.contradict)
        ));
    }
    let conflicts: Vec<&Attribution> = attributions.iter().filter(|a| !a.copy && a.conflict.is_some()).collect();
    if let Some((figure, own)) = conflicts.first().and_then(|a| a.conflict.as_ref()) {
        reasons.push(format!(
            "{} attribution{} give{} a figure that conflicts with its own (e.g. {figure} against {own})",
            conflicts.len(),
            if conflicts.len() == 1 { "" } else { "s" },
            if conflicts.len() == 1 { "s" } else { "" },
        ));
    }
    let copies = attributions.iter().filter(|a| a.copy).count();
    if copies > 0 {
        reasons.push(format!(
            "{copies} attribution{} in near-duplicate copies not counted",
            if copies == 1 { "" } else { "s" }
        ));
    }
    let relays = attributions.iter().filter(|a| !a.copy && a.stance == Polarity::Report).count();
    if relays > 0 {
        reasons.push(format!("{relays} attribution{} only report it", if relays == 1 { "" } else { "s" }));
    }
    if s == 0 && c == 0 {
        reasons.push("no attribution takes a position".into());
    }
    Credibility { grade, meaning: meaning(grade), reasons }
}
