//! What the ledger shows of a proposition: [`PropositionView`] (its text, core entities,
//! attributions with stance and grade, credibility with reasons, lifecycle and series) and
//! [`ExportLine`], the stable JSONL shape of `dossier export propositions`.
//!
//! Why: the CLI, the server and the exports read one view, built on demand from the stored
//! claim records and the current source registry, so a corrected registry regrades everything
//! without re-linking.
//!
//! Example (one line of the export):
//! `{"id":"…","text":"North Korea sent troops to fight for Russia","credibility":1,
//! "status":"acknowledged","first_reported":{"date":"2024-10-13","source":"Kyiv Evening
//! Dispatch"},"attributions":[{"document":"…","claim":0,"source":"…","published":
//! "2024-10-13T18:40:00Z","grade":"C","stance":"support","ref":"kyiv-0412","url":"https://…",
//! "title":"…"}, …]}`
//!
//! Known limits: times are shown in UTC (the ledger keeps Unix seconds, not offsets).

use crate::attribution::Attribution;
use crate::credibility::{self, Credibility};
use crate::lexicon;
use crate::lifecycle::{self, Stage, Transition};
use crate::propositions::{self, ClaimRecord};
use crate::series::{self, Estimate, RawEstimate, Series};
use crate::sources::{Grade, Kind, SourceRegistry};
use crate::stance::Polarity;
use model::{DocId, Stance as Cue};
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;

/// A proposition's id: a hash of its canonically first claim (document id and claim index).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PropositionId(pub u64);

impl fmt::Display for PropositionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl PropositionId {
    /// Parses the 16-hex-digit form.
    pub fn parse(hex: &str) -> Option<PropositionId> {
        (hex.len() == 16).then(|| u64::from_str_radix(hex, 16).ok()).flatten().map(PropositionId)
    }
}

impl Serialize for PropositionId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The status word of a proposition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Reported by one voice, not contradicted.
    Reported,
    /// Supported by two or more independent voices.
    Corroborated,
    /// Contradicted by a voice that did not come round.
    Disputed,
    /// Acknowledged by an actor.
    Acknowledged,
    /// Taken back by a supporter.
    Retracted,
}

impl Status {
    /// The export word.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Reported => "reported",
            Status::Corroborated => "corroborated",
            Status::Disputed => "disputed",
            Status::Acknowledged => "acknowledged",
            Status::Retracted => "retracted",
        }
    }
}

/// A proposition as shown to users.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PropositionView {
    /// Id.
    pub id: PropositionId,
    /// Its most central supporting claim's content.
    pub text: String,
    /// Core entities (in at least half of its claims), most frequent first.
    pub entities: Vec<String>,
    /// Predicate family, when its claims have one.
    pub family: Option<String>,
    /// Admiralty credibility with reasons.
    pub credibility: Credibility,
    /// Status word.
    pub status: Status,
    /// Dated transitions.
    pub lifecycle: Vec<Transition>,
    /// Numeric estimates by measure.
    pub series: Vec<Series>,
    /// Every attribution, in publication order (a sample of them after
    /// [`PropositionView::sampled`]).
    pub attributions: Vec<Attribution>,
    /// How many attributions it has, also when `attributions` holds a sample.
    pub attributions_total: usize,
}

/// `first_reported` of the export.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FirstReported {
    /// `YYYY-MM-DD` (UTC), or null when undated.
    pub date: Option<String>,
    /// The publisher.
    pub source: Option<String>,
}

/// One attribution of the export.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExportAttribution {
    /// Document id.
    pub document: String,
    /// Claim index, or null for the publisher's own assertion.
    pub claim: Option<usize>,
    /// Publisher.
    pub source: Option<String>,
    /// Publication time, RFC 3339 UTC.
    pub published: Option<String>,
    /// Publisher grade A–F.
    pub grade: String,
    /// `support`, `contradict` or `report`.
    pub stance: &'static str,
    /// The input's own id, else the URL, else the file name (see [`Attribution::reference`]).
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    /// The document's URL.
    pub url: Option<String>,
    /// The document's title.
    pub title: Option<String>,
}

/// One line of `dossier export propositions` (issue 5's contract; keep it stable).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExportLine {
    /// Proposition id.
    pub id: String,
    /// Text.
    pub text: String,
    /// Credibility 1–6.
    pub credibility: u8,
    /// Status word.
    pub status: &'static str,
    /// When and by whom first reported.
    pub first_reported: FirstReported,
    /// Attributions in publication order.
    pub attributions: Vec<ExportAttribution>,
}

impl PropositionView {
    /// The view with at most about `max` attributions: evenly spaced in publication order, the
    /// first and the last, plus every attribution a lifecycle transition points to — enough to
    /// draw its course when a proposition gathers thousands (`attributions_total` keeps the
    /// count). The grade, status and series are those of all attributions.
    pub fn sampled(mut self, max: usize) -> PropositionView {
        let n = self.attributions.len();
        if n <= max || max == 0 {
            return self;
        }
        let evidence: std::collections::HashSet<(DocId, Option<usize>)> =
            self.lifecycle.iter().map(|t| (t.document, t.claim)).collect();
        let step = n as f64 / max as f64;
        let mut keep: std::collections::BTreeSet<usize> = (0..max).map(|i| (i as f64 * step) as usize).collect();
        keep.insert(n - 1);
        keep.extend(
            (0..n).filter(|&k| evidence.contains(&(self.attributions[k].document, self.attributions[k].claim))),
        );
        let all = std::mem::take(&mut self.attributions);
        self.attributions = all.into_iter().enumerate().filter(|(k, _)| keep.contains(k)).map(|(_, a)| a).collect();
        self
    }

    /// The export line.
    pub fn export(&self) -> ExportLine {
        let first = self.lifecycle.iter().find(|t| t.stage == Stage::FirstReported);
        ExportLine {
            id: self.id.to_string(),
            text: self.text.clone(),
            credibility: self.credibility.grade,
            status: self.status.as_str(),
            first_reported: FirstReported {
                date: first.and_then(|t| t.published).map(|t| date(t)[..10].to_owned()),
                source: first.and_then(|t| t.source.clone()),
            },
            attributions: self
                .attributions
                .iter()
                .map(|a| ExportAttribution {
                    document: a.document.to_string(),
                    claim: a.claim,
                    source: a.source.clone(),
                    published: a.published.map(date),
                    grade: a.grade.to_string(),
                    stance: a.stance.as_str(),
                    reference: a.reference.clone(),
                    url: a.url.clone(),
                    title: a.title.clone(),
                })
                .collect(),
        }
    }

    /// The series of one measure, if any.
    pub fn series(&self, measure: &str) -> Option<&Series> {
        self.series.iter().find(|s| s.measure == measure)
    }
}

/// What a view needs from the rest of the ledger.
pub struct Context<'a> {
    /// The source registry.
    pub sources: &'a SourceRegistry,
    /// Whether a document is a near-duplicate copy.
    pub is_copy: &'a dyn Fn(DocId) -> bool,
    /// An entity's display name.
    pub name: &'a dyn Fn(&str) -> Option<String>,
}

/// Builds the view of one component (claim records in canonical order).
pub fn build(records: &[&ClaimRecord], cx: &Context<'_>) -> PropositionView {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for r in records.iter().filter(|r| !r.anaphoric) {
        for e in &r.entities {
            *counts.entry(e.as_str()).or_default() += 1;
        }
    }
    let keyed = records.iter().filter(|r| !r.anaphoric).count().max(1);
    let mut entities: Vec<(&str, usize)> = counts.into_iter().filter(|&(_, n)| 2 * n >= keyed).collect();
    entities.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let entities: Vec<String> = entities.into_iter().map(|(e, _)| e.to_owned()).collect();
    let mut families: BTreeMap<&str, usize> = BTreeMap::new();
    for r in records {
        if let Some(f) = &r.family {
            *families.entry(f.as_str()).or_default() += 1;
        }
    }
    let family = families.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(f, _)| (*f).to_owned());
    let central = central(records);
    let reference: &[RawEstimate] = central.map_or(&[], |c| c.estimates.as_slice());
    let central_voice = central.map(|c| voice(c, cx).0);
    let mut attributions: Vec<Attribution> = records
        .iter()
        .map(|r| {
            let mut a = attribution(r, &entities, cx);
            // Another voice's figure that cannot be the proposition's own at about the same time
            // ("3,000 troops" against "around 12,000") disputes what it asserts, whatever the
            // cue says. The same voice changing its figure, or a count that grew over months
            // (casualties), is an update, not a contradiction.
            let near = |c: &ClaimRecord| match (c.published, r.published) {
                (Some(x), Some(y)) => (x - y).abs() <= FIGURE_WINDOW_DAYS * 86_400,
                _ => false,
            };
            if let Some(conflict) = conflicting(reference, &r.estimates)
                && a.stance == Polarity::Support
                && central_voice.as_ref() != Some(&a.voice)
                && central.is_some_and(near)
            {
                a.stance = Polarity::Contradict;
                a.acknowledgment = false;
                a.conflict = Some(conflict);
            }
            a
        })
        .collect();
    attributions.sort_by_key(Attribution::order);
    // An actor acknowledges what others reported first: a claim an actor makes before anyone
    // else is its own announcement, not an acknowledgment.
    for k in 0..attributions.len() {
        if attributions[k].acknowledgment {
            let (voice, doc, t) = (&attributions[k].voice, attributions[k].document, attributions[k].published);
            let earlier = attributions[..k]
                .iter()
                .any(|o| !o.copy && o.voice != *voice && o.document != doc && o.published < t && o.published.is_some());
            attributions[k].acknowledgment = earlier;
        }
    }
    let mut estimates = Vec::new();
    for r in records.iter().filter(|r| !(cx.is_copy)(r.doc)) {
        let by = by_name(r, cx);
        for e in &r.estimates {
            estimates.push(Estimate {
                figure: e.clone(),
                by: by.clone(),
                source: source_name(r, cx),
                published: r.published,
                document: r.doc,
                claim: r.claim.map(|c| c as usize),
            });
        }
    }
    let credibility = credibility::grade(&attributions);
    let lifecycle = lifecycle::lifecycle(&attributions);
    let has = |s: Stage| lifecycle.iter().any(|t| t.stage == s);
    let standing = credibility::voices(&attributions).values().any(|v| v.contradict.is_some() && !v.acknowledged);
    let status = if has(Stage::Acknowledged) {
        Status::Acknowledged
    } else if has(Stage::Retracted) {
        Status::Retracted
    } else if standing {
        Status::Disputed
    } else if has(Stage::Corroborated) {
        Status::Corroborated
    } else {
        Status::Reported
    };
    PropositionView {
        id: PropositionId(propositions::id_of(records[0])),
        text: central.map_or_else(String::new, |c| c.text.clone()),
        entities,
        family,
        credibility,
        status,
        lifecycle,
        series: series::group(estimates),
        attributions_total: attributions.len(),
        attributions,
    }
}

/// The content of the supporting claim that shares most terms with the others (ties: the
/// canonically first).
fn central<'a>(records: &[&'a ClaimRecord]) -> Option<&'a ClaimRecord> {
    let pool: Vec<&&'a ClaimRecord> = {
        let support: Vec<&&'a ClaimRecord> =
            records.iter().filter(|r| !r.anaphoric && r.polarity == Polarity::Support).take(200).collect();
        if support.is_empty() { records.iter().take(200).collect() } else { support }
    };
    let mut best: Option<(f64, &'a ClaimRecord)> = None;
    for r in &pool {
        let score: f64 = pool.iter().map(|o| propositions::dice(&r.terms, &o.terms)).sum();
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, r));
        }
    }
    best.map(|(_, r)| r)
}

/// The first of `figures` that conflicts with a reference figure of the same measure, with that
/// reference: their spans do not meet even widened by [`FIGURE_TOLERANCE`] ("3,000" against
/// "around 12,000" conflict; "10,000" against "around 12,000" do not; a bare lower bound meets
/// anything above it).
fn conflicting(reference: &[RawEstimate], figures: &[RawEstimate]) -> Option<(String, String)> {
    figures.iter().find_map(|f| {
        reference
            .iter()
            .find(|r| r.measure == f.measure && !meet(span(r), span(f)))
            .map(|r| (f.text.clone(), r.text.clone()))
    })
}

/// Days apart within which two voices' figures are compared.
pub const FIGURE_WINDOW_DAYS: i64 = 30;

/// How far apart two figures may be and still describe the same count: a quarter either way.
pub const FIGURE_TOLERANCE: f64 = 0.25;

fn span(e: &RawEstimate) -> (f64, f64) {
    let (lo, hi) = match (e.value, e.min, e.max) {
        (Some(v), _, _) => (v, v),
        (None, Some(a), Some(b)) => (a, b),
        (None, Some(a), None) => (a, f64::INFINITY),
        (None, None, Some(b)) => (0.0, b),
        (None, None, None) => (0.0, f64::INFINITY),
    };
    match e.bound {
        model::Bound::AtLeast => (lo, f64::INFINITY),
        model::Bound::AtMost => (0.0, hi),
        _ => (lo, hi),
    }
}

fn meet(a: (f64, f64), b: (f64, f64)) -> bool {
    let widen = |(lo, hi): (f64, f64)| (lo * (1.0 - FIGURE_TOLERANCE), hi * (1.0 + FIGURE_TOLERANCE));
    let (a, b) = (widen(a), widen(b));
    a.0 <= b.1 && b.0 <= a.1
}

fn attribution(r: &ClaimRecord, core: &[String], cx: &Context<'_>) -> Attribution {
    let source = cx.sources.lookup(r.source.as_deref(), r.url.as_deref());
    let (voice, voice_name) = voice(r, cx);
    let fact_check = source.is_some_and(|s| s.kind == Kind::FactChecker);
    // A fact check quoting a claim relays it; only its own verdict takes a position.
    let stance = if fact_check && r.claim.is_some() { Polarity::Report } else { r.polarity };
    let assertive = matches!(r.cue, None | Some(Cue::Confirm | Cue::Report | Cue::Assert | Cue::Praise));
    let acknowledgment = stance == Polarity::Support && !r.hedged && assertive && core.contains(&voice);
    Attribution {
        document: r.doc,
        claim: r.claim.map(|c| c as usize),
        source: source_name(r, cx),
        published: r.published,
        grade: source.map_or(Grade::F, |s| s.grade),
        kind: source.map(|s| s.kind),
        stance,
        speaker: r.speaker.clone(),
        voice,
        voice_name,
        text: r.text.clone(),
        copy: (cx.is_copy)(r.doc),
        acknowledgment,
        conflict: None,
        reference: None,
        url: r.url.clone(),
        title: None,
    }
}

/// The voice of a record: the state or body its speaker speaks for, else the publisher's
/// owner (state media and government publishers speak for their country).
fn voice(r: &ClaimRecord, cx: &Context<'_>) -> (String, String) {
    if let Some(e) = &r.speaker_entity {
        let folded = lexicon::fold_place(e);
        let key = lexicon::affiliation(folded).unwrap_or(folded).to_owned();
        let name = (cx.name)(&key).unwrap_or_else(|| key.clone());
        return (key, name);
    }
    let source = cx.sources.lookup(r.source.as_deref(), r.url.as_deref());
    if let Some(s) = source {
        if matches!(s.kind, Kind::StateMedia | Kind::Government)
            && let Some(country) = &s.country
        {
            let key = format!("gpe:{country}");
            let name = (cx.name)(&key).unwrap_or_else(|| key.clone());
            return (key, name);
        }
        let owner = s.owner.clone().unwrap_or_else(|| s.name.clone());
        return (format!("owner:{owner}"), s.name.clone());
    }
    let name = r.source.clone().unwrap_or_else(|| format!("document {}", r.doc));
    (format!("owner:{name}"), name)
}

fn by_name(r: &ClaimRecord, cx: &Context<'_>) -> String {
    match (&r.speaker, &r.speaker_entity) {
        (_, Some(e)) => (cx.name)(e).unwrap_or_else(|| r.speaker.clone().unwrap_or_default()),
        (Some(s), None) => s.clone(),
        (None, None) => source_name(r, cx).unwrap_or_default(),
    }
}

fn source_name(r: &ClaimRecord, cx: &Context<'_>) -> Option<String> {
    cx.sources.lookup(r.source.as_deref(), r.url.as_deref()).map(|s| s.name.clone()).or_else(|| r.source.clone())
}

/// Unix seconds as RFC 3339 UTC (`2024-10-13T18:40:00Z`), without a clock or a date crate.
pub fn date(t: i64) -> String {
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400);
    // Howard Hinnant's civil-from-days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs % 3600 / 60, secs % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_rfc3339_utc() {
        assert_eq!(date(0), "1970-01-01T00:00:00Z");
        assert_eq!(date(1_745_798_400), "2025-04-28T00:00:00Z");
        assert_eq!(date(951_782_400), "2000-02-29T00:00:00Z");
    }
}
