//! The curated gazetteer: countries with their ISO codes, aliases, demonyms and seats of
//! government, organisations, places, groups and weapons, read from the `.tsv` files in
//! `crates/nlp/data/entities/` (compiled in) and matched with one Aho-Corasick automaton.
//!
//! Why: the names that matter most in conflict reporting are few and known in advance, and
//! they are where rules fail ("Pyongyang" means North Korea's government; "DPRK" is North
//! Korea). A lookup gives them a canonical id (`gpe:KP`, `org:kcna`) that stays the same across
//! documents.
//!
//! Case rules: an alias with upper-case letters matches only its exact case, except that the
//! first letter may differ (sentence-initial "Missiles"); an alias in lower case (the generic
//! weapon nouns) matches in lower case or with a capital first letter. Matches must sit on word
//! boundaries. A leading lower-case "the" is dropped from aliases, so mentions never include it.
//!
//! Example: in "between Pyongyang and Moscow", `Pyongyang` is a [`MentionKind::Metonym`] of
//! `gpe:KP` and `Moscow` of `gpe:RU`; in "North Korean troops", `North Korean` is a
//! [`MentionKind::Demonym`] of `gpe:KP`.
//!
//! Known limits: no sense disambiguation beyond case ("Jordan" the person is the country;
//! "Georgia" the US state is the country); a capital after "in", "at", "near" or "outside"
//! names the city itself, anywhere else it stands for the government.

use aho_corasick::{AhoCorasick, MatchKind};
use model::{EntityType, MentionKind};
use std::sync::LazyLock;

/// One canonical gazetteer entry.
#[derive(Debug)]
pub struct Entry {
    /// Canonical id (`gpe:KP`, `org:kcna`, `norp:kurdish`).
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Entity type.
    pub kind: EntityType,
    /// Finer category from the data file ("agency", "capital", "generic", …).
    pub category: String,
}

/// One alias pattern and what it names.
#[derive(Debug)]
struct Alias {
    entry: usize,
    kind: MentionKind,
    /// Capital-city entry used when the alias is read as a place, not a metonym.
    city: Option<usize>,
    /// Pattern has upper-case letters (then case must match exactly, bar the first letter).
    cased: bool,
}

/// The compiled gazetteer.
pub struct Gazetteer {
    /// Entries, indexed by [`Hit::entry`].
    pub entries: Vec<Entry>,
    aliases: Vec<Alias>,
    patterns: Vec<String>,
    automaton: AhoCorasick,
}

/// A gazetteer match in the text.
#[derive(Clone, Copy, Debug)]
pub struct Hit {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Index into [`Gazetteer::entries`].
    pub entry: usize,
    /// How the text names the entry.
    pub kind: MentionKind,
    /// The city entry, for a capital that may be read as a place.
    pub city: Option<usize>,
}

/// The gazetteer, built once.
pub static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::build);

const COUNTRIES: &str = include_str!("../../data/entities/countries.tsv");
const FILES: [&str; 4] = [
    include_str!("../../data/entities/organisations.tsv"),
    include_str!("../../data/entities/places.tsv"),
    include_str!("../../data/entities/norp.tsv"),
    include_str!("../../data/entities/weapons.tsv"),
];

impl Gazetteer {
    fn build() -> Gazetteer {
        let mut g = Builder::default();
        for line in data_lines(COUNTRIES) {
            let cols: Vec<&str> = line.split('\t').collect();
            let [code, name, aliases, demonyms, metonyms] = cols[..] else { continue };
            let country = g.entry(format!("gpe:{code}"), name, EntityType::Gpe, "country".to_owned());
            g.alias(name, country, MentionKind::Name, None);
            for a in list(aliases) {
                g.alias(a, country, MentionKind::Name, None);
            }
            for d in list(demonyms) {
                g.alias(d, country, MentionKind::Demonym, None);
            }
            for m in list(metonyms) {
                // A seat of government standing for its country; cities may also be read as
                // themselves ("in Moscow"), buildings and streets are always the government.
                let city = !m.starts_with("the ")
                    && !["Kremlin", "White House", "Downing Street", "Whitehall", "Westminster"].contains(&m);
                let city_entry = city.then(|| {
                    let id = format!("gpe:{code}:{}", super::slug(m));
                    g.entry(id, m, EntityType::Gpe, "capital".to_owned())
                });
                g.alias(m, country, MentionKind::Metonym, city_entry);
            }
        }
        for file in FILES {
            for line in data_lines(file) {
                let cols: Vec<&str> = line.split('\t').collect();
                let [id, kind, category, name, aliases] = cols[..] else { continue };
                let Some(kind) = parse_type(kind) else { continue };
                let entry = g.entry(id.to_owned(), name, kind, category.to_owned());
                let mention = if kind == EntityType::Norp { MentionKind::Demonym } else { MentionKind::Name };
                g.alias(name, entry, mention, None);
                for a in list(aliases) {
                    g.alias(a, entry, mention, None);
                }
            }
        }
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&g.patterns)
            .expect("gazetteer patterns compile");
        Gazetteer { entries: g.entries, aliases: g.aliases, patterns: g.patterns, automaton }
    }

    /// Every gazetteer match in `text`, in order, non-overlapping, case- and boundary-checked.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        for m in self.automaton.find_iter(text) {
            let (start, end) = (m.start(), m.end());
            if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                continue;
            }
            let alias = &self.aliases[m.pattern().as_usize()];
            let pattern = &self.patterns[m.pattern().as_usize()];
            let found = &text[start..end];
            if !case_fits(pattern, found, alias.cased) || !on_word_boundary(text, start, end) {
                continue;
            }
            hits.push(Hit { start, end, entry: alias.entry, kind: alias.kind, city: alias.city });
        }
        hits
    }
}

#[derive(Default)]
struct Builder {
    entries: Vec<Entry>,
    aliases: Vec<Alias>,
    patterns: Vec<String>,
    seen: std::collections::HashMap<String, usize>,
}

impl Builder {
    fn entry(&mut self, id: String, name: &str, kind: EntityType, category: String) -> usize {
        self.entries.push(Entry { id, name: name.to_owned(), kind, category });
        self.entries.len() - 1
    }

    fn alias(&mut self, alias: &str, entry: usize, kind: MentionKind, city: Option<usize>) {
        let alias = alias.strip_prefix("the ").unwrap_or(alias).trim();
        if alias.is_empty() {
            return;
        }
        let cased = alias.chars().any(char::is_uppercase);
        // Patterns are matched case-insensitively, so two spellings differing only in case share
        // one slot; the first listed wins unless the new one is cased and the old one is not.
        let key = alias.to_ascii_lowercase();
        if let Some(&i) = self.seen.get(&key) {
            if !self.aliases[i].cased && cased {
                self.aliases[i] = Alias { entry, kind, city, cased };
                self.patterns[i] = alias.to_owned();
            }
            return;
        }
        self.seen.insert(key, self.patterns.len());
        self.patterns.push(alias.to_owned());
        self.aliases.push(Alias { entry, kind, city, cased });
    }
}

fn data_lines(file: &str) -> impl Iterator<Item = &str> {
    file.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty())
}

fn list(field: &str) -> impl Iterator<Item = &str> {
    field.split(';').map(str::trim).filter(|s| !s.is_empty())
}

/// Parses a type column (`GPE`, `ORG`, …).
pub fn parse_type(s: &str) -> Option<EntityType> {
    Some(match s {
        "PERSON" => EntityType::Person,
        "ORG" => EntityType::Org,
        "GPE" => EntityType::Gpe,
        "LOC" => EntityType::Loc,
        "FAC" => EntityType::Fac,
        "NORP" => EntityType::Norp,
        "MILITARY" => EntityType::Military,
        "WEAPON" => EntityType::Weapon,
        "PRODUCT" => EntityType::Product,
        "EVENT" => EntityType::Event,
        "MISC" => EntityType::Misc,
        _ => return None,
    })
}

/// Whether the matched text has an acceptable case for the pattern (see the module doc).
fn case_fits(pattern: &str, found: &str, cased: bool) -> bool {
    if pattern == found {
        return true;
    }
    let mut p = pattern.chars();
    let mut f = found.chars();
    let (Some(p0), Some(f0)) = (p.next(), f.next()) else { return false };
    if p.as_str() != f.as_str() {
        return false;
    }
    if cased {
        // Only a lower-case first letter may be capitalised, never the reverse (acronyms, names).
        p0.is_lowercase() && f0.is_uppercase()
    } else {
        f0.is_uppercase() && p0.to_ascii_uppercase() == f0
    }
}

fn on_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    // A hyphen may join a name to a prefix or suffix ("pro-Assad", "Soviet-style", "U.S.-led").
    let before_ok = before.is_none_or(|c| !c.is_alphanumeric() && c != '\'' && c != '’');
    let after_ok = after.is_none_or(|c| !c.is_alphanumeric())
        && !(after == Some('.') && text[end + 1..].chars().next().is_some_and(char::is_alphanumeric));
    before_ok && after_ok
}
