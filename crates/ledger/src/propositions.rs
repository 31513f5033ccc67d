//! Propositions: claims from different documents that assert the same thing, joined.
//!
//! Each claim of a document (and the publisher's own headline or lead, when no cue sits in it)
//! becomes a [`ClaimRecord`]: its core entities (canonical ids inside the content, places
//! folded to their country, speakers of "it"/"they" contents and affiliated states added), its
//! predicate family (`data/predicates.tsv`), its content terms (folded by [`fold`]), its stance
//! ([`crate::stance`]), the years it names and its estimates ([`crate::series`]).
//!
//! A new claim is scored against the earlier claims its inverted index returns (entities and
//! terms, the heaviest shared first, at most [`LINK_CANDIDATES`]) by [`crate::pairs`]: one
//! linear score from the words two sentences share (rare ones weighing most), entities shared,
//! the predicate family (a feature, not a gate) and conflicting years. Online ([`Propositions::add`]),
//! it joins the proposition it scores best against *on average* over the proposition's members
//! (average linkage over a sample of [`SAMPLE`]), when that average reaches the model's
//! threshold; the proposition then absorbs any other the claim reaches whose members score as
//! well against its own. [`Propositions::rebuild`] (a new store, `link --rebuild`) scores every
//! claim against its candidates in canonical order and clusters them all at once
//! ([`crate::linkage`]), the closest groups first: on Emergent, 0.90 B³ F1 under
//! cross-validation where joining the same claims one by one scored 0.83. A claim that only
//! points at reports ("Moscow denied the reports": a thin content naming nothing) joins its
//! document's main claim.
//!
//! Why average linkage: single linkage (connected components of pairwise links) let one
//! ambiguous claim chain two propositions, and a chain of such links grew one proposition over
//! 11,000 unrelated BBC claims; average linkage weighs each join against the whole proposition,
//! so a chain cannot grow. Adding a document only looks at the candidates its index returns —
//! never a scan. What the pair score reads of each claim is packed in one array, so scoring a
//! candidate reads one short run of memory, not the record's strings. The proposition's root
//! is its canonically first claim (publication time, document id, claim index), which names it.
//!
//! Example: "North Korea has sent troops to Russia" (`deploy`, {KP, RU}) and "Pyongyang deployed
//! soldiers to fight for Moscow" (`deploy`, {KP, RU} after metonyms) are joined.
//!
//! Known limits: online, a claim joins the propositions that exist when it arrives — the
//! partition depends on the arrival order, and is less exact than the batch one, until
//! [`Propositions::rebuild`] (which `Ledger::rebuild` calls) clusters the claims at once; posting lists are read up to
//! [`POSTINGS_READ`] entries (a claim repeated far apart in a busy stream may be missed); the
//! proposition id changes when an earlier-published claim joins.

use crate::hash::{self, IntMap};
use crate::lexicon::{self, tokens};
use crate::linkage;
use crate::pairs::{self, LinkModel};
use crate::series::{self, RawEstimate};
use crate::stance::{self, Polarity};
use crate::stance_model::{self, StanceModel};
use crate::terms;
use model::{Analysis, DocId, Document, EntityType, Stance as Cue};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::BTreeSet;
use text::TextRange;

/// Entries read from the end of one posting list (the most recent claims under a key).
///
/// With [`LINK_CANDIDATES`] it sets where the update cost stops growing: the lists fill up to
/// this length, then the work per document is constant (measured with the synthetic stream,
/// `eval --example ledger --speed-only`; 64 and 64 kept the update flat from 100,000 to a
/// million documents).
pub const POSTINGS_READ: usize = 64;

/// Earlier claims scored per new claim, the heaviest shared keys first: bounds the cost per
/// document once posting lists are long.
pub const LINK_CANDIDATES: usize = 16;

/// Most content terms of a claim that points at reports or at its document's main claim (an
/// anaphor): more, and the content says something of its own.
pub const ANAPHOR_TERMS: usize = 3;

/// Earlier claims scored per claim when a batch is clustered at once ([`Propositions::rebuild`]):
/// as online (32 and 64 scored 0.894 and 0.891 B³ F1 under Emergent's cross-validation, 16 0.900).
pub const BATCH_CANDIDATES: usize = 16;

/// Least summed weight of the keys a candidate shares with a new claim for it to be scored (a
/// term weighs its inverse document frequency raised to [`pairs::IDF_POWER`]: a rare word 15 to
/// 36, a common one 1 to 5; an entity [`pairs::ENTITY_WEIGHT`]): one common word shared is not
/// worth scoring (8 and 4 gave the same cross-validated grouping on Emergent).
pub const MIN_SHARED_WEIGHT: f32 = 8.0;

/// Members of a proposition a claim is scored against for average linkage (all of them up to
/// this many, else this many spread evenly over it): a proposition of forty attributions costs
/// what one of eight does.
pub const SAMPLE: usize = 8;

/// Propositions among a new claim's candidates weighed for joining (those with the best pair).
pub const PROPOSITIONS_WEIGHED: usize = 3;

/// One claim as the proposition stage keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimRecord {
    /// The document.
    #[serde(with = "crate::doc_id")]
    pub doc: DocId,
    /// Index into the document's claims; `None` for the publisher's own assertion.
    pub claim: Option<u32>,
    /// Index of the sentence holding the cue (or the publisher's sentence).
    pub sentence: u32,
    /// Publication time of the document, Unix seconds.
    pub published: Option<i64>,
    /// The publisher as the document names it.
    pub source: Option<String>,
    /// The document's URL.
    pub url: Option<String>,
    /// The speaker's words ("U.S. officials").
    pub speaker: Option<String>,
    /// The speaker's canonical entity.
    pub speaker_entity: Option<String>,
    /// The cue's stance class (`None` for the publisher's own assertion).
    pub cue: Option<Cue>,
    /// Whether the claim is hedged.
    pub hedged: bool,
    /// The content text (at most 300 bytes).
    pub text: String,
    /// Core entities, sorted.
    pub entities: Vec<String>,
    /// Predicate family.
    pub family: Option<String>,
    /// Content terms, sorted.
    pub terms: Terms,
    /// The other terms of its sentence (speaker and cue words), sorted: what tells two thin or
    /// differently attributed contents apart.
    #[serde(default)]
    pub context: Terms,
    /// The other core entities of its sentence (the speaker's, mostly), sorted.
    #[serde(default)]
    pub context_entities: Vec<String>,
    /// Stance towards its content.
    pub polarity: Polarity,
    /// Whether it only points at reports and joins its document's main claim.
    pub anaphoric: bool,
    /// Years named in the content.
    pub years: Vec<i32>,
    /// Numeric estimates in the content.
    pub estimates: Vec<RawEstimate>,
}

impl ClaimRecord {
    /// Canonical order: publication time (undated last), document, claim (own assertions
    /// first, by sentence).
    pub fn canonical(&self) -> (bool, Option<i64>, DocId, i64, u32) {
        (self.published.is_none(), self.published, self.doc, self.claim.map_or(-1, i64::from), self.sentence)
    }
}

/// What a batch insert collects for [`Propositions::rebuild`] to cluster.
#[derive(Clone, Debug, Default)]
struct Batch {
    /// Scored pairs: candidate, claim, score (above 0).
    scored: Vec<(u32, u32, f32)>,
    /// References and what they attach to.
    attached: Vec<(u32, u32)>,
}

/// The claims and their components.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Propositions {
    claims: Vec<ClaimRecord>,
    parent: Vec<u32>,
    #[serde(skip)]
    index: IntMap<u64, Vec<u32>>,
    /// What the pair score reads of every claim, packed (rebuilt on load).
    #[serde(skip)]
    packed: Packed,
    /// The claims of each root whose proposition has more than one (rebuilt on load), so a
    /// component is read without a scan; a root without an entry stands alone (most do).
    #[serde(skip)]
    members: IntMap<u32, Vec<u32>>,
    /// References to reports that found nothing to point at when they came, kept for `rebuild`.
    #[serde(default)]
    orphans: Vec<ClaimRecord>,
    /// While claims are being added to be clustered at once ([`Propositions::defer`]), what
    /// they scored and what they attach to (not stored: a deferred batch is never saved).
    #[serde(skip)]
    deferred: Option<Batch>,
    /// Claims added and roots joined since the last [`Propositions::take_touched`] (not stored).
    #[serde(skip)]
    touched: Vec<u32>,
}

impl Propositions {
    /// Adds one analyzed document's claims and links them.
    pub fn add(&mut self, doc: &Document, analysis: &Analysis, model: &LinkModel) {
        self.add_records(extract(doc, analysis), model);
    }

    /// Adds one document's claim records (from [`extract`]) and links them (online, unless
    /// [`Propositions::defer`] is in force).
    pub fn add_records(&mut self, records: Vec<ClaimRecord>, model: &LinkModel) {
        let mut deferred = self.deferred.take();
        self.insert(records, model, deferred.as_mut());
        self.deferred = deferred;
    }

    /// From now on, claims added are indexed and scored but not joined, until
    /// [`Propositions::cluster_deferred`] clusters them at once: for a batch that is all there
    /// is (a new store), linking each claim online first would only be redone.
    pub fn defer(&mut self) {
        self.deferred.get_or_insert_with(Batch::default);
    }

    /// Clusters every claim added since [`Propositions::defer`] at once (see
    /// [`Propositions::rebuild`]) and returns to online linking. Only meaningful when the
    /// deferral began on an empty set of claims: earlier claims keep no scores to weigh.
    pub fn cluster_deferred(&mut self, model: &LinkModel) {
        if let Some(batch) = self.deferred.take() {
            self.cluster(batch, model);
        }
    }

    /// Inserts one document's records. Online (`batch` is `None`) each claim joins a
    /// proposition as it comes ([`Propositions::join`]); in a batch its scored candidates and
    /// its attachments (a reference to its antecedent or its document's main claim) are
    /// collected for [`Propositions::rebuild`] to cluster at once.
    fn insert(&mut self, records: Vec<ClaimRecord>, model: &LinkModel, mut batch: Option<&mut Batch>) {
        let main = main_claim(&records);
        let main_family = main.and_then(|m| records[m].family.clone());
        // The main claim's id is known only once it is pushed: skipped records before it shift
        // the ids (a regression: computing it up front pointed past the end and panicked).
        let mut main_id = None;
        let mut pending = Vec::new();
        for (position, record) in records.into_iter().enumerate() {
            let id = self.claims.len() as u32;
            if record.anaphoric && (main.is_none() || (record.family.is_some() && record.family != main_family)) {
                // A denial of "the reports" in a document that states nothing else (or a reference
                // of another family than its main claim) points at an earlier report: the most
                // recent claim of that family naming what its sentence names ("Moscow dismissed
                // the reports" → the latest claim about Russia). With none, it is left out.
                let Some(antecedent) = self.antecedent(&record) else {
                    // Kept aside, not dropped, so that `rebuild` sees every record whatever
                    // order they came in (an earlier report may arrive later).
                    self.orphans.push(record);
                    continue;
                };
                self.push(record);
                match batch.as_deref_mut() {
                    Some(b) => b.attached.push((id, antecedent)),
                    None => self.union(id, antecedent),
                }
                continue;
            }
            if Some(position) == main {
                main_id = Some(id);
            }
            let anaphoric = record.anaphoric;
            self.push(record);
            if anaphoric {
                pending.push(id);
                continue;
            }
            match batch.as_deref_mut() {
                Some(b) => self.score_candidates(id, model, &mut b.scored),
                None => self.join(id, model),
            }
            self.index_claim(id);
        }
        if let Some(m) = main_id {
            for id in pending {
                match batch.as_deref_mut() {
                    Some(b) => b.attached.push((id, m)),
                    None => self.union(id, m),
                }
            }
        }
    }

    fn push(&mut self, record: ClaimRecord) {
        let id = self.claims.len() as u32;
        self.packed.push(&record);
        self.claims.push(record);
        self.parent.push(id);
        self.touched.push(id);
    }

    /// Scores claim `id` against its candidates, keeping the pairs that score above 0.
    fn score_candidates(&self, id: u32, model: &LinkModel, scored: &mut Vec<(u32, u32, f32)>) {
        let side = self.packed.get(id);
        for c in self.candidates(id, BATCH_CANDIDATES) {
            let p = pairs::score(model, &self.packed.get(c).side(), &side.side());
            if p > 0.0 {
                scored.push((c, id, p as f32));
            }
        }
    }

    /// The claim an anaphoric record refers to: among earlier claims sharing an entity of its
    /// sentence (the speaker's, mostly) and its family (if it has one), those sharing the most,
    /// then the most recent.
    fn antecedent(&self, record: &ClaimRecord) -> Option<u32> {
        let family = record.family.as_deref().map(hash::str64);
        let mut shared: IntMap<u32, u32> = IntMap::default();
        for e in &record.context_entities {
            let Some(list) = self.index.get(&entity_key(e)) else { continue };
            for &c in &list[list.len().saturating_sub(POSTINGS_READ)..] {
                *shared.entry(c).or_default() += 1;
            }
        }
        let doc = record.doc.as_u64();
        shared
            .into_iter()
            .filter(|&(c, _)| self.packed.get(c).doc != doc)
            .filter(|&(c, _)| family.is_none() || self.packed.get(c).family == family)
            .max_by_key(|&(c, n)| (n, c))
            .map(|(c, _)| c)
    }

    /// Rebuilds the inverted index and the members of each root after loading.
    pub fn restore(&mut self) {
        self.index.clear();
        self.members.clear();
        self.packed = Packed::default();
        for record in &self.claims {
            self.packed.push(record);
        }
        for id in 0..self.claims.len() as u32 {
            if !self.claims[id as usize].anaphoric {
                self.index_claim(id);
            }
            self.members.entry(self.find(id)).or_default().push(id);
        }
        self.members.retain(|_, m| m.len() > 1);
    }

    /// The claims added and the roots of components joined since the last call: every
    /// proposition that changed has its root among these, and every root among these that is a
    /// root no more was absorbed into one that is.
    pub fn take_touched(&mut self) -> Vec<u32> {
        let mut out = std::mem::take(&mut self.touched);
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Whether the parts agree.
    pub fn is_consistent(&self) -> bool {
        self.claims.len() == self.parent.len() && self.parent.iter().all(|&p| (p as usize) < self.parent.len())
    }

    /// Every claim record.
    pub fn claims(&self) -> &[ClaimRecord] {
        &self.claims
    }

    /// The components: each proposition's claim indices in canonical order, the proposition
    /// keyed by its root.
    pub fn components(&self) -> Vec<Vec<u32>> {
        let mut out: Vec<Vec<u32>> = self.members.values().cloned().collect();
        out.extend(
            (0..self.claims.len() as u32)
                .filter(|&c| self.parent[c as usize] == c && !self.members.contains_key(&c))
                .map(|c| vec![c]),
        );
        for g in &mut out {
            g.sort_by_key(|&c| self.claims[c as usize].canonical());
        }
        out.sort_by_key(|g| self.claims[g[0] as usize].canonical());
        out
    }

    /// The component of one claim, in canonical order.
    pub fn component_of(&self, claim: u32) -> Vec<u32> {
        let root = self.find(claim);
        let mut out = self.members.get(&root).cloned().unwrap_or_else(|| vec![root]);
        out.sort_by_key(|&c| self.claims[c as usize].canonical());
        out
    }

    /// The root (canonically first claim) of a claim's proposition.
    pub fn root(&self, claim: u32) -> u32 {
        self.find(claim)
    }

    /// Re-links every claim in one batch: the claims are indexed and scored against their
    /// candidates in canonical order (publication time, document), document by document, then
    /// clustered at once by average linkage ([`crate::linkage`]), the closest groups first, and
    /// the references attached to what they refer to. The propositions depend on the set of
    /// claims only, not on the order they arrived in, and no early join on weak evidence stands
    /// in the way of a closer one.
    pub fn rebuild(&mut self, model: &LinkModel) {
        let mut claims = std::mem::take(&mut self.claims);
        claims.append(&mut self.orphans);
        *self = Propositions::default();
        // A document's records in the order `extract` gives them: its own assertions first.
        claims.sort_by_key(ClaimRecord::canonical);
        let mut batch = Batch::default();
        let mut records = claims.into_iter().peekable();
        while let Some(first) = records.next() {
            let mut one = vec![first];
            while let Some(next) = records.next_if(|r| r.doc == one[0].doc) {
                one.push(next);
            }
            self.insert(one, model, Some(&mut batch));
        }
        self.cluster(batch, model);
    }

    /// Sets every claim's proposition from a batch's scored pairs by average linkage, then
    /// attaches the references.
    fn cluster(&mut self, batch: Batch, model: &LinkModel) {
        let groups = linkage::average_linkage(self.claims.len(), &batch.scored, model.threshold);

        // Each group's root is its canonically first claim.
        let mut roots: IntMap<u32, u32> = IntMap::default();
        for (id, &g) in groups.iter().enumerate() {
            let root = roots.entry(g).or_insert(id as u32);
            if self.claims[id].canonical() < self.claims[*root as usize].canonical() {
                *root = id as u32;
            }
        }
        self.members.clear();
        for (id, g) in groups.iter().enumerate() {
            let root = roots[g];
            self.parent[id] = root;
            self.touched.push(id as u32);
            if root != id as u32 {
                self.members.entry(root).or_insert_with(|| vec![root]).push(id as u32);
            }
        }
        for m in self.members.values_mut() {
            m.sort_unstable();
        }
        for (id, target) in batch.attached {
            self.union(id, target);
        }
    }

    /// Links a new claim by average linkage: it joins the proposition whose members it scores
    /// best against on average ([`LinkModel::score`] over at most [`SAMPLE`] members), when
    /// that average reaches the online threshold (higher than the batch one: an early join on
    /// weak evidence is never undone), and that proposition then absorbs any other the
    /// claim also reaches whose members score as well against its own. A chain of pairwise
    /// links cannot grow a proposition: every join weighs the whole of it.
    fn join(&mut self, id: u32, model: &LinkModel) {
        let mut known: IntMap<u32, f64> = IntMap::default();
        let mut best_pair: IntMap<u32, f64> = IntMap::default();
        for c in self.candidates(id, LINK_CANDIDATES) {
            let p = pairs::score(model, &self.packed.get(c).side(), &self.packed.get(id).side());
            known.insert(c, p);
            let best = best_pair.entry(self.find(c)).or_default();
            *best = best.max(p);
        }
        // An average never exceeds the best pair: a proposition whose best is below the
        // threshold cannot be joined.
        let mut roots: Vec<(u32, f64)> = best_pair.into_iter().filter(|&(_, p)| p >= model.online_threshold).collect();
        roots.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        roots.truncate(PROPOSITIONS_WEIGHED);
        let mut reached: Vec<(u32, f64)> =
            roots.into_iter().map(|(root, _)| (root, self.average(id, root, &mut known, model))).collect();
        reached.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let Some(&(first, average)) = reached.first() else { return };
        if average < model.online_threshold {
            return;
        }
        self.union(first, id);
        // The grown proposition may now be close enough to another the claim also reaches on
        // average: the merge average linkage would make once both exist. (Checking every
        // proposition the claim touched cost five times the update and gained nothing on
        // Emergent.)
        for &(other, _) in reached[1..].iter().filter(|r| r.1 >= model.online_threshold) {
            let (here, there) = (self.find(id), self.find(other));
            if here == there {
                continue;
            }
            let mut mine = self.sample(here);
            mine.truncate(SAMPLE / 2);
            if self.linkage(&mine, there, model) >= model.online_threshold {
                self.union(here, there);
            }
        }
    }

    /// The mean score of claim `id` against a sample of `root`'s proposition; `known` holds its
    /// scores already computed (its candidates'), and gets the new ones.
    fn average(&self, id: u32, root: u32, known: &mut IntMap<u32, f64>, model: &LinkModel) -> f64 {
        let side = self.packed.get(id);
        let members = self.sample(root);
        let total: f64 = members
            .iter()
            .map(|&m| *known.entry(m).or_insert_with(|| pairs::score(model, &self.packed.get(m).side(), &side.side())))
            .sum();
        if members.is_empty() { 0.0 } else { total / members.len() as f64 }
    }

    /// The mean score of `claims` against a sample of `root`'s proposition: the average linkage
    /// of two propositions, over samples of both.
    fn linkage(&self, claims: &[u32], root: u32, model: &LinkModel) -> f64 {
        let members = self.sample(root);
        let mut total = 0.0;
        for &a in claims {
            let side = self.packed.get(a);
            total +=
                members.iter().map(|&m| pairs::score(model, &self.packed.get(m).side(), &side.side())).sum::<f64>();
        }
        let n = claims.len() * members.len();
        if n == 0 { 0.0 } else { total / n as f64 }
    }

    /// The members of `root`'s proposition an average is taken over: those that are not mere
    /// references to reports, all of them up to [`SAMPLE`], else [`SAMPLE`] spread evenly.
    fn sample(&self, root: u32) -> Vec<u32> {
        let Some(all) = self.members.get(&root) else { return vec![root] };
        let kept = |c: &u32| !self.claims[*c as usize].anaphoric;
        if all.len() <= SAMPLE {
            return all.iter().copied().filter(kept).collect();
        }
        // Evenly spaced, each the first kept member from its spot on: O(SAMPLE), however large
        // the proposition (collecting its members first made the update grow with the ledger).
        let mut out: Vec<u32> = (0..SAMPLE)
            .filter_map(|k| all[k * all.len() / SAMPLE..].iter().copied().take(8).find(|c| kept(c)))
            .collect();
        out.dedup();
        out
    }

    /// The earlier claims worth scoring against claim `id`: those sharing an index key, the
    /// heaviest shared keys first (a term weighs its inverse document frequency, an entity
    /// [`pairs::ENTITY_WEIGHT`]), at most [`LINK_CANDIDATES`] (ties: the most recent).
    fn candidates(&self, id: u32, limit: usize) -> Vec<u32> {
        thread_local! {
            /// The weight each claim id shares with the claim at hand, and the ids touched: a
            /// dense array instead of a hash map (a fifth of the update's time went to hashing
            /// and walking the map's buckets), zeroed again as it is read.
            static SHARED: RefCell<(Vec<f32>, Vec<u32>)> = const { RefCell::new((Vec::new(), Vec::new())) };
        }
        let claim = self.packed.get(id);
        let lists: Vec<(&[u32], f32)> = claim
            .keys()
            .filter_map(|(k, w)| self.index.get(&k).map(|list| (&list[list.len().saturating_sub(POSTINGS_READ)..], w)))
            .collect();
        // Load one entry of every cache line of the lists before counting any: these loads do
        // not depend on one another, so their misses overlap (counting entries as they come
        // waited for each list in turn, half the time of adding a document's claims).
        std::hint::black_box(lists.iter().flat_map(|l| l.0.iter().step_by(16)).fold(0, |a, &c| a ^ c));
        let mut out: Vec<(u32, f32)> = SHARED.with_borrow_mut(|(sum, touched)| {
            if sum.len() < self.claims.len() {
                sum.resize(self.claims.len(), 0.0);
            }
            for (list, w) in lists {
                for &c in list {
                    let slot = &mut sum[c as usize];
                    if *slot == 0.0 {
                        touched.push(c);
                    }
                    *slot += w;
                }
            }
            // A claim sharing one common word scores near zero: not worth scoring.
            touched
                .drain(..)
                .map(|c| (c, std::mem::take(&mut sum[c as usize])))
                .filter(|&(_, w)| w >= MIN_SHARED_WEIGHT)
                .collect()
        });
        // The best LINK_CANDIDATES under a total order (heaviest, then most recent): a
        // selection, not a sort of the hundreds a full posting list returns.
        let heaviest_first = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0));
        if out.len() > limit {
            out.select_nth_unstable_by(limit - 1, heaviest_first);
            out.truncate(limit);
        }
        let mut out: Vec<u32> = out.into_iter().map(|(c, _)| c).collect();
        out.sort_unstable();
        out
    }

    /// Adds a claim to the posting lists of its keys. Only the last [`POSTINGS_READ`] entries of
    /// a list are ever read, so a list that doubles that drops its older half: memory per key
    /// stays bounded, and a common key's list is never copied whole as it grows.
    fn index_claim(&mut self, id: u32) {
        let keys: Vec<u64> = self.packed.get(id).keys().map(|(k, _)| k).collect();
        for k in keys {
            let list = self.index.entry(k).or_default();
            list.push(id);
            if list.len() >= 2 * POSTINGS_READ {
                list.drain(..list.len() - POSTINGS_READ);
            }
        }
    }

    fn find(&self, mut c: u32) -> u32 {
        while self.parent[c as usize] != c {
            c = self.parent[c as usize];
        }
        c
    }

    /// Joins two components; the canonically first root stays root, so the result does not
    /// depend on the order of unions.
    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        let (root, child) = if self.claims[ra as usize].canonical() <= self.claims[rb as usize].canonical() {
            (ra, rb)
        } else {
            (rb, ra)
        };
        self.parent[child as usize] = root;
        let moved = self.members.remove(&child).unwrap_or_else(|| vec![child]);
        let members = self.members.entry(root).or_insert_with(|| vec![root]);
        // Kept in claim order, as `restore` rebuilds them, so the sample an average is taken
        // over is the same live and after loading (a new claim, the largest id, just goes last).
        let sorted = members.last().zip(moved.first()).is_none_or(|(last, first)| last < first);
        members.extend(moved);
        if !sorted {
            members.sort_unstable();
        }
        self.touched.extend([ra, rb]);
        // Path compression for the two walked chains.
        for start in [a, b] {
            let mut c = start;
            while self.parent[c as usize] != c {
                let next = self.parent[c as usize];
                self.parent[c as usize] = root;
                c = next;
            }
        }
    }
}

/// The proposition id of a root claim.
pub fn id_of(record: &ClaimRecord) -> u64 {
    match record.claim {
        Some(c) => hash::str64(&format!("{}:{c}", record.doc)),
        None => hash::str64(&format!("{}:s{}", record.doc, record.sentence)),
    }
}

/// A claim's entity key (a term's key is the high 48 bits of its packed word, see
/// [`pairs::pack_term`]; two distinct strings share a key with odds of about 2⁻⁴⁸).
fn entity_key(entity: &str) -> u64 {
    hash::str64(&format!("e:{entity}"))
}

/// The probability that two claims assert the same thing, by the shipped [`LinkModel`] (0 for
/// a claim and itself).
pub fn pair_score(a: &ClaimRecord, b: &ClaimRecord) -> f64 {
    with_sides(a, b, |x, y| pairs::score(&LinkModel::default(), x, y)).unwrap_or(0.0)
}

/// The pair features of two claims ([`pairs::features`]); `None` for a claim and itself.
pub fn pair_features(a: &ClaimRecord, b: &ClaimRecord) -> Option<[f64; pairs::N]> {
    with_sides(a, b, pairs::features)
}

/// Calls `f` with what the pair score reads of two records, unless they are one claim.
fn with_sides<T>(
    a: &ClaimRecord,
    b: &ClaimRecord,
    f: impl FnOnce(&pairs::Side<'_>, &pairs::Side<'_>) -> T,
) -> Option<T> {
    let mut packed = Packed::default();
    packed.push(a);
    packed.push(b);
    let (x, y) = (packed.get(0), packed.get(1));
    (x.doc != y.doc || x.claim != y.claim).then(|| f(&x.side(), &y.side()))
}

/// What the pair score reads of each claim, in one array of words, claim after claim: scoring
/// a new claim against its candidates then reads one short run of memory each instead of
/// chasing each record's strings (in a ledger of a million documents, each of those reads was
/// a cache miss, and the cost per document grew with the ledger).
///
/// A claim's run: its document, a word of counts (the claim's index, whether it has a family,
/// how many entities, context terms and years), its family's hash, then its entity keys, packed
/// terms and context terms (key and weight, [`pairs::pack_term`]; each list sorted) and years.
#[derive(Clone, Debug, Default)]
struct Packed {
    starts: Vec<u32>,
    words: Vec<u64>,
}

/// One claim as [`Packed`] holds it.
struct Link<'a> {
    doc: u64,
    claim: u64,
    family: Option<u64>,
    entities: &'a [u64],
    context_entities: &'a [u64],
    terms: &'a [u64],
    context: &'a [u64],
    years: &'a [u64],
    norms: (f64, f64),
}

impl Packed {
    fn push(&mut self, r: &ClaimRecord) {
        let mut entities: Vec<u64> = r.entities.iter().map(|e| entity_key(e)).take(0xff).collect();
        let mut context_entities: Vec<u64> = r.context_entities.iter().map(|e| entity_key(e)).take(0x7f).collect();
        context_entities.sort_unstable();
        context_entities.dedup();
        // Canonical entities count as terms too, so that "Pyongyang deployed soldiers" and
        // "North Korea sent troops" share a word: `@gpe:KP`. (The predicate family is a feature
        // of the pair score, not a term: as a heavy term it joined unrelated claims that share
        // only a verb class.)
        let canonical = |e: &String| pairs::pack_term(&format!("@{e}"));
        let mut terms: Vec<u64> = r.terms.iter().map(pairs::pack_term).collect();
        terms.extend(r.entities.iter().map(canonical));
        let mut context: Vec<u64> = r.context.iter().map(pairs::pack_term).collect();
        context.extend(r.context_entities.iter().map(canonical));
        entities.sort_unstable();
        entities.dedup();
        terms.sort_unstable();
        terms.dedup_by_key(|w| *w >> 16);
        context.sort_unstable();
        context.dedup_by_key(|w| *w >> 16);
        let (years, context_len) = (r.years.len().min(0xff), context.len().min(0xff));
        let claim = r.claim.map_or(u64::from(u32::MAX), u64::from);
        let counts = claim << 32
            | u64::from(r.family.is_some()) << 31
            | (context_entities.len() as u64) << 24
            | (entities.len() as u64) << 16
            | (context_len as u64) << 8
            | years as u64;
        self.starts.push(u32::try_from(self.words.len()).expect("fewer than 2³² packed words"));
        let (terms_norm, context_norm) = pairs::norms(&terms, &context[..context_len]);
        let norms = u64::from((terms_norm as f32).to_bits()) << 32 | u64::from((context_norm as f32).to_bits());
        self.words.extend([r.doc.as_u64(), counts, hash::str64(r.family.as_deref().unwrap_or("")), norms]);
        self.words.extend(entities);
        self.words.extend(context_entities);
        self.words.extend(terms);
        self.words.extend(&context[..context_len]);
        self.words.extend(r.years[..years].iter().map(|&y| u64::from(y as u32)));
    }

    fn get(&self, id: u32) -> Link<'_> {
        let start = self.starts[id as usize] as usize;
        let end = self.starts.get(id as usize + 1).map_or(self.words.len(), |&e| e as usize);
        let run = &self.words[start..end];
        let counts = run[1];
        let entities = ((counts >> 16) & 0xff) as usize;
        let context_entities = ((counts >> 24) & 0x7f) as usize;
        let years = (counts & 0xff) as usize;
        let context = ((counts >> 8) & 0xff) as usize;
        let norms = (f64::from(f32::from_bits((run[3] >> 32) as u32)), f64::from(f32::from_bits(run[3] as u32)));
        let (entities, rest) = run[4..].split_at(entities);
        let (context_entities, rest) = rest.split_at(context_entities);
        let (rest, years) = rest.split_at(rest.len() - years);
        let (terms, context) = rest.split_at(rest.len() - context);
        Link {
            doc: run[0],
            claim: counts >> 32,
            family: (counts >> 31 & 1 == 1).then_some(run[2]),
            entities,
            context_entities,
            terms,
            context,
            years,
            norms,
        }
    }
}

impl Link<'_> {
    /// The index keys with their weights: entities, then terms.
    fn keys(&self) -> impl Iterator<Item = (u64, f32)> + '_ {
        self.entities
            .iter()
            .map(|&k| (k, pairs::ENTITY_WEIGHT))
            .chain(self.terms.iter().map(|&w| (w >> 16, pairs::weight(w) as f32)))
            .chain(self.context.iter().map(|&w| (w >> 16, pairs::weight(w) as f32 / 2.0)))
    }

    fn side(&self) -> pairs::Side<'_> {
        pairs::Side {
            family: self.family,
            entities: self.entities,
            context_entities: self.context_entities,
            terms: self.terms,
            context: self.context,
            years: self.years,
            norms: self.norms,
        }
    }
}

/// Dice overlap of two claims' terms.
pub fn dice(a: &Terms, b: &Terms) -> f64 {
    pairs::dice(a.common(b), a.len() + b.len())
}

/// A claim's content terms, sorted and distinct, in one allocation (`"a\0b\0c"`): a ledger
/// holds millions of claims, and a `Vec<String>` of eight terms took about 400 bytes, this
/// about 70. Serialized as a sequence of strings, exactly as the `Vec<String>` it replaced.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Terms {
    joined: Box<str>,
    len: u32,
}

impl Terms {
    /// Sorts and deduplicates `terms` (empty terms and NUL characters are dropped).
    pub fn new(mut terms: Vec<String>) -> Terms {
        terms.retain(|t| !t.is_empty() && !t.contains('\0'));
        terms.sort();
        terms.dedup();
        Terms { len: terms.len() as u32, joined: terms.join("\0").into() }
    }

    /// How many terms.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The terms, sorted.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.joined.split('\0').filter(|t| !t.is_empty())
    }

    /// How many terms the two have in common (a merge of the sorted lists).
    pub fn common(&self, other: &Terms) -> usize {
        let (mut a, mut b) = (self.iter().peekable(), other.iter().peekable());
        let mut n = 0;
        while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
            match x.cmp(y) {
                std::cmp::Ordering::Less => {
                    a.next();
                }
                std::cmp::Ordering::Greater => {
                    b.next();
                }
                std::cmp::Ordering::Equal => {
                    n += 1;
                    a.next();
                    b.next();
                }
            }
        }
        n
    }
}

impl Serialize for Terms {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // With its length up front: compact formats (postcard) refuse sequences without one.
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for term in self.iter() {
            seq.serialize_element(term)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for Terms {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Terms, D::Error> {
        Vec::<String>::deserialize(deserializer).map(Terms::new)
    }
}

/// The records of one document: the publisher's own headline and lead (when no cue sits in
/// them), then every claim not nested in another, in text order.
pub fn extract(doc: &Document, analysis: &Analysis) -> Vec<ClaimRecord> {
    let mut out = Vec::new();
    each_claim(doc, analysis, |c| {
        // The learned stance reads the publisher's stance towards a headline (it was trained on
        // Emergent's headline labels): for the publisher's own headline that is the
        // attribution's stance; an attributed claim's stance is its speaker's, which the rules
        // read ("Seoul says …" supports what Seoul says, though the publisher only relays it).
        let headline = c.sentence == 0 && !doc.title.is_empty() && c.claim.is_none();
        let mut polarity = if headline {
            StanceModel::shipped().classify(&c.input, slice(doc, c.sentence_range))
        } else {
            stance::classify(&c.input)
        };
        let unnamed = c.speaker.as_ref().is_none_or(|s| s.1.is_none());
        if polarity == Polarity::Contradict && c.claim.is_some() && unnamed && c.sentence > 0 {
            // A denial nobody is named for in the body ("described them as groundless
            // rumours") is relayed by the publisher, not made by it; in a headline it is the
            // publisher's own framing.
            polarity = Polarity::Report;
        }
        let hedged = if c.claim.is_some() { c.input.hedged } else { stance::hedged(c.input.content) };
        let speaker = c.speaker.clone();
        if let Some(r) =
            record(doc, analysis, (c.claim, c.sentence), c.range, speaker, polarity, hedged, c.input.content)
        {
            out.push(r);
        }
    });
    if main_claim(&out).is_none() {
        for r in out.iter_mut().filter(|r| r.anaphoric && r.claim.is_none()) {
            // The publisher's own headline with a family but nothing named ("Hundreds cut off
            // their fingers in protest"), in a document with no main claim to be about, says
            // something of its own, unless it points at reports.
            r.anaphoric = stance::reference(&tokens(&r.text));
        }
    }
    out
}

/// A document's main claim among its records: the first with a family and entities, else the
/// first with entities and three terms, the entities' own words counted (references to "the
/// reports" join it; "Kremlin reacts" says nothing for them to join).
fn main_claim(records: &[ClaimRecord]) -> Option<usize> {
    records
        .iter()
        .position(|r| !r.anaphoric && r.family.is_some() && !r.entities.is_empty())
        .or_else(|| records.iter().position(|r| !r.anaphoric && !r.entities.is_empty() && r.terms.len() >= 3))
}

/// The stance features ([`stance_model::features`]) of each claim [`extract`] considers, with
/// its claim index (`None` for the publisher's own assertion), in the same order: what the
/// stance model is trained on.
pub fn stance_features(doc: &Document, analysis: &Analysis) -> Vec<(Option<u32>, Vec<String>)> {
    let mut out = Vec::new();
    each_claim(doc, analysis, |c| out.push((c.claim, stance_model::features(&c.input, slice(doc, c.sentence_range)))));
    out
}

/// One claim [`extract`] considers, with what its stance is read from.
struct Candidate<'a> {
    claim: Option<u32>,
    sentence: usize,
    range: TextRange,
    speaker: Option<(String, Option<String>)>,
    input: stance::Input<'a>,
    /// The range of the sentence holding it.
    sentence_range: TextRange,
}

impl Candidate<'_> {}

/// Calls `f` with the publisher's own headline and lead (when no cue sits in them), then every
/// claim not nested in another, in text order.
fn each_claim(doc: &Document, analysis: &Analysis, mut f: impl FnMut(&Candidate<'_>)) {
    let cue_sentences: BTreeSet<usize> = analysis.claims.iter().map(|c| c.sentence).collect();
    // A document without a title (a bare headline in JSON Lines, a text file of one line) has
    // its first sentence as its lead.
    let lead = analysis.sentences.iter().position(|s| s.start() >= doc.body_start);
    let headline = (!doc.title.is_empty() && !analysis.sentences.is_empty()).then_some(0);
    for s in [headline, lead].into_iter().flatten() {
        if cue_sentences.contains(&s) {
            continue;
        }
        let range = analysis.sentences[s];
        let content = tokens(slice(doc, range));
        let input =
            stance::Input { cue: None, negated: false, hedged: false, content: &content, before: &[], speaker: false };
        f(&Candidate { claim: None, sentence: s, range, speaker: None, input, sentence_range: range });
    }
    for (k, claim) in analysis.claims.iter().enumerate() {
        if claim.parent.is_some() {
            continue;
        }
        let content = tokens(slice(doc, claim.content));
        let sentence = analysis.sentences.get(claim.sentence).copied().unwrap_or(claim.cue);
        let before_end = claim.cue.start().max(sentence.start());
        let before_end = before_end.min(sentence.end().max(sentence.start()));
        let before = tokens(doc.text.get(sentence.start()..before_end).unwrap_or(""));
        let input = stance::Input {
            cue: Some(claim.stance),
            negated: claim.negated,
            hedged: !claim.hedges.is_empty(),
            content: &content,
            before: &before,
            speaker: claim.speaker.as_ref().is_some_and(|s| s.entity.is_some()),
        };
        let speaker = claim.speaker.as_ref().map(|s| (slice(doc, s.range).to_owned(), s.entity.clone()));
        f(&Candidate {
            claim: Some(k as u32),
            sentence: claim.sentence,
            range: claim.content,
            speaker,
            input,
            sentence_range: sentence,
        });
    }
}

#[allow(clippy::too_many_arguments)]
fn record(
    doc: &Document,
    analysis: &Analysis,
    (claim, sentence): (Option<u32>, usize),
    range: TextRange,
    speaker: Option<(String, Option<String>)>,
    polarity: Polarity,
    hedged: bool,
    content: &[String],
) -> Option<ClaimRecord> {
    let (speaker_text, speaker_entity) = speaker.unzip();
    let speaker_entity = speaker_entity.flatten();
    let reference = stance::reference(content);
    let (mut entities, mut terms) = identity(doc, analysis, range);
    let whole = analysis.sentences.get(sentence).copied().unwrap_or(range);
    let (sentence_entities, sentence_terms) = identity(doc, analysis, whole);
    let pronoun = content.first().is_some_and(|t| matches!(t.as_str(), "it" | "its" | "we" | "our"));
    if pronoun && let Some(e) = &speaker_entity {
        add_entity(&mut entities, e);
    }
    let family = lexicon::predicates().hits(content).first().map(|h| h.class.to_owned());
    // Only a thin content points elsewhere ("dismissed the reports", "denied it"): one that
    // says what the reports say ("Apple Watch to be shower-proof: reports") is a claim of its
    // own, whatever reference word it carries.
    let anaphoric = entities.is_empty() && (family.is_some() || reference) && terms.len() <= ANAPHOR_TERMS;
    if entities.is_empty() && terms.len() < 3 && !anaphoric {
        // A content too thin to tell what it is about ("denies selfie", "claims God is a
        // woman") is identified by its whole sentence, speaker included. (A thin content with
        // a family or a pointer to reports is about its document's main claim instead.)
        (entities, terms) = (sentence_entities.clone(), sentence_terms.clone());
    }
    let context_entities: Vec<String> = sentence_entities.into_iter().filter(|e| !entities.contains(e)).collect();
    let context: Vec<String> = sentence_terms.into_iter().filter(|t| terms.binary_search(t).is_err()).collect();
    if !anaphoric && entities.is_empty() && terms.len() < 2 {
        return None;
    }
    let years = analysis
        .times
        .iter()
        .filter(|t| t.range.start() >= range.start() && t.range.end() <= range.end())
        .filter_map(|t| t.value.as_deref()?.get(..4)?.parse().ok())
        .collect();
    let mut text = slice(doc, range).trim().to_owned();
    if text.len() > 300 {
        let mut cut = 300;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
        text.push('…');
    }
    Some(ClaimRecord {
        doc: doc.id,
        claim,
        sentence: sentence as u32,
        published: doc.published.map(|t| t.timestamp()),
        source: doc.source.clone(),
        url: doc.url.clone(),
        speaker: speaker_text,
        speaker_entity,
        cue: analysis.claims.get(claim.map_or(usize::MAX, |c| c as usize)).map(|c| c.stance),
        hedged,
        text,
        entities: entities.into_iter().collect(),
        family,
        context: Terms::new(context),
        context_entities,
        terms: Terms::new(terms),
        polarity,
        anaphoric,
        years,
        estimates: series::estimates(doc, analysis, range),
    })
}

/// Folds the inflections of a term for matching paraphrases ("saves", "saved", "saving" →
/// `sav`; "pooped", "pooping" → `poop`): headlines vary tense and voice freely.
pub fn fold(term: &str) -> String {
    let mut t = term;
    for suffix in ["ing", "ed", "es", "s"] {
        if t.len() >= suffix.len() + 3 && t.ends_with(suffix) {
            t = &t[..t.len() - suffix.len()];
            break;
        }
    }
    let t = if t.len() > 3 && t.ends_with('e') { &t[..t.len() - 1] } else { t };
    // "wolves"/"wolf", "lives"/"life": a v left at the end was an f.
    match t.strip_suffix('v') {
        Some(stem) if t.len() > 4 => format!("{stem}f"),
        _ => t.to_owned(),
    }
}

/// The core entities and folded content terms inside `range`. A place's canonical entity
/// (`@gpe:KP`) is counted among the pair score's terms beside its words, so "Pyongyang" and
/// "North Korea" still share something; its words are kept too (blanking them lost more
/// matches between headlines that name the place the same way than it won between aliases).
fn identity(doc: &Document, analysis: &Analysis, range: TextRange) -> (BTreeSet<String>, Vec<String>) {
    let mut entities: BTreeSet<String> = BTreeSet::new();
    for e in analysis.entities.iter().filter(|e| core_type(e.kind, &e.id)) {
        let inside = |m: &model::Mention| m.range.start() >= range.start() && m.range.end() <= range.end();
        if e.mentions.iter().any(inside) {
            add_entity(&mut entities, &e.id);
        }
    }
    let mut terms: Vec<String> = Vec::new();
    terms::for_each_term(slice(doc, range), |t| terms.push(fold(t)));
    terms.sort();
    terms.dedup();
    (entities, terms)
}

fn add_entity(set: &mut BTreeSet<String>, id: &str) {
    let folded = lexicon::fold_place(id);
    set.insert(folded.to_owned());
    if let Some(a) = lexicon::affiliation(folded) {
        set.insert(a.to_owned());
    }
}

/// Entities that can be what a claim is about: not generic weapons, demonym groups or the
/// analyzer's miscellany.
fn core_type(kind: EntityType, id: &str) -> bool {
    !matches!(kind, EntityType::Misc | EntityType::Norp | EntityType::Weapon) && !id.ends_with(":generic")
}

fn slice(doc: &Document, r: TextRange) -> &str {
    doc.text.get(r.start()..r.end()).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::{Terms, dice, fold};

    #[test]
    fn terms_are_stored_sorted_once_and_serialize_as_a_list() {
        let terms = |words: &[&str]| Terms::new(words.iter().map(|w| (*w).to_owned()).collect());
        let a = terms(&["troop", "kursk", "deploy", "kursk", ""]);
        assert_eq!(a.iter().collect::<Vec<_>>(), ["deploy", "kursk", "troop"]);
        assert_eq!(a.len(), 3);
        let b = terms(&["kursk", "troop", "seoul", "zz"]);
        assert_eq!(a.common(&b), 2);
        assert!((dice(&a, &b) - 4.0 / 7.0).abs() < 1e-9);
        assert_eq!(dice(&Terms::default(), &Terms::default()), 0.0);
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(json, r#"["deploy","kursk","troop"]"#);
        assert_eq!(serde_json::from_str::<Terms>(&json).unwrap(), a);
        // Compact formats need the length up front (a regression: snapshots failed to encode).
        let bytes = postcard::to_allocvec(&a).unwrap();
        assert_eq!(bytes, postcard::to_allocvec(&vec!["deploy", "kursk", "troop"]).unwrap());
        assert_eq!(postcard::from_bytes::<Terms>(&bytes).unwrap(), a);
        assert!(Terms::default().iter().next().is_none());
    }

    #[test]
    fn inflections_fold_together() {
        for (a, b) in [("saves", "saved"), ("saving", "save"), ("pooped", "pooping"), ("werewolve", "werewolf")] {
            assert_eq!(fold(a), fold(b), "{a} {b}");
        }
        assert_eq!(fold("bear"), "bear");
    }
}
