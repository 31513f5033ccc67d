//! The ledger as a STIX 2.1 bundle (`dossier export stix`, `GET /api/export/stix`).
//!
//! Mapping:
//! - `identity` "Dossier" (`identity_class: system`) creates every object (`created_by_ref`);
//! - `extension-definition` "Dossier ledger properties" (a `property-extension`, [`extension`]):
//!   what STIX has no property for sits in each object's `extensions` under its id
//!   ([`EXTENSION_ID`]), named as listed in its `schema`;
//! - `identity` per source (`organization`, with `admiralty_reliability` = its A–F grade,
//!   `kind`, `country`, `owner`) and per speaker (`unknown`: we cannot tell a person from a body,
//!   with `voice` = whom it speaks for);
//! - `note` per proposition: `abstract` = its text, `content` = text, credibility, status and
//!   reasons; `object_refs` = the reports it appears in; `confidence` from its credibility;
//! - `opinion` per attribution, `object_refs` = the proposition's note: an actor's
//!   acknowledgment → `strongly-agree`, support → `agree`, report → `neutral`, contradict →
//!   `disagree`; `authors` = the speaker (or the publisher), `explanation` = the claim as said;
//! - `relationship` `attributed-to` from each opinion to its speaker's (or publisher's) identity,
//!   and `authored-by` from each report to its publisher's identity;
//! - `report` per cited document: `name` = title, `published` = publication time,
//!   `object_refs` = its opinions, the notes they concern, identities and relationships,
//!   `external_references` = its URL and content id.
//!
//! Confidence follows the STIX 2.1 specification (OASIS Standard, 10 June 2021), Appendix A
//! "Confidence Scales", A.3 "Admiralty Credibility": 1 Confirmed by other sources → 90,
//! 2 Probably True → 70, 3 Possibly True → 50, 4 Doubtful → 30, 5 Improbable → 10,
//! 6 Truth cannot be judged → `confidence` not present. The spec has no scale for source
//! reliability (A–F), so that stays in the extension's `admiralty_reliability`.
//!
//! Ids are `type--UUIDv5(NAMESPACE, "type:key")` over content ids (proposition id, document id,
//! claim index, source name), so re-exporting gives the same ids. `created` is the earliest
//! publication behind an object and `modified` the latest (a note gains a version when a new
//! report is linked); undated → `exports::EPOCH` with `undated: true` in a report's extension.
//!
//! Checked: the tests validate the bundle of the sample corpus against the OASIS STIX 2.1 JSON
//! schemas; OASIS's own `stix2-validator` 3.3.2 also calls it valid, with warnings only: ids are
//! UUIDv5 where the spec recommends v4 (v5 is what makes them reproducible), relationship types
//! outside the spec's list, and external references with a URL but no hash. Our properties live
//! in a property extension, so it has none about custom properties (`.ci/run` checks that).
//!
//! Known limits: identities of speakers are keyed by their words and voice, so "a spokesman" of
//! two ministries are two identities but two wordings of one person are two as well.

use super::{Corpus, EPOCH, NAMESPACE, published, timestamp, uuid5};
use ledger::{Attribution, Polarity, PropositionView};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// The STIX `confidence` of an Admiralty credibility grade (spec Appendix A.3); `None` for 6.
pub fn confidence(credibility: u8) -> Option<u8> {
    match credibility {
        1 => Some(90),
        2 => Some(70),
        3 => Some(50),
        4 => Some(30),
        5 => Some(10),
        _ => None,
    }
}

/// The STIX opinion of an attribution.
pub fn opinion(a: &Attribution) -> &'static str {
    match a.stance {
        Polarity::Support if a.acknowledgment => "strongly-agree",
        Polarity::Support => "agree",
        Polarity::Report => "neutral",
        Polarity::Contradict => "disagree",
    }
}

/// The id of Dossier's `extension-definition`; a change to the meaning of its properties takes
/// a new key (and so a new id), as STIX 2.1 §7.3 asks.
pub static EXTENSION_ID: LazyLock<String> = LazyLock::new(|| id("extension-definition", "dossier-ledger-1"));

/// What the extension's properties mean: its `schema`, in plain text (§7.3 allows a URL or a
/// plain-text definition, and the text travels with the bundle).
const EXTENSION_SCHEMA: &str = "Properties of a Dossier ledger, in each object's extension. \
identity of a publisher: admiralty_reliability (string A-F: the source registry's reliability grade, F when \
unknown), kind (string: state_media, wire, newspaper, broadcaster, government, intelligence, analyst or \
fact_checker), country (string), owner (string). identity of a speaker: voice (string: the state or body it \
speaks for). note of a proposition: proposition (string, 16 hex digits: the proposition's id in Dossier), \
credibility (integer 1-6: Admiralty information credibility), status (string: reported, corroborated, \
disputed, acknowledged or retracted), entities (array of strings: its core entities, most frequent first). \
opinion of an attribution: stance (string: support, contradict or report), admiralty_reliability (as above, \
of its publisher), document (string, 16 hex digits: the content id of its report), claim (integer: the \
claim's index in the document; absent for the publisher's own assertion), copy (boolean: the document is a \
near-duplicate copy and does not count as a voice). report of a document: document (as above), undated \
(boolean true: the document has no publication date, and its times are the epoch).";

/// Dossier's `extension-definition` (STIX 2.1 §7.3), created by the `identity` `dossier`.
pub fn extension(dossier: &str) -> Value {
    json!({
        "type": "extension-definition", "spec_version": "2.1", "id": *EXTENSION_ID,
        "created_by_ref": dossier, "created": EPOCH, "modified": EPOCH,
        "name": "Dossier ledger properties",
        "description": "What Dossier knows of the objects it exports that STIX has no property for: \
            Admiralty source reliability, proposition ids, credibility and status, stances, content ids.",
        "schema": EXTENSION_SCHEMA, "version": "1.0.0", "extension_types": ["property-extension"],
    })
}

/// The deterministic STIX id of the object of `kind` keyed by `key`.
pub fn id(kind: &str, key: &str) -> String {
    format!("{kind}--{}", uuid5(&NAMESPACE, &format!("{kind}:{key}")))
}

/// The bundle of the whole corpus.
pub fn bundle(corpus: &Corpus) -> Value {
    let mut b = Builder::default();
    let dossier = id("identity", "dossier");
    let mut objects = vec![
        json!({
            "type": "identity", "spec_version": "2.1", "id": dossier, "created": EPOCH, "modified": EPOCH,
            "name": "Dossier", "identity_class": "system",
            "description": "Dossier, the engine that turned news into this ledger of claims.",
        }),
        extension(&dossier),
    ];
    for p in &corpus.propositions {
        b.proposition(corpus, p, &dossier);
    }
    for (name, span) in &b.sources {
        objects.push(source_identity(corpus, name, span, &dossier));
    }
    for ((voice, words), (span, voice_name)) in &b.speakers {
        let mut o = core("identity", &id("identity", &speaker_key(voice, words)), span, &dossier);
        o.insert("name".into(), json!(words));
        o.insert("identity_class".into(), json!("unknown"));
        extend(&mut o, Map::from_iter([("voice".into(), json!(voice_name))]));
        objects.push(Value::Object(o));
    }
    objects.append(&mut b.notes);
    objects.append(&mut b.opinions);
    objects.append(&mut b.relationships);
    for (doc_id, refs) in &b.reports {
        objects.push(report(corpus, doc_id, refs, &dossier));
    }
    let all: String = objects.iter().filter_map(|o| o["id"].as_str()).collect::<Vec<_>>().join(",");
    json!({ "type": "bundle", "id": format!("bundle--{}", uuid5(&NAMESPACE, &format!("bundle:{all}"))), "objects": objects })
}

/// The earliest and latest publication behind an object (`None` when undated).
#[derive(Clone, Copy, Default)]
struct Span {
    first: Option<i64>,
    last: Option<i64>,
}

impl Span {
    fn add(&mut self, t: Option<i64>) {
        if let Some(t) = t {
            self.first = Some(self.first.map_or(t, |f| f.min(t)));
            self.last = Some(self.last.map_or(t, |l| l.max(t)));
        }
    }
}

#[derive(Default)]
struct Builder {
    notes: Vec<Value>,
    opinions: Vec<Value>,
    relationships: Vec<Value>,
    sources: BTreeMap<String, Span>,
    speakers: BTreeMap<(String, String), (Span, String)>,
    /// Per document: the ids its report refers to.
    reports: BTreeMap<String, BTreeSet<String>>,
    seen: BTreeSet<String>,
}

impl Builder {
    fn proposition(&mut self, corpus: &Corpus, p: &PropositionView, dossier: &str) {
        let note_id = id("note", &p.id.to_string());
        let mut span = Span::default();
        let mut docs = BTreeSet::new();
        for a in &p.attributions {
            span.add(a.published);
            docs.insert(a.document.to_string());
        }
        let mut note = core("note", &note_id, &span, dossier);
        let mut content = format!(
            "{}\n\nCredibility {} ({}); status: {}.",
            p.text,
            p.credibility.grade,
            p.credibility.meaning,
            p.status.as_str()
        );
        for reason in &p.credibility.reasons {
            content.push_str("\n- ");
            content.push_str(reason);
        }
        note.insert("abstract".into(), json!(p.text));
        note.insert("content".into(), json!(content));
        note.insert("authors".into(), json!(["Dossier"]));
        let refs: Vec<String> = docs.iter().map(|d| id("report", d)).collect();
        note.insert("object_refs".into(), json!(refs));
        if let Some(c) = confidence(p.credibility.grade) {
            note.insert("confidence".into(), json!(c));
        }
        let mut x = Map::new();
        x.insert("proposition".into(), json!(p.id.to_string()));
        x.insert("credibility".into(), json!(p.credibility.grade));
        x.insert("status".into(), json!(p.status.as_str()));
        if !p.entities.is_empty() {
            x.insert("entities".into(), json!(p.entities));
        }
        extend(&mut note, x);
        self.notes.push(Value::Object(note));
        for a in &p.attributions {
            self.attribution(corpus, p, a, &note_id, dossier);
        }
    }

    fn attribution(&mut self, corpus: &Corpus, p: &PropositionView, a: &Attribution, note_id: &str, dossier: &str) {
        let doc = a.document.to_string();
        let claim = a.claim.map_or_else(|| "publisher".to_owned(), |c| c.to_string());
        let opinion_id = id("opinion", &format!("{}:{doc}:{claim}", p.id));
        if !self.seen.insert(opinion_id.clone()) {
            return;
        }
        let span = Span { first: a.published, last: a.published };
        let refs = self.reports.entry(doc.clone()).or_default();
        refs.insert(opinion_id.clone());
        refs.insert(note_id.to_owned());
        let source_id = a.source.as_ref().map(|name| {
            self.sources.entry(name.clone()).or_default().add(a.published);
            id("identity", &format!("source:{name}"))
        });
        let speaker_id = a.speaker.as_ref().filter(|_| a.claim.is_some()).map(|words| {
            let entry = self
                .speakers
                .entry((a.voice.clone(), words.clone()))
                .or_insert((Span::default(), a.voice_name.clone()));
            entry.0.add(a.published);
            id("identity", &speaker_key(&a.voice, words))
        });
        let mut o = core("opinion", &opinion_id, &span, dossier);
        let author = a.speaker.clone().filter(|_| a.claim.is_some()).or_else(|| a.source.clone());
        o.insert("authors".into(), json!([author.clone().unwrap_or_else(|| a.voice_name.clone())]));
        o.insert("explanation".into(), json!(explanation(corpus, a)));
        o.insert("object_refs".into(), json!([note_id]));
        o.insert("opinion".into(), json!(opinion(a)));
        let mut x = Map::new();
        x.insert("stance".into(), json!(a.stance.as_str()));
        x.insert("admiralty_reliability".into(), json!(a.grade.to_string()));
        x.insert("document".into(), json!(doc));
        if let Some(c) = a.claim {
            x.insert("claim".into(), json!(c));
        }
        x.insert("copy".into(), json!(a.copy));
        extend(&mut o, x);
        self.opinions.push(Value::Object(o));
        if let Some(target) = speaker_id.as_ref().or(source_id.as_ref()) {
            let rel = self.relationship("attributed-to", &opinion_id, target, &span, dossier);
            self.reports.entry(doc.clone()).or_default().extend([target.clone(), rel]);
        }
        if let Some(source) = &source_id {
            let doc_span = Span { first: a.published, last: a.published };
            let rel = self.relationship("authored-by", &id("report", &doc), source, &doc_span, dossier);
            self.reports.entry(doc).or_default().extend([source.clone(), rel]);
        }
    }

    /// Adds a relationship once; returns its id.
    fn relationship(&mut self, kind: &str, from: &str, to: &str, span: &Span, dossier: &str) -> String {
        let rel_id = id("relationship", &format!("{kind}:{from}:{to}"));
        if self.seen.insert(rel_id.clone()) {
            let mut o = core("relationship", &rel_id, span, dossier);
            o.insert("relationship_type".into(), json!(kind));
            o.insert("source_ref".into(), json!(from));
            o.insert("target_ref".into(), json!(to));
            self.relationships.push(Value::Object(o));
        }
        rel_id
    }
}

/// Puts Dossier's own properties of an object in its `extensions`, under [`EXTENSION_ID`].
fn extend(o: &mut Map<String, Value>, properties: Map<String, Value>) {
    let mut extension = Map::from_iter([("extension_type".into(), json!("property-extension"))]);
    extension.extend(properties);
    o.insert("extensions".into(), json!({ EXTENSION_ID.as_str(): extension }));
}

/// The common properties of an object created by Dossier.
fn core(kind: &str, object_id: &str, span: &Span, dossier: &str) -> Map<String, Value> {
    let mut o = Map::new();
    o.insert("type".into(), json!(kind));
    o.insert("spec_version".into(), json!("2.1"));
    o.insert("id".into(), json!(object_id));
    o.insert("created_by_ref".into(), json!(dossier));
    o.insert("created".into(), json!(timestamp(span.first)));
    o.insert("modified".into(), json!(timestamp(span.last)));
    o
}

fn speaker_key(voice: &str, words: &str) -> String {
    format!("speaker:{voice}:{words}")
}

/// The claim as said: "speaker cue: content", from the stored claim when there is one.
fn explanation(corpus: &Corpus, a: &Attribution) -> String {
    match (corpus.claim(a), &a.speaker) {
        (Some(c), _) => {
            let speaker = c.speaker.as_deref().unwrap_or("(unnamed)");
            format!("{speaker} {}: {}", c.cue, c.content)
        }
        (None, Some(s)) => format!("{s}: {}", a.text),
        (None, None) => format!("{}: {}", a.source.as_deref().unwrap_or("the publisher"), a.text),
    }
}

fn source_identity(corpus: &Corpus, name: &str, span: &Span, dossier: &str) -> Value {
    let mut o = core("identity", &id("identity", &format!("source:{name}")), span, dossier);
    o.insert("name".into(), json!(name));
    o.insert("identity_class".into(), json!("organization"));
    let source = corpus.registry.lookup(Some(name), None);
    let grade = source.map_or_else(|| "F".to_owned(), |s| s.grade.to_string());
    let mut x = Map::from_iter([("admiralty_reliability".into(), json!(grade))]);
    if let Some(s) = source {
        if let Ok(kind) = serde_json::to_value(s.kind) {
            x.insert("kind".into(), kind);
        }
        if let Some(c) = &s.country {
            x.insert("country".into(), json!(c));
        }
        if let Some(owner) = &s.owner {
            x.insert("owner".into(), json!(owner));
        }
    }
    extend(&mut o, x);
    Value::Object(o)
}

fn report(corpus: &Corpus, doc_id: &str, refs: &BTreeSet<String>, dossier: &str) -> Value {
    let doc = corpus.documents.get(doc_id);
    let t = doc.and_then(published);
    let mut o = core("report", &id("report", doc_id), &Span { first: t, last: t }, dossier);
    let title = doc.map(|d| d.title.as_str()).filter(|t| !t.is_empty());
    o.insert("name".into(), json!(title.map_or_else(|| format!("document {doc_id}"), str::to_owned)));
    o.insert("published".into(), json!(timestamp(t)));
    o.insert("object_refs".into(), json!(refs));
    let source_name = doc.and_then(|d| d.source.clone()).unwrap_or_else(|| "dossier".to_owned());
    let mut reference = json!({ "source_name": source_name, "external_id": doc_id });
    if let Some(url) =
        doc.and_then(|d| d.url.as_deref()).filter(|u| u.starts_with("http://") || u.starts_with("https://"))
    {
        reference["url"] = json!(url);
    }
    o.insert("external_references".into(), json!([reference]));
    if let Some(lang) = doc.and_then(|d| d.language.clone()) {
        o.insert("lang".into(), json!(lang));
    }
    let mut x = Map::from_iter([("document".into(), json!(doc_id))]);
    if t.is_none() {
        x.insert("undated".into(), json!(true));
    }
    extend(&mut o, x);
    Value::Object(o)
}
