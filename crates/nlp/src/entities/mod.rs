//! Named entities with canonical identities: people, organisations, places, groups, military
//! units and weapons, each mention linked to one entity per document.
//!
//! Why: a claim ledger must know that "Pyongyang", "North Korea", "DPRK" and the "North Korean"
//! of "North Korean troops" are one actor, and that "Gerasimov" later in an article is the
//! "Valery Gerasimov" named earlier, with his role.
//!
//! How, in order (one file per step):
//! - [`crate::tokens`]: words with exact offsets and letter-case shapes;
//! - [`gazetteer`]: curated names from `crates/nlp/data/entities/*.tsv` (countries with ISO
//!   codes, demonyms, seats of government as metonyms, organisations, places, groups, weapons);
//! - [`recognize`]: runs of capitalised words (with connectors such as "of", "de", "bin"),
//!   titles stripped ("Gen.", "Supreme Leader"), typed by cues: titles and given names for
//!   PERSON, suffixes for ORG/MILITARY/FAC/LOC/GPE, unit patterns ("11th Airborne Brigade"),
//!   locative prepositions for GPE;
//! - [`roles`]: titles and appositions attached to people ("Russia's Chief of Staff, Valery
//!   Gerasimov"; "Col Hamish de Bretton-Gordon, a former British Army officer");
//! - [`coref`]: later short forms ("Gerasimov", "Mr Kim"), acronyms defined in parentheses, and
//!   "the agency" when one agency is named.
//!
//! Identity: gazetteer entities keep their ids (`gpe:KP`, `org:kcna`); others get
//! `<type>:<slug of the full name>` (`person:valery-gerasimov`). A demonym is a mention of kind
//! [`MentionKind::Demonym`] of the country entity itself (type GPE), so "North Korean troops"
//! and "Pyongyang" meet in `gpe:KP`; evaluations read a demonym mention as NORP. Groups that
//! are not a country ("Kurdish", "Shia") are NORP entities. Mentions never include a leading
//! "the" nor a person's title (the title goes to `roles`).
//!
//! Example: "KCNA said Kim Jong Un met Valery Gerasimov in Pyongyang. Gerasimov praised
//! North Korean troops." gives `org:kcna`, `person:kim-jong-un`,
//! `person:valery-gerasimov` (mentions "Valery Gerasimov", "Gerasimov") and `gpe:KP` (the
//! city reading `gpe:KP:pyongyang` for "in Pyongyang"; "North Korean" as a demonym).
//!
//! Tags: [`Context`] carries each token's part of speech ([`crate::tagger`], learned from UD
//! English EWT); [`recognize`] uses them to veto capitalised non-names ("Nonetheless").
//!
//! Known limits: rules over a learned tagger, no learned entity model; sentence-initial unknown single words that are also
//! common words are skipped ("Turkey said" is caught by the gazetteer, "Mosul" too, but an
//! unlisted "Reading" is not); title-case headlines yield only gazetteer names and names
//! found elsewhere in the document; nested names are not produced (one mention per span).

mod coref;
pub mod gazetteer;
mod recognize;
mod roles;

use crate::tagger::{self, Tag};
use crate::tokens::{self, Token};
use model::{Entity, EntityType, Mention, MentionKind};
use std::collections::HashMap;
use text::TextRange;

/// Entities in `text` with their mentions, in order of first mention; `sentences` are the
/// document's sentence ranges. Mentions never overlap and lie on char boundaries.
pub fn find(text: &str, sentences: &[TextRange]) -> Vec<Entity> {
    let tokens = tokens::tokenize(text);
    let tags = tagger::tag_sentences(text, &tokens, sentences);
    find_tagged(text, sentences, &tokens, &tags)
}

/// [`find`] over tokens and tags computed once for the whole analysis: `tokens` from
/// [`tokens::tokenize`] of `text`, `tags` from [`tagger::tag_sentences`] over them (one per token).
pub fn find_tagged(text: &str, sentences: &[TextRange], tokens: &[Token], tags: &[Tag]) -> Vec<Entity> {
    if tokens.is_empty() {
        return Vec::new();
    }
    if tags.len() != tokens.len() {
        // Tags from elsewhere that do not fit these tokens: tag again rather than misread.
        return find(text, sentences);
    }
    let ctx = Context::new(text, tokens, sentences, tags);
    let hits = gazetteer::GAZETTEER.find(text);
    let mut candidates = recognize::candidates(&ctx, &hits);
    let roles = roles::attach(&ctx, &candidates);
    coref::resolve(&ctx, &mut candidates);
    assemble(text, candidates, roles)
}

/// The document as the steps see it: text, tokens and per-token sentence facts.
pub(crate) struct Context<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    /// Token starts a sentence (or a quotation or list item within one).
    pub initial: Vec<bool>,
    /// Token lies in a title-case sentence (a headline), where capitals say nothing.
    pub headline: Vec<bool>,
    /// Index of the token's sentence.
    pub sentence: Vec<u32>,
    /// Part-of-speech tag of each token.
    pub tags: &'a [Tag],
}

impl<'a> Context<'a> {
    fn new(text: &'a str, tokens: &'a [Token], sentences: &[TextRange], tags: &'a [Tag]) -> Context<'a> {
        let n = tokens.len();
        let mut sentence = vec![0u32; n];
        let mut s = 0usize;
        for (i, t) in tokens.iter().enumerate() {
            while s < sentences.len() && sentences[s].end <= t.start {
                s += 1;
            }
            sentence[i] = s as u32;
        }
        let mut initial = vec![false; n];
        let mut headline = vec![false; n];
        let mut i = 0;
        while i < n {
            let mut j = i;
            while j < n && sentence[j] == sentence[i] && !line_break_between(text, tokens, j) {
                j += 1;
            }
            j = j.max(i + 1);
            mark_sentence(text, &tokens[i..j], &mut initial[i..j], &mut headline[i..j]);
            i = j;
        }
        Context { text, tokens, initial, headline, sentence, tags }
    }

    /// The text of token `i`.
    pub fn word(&self, i: usize) -> &'a str {
        self.tokens[i].text(self.text)
    }
}

/// Whether a newline separates token `j` from the one before it (titles and list items).
fn line_break_between(text: &str, tokens: &[Token], j: usize) -> bool {
    j > 0 && text[tokens[j - 1].end as usize..tokens[j].start as usize].contains('\n')
}

fn mark_sentence(text: &str, tokens: &[Token], initial: &mut [bool], headline: &mut [bool]) {
    let mut after_opening = true;
    let (mut words, mut capitals, mut names) = (0usize, 0usize, 0usize);
    for (k, t) in tokens.iter().enumerate() {
        if t.is_word() {
            initial[k] = after_opening;
            after_opening = false;
            let word = t.text(text);
            let first = word.chars().next().unwrap_or(' ');
            if k > 0 && first.is_alphabetic() && !recognize::is_function_word(word) {
                words += 1;
                // Only capitalised common words count: a run of names is not a headline.
                capitals += usize::from(first.is_uppercase() && recognize::is_common(word));
                names += usize::from(first.is_uppercase());
            }
        } else {
            let p = t.text(text);
            after_opening = after_opening || matches!(p, "\"" | "“" | "‘" | "(" | ":" | "-" | "—" | "–" | "•" | "*");
        }
    }
    if words >= 3 && capitals >= 2 && names * 10 >= words * 8 {
        headline.fill(true);
    }
}

/// Where a candidate's identity comes from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Source {
    /// A gazetteer entry.
    Gazetteer(usize),
    /// Recognized by rules; the entity key comes from its own text.
    Rule,
    /// Resolved by [`coref`] to the candidate at this index.
    Alias(usize),
}

/// A mention candidate before entities are assembled.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    pub range: TextRange,
    /// Token index range `[first, last)`.
    pub tokens: (usize, usize),
    pub kind: EntityType,
    pub mention: MentionKind,
    pub source: Source,
    /// Typed by a strong cue (gazetteer, title, suffix) rather than a default.
    pub sure: bool,
    /// A stripped title ("Gen.", "Supreme Leader"), the cue of a role.
    pub title: Option<TextRange>,
    /// Found in a headline: kept only if coreference links it to a name found elsewhere.
    pub headline: bool,
    /// An honorific preceded it ("Mr Kim"): a short form of a person.
    pub honorific: bool,
}

fn assemble(text: &str, mut candidates: Vec<Candidate>, roles: Vec<Vec<String>>) -> Vec<Entity> {
    let gaz = &*gazetteer::GAZETTEER;
    let mut entities: Vec<Entity> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by_key(|&i| candidates[i].range.start);
    let mut last_end = 0u32;
    for i in order {
        let c = &candidates[i];
        if c.headline || c.range.start < last_end || c.range.is_empty() {
            continue;
        }
        last_end = c.range.end;
        let root = root_of(&candidates, i);
        let r = &candidates[root];
        let (id, name, kind) = match r.source {
            Source::Gazetteer(e) => {
                let entry = &gaz.entries[e];
                (entry.id.clone(), entry.name.clone(), entry.kind)
            }
            _ => {
                let name = r.range.slice(text).unwrap_or_default().to_owned();
                (format!("{}:{}", type_slug(r.kind), slug(&name)), name, r.kind)
            }
        };
        let at = *index.entry(id.clone()).or_insert_with(|| {
            entities.push(Entity { id, name, kind, roles: Vec::new(), mentions: Vec::new() });
            entities.len() - 1
        });
        entities[at].mentions.push(Mention { range: c.range, kind: c.mention });
        for role in roles.get(i).into_iter().flatten() {
            if !entities[at].roles.contains(role) {
                entities[at].roles.push(role.clone());
            }
        }
    }
    candidates.clear();
    entities
}

fn root_of(candidates: &[Candidate], mut i: usize) -> usize {
    for _ in 0..8 {
        match candidates[i].source {
            Source::Alias(j) if j != i => i = j,
            _ => break,
        }
    }
    i
}

/// The id prefix of a type (`person`, `org`, …).
pub fn type_slug(kind: EntityType) -> &'static str {
    match kind {
        EntityType::Person => "person",
        EntityType::Org => "org",
        EntityType::Gpe => "gpe",
        EntityType::Loc => "loc",
        EntityType::Fac => "fac",
        EntityType::Norp => "norp",
        EntityType::Military => "military",
        EntityType::Weapon => "weapon",
        EntityType::Product => "product",
        EntityType::Event => "event",
        EntityType::Misc => "misc",
    }
}

/// A normalized name for ids: lower case, letters and digits, words joined by `-`
/// ("Valery Gerasimov" → `valery-gerasimov`, "de Bretton-Gordon" → `de-bretton-gordon`).
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') && c != '\'' && c != '’' && c != '.' {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}
