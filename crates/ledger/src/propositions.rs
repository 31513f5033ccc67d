//! Propositions: claims from different documents that assert the same thing, joined.
//!
//! Each claim of a document (and the publisher's own headline or lead, when no cue sits in it)
//! becomes a [`ClaimRecord`]: its core entities (canonical ids inside the content, places
//! folded to their country, speakers of "it"/"they" contents and affiliated states added), its
//! predicate family (`data/predicates.tsv`), its content terms, its stance
//! ([`crate::stance`]), the years it names and its estimates ([`crate::series`]). Two records
//! are *linked* when their families agree and their entities overlap enough (two shared, or
//! all of the smaller set), or — lacking a family on both sides — when their terms (folded
//! by [`fold`]) and entities overlap: Dice ≥ [`FALLBACK`] and at least [`MIN_SHARED`] in
//! common; a claim with a family never links to one without; named years must not conflict. A proposition is a connected
//! component of links (union-find). A claim that only points at reports ("Moscow denied the
//! reports") joins its document's main claim.
//!
//! Why connected components: the partition depends on the set of claims only, never on the
//! order they arrive in, and adding a document only looks at the candidates its inverted index
//! keys (entities, terms) return — never a scan. What the link test reads of each claim is
//! packed in one array (family, entity and term keys, years), so testing a candidate reads one
//! short run of memory, not the record's strings. The component's root is its canonically first
//! claim (publication time, document id, claim index), which names the proposition.
//!
//! Example: "North Korea has sent troops to Russia" (`deploy`, {KP, RU}) and "Pyongyang deployed
//! soldiers to fight for Moscow" (`deploy`, {KP, RU} after metonyms) are linked.
//!
//! Known limits: single linkage can chain two propositions through one ambiguous claim;
//! posting lists are read up to [`POSTINGS_READ`] entries (beyond that, very common keys may
//! miss a link and order could matter); the proposition id changes when an earlier-published
//! claim joins.

use crate::hash::{self, IntMap};
use crate::lexicon::{self, tokens};
use crate::series::{self, RawEstimate};
use crate::stance::{self, Polarity};
use crate::terms;
use model::{Analysis, DocId, Document, EntityType, Stance as Cue};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use text::TextRange;

/// Least Dice overlap of terms and entities linking two claims without a predicate family.
/// Measured on Emergent, 0.4 gave B³ F1 0.626 (ARI 0.181) and 0.5 gives 0.605 (ARI 0.235), but
/// on 20,000 documents varied from BBC (`bench/vary-bbc.py`) 0.4 chained 11,000 claims into
/// one proposition through three shared common words at a time, 0.5 at most 1,600.
pub const FALLBACK: f64 = 0.5;

/// Least terms and entities two claims share for a lexical link: two common words ("apple",
/// "watch") in short headlines chained unrelated rumours.
pub const MIN_SHARED: usize = 3;

/// Entries read from the end of one posting list (the most recent claims under a key).
///
/// With [`LINK_CANDIDATES`] it sets where the update cost stops growing: the lists fill up to
/// this length, then the work per document is constant. Measured with the synthetic stream
/// (`eval --example ledger --speed-only`), µs per document at 10k / 100k / 300k documents and
/// the propositions of 20,000 BBC-varied articles: 200 and 256 gave 380 / 620 / — and 60,800;
/// 128 and 128 gave 364 / 527 / — and 68,400; 64 and 64 give 389 / 479 / 458 and 83,800 (more,
/// smaller propositions: a claim repeated far apart in a busy stream is missed). Emergent,
/// which these caps barely touch: B³ 0.605 / 0.605 / 0.607.
pub const POSTINGS_READ: usize = 64;

/// Earlier claims tested with [`linked`] per new claim, the most keys shared first: bounds the
/// cost per document once posting lists are long (at 100,000 documents, testing every claim
/// the lists returned took 10 ms a document).
pub const LINK_CANDIDATES: usize = 64;

/// One claim as the proposition stage keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimRecord {
    /// The document.
    #[serde(with = "crate::state::doc_id")]
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

/// The claims and their components.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Propositions {
    claims: Vec<ClaimRecord>,
    parent: Vec<u32>,
    #[serde(skip)]
    index: IntMap<u64, Vec<u32>>,
    /// What [`linked`] reads of every claim, packed (rebuilt on load).
    #[serde(skip)]
    packed: Packed,
    /// The claims of each root whose proposition has more than one (rebuilt on load), so a
    /// component is read without a scan; a root without an entry stands alone (most do).
    #[serde(skip)]
    members: IntMap<u32, Vec<u32>>,
    /// Claims added and roots joined since the last [`Propositions::take_touched`] (not stored).
    #[serde(skip)]
    touched: Vec<u32>,
}

impl Propositions {
    /// Adds one analyzed document's claims and links them.
    pub fn add(&mut self, doc: &Document, analysis: &Analysis) {
        self.add_records(extract(doc, analysis));
    }

    /// Adds one document's claim records (from [`extract`]) and links them.
    pub fn add_records(&mut self, records: Vec<ClaimRecord>) {
        let main = records
            .iter()
            .position(|r| !r.anaphoric && r.family.is_some() && !r.entities.is_empty())
            .or_else(|| records.iter().position(|r| !r.anaphoric && !r.entities.is_empty() && r.terms.len() >= 2));
        let main_family = main.and_then(|m| records[m].family.clone());
        // The main claim's id is known only once it is pushed: skipped records before it shift
        // the ids (a regression: computing it up front pointed past the end and panicked).
        let mut main_id = None;
        let mut pending = Vec::new();
        for (position, record) in records.into_iter().enumerate() {
            let id = self.claims.len() as u32;
            if record.anaphoric && (main.is_none() || (record.family.is_some() && record.family != main_family)) {
                // A denial of "the reports" in a document that states nothing else has nothing to
                // point at; a reference of another family is about something else.
                continue;
            }
            if Some(position) == main {
                main_id = Some(id);
            }
            let anaphoric = record.anaphoric;
            self.packed.push(&record);
            self.claims.push(record);
            self.parent.push(id);
            self.touched.push(id);
            if anaphoric {
                pending.push(id);
                continue;
            }
            for c in self.candidates(id) {
                if self.find(c) != self.find(id) && self.packed.get(c).linked(&self.packed.get(id)) {
                    self.union(c, id);
                }
            }
            self.index_claim(id);
        }
        if let Some(m) = main_id {
            for id in pending {
                self.union(id, m);
            }
        }
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

    /// The earlier claims worth testing against claim `id`: those sharing enough index keys
    /// for [`linked`] to hold (one for a claim with a family, [`MIN_SHARED`] without), the
    /// most shared first, at most [`LINK_CANDIDATES`] (ties: the most recent).
    fn candidates(&self, id: u32) -> Vec<u32> {
        let claim = self.packed.get(id);
        let lists: Vec<&[u32]> = claim
            .keys()
            .filter_map(|k| self.index.get(k))
            .map(|list| &list[list.len().saturating_sub(POSTINGS_READ)..])
            .collect();
        // Load one entry of every cache line of the lists before counting any: these loads do
        // not depend on one another, so their misses overlap (counting entries as they come
        // waited for each list in turn, half the time of adding a document's claims).
        std::hint::black_box(lists.iter().flat_map(|l| l.iter().step_by(16)).fold(0, |a, &c| a ^ c));
        let mut shared: IntMap<u32, u32> = IntMap::default();
        shared.reserve(lists.iter().map(|l| l.len()).sum());
        for &c in lists.iter().copied().flatten() {
            *shared.entry(c).or_default() += 1;
        }
        let least = if claim.family.is_some() { 1 } else { MIN_SHARED as u32 };
        let mut out: Vec<(u32, u32)> = shared.into_iter().filter(|&(_, n)| n >= least).collect();
        // The best LINK_CANDIDATES under a total order (most shared, then most recent): a
        // selection, not a sort of the hundreds a full posting list returns.
        let most_shared_first = |a: &(u32, u32), b: &(u32, u32)| b.1.cmp(&a.1).then(b.0.cmp(&a.0));
        if out.len() > LINK_CANDIDATES {
            out.select_nth_unstable_by(LINK_CANDIDATES - 1, most_shared_first);
            out.truncate(LINK_CANDIDATES);
        }
        let mut out: Vec<u32> = out.into_iter().map(|(c, _)| c).collect();
        out.sort_unstable();
        out
    }

    /// Adds a claim to the posting lists of its keys. Only the last [`POSTINGS_READ`] entries of
    /// a list are ever read, so a list that doubles that drops its older half: memory per key
    /// stays bounded, and a common key's list is never copied whole as it grows.
    fn index_claim(&mut self, id: u32) {
        let claim = self.packed.get(id);
        for &k in claim.keys() {
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
        self.members.entry(root).or_insert_with(|| vec![root]).extend(moved);
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

/// A claim's index keys: its entities and terms, each under its predicate family, because
/// [`linked`] never joins claims of different families (nor a claim with a family to one
/// without): a common entity of another family is never a candidate. Within one family a key
/// stands for its entity or term, so [`linked`] compares keys, not strings (two distinct strings
/// share a 64-bit key with odds of 2⁻⁶⁴).
fn entity_key(family: &str, entity: &str) -> u64 {
    hash::str64(&format!("e:{family}:{entity}"))
}

fn term_key(family: &str, term: &str) -> u64 {
    hash::str64(&format!("t:{family}:{term}"))
}

/// Whether two claims assert the same thing. Symmetric.
pub fn linked(a: &ClaimRecord, b: &ClaimRecord) -> bool {
    let (mut x, mut y) = (Packed::default(), Packed::default());
    x.push(a);
    y.push(b);
    x.get(0).linked(&y.get(0))
}

/// What [`linked`] reads of each claim, in one array of words, claim after claim: testing a
/// new claim against its 64 candidates then reads 64 short runs of memory instead of chasing
/// each record's strings (in a ledger of a million documents, each of those reads was a cache
/// miss, and the cost per document grew with the ledger).
///
/// A claim's run: its document, a word of counts (the claim's index, whether it has a family,
/// how many entities and years), its family's hash, then its entity keys, term keys (each
/// sorted) and years.
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
    terms: &'a [u64],
    years: &'a [u64],
}

impl Packed {
    fn push(&mut self, r: &ClaimRecord) {
        let family = r.family.as_deref().unwrap_or("");
        let mut entities: Vec<u64> = r.entities.iter().map(|e| entity_key(family, e)).collect();
        let mut terms: Vec<u64> = r.terms.iter().map(|t| term_key(family, t)).collect();
        entities.sort_unstable();
        terms.sort_unstable();
        let claim = r.claim.map_or(u64::from(u32::MAX), u64::from);
        let counts = claim << 32
            | u64::from(r.family.is_some()) << 31
            | (entities.len() as u64 & 0x7fff) << 16
            | (r.years.len() as u64 & 0xffff);
        self.starts.push(u32::try_from(self.words.len()).expect("fewer than 2³² packed words"));
        self.words.extend([r.doc.as_u64(), counts, hash::str64(family)]);
        self.words.extend(entities);
        self.words.extend(terms);
        self.words.extend(r.years.iter().map(|&y| u64::from(y as u32)));
    }

    fn get(&self, id: u32) -> Link<'_> {
        let start = self.starts[id as usize] as usize;
        let end = self.starts.get(id as usize + 1).map_or(self.words.len(), |&e| e as usize);
        let run = &self.words[start..end];
        let counts = run[1];
        let entities = ((counts >> 16) & 0x7fff) as usize;
        let years = (counts & 0xffff) as usize;
        let (entities, rest) = run[3..].split_at(entities);
        let (terms, years) = rest.split_at(rest.len() - years);
        Link {
            doc: run[0],
            claim: counts >> 32,
            family: (counts >> 31 & 1 == 1).then_some(run[2]),
            entities,
            terms,
            years,
        }
    }
}

impl Link<'_> {
    /// The index keys: entities, then terms.
    fn keys(&self) -> impl Iterator<Item = &u64> {
        self.entities.iter().chain(self.terms)
    }

    /// See [`linked`].
    fn linked(&self, b: &Link<'_>) -> bool {
        let a = self;
        if a.doc == b.doc && a.claim == b.claim {
            return false;
        }
        if !a.years.is_empty() && !b.years.is_empty() && !a.years.iter().any(|y| b.years.contains(y)) {
            return false;
        }
        match (a.family, b.family) {
            (Some(x), Some(y)) if x != y => false,
            (Some(_), Some(_)) => {
                if a.entities.is_empty() || b.entities.is_empty() {
                    dice_of(common(a.terms, b.terms), a.terms.len() + b.terms.len()) >= FALLBACK
                } else {
                    common(a.entities, b.entities) >= 2.min(a.entities.len()).min(b.entities.len())
                }
            }
            // Tried: a lexical link here too (Dice ≥ 0.7) gave Emergent B³ 0.640 but chained a
            // 2024 Russian statement into the sample corpus's acknowledged deployment.
            (Some(_), None) | (None, Some(_)) => false,
            (None, None) => a.lexical(b),
        }
    }

    /// Dice overlap of terms and entities together, with at least [`MIN_SHARED`] in common and an
    /// entity in common when both name one.
    fn lexical(&self, b: &Link<'_>) -> bool {
        let a = self;
        let shared = common(a.entities, b.entities);
        let entities_ok = shared > 0 || a.entities.is_empty() || b.entities.is_empty();
        let union = a.terms.len() + b.terms.len() + a.entities.len() + b.entities.len();
        let common = common(a.terms, b.terms) + shared;
        entities_ok && union > 0 && common >= MIN_SHARED && 2.0 * common as f64 / union as f64 >= FALLBACK
    }
}

/// How many keys two sorted, distinct lists share (one merge).
fn common(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// 2 × common / total, 0 when there is nothing.
fn dice_of(common: usize, total: usize) -> f64 {
    if total == 0 { 0.0 } else { 2.0 * common as f64 / total as f64 }
}

/// Dice overlap of two claims' terms.
pub fn dice(a: &Terms, b: &Terms) -> f64 {
    dice_of(a.common(b), a.len() + b.len())
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
    let cue_sentences: BTreeSet<usize> = analysis.claims.iter().map(|c| c.sentence).collect();
    let lead = analysis.sentences.iter().position(|s| s.start() >= doc.body_start && doc.body_start > 0);
    let headline = (!doc.title.is_empty() && !analysis.sentences.is_empty()).then_some(0);
    for s in [headline, lead].into_iter().flatten() {
        if cue_sentences.contains(&s) {
            continue;
        }
        let range = analysis.sentences[s];
        let content = tokens(slice(doc, range));
        let input =
            stance::Input { cue: None, negated: false, hedged: false, content: &content, before: &[], speaker: false };
        let polarity = stance::classify(&input);
        let hedged = stance::hedged(&content);
        if let Some(r) = record(doc, analysis, (None, s), range, None, polarity, hedged, &content) {
            out.push(r);
        }
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
        let mut polarity = stance::classify(&input);
        if polarity == Polarity::Contradict && claim.speaker.as_ref().is_none_or(|s| s.entity.is_none()) {
            // A denial nobody is named for ("described them as groundless rumours") is relayed
            // by the publisher, not made by it.
            polarity = Polarity::Report;
        }
        let speaker = claim.speaker.as_ref().map(|s| (slice(doc, s.range).to_owned(), s.entity.clone()));
        if let Some(r) = record(
            doc,
            analysis,
            (Some(k as u32), claim.sentence),
            claim.content,
            speaker,
            polarity,
            !claim.hedges.is_empty(),
            &content,
        ) {
            out.push(r);
        }
    }
    out
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
    let mut entities: BTreeSet<String> = BTreeSet::new();
    for e in &analysis.entities {
        if !core_type(e.kind, &e.id) {
            continue;
        }
        if e.mentions.iter().any(|m| m.range.start() >= range.start() && m.range.end() <= range.end()) {
            add_entity(&mut entities, &e.id);
        }
    }
    let pronoun = content.first().is_some_and(|t| matches!(t.as_str(), "it" | "its" | "we" | "our"));
    if pronoun && let Some(e) = &speaker_entity {
        add_entity(&mut entities, e);
    }
    let family = lexicon::predicates().hits(content).first().map(|h| h.class.to_owned());
    let mut terms: Vec<String> = Vec::new();
    terms::for_each_term(slice(doc, range), |t| terms.push(fold(t)));
    terms.sort();
    terms.dedup();
    let reference = stance::reference(content);
    let anaphoric = entities.is_empty() && (family.is_some() || reference);
    if !anaphoric && entities.is_empty() && terms.len() < 3 {
        return None;
    }
    if entities.is_empty() && terms.is_empty() && !anaphoric {
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
