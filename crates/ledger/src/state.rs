//! The incremental ledger: [`Ledger`] holds every document's stored features, the duplicate
//! groups and the stories; [`Ledger::add`] links one more analyzed document in, touching only
//! the few groups and stories its index lookups return; the whole state serializes with serde
//! so the engine can persist it and load it back.
//!
//! Why: `link` must be incremental (one more article must not recompute the store), and the
//! engine owns persistence (`ledger` does no I/O). Everything a later stage needs to redo the
//! linking — MinHash signatures, raw features, publication times, titles — is kept here, so
//! [`Ledger::rebuild`] can re-link in canonical order (published time, then id) without the
//! texts, and a version that changes thresholds can re-link stored ledgers.
//!
//! Example:
//! ```
//! # use model::{Analysis, Document, Draft, Format};
//! let doc = Document::from_draft(Draft { title: Some("Troops seen".into()), body: "In Kursk.".into(),
//!     ..Draft::new(Format::Text, "a.txt") }).unwrap();
//! let mut ledger = ledger::Ledger::default();
//! let update = ledger.add(&doc, &Analysis::default());
//! assert!(update.new_story && update.duplicate_of.is_none());
//! let json = serde_json::to_string(&ledger).unwrap();
//! let back: ledger::Ledger = serde_json::from_str(&json).unwrap();
//! assert_eq!(back.stories(), ledger.stories());
//! ```
//!
//! Known limits: `add` is online, so the ledger after a batch depends on the order it came in
//! (a document joins the stories that exist when it arrives); `rebuild` makes it depend on the
//! set only, at the cost of one pass over the stored features. Documents are never removed.

use crate::duplicates::Duplicates;
use crate::features::{self, Features, Weights};
use crate::hash::IntMap;
use crate::minhash::Signature;
use crate::pairs::LinkModel;
use crate::propositions::{ClaimRecord, Propositions};
use crate::shingles::{self, SHINGLE_WORDS};
use crate::sources::SourceRegistry;
use crate::stories::{Params, Stories};
use crate::terms::Frequencies;
use crate::view::{self, PropositionId, PropositionView};
use model::{Analysis, DocId, Document};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// Version of the stored form; a ledger of another version is refused on load (re-link from
/// the store instead).
pub const FORMAT: u32 = 7;

/// The thresholds of linking, all measured (see `eval::ledger`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Config {
    /// Least estimated Jaccard similarity of 3-word shingles for a near-duplicate.
    pub duplicate_threshold: f64,
    /// Story assignment thresholds.
    pub story: Params,
    /// Entity/term balance of document vectors.
    pub weights: Weights,
    /// The pair score and threshold that join claims into propositions.
    pub link: LinkModel,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            duplicate_threshold: crate::duplicates::THRESHOLD,
            story: Params { join: 0.12, time_scale_days: 60.0, merge: 0.15 },
            weights: Weights { entity_share: 0.5 },
            link: LinkModel::default(),
        }
    }
}

/// A story's id: the id of the document that founded it (after [`Ledger::rebuild`], the
/// story's most central original document, the one its title comes from), so ids come from
/// content, not from a counter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StoryId(pub DocId);

impl fmt::Display for StoryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl StoryId {
    /// Parses the 16-hex-digit form.
    pub fn parse(hex: &str) -> Option<StoryId> {
        DocId::parse(hex).map(StoryId)
    }
}

impl Serialize for StoryId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for StoryId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<StoryId, D::Error> {
        DocId::deserialize(deserializer).map(StoryId)
    }
}

/// What adding one document did.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LedgerUpdate {
    /// The document.
    pub doc: DocId,
    /// The first document of the near-duplicate group it joined (`None`: it is an original).
    pub duplicate_of: Option<DocId>,
    /// The most similar earlier document of that group and the estimated Jaccard similarity.
    pub nearest: Option<(DocId, f64)>,
    /// The story it belongs to.
    pub story: StoryId,
    /// Whether it founded that story.
    pub new_story: bool,
    /// Its similarity with the story it joined (none for a new story or a copy).
    pub similarity: Option<f32>,
    /// Whether the document was already in the ledger (then nothing changed).
    pub known: bool,
}

/// A story as shown to users.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoryView {
    /// Id.
    pub id: StoryId,
    /// The headline of its most central original document.
    pub title: String,
    /// Earliest publication time, Unix seconds.
    pub first_published: Option<i64>,
    /// Latest publication time, Unix seconds.
    pub last_published: Option<i64>,
    /// Its documents in canonical order (published time, id; undated last).
    pub documents: Vec<DocId>,
    /// Distinct voices: near-duplicate groups count once.
    pub voices: usize,
    /// The heaviest entities of its centroid: canonical id, name, weight.
    pub entities: Vec<(String, String, f32)>,
}

/// A document made ready for the ledger by [`Ledger::prepare`].
#[derive(Clone, Debug)]
pub struct Prepared {
    record: Record,
    signature: Signature,
    keys: Vec<u64>,
    names: Vec<(String, String)>,
    claims: Vec<ClaimRecord>,
}

impl Prepared {
    /// The document.
    pub fn id(&self) -> DocId {
        self.record.id
    }

    /// The document's publication time, Unix seconds.
    pub fn published(&self) -> Option<i64> {
        self.record.published
    }
}

/// One document's place in the ledger.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentView {
    /// The document.
    pub id: DocId,
    /// Its story.
    pub story: StoryId,
    /// The first document of its near-duplicate group, when it is a copy.
    pub duplicate_of: Option<DocId>,
    /// Its group's first document (itself for an original): one voice per group.
    pub group: DocId,
    /// Publication time, Unix seconds.
    pub published: Option<i64>,
    /// The publisher as the document named it.
    pub source: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct Record {
    #[serde(with = "crate::doc_id")]
    id: DocId,
    published: Option<i64>,
    title: String,
    source: Option<String>,
    features: Features,
}

/// The cross-document ledger. Pure: no I/O, no clock. See the module documentation.
#[derive(Clone, Debug, Serialize)]
pub struct Ledger {
    format: u32,
    config: Config,
    docs: Vec<Record>,
    frequencies: Frequencies,
    duplicates: Duplicates,
    stories: Stories,
    names: IntMap<u64, (String, String)>,
    propositions: Propositions,
    #[serde(skip)]
    index: HashMap<DocId, u32>,
    #[serde(skip)]
    sources: SourceRegistry,
    /// Whether everything changed since the last [`Ledger::take_changes`] (a rebuild).
    #[serde(skip)]
    changed_all: bool,
}

impl Default for Ledger {
    fn default() -> Ledger {
        Ledger::new(Config::default())
    }
}

impl Ledger {
    /// An empty ledger with these thresholds.
    pub fn new(config: Config) -> Ledger {
        Ledger {
            format: FORMAT,
            config,
            docs: Vec::new(),
            frequencies: Frequencies::default(),
            duplicates: Duplicates::default(),
            stories: Stories::default(),
            names: IntMap::default(),
            propositions: Propositions::default(),
            index: HashMap::new(),
            sources: SourceRegistry::builtin(),
            changed_all: false,
        }
    }

    /// The thresholds in use.
    pub fn config(&self) -> Config {
        self.config
    }

    /// Documents held.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether no document is held.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Links one analyzed document in: near-duplicate group, then story. Adding a document that
    /// is already there changes nothing and reports where it is (`known`).
    pub fn add(&mut self, doc: &Document, analysis: &Analysis) -> LedgerUpdate {
        if self.index.contains_key(&doc.id) {
            return self.known(doc.id);
        }
        self.add_prepared(Ledger::prepare(doc, analysis))
    }

    /// The per-document half of [`Ledger::add`]: shingles and MinHash signature, features and
    /// claim records. Pure and independent of the ledger, so callers may prepare many
    /// documents in parallel and add them in order with [`Ledger::add_prepared`].
    pub fn prepare(doc: &Document, analysis: &Analysis) -> Prepared {
        let signature = Signature::of(&shingles::shingles(&doc.text, SHINGLE_WORDS));
        let (features, keys) = features::extract(doc, analysis);
        let names = analysis.entities.iter().map(|e| (e.id.clone(), e.name.clone())).collect();
        let record = Record {
            id: doc.id,
            published: doc.published.map(|t| t.timestamp()),
            title: doc.title.clone(),
            source: doc.source.clone(),
            features,
        };
        Prepared { record, signature, keys, names, claims: crate::propositions::extract(doc, analysis) }
    }

    /// The sequential half of [`Ledger::add`]: links a prepared document in.
    pub fn add_prepared(&mut self, prepared: Prepared) -> LedgerUpdate {
        let Prepared { record, signature, keys, names, claims } = prepared;
        if self.index.contains_key(&record.id) {
            return self.known(record.id);
        }
        self.propositions.add_records(claims, &self.config.link);
        self.add_document(record, signature, keys, names)
    }

    /// Links prepared documents in, in order: the same as [`Ledger::add_prepared`] on each,
    /// but the claims (propositions) and the documents (near-duplicates, stories) go in side
    /// by side on the current rayon pool, because neither half reads the other.
    pub fn add_all(&mut self, batch: Vec<Prepared>) -> Vec<LedgerUpdate> {
        let mut known = Vec::new();
        let mut fresh = Vec::new();
        let mut claims = Vec::new();
        let mut ids = std::collections::HashSet::new();
        for (position, p) in batch.into_iter().enumerate() {
            let Prepared { record, signature, keys, names, claims: records } = p;
            if self.index.contains_key(&record.id) || !ids.insert(record.id) {
                known.push((position, record.id));
            } else {
                claims.push(records);
                fresh.push((position, record, signature, keys, names));
            }
        }
        let mut propositions = std::mem::take(&mut self.propositions);
        let link = self.config.link;
        let ((), added) = rayon::join(
            || claims.into_iter().for_each(|records| propositions.add_records(records, &link)),
            || {
                fresh
                    .into_iter()
                    .map(|(position, record, signature, keys, names)| {
                        (position, self.add_document(record, signature, keys, names))
                    })
                    .collect::<Vec<_>>()
            },
        );
        self.propositions = propositions;
        let mut updates: Vec<(usize, LedgerUpdate)> =
            known.into_iter().map(|(position, id)| (position, self.known(id))).chain(added).collect();
        updates.sort_by_key(|u| u.0);
        updates.into_iter().map(|u| u.1).collect()
    }

    /// The documents half of adding a new document: frequencies, names, near-duplicate group
    /// and story (its claims go to the propositions separately).
    fn add_document(
        &mut self,
        record: Record,
        signature: Signature,
        keys: Vec<u64>,
        names: Vec<(String, String)>,
    ) -> LedgerUpdate {
        self.frequencies.add(keys);
        for (id, name) in names {
            let slot = self.names.entry(features::entity_key(&id)).or_insert_with(|| (id, name.clone()));
            // The smallest name wins, so the names do not depend on the order of arrival.
            if name < slot.1 {
                slot.1 = name;
            }
        }
        self.insert(record, signature)
    }

    fn known(&self, id: DocId) -> LedgerUpdate {
        let view = self.view(self.index[&id]);
        LedgerUpdate {
            doc: id,
            duplicate_of: view.duplicate_of,
            nearest: None,
            story: view.story,
            new_story: false,
            similarity: None,
            known: true,
        }
    }

    /// From now on, documents added have their claims scored but not joined into
    /// propositions, until [`Ledger::cluster_deferred`] clusters them all at once. For a batch
    /// added to an empty ledger (a new store): the same propositions as [`Ledger::recluster`]
    /// after adding, without linking each claim online first.
    pub fn defer_propositions(&mut self) {
        self.propositions.defer();
    }

    /// Clusters the claims added since [`Ledger::defer_propositions`] at once.
    pub fn cluster_deferred(&mut self) {
        self.propositions.cluster_deferred(&self.config.link);
    }

    /// Clusters every claim into propositions again, at once (`Propositions::rebuild`),
    /// leaving the stories as they are: what a large batch linked one claim at a time needs.
    /// Everything counts as changed.
    pub fn recluster(&mut self) {
        self.propositions.rebuild(&self.config.link);
        self.changed_all = true;
    }

    /// Re-links every document in canonical order (published time, then id; undated last)
    /// against the current document frequencies, so that the ledger depends only on the set of
    /// documents it holds, not on the order they were added in. Cost: one pass, flat per
    /// document, as `add`.
    pub fn rebuild(&mut self) {
        let docs = std::mem::take(&mut self.docs);
        let duplicates = std::mem::take(&mut self.duplicates);
        let mut order: Vec<usize> = (0..docs.len()).collect();
        order.sort_by_key(|&k| canonical(&docs[k]));
        self.stories = Stories::default();
        self.index.clear();
        self.changed_all = true;
        self.propositions.rebuild(&self.config.link);
        let mut docs: Vec<Option<Record>> = docs.into_iter().map(Some).collect();
        for k in order {
            let record = docs[k].take().expect("each document is replayed once");
            self.insert(record, duplicates.signature(k as u32).clone());
        }
        // A story is named by its most central original (the one its title comes from), not
        // by whichever document happened to found it.
        for s in 0..self.stories.all().len() as u32 {
            if let Some(key) = self.central(s) {
                self.stories.set_first(key);
            }
        }
    }

    /// The original document of a story closest to its centroid (ties: canonically first).
    fn central(&self, story: u32) -> Option<u32> {
        let s = &self.stories.all()[story as usize];
        let mut documents: Vec<u32> = s.docs.clone();
        documents.sort_by_key(|&k| canonical(&self.docs[k as usize]));
        let mut best: Option<(u32, f32)> = None;
        for k in documents.into_iter().filter(|&k| self.duplicates.group(k) == k) {
            let v = self.docs[k as usize].features.vector(&self.frequencies, self.config.weights);
            let dot: f32 = v.iter().filter_map(|(f, w)| s.centroid.get(f).map(|c| c * w)).sum();
            if best.is_none_or(|(_, b)| dot > b) {
                best = Some((k, dot));
            }
        }
        best.map(|b| b.0)
    }

    fn insert(&mut self, record: Record, signature: Signature) -> LedgerUpdate {
        let key = self.docs.len() as u32;
        let found = self.duplicates.add(signature, self.config.duplicate_threshold);
        let (story, similarity, new_story) = match found {
            Some(m) => {
                let story = self.stories.story_of(m.group);
                self.stories.attach_copy(story, record.published);
                (story, None, false)
            }
            None => {
                let vector = record.features.vector(&self.frequencies, self.config.weights);
                let entities: Vec<u64> = record.features.entities.iter().map(|e| e.0).collect();
                let a = self.stories.assign(&vector, &entities, record.published, self.config.story);
                (a.story, a.score, a.score.is_none())
            }
        };
        self.index.insert(record.id, key);
        let id = record.id;
        self.docs.push(record);
        LedgerUpdate {
            doc: id,
            duplicate_of: found.map(|m| self.docs[m.group as usize].id),
            nearest: found.map(|m| (self.docs[m.nearest as usize].id, m.jaccard)),
            story: self.story_id(story),
            new_story,
            similarity,
            known: false,
        }
    }

    /// Where a document is, if the ledger holds it.
    pub fn document(&self, id: DocId) -> Option<DocumentView> {
        self.index.get(&id).map(|&key| self.view(key))
    }

    /// How many stories hold documents (merged-away ones do not count).
    pub fn story_count(&self) -> usize {
        self.stories.all().iter().filter(|s| !s.docs.is_empty()).count()
    }

    /// Every story, ordered by first publication time (undated last), then id.
    pub fn stories(&self) -> Vec<StoryView> {
        let mut out: Vec<StoryView> = (0..self.stories.all().len() as u32)
            .filter(|&s| !self.stories.all()[s as usize].docs.is_empty())
            .map(|s| self.story_view(s))
            .collect();
        out.sort_by_key(|v| (v.first_published.is_none(), v.first_published, v.id));
        out
    }

    /// One story.
    pub fn story(&self, id: StoryId) -> Option<StoryView> {
        let key = *self.index.get(&id.0)?;
        let s = self.stories.story_of(key);
        (self.story_id(s) == id).then(|| self.story_view(s))
    }

    fn story_id(&self, story: u32) -> StoryId {
        StoryId(self.docs[self.stories.all()[story as usize].docs[0] as usize].id)
    }

    fn view(&self, key: u32) -> DocumentView {
        let group = self.duplicates.group(key);
        let r = &self.docs[key as usize];
        DocumentView {
            id: r.id,
            story: self.story_id(self.stories.story_of(key)),
            duplicate_of: (group != key).then(|| self.docs[group as usize].id),
            group: self.docs[group as usize].id,
            published: r.published,
            source: r.source.clone(),
        }
    }

    fn story_view(&self, story: u32) -> StoryView {
        let s = &self.stories.all()[story as usize];
        let mut documents: Vec<u32> = s.docs.clone();
        documents.sort_by_key(|&k| canonical(&self.docs[k as usize]));
        let originals: Vec<u32> = documents.iter().copied().filter(|&k| self.duplicates.group(k) == k).collect();
        let mut title = String::new();
        let mut best = f32::NEG_INFINITY;
        for &k in &originals {
            let r = &self.docs[k as usize];
            let v = r.features.vector(&self.frequencies, self.config.weights);
            let dot: f32 = v.iter().filter_map(|(f, w)| s.centroid.get(f).map(|c| c * w)).sum();
            if dot > best && !r.title.is_empty() {
                best = dot;
                title.clone_from(&r.title);
            }
        }
        let mut entities: Vec<(String, String, f32)> = s
            .centroid
            .iter()
            .filter_map(|(k, &w)| self.names.get(k).map(|(id, name)| (id.clone(), name.clone(), w)))
            .collect();
        entities.sort_by(|a, b| b.2.total_cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
        entities.truncate(8);
        StoryView {
            id: self.story_id(story),
            title,
            first_published: s.first,
            last_published: s.last,
            documents: documents.iter().map(|&k| self.docs[k as usize].id).collect(),
            voices: originals.len(),
            entities,
        }
    }
}

/// One claim of a document and the proposition it joined.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ClaimLink {
    /// Index into the document's claims; `None` for the publisher's own assertion.
    pub claim: Option<usize>,
    /// Its sentence.
    pub sentence: usize,
    /// The proposition.
    pub proposition: PropositionId,
    /// Its stance as read from the text (before a fact check's quotes are counted as reports).
    pub stance: crate::stance::Polarity,
}

/// Propositions: claims across documents that assert the same thing (see `propositions`).
impl Ledger {
    /// The source registry used to grade propositions (the shipped one unless replaced).
    pub fn sources(&self) -> &SourceRegistry {
        &self.sources
    }

    /// Replaces the source registry (e.g. the shipped one extended with a user file); grades
    /// are derived when viewed, so nothing needs re-linking. The registry is not stored with
    /// the ledger: set it again after loading.
    pub fn set_sources(&mut self, sources: SourceRegistry) {
        self.sources = sources;
    }

    /// Every proposition, ordered by first attribution (publication time, document, claim).
    pub fn propositions(&self) -> Vec<PropositionView> {
        let claims = self.propositions.claims();
        self.propositions
            .components()
            .iter()
            .map(|c| self.proposition_view(&c.iter().map(|&k| &claims[k as usize]).collect::<Vec<_>>()))
            .collect()
    }

    /// One proposition by id.
    pub fn proposition(&self, id: PropositionId) -> Option<PropositionView> {
        let claims = self.propositions.claims();
        let root = (0..claims.len() as u32).find(|&k| crate::propositions::id_of(&claims[k as usize]) == id.0)?;
        let component = self.propositions.component_of(root);
        let view = self.proposition_view(&component.iter().map(|&k| &claims[k as usize]).collect::<Vec<_>>());
        (view.id == id).then_some(view)
    }

    /// The propositions with at least one attribution in a story's documents.
    pub fn story_propositions(&self, story: StoryId) -> Vec<PropositionView> {
        let Some(view) = self.story(story) else { return Vec::new() };
        let docs: std::collections::HashSet<DocId> = view.documents.into_iter().collect();
        let claims = self.propositions.claims();
        self.propositions
            .components()
            .iter()
            .filter(|c| c.iter().any(|&k| docs.contains(&claims[k as usize].doc)))
            .map(|c| self.proposition_view(&c.iter().map(|&k| &claims[k as usize]).collect::<Vec<_>>()))
            .collect()
    }

    /// The propositions a document's claims belong to.
    pub fn document_propositions(&self, doc: DocId) -> Vec<PropositionView> {
        let claims = self.propositions.claims();
        let mut seen = std::collections::HashSet::new();
        (0..claims.len() as u32)
            .filter(|&k| claims[k as usize].doc == doc)
            .filter_map(|k| {
                let component = self.propositions.component_of(k);
                seen.insert(component[0])
                    .then(|| self.proposition_view(&component.iter().map(|&c| &claims[c as usize]).collect::<Vec<_>>()))
            })
            .collect()
    }

    /// Where each of a document's claims went: cheap (no view is built), for evaluations
    /// and for listing a document's propositions.
    pub fn document_claims(&self, doc: DocId) -> Vec<ClaimLink> {
        let claims = self.propositions.claims();
        (0..claims.len() as u32)
            .filter(|&k| claims[k as usize].doc == doc)
            .map(|k| {
                let r = &claims[k as usize];
                let root = &claims[self.propositions.root(k) as usize];
                ClaimLink {
                    claim: r.claim.map(|c| c as usize),
                    sentence: r.sentence as usize,
                    proposition: PropositionId(crate::propositions::id_of(root)),
                    stance: r.polarity,
                }
            })
            .collect()
    }

    fn proposition_view(&self, records: &[&ClaimRecord]) -> PropositionView {
        self.proposition_record(records).view(&self.sources)
    }

    /// Whether a document is a near-duplicate copy (without building its view).
    fn is_copy(&self, doc: DocId) -> bool {
        self.index.get(&doc).is_some_and(|&key| self.duplicates.group(key) != key)
    }

    /// A component's claims with the copies and names its view needs.
    fn proposition_record(&self, records: &[&ClaimRecord]) -> PropositionRecord {
        let claims = records.iter().map(|&r| r.clone()).collect();
        let copy = records.iter().map(|r| self.is_copy(r.doc)).collect();
        PropositionRecord::new(claims, copy, &self.sources, |id| {
            self.names.get(&features::entity_key(id)).map(|(_, n)| n.clone())
        })
    }

    /// Marks everything as changed, so the next [`Ledger::take_changes`] reports every story and
    /// proposition (for a store whose rows were never written).
    pub fn mark_all_changed(&mut self) {
        self.changed_all = true;
    }

    /// Forgets what changed: for documents replayed onto a loaded snapshot, whose rows were
    /// written when they were first linked.
    pub fn forget_changes(&mut self) {
        self.stories.take_touched();
        self.propositions.take_touched();
        self.changed_all = false;
    }

    /// What changed since the last call (or since loading): the stories and propositions to
    /// rewrite or drop, and the documents whose story changed. After [`Ledger::rebuild`],
    /// everything. Cost: proportional to the changed stories and propositions, never a scan
    /// of the ledger (except after a rebuild).
    pub fn take_changes(&mut self) -> Changes {
        let touched_stories = self.stories.take_touched();
        let touched_claims = self.propositions.take_touched();
        let all = std::mem::take(&mut self.changed_all);
        let this = &*self;
        let ((stories, documents), propositions) =
            rayon::join(|| this.story_changes(all, touched_stories), || this.proposition_changes(all, touched_claims));
        Changes { all, stories, propositions, documents }
    }

    /// The stories part of [`Ledger::take_changes`]: each changed story's view (`None` for one
    /// merged away), and the documents of those stories.
    fn story_changes(&self, all: bool, touched: Vec<u32>) -> StoryChanges {
        let story_slots: Vec<u32> = if all { (0..self.stories.all().len() as u32).collect() } else { touched };
        let mut stories = Vec::new();
        let mut documents = Vec::new();
        for slot in story_slots {
            let s = &self.stories.all()[slot as usize];
            if s.docs.is_empty() {
                stories.push((slot, None));
                continue;
            }
            documents.extend(s.docs.iter().map(|&k| self.view(k)));
            stories.push((slot, Some(self.story_view(slot))));
        }
        (stories, documents)
    }

    /// The propositions part of [`Ledger::take_changes`]: the record of each proposition a
    /// touched claim belongs to, and `None` for each claim slot absorbed into another.
    fn proposition_changes(&self, all: bool, touched: Vec<u32>) -> Vec<(u32, Option<PropositionRecord>)> {
        let claims = self.propositions.claims();
        let claim_slots: Vec<u32> = if all { (0..claims.len() as u32).collect() } else { touched };
        let mut roots = std::collections::BTreeSet::new();
        let mut propositions = Vec::new();
        for slot in claim_slots {
            let root = self.propositions.root(slot);
            // After a rebuild every stored row goes anyway: no slot needs dropping one by one.
            if root != slot && !all {
                propositions.push((slot, None));
            }
            roots.insert(root);
        }
        for root in roots {
            let component = self.propositions.component_of(root);
            let records: Vec<&ClaimRecord> = component.iter().map(|&k| &claims[k as usize]).collect();
            propositions.push((root, Some(self.proposition_record(&records))));
        }
        propositions
    }
}

/// Changed stories and the documents in them.
type StoryChanges = (Vec<(u32, Option<StoryView>)>, Vec<DocumentView>);

/// What [`Ledger::take_changes`] reports, keyed by the ledger's own slots (a story's index, a
/// proposition's root claim) because ids change when stories merge or an earlier claim joins.
#[derive(Clone, Debug, Default)]
pub struct Changes {
    /// Everything changed: drop what was stored before writing these.
    pub all: bool,
    /// Stories by slot: the new view, or `None` for a story merged away.
    pub stories: Vec<(u32, Option<StoryView>)>,
    /// Propositions by slot: the new record, or `None` for one absorbed into another.
    pub propositions: Vec<(u32, Option<PropositionRecord>)>,
    /// The documents of the changed stories, with their story and group.
    pub documents: Vec<DocumentView>,
}

impl Changes {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        !self.all && self.stories.is_empty() && self.propositions.is_empty()
    }
}

/// One proposition as stored apart from the ledger: its claims in canonical order, which of
/// them sit in near-duplicate copies, and the entity names its view shows. Grades are not
/// stored: [`PropositionRecord::view`] takes them from the registry given, so editing the
/// registry needs no re-linking.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PropositionRecord {
    /// Its claims, canonical order; the first is the root that names it.
    pub claims: Vec<ClaimRecord>,
    /// Whether each claim's document is a near-duplicate copy.
    pub copy: Vec<bool>,
    /// Display names by canonical entity id.
    pub names: BTreeMap<String, String>,
}

impl PropositionRecord {
    /// The record of `claims` (canonical order) with their copy flags, naming each entity its
    /// view shows — the claims' entities and speakers with the places and bodies they stand
    /// for, and the countries of their publishers in `sources` — as `name` does.
    pub fn new(
        claims: Vec<ClaimRecord>,
        copy: Vec<bool>,
        sources: &SourceRegistry,
        name: impl Fn(&str) -> Option<String>,
    ) -> PropositionRecord {
        let mut names = BTreeMap::new();
        let mut add = |id: &str| {
            if let Some(n) = name(id) {
                names.insert(id.to_owned(), n);
            }
        };
        for r in &claims {
            r.entities.iter().for_each(|e| add(e));
            if let Some(e) = &r.speaker_entity {
                let folded = crate::lexicon::fold_place(e);
                add(e);
                add(folded);
                add(crate::lexicon::affiliation(folded).unwrap_or(folded));
            }
            if let Some(country) =
                sources.lookup(r.source.as_deref(), r.url.as_deref()).and_then(|s| s.country.as_ref())
            {
                add(&format!("gpe:{country}"));
            }
        }
        PropositionRecord { claims, copy, names }
    }

    /// Its id.
    pub fn id(&self) -> PropositionId {
        PropositionId(self.claims.first().map_or(0, crate::propositions::id_of))
    }

    /// Its view, graded with `sources`.
    pub fn view(&self, sources: &SourceRegistry) -> PropositionView {
        let copies: std::collections::HashSet<DocId> =
            self.claims.iter().zip(&self.copy).filter(|(_, c)| **c).map(|(r, _)| r.doc).collect();
        let is_copy = |d: DocId| copies.contains(&d);
        let name = |id: &str| {
            self.names.get(id).cloned().or_else(|| match id {
                "org:nato" => Some("NATO".to_owned()),
                _ => None,
            })
        };
        let cx = view::Context { sources, is_copy: &is_copy, name: &name };
        let records: Vec<&ClaimRecord> = self.claims.iter().collect();
        view::build(&records, &cx)
    }
}

fn canonical(r: &Record) -> (bool, Option<i64>, DocId) {
    (r.published.is_none(), r.published, r.id)
}

#[derive(Deserialize)]
struct Loaded {
    format: u32,
    config: Config,
    docs: Vec<Record>,
    frequencies: Frequencies,
    duplicates: Duplicates,
    stories: Stories,
    names: IntMap<u64, (String, String)>,
    propositions: Propositions,
}

impl<'de> Deserialize<'de> for Ledger {
    /// Loads a stored ledger, refusing another [`FORMAT`] or inconsistent parts, and rebuilds
    /// the document index.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Ledger, D::Error> {
        use serde::de::Error;
        let l = Loaded::deserialize(deserializer)?;
        if l.format != FORMAT {
            return Err(D::Error::custom(format!("ledger format {} is not {FORMAT}: re-link the store", l.format)));
        }
        let n = l.docs.len();
        if l.duplicates.len() != n || !l.stories.is_consistent(n) || !l.propositions.is_consistent() {
            return Err(D::Error::custom("ledger parts disagree on the number of documents"));
        }
        let index = l.docs.iter().enumerate().map(|(k, r)| (r.id, k as u32)).collect();
        let mut propositions = l.propositions;
        propositions.restore();
        Ok(Ledger {
            format: l.format,
            config: l.config,
            docs: l.docs,
            frequencies: l.frequencies,
            duplicates: l.duplicates,
            stories: l.stories,
            names: l.names,
            propositions,
            index,
            sources: SourceRegistry::builtin(),
            changed_all: false,
        })
    }
}
