//! Candidate names: gazetteer hits, and runs of capitalised words typed by cues.
//!
//! Why: most names in news are not in any list ("Oleksandr Syrskyi", "the Storm Corps"), but in
//! English they are capitalised, and their type shows in titles, suffixes and context.
//!
//! How: within a sentence, a run is a sequence of capitalised tokens (or gazetteer hits), with
//! lower-case connectors inside ("of", "de", "bin", "al", "von") and dotted abbreviations
//! ("Gen.", "W."). A sentence-initial word that is common in lower case ("Officials", "In") is
//! not a name. Each run is cut into pieces: gazetteer hits, titles (kept for roles) and the
//! rest, which is typed in this order: military unit pattern ("11th Airborne Brigade", "Storm
//! Corps") → MILITARY; organisation, facility, place suffixes or heads ("… Ministry",
//! "Ministry of …", "… Airport", "… River", "… Province") → ORG/FAC/LOC/GPE; a title or given
//! name → PERSON; an acronym → ORG; after "in", "near", "at" (any case: "Near Ayn Isa") → GPE;
//! several words after a determiner ("the Farmers Market") or ending in a word tagged as a
//! common noun ("Secret Library") → ORG; other several words → PERSON; one word → MISC,
//! left for coreference to resolve as a person's short form.
//!
//! Part-of-speech tags ([`crate::tagger`]) veto capitals that are not names: an unlisted
//! sentence-initial word tagged as neither a proper nor a common noun ("Nonetheless"), and a
//! mid-sentence capitalised word confidently tagged as a verb, adverb or function word.
//!
//! Example: "Supreme Leader Kim Jong Un" gives the title "Supreme Leader" and PERSON "Kim Jong
//! Un"; "Syrian Arab Coalition" is one ORG (a demonym followed by an organisation suffix).
//!
//! Known limits: lower-case names ("al-Qaeda" is listed, but an unlisted lower-case brand is
//! missed); a title that is also a word ("General Motors") makes a person; one-word unknown
//! names need context or a full form elsewhere.

use super::gazetteer::{GAZETTEER, Hit};
use super::{Candidate, Context, Source};
use crate::tagger::Upos;
use crate::tokens::Shape;
use model::{EntityType, MentionKind};
use std::collections::HashSet;
use std::sync::LazyLock;
use text::TextRange;

static COMMON: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("../../data/entities/common_words.txt")));
static GIVEN: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../data/entities/given_names.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .collect()
});

/// Titles ("Gen", "Supreme Leader") as word sequences, longest first, and lower-case role heads.
pub(crate) struct Titles {
    pub titles: Vec<Vec<&'static str>>,
    pub honorifics: HashSet<&'static str>,
    pub roles: HashSet<&'static str>,
}

pub(crate) static TITLES: LazyLock<Titles> = LazyLock::new(|| {
    let mut t = Titles { titles: Vec::new(), honorifics: HashSet::new(), roles: HashSet::new() };
    for line in include_str!("../../data/entities/titles.tsv").lines().filter(|l| !l.starts_with('#')) {
        let Some((word, kind)) = line.split_once('\t') else { continue };
        match kind.trim() {
            "role" => {
                t.roles.insert(word);
            }
            kind => {
                if kind == "honorific" {
                    t.honorifics.insert(word);
                }
                t.titles.push(word.split_whitespace().collect());
            }
        }
    }
    t.titles.sort_by_key(|w| std::cmp::Reverse(w.len()));
    t
});

fn word_list(file: &'static str) -> HashSet<&'static str> {
    file.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).collect()
}

/// Calls `f` with the ASCII-lower-cased `word`, without allocating for short ASCII words.
pub(crate) fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 40];
    if word.len() <= buf.len() && word.is_ascii() {
        buf[..word.len()].copy_from_slice(word.as_bytes());
        buf[..word.len()].make_ascii_lowercase();
        f(std::str::from_utf8(&buf[..word.len()]).unwrap_or(word))
    } else {
        f(&word.to_lowercase())
    }
}

/// Whether `word` is a common English word in lower case (EWT-derived list).
pub(crate) fn is_common(word: &str) -> bool {
    with_lower(word, |w| COMMON.contains(w))
}

/// Short function words that title case may or may not capitalise.
pub(crate) fn is_function_word(word: &str) -> bool {
    with_lower(word, |w| {
        matches!(
            w,
            "a" | "an"
                | "the"
                | "of"
                | "to"
                | "in"
                | "on"
                | "at"
                | "by"
                | "for"
                | "and"
                | "or"
                | "with"
                | "as"
                | "from"
        )
    })
}

const CONNECTORS: [&str; 16] =
    ["of", "de", "du", "da", "del", "der", "van", "von", "bin", "ibn", "al", "el", "la", "le", "the", "&"];
/// Capitalised words that are never a name on their own.
const NOT_NAMES: [&str; 30] = [
    "I",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "OK",
    "TV",
    "AM",
    "PM",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "St",
    "God",
];
const MIL_SUFFIX: [&str; 14] = [
    "Brigade",
    "Brigades",
    "Division",
    "Regiment",
    "Corps",
    "Battalion",
    "Fleet",
    "Squadron",
    "Wing",
    "Army",
    "Forces",
    "Guard",
    "Marines",
    "Militia",
];
const ORG_SUFFIX: [&str; 52] = [
    "Ministry",
    "Agency",
    "Council",
    "Committee",
    "Party",
    "Corp",
    "Corporation",
    "Inc",
    "Ltd",
    "Company",
    "Bank",
    "University",
    "Institute",
    "Association",
    "Union",
    "Organisation",
    "Organization",
    "Group",
    "Front",
    "Coalition",
    "Movement",
    "Commission",
    "Office",
    "Department",
    "Service",
    "Services",
    "Court",
    "Parliament",
    "Assembly",
    "Authority",
    "Foundation",
    "Church",
    "News",
    "Times",
    "Post",
    "Network",
    "Airlines",
    "Club",
    "FC",
    "Police",
    "Brotherhood",
    "Federation",
    "League",
    "Alliance",
    "Administration",
    "Bureau",
    "Command",
    "Centre",
    "Center",
    "College",
    "Society",
    "Trust",
];
const ORG_HEAD: [&str; 14] = [
    "Ministry",
    "Department",
    "University",
    "Bank",
    "Council",
    "Office",
    "Bureau",
    "Board",
    "Committee",
    "Institute",
    "Court",
    "Commission",
    "Organisation",
    "Organization",
];
const FAC_SUFFIX: [&str; 17] = [
    "Airport", "Base", "Bridge", "Dam", "Barrage", "Street", "Square", "Palace", "Building", "Tower", "Station",
    "Hospital", "Prison", "Stadium", "Port", "Mosque", "Camp",
];
const LOC_SUFFIX: [&str; 16] = [
    "River",
    "Mountains",
    "Mountain",
    "Sea",
    "Ocean",
    "Lake",
    "Valley",
    "Desert",
    "Gulf",
    "Bay",
    "Island",
    "Islands",
    "Peninsula",
    "Strait",
    "Plain",
    "Hills",
];
const LOC_HEAD: [&str; 5] = ["Lake", "Mount", "Gulf", "Sea", "Cape"];
const GPE_SUFFIX: [&str; 9] =
    ["Province", "Oblast", "Governorate", "Region", "District", "County", "City", "State", "Republic"];
const LOCATIVE: [&str; 12] =
    ["in", "near", "at", "outside", "into", "across", "towards", "toward", "around", "from", "to", "of"];
const EVENT_HEAD: [&str; 3] = ["Operation", "Battle", "War"];

/// Every candidate mention of the document, in text order.
pub(crate) fn candidates(ctx: &Context<'_>, hits: &[Hit]) -> Vec<Candidate> {
    let n = ctx.tokens.len();
    // The hit covering each token, if any.
    let mut hit_of: Vec<Option<u32>> = vec![None; n];
    let mut h = 0;
    for (i, t) in ctx.tokens.iter().enumerate() {
        while h < hits.len() && hits[h].end <= t.start as usize {
            h += 1;
        }
        if h < hits.len() && (hits[h].start as u32) < t.end && hits[h].end as u32 > t.start {
            hit_of[i] = Some(h as u32);
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if !is_namey(ctx, &hit_of, i) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        loop {
            if end < n && ctx.sentence[end] == ctx.sentence[start] && is_namey(ctx, &hit_of, end) {
                end += 1;
                continue;
            }
            // A dotted abbreviation or initial inside a run ("Gen. Votel", "George W. Bush").
            if end + 1 < n
                && ctx.word(end) == "."
                && ctx.tokens[end].start == ctx.tokens[end - 1].end
                && is_abbreviation(ctx.word(end - 1))
                && is_namey(ctx, &hit_of, end + 1)
            {
                end += 2;
                continue;
            }
            // Lower-case connectors between capitalised words ("Ministry of Defence").
            let mut k = end;
            while k < n && k - end < 2 && is_connector(ctx, k) {
                k += 1;
            }
            if k > end && k < n && ctx.sentence[k] == ctx.sentence[start] && is_namey(ctx, &hit_of, k) {
                end = k + 1;
                continue;
            }
            break;
        }
        split_run(ctx, hits, &hit_of, start, end, &mut out);
        i = end;
    }
    // Hits inside tokens that no run took (e.g. "pro-Assad").
    out
}

fn is_abbreviation(word: &str) -> bool {
    (word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase()))
        || TITLES.titles.iter().any(|t| t.len() == 1 && t[0] == word)
}

fn is_connector(ctx: &Context<'_>, i: usize) -> bool {
    let t = ctx.tokens[i];
    if t.shape != Shape::Lower && ctx.word(i) != "&" {
        return false;
    }
    CONNECTORS.contains(&ctx.word(i))
}

/// Whether token `i` may be part of a name.
fn is_namey(ctx: &Context<'_>, hit_of: &[Option<u32>], i: usize) -> bool {
    if hit_of[i].is_some() {
        return true;
    }
    let t = ctx.tokens[i];
    let word = ctx.word(i);
    let tag = ctx.tags[i];
    match t.shape {
        Shape::Capitalized | Shape::Upper => {}
        // "al-Assad", "bin-Laden": a lower-case particle glued to a capitalised name.
        Shape::Mixed => return word.contains('-') || word.chars().nth(1).is_some_and(char::is_uppercase),
        // An ordinal opening a unit name ("11th Airborne Brigade").
        Shape::Digit => {
            return is_ordinal(word)
                && ctx.tokens.get(i + 1).is_some_and(|n| n.shape == Shape::Capitalized)
                && !ctx.headline[i];
        }
        _ => return false,
    }
    if NOT_NAMES.contains(&word) {
        return false;
    }
    if ctx.headline[i] || is_title_start(ctx, i) {
        // Capitals say nothing in a headline, and a title is the role cue of a name.
    } else if ctx.initial[i] && !is_common(word) {
        // An unlisted sentence-initial word is a name only if not tagged as something else
        // ("Nonetheless" is an adverb).
        if !matches!(tag.upos, Upos::Propn | Upos::Noun) && tag.margin >= 1.0 {
            return false;
        }
    } else if !ctx.initial[i] && t.shape == Shape::Capitalized && !tag.upos.is_nominal() && tag.margin >= 10.0 {
        // A capitalised word the tagger confidently reads as a verb, adverb or function word
        // ("Nationally televised").
        return false;
    }
    if ctx.initial[i] && is_common(word) && !is_title_start(ctx, i) {
        // A capitalised common word at a sentence start: a name only if a given name ("Will").
        return GIVEN.contains(word) && ctx.tokens.get(i + 1).is_some_and(|n| n.shape == Shape::Capitalized);
    }
    true
}

fn is_ordinal(word: &str) -> bool {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && matches!(suffix, "st" | "nd" | "rd" | "th")
}

/// The number of tokens of a title starting at token `i` (0 if none).
fn title_len(ctx: &Context<'_>, i: usize, end: usize) -> usize {
    for title in &TITLES.titles {
        if i + title.len() > end {
            continue;
        }
        if title.iter().enumerate().all(|(k, w)| ctx.word(i + k) == *w) {
            return title.len();
        }
    }
    0
}

fn is_title_start(ctx: &Context<'_>, i: usize) -> bool {
    title_len(ctx, i, ctx.tokens.len()) > 0
}

/// Cuts the run `[start, end)` into hits, titles and typed rule candidates.
fn split_run(
    ctx: &Context<'_>,
    hits: &[Hit],
    hit_of: &[Option<u32>],
    start: usize,
    end: usize,
    out: &mut Vec<Candidate>,
) {
    let headline = ctx.headline[start];
    let mut title: Option<(usize, usize)> = None;
    let mut p = start;
    while p < end {
        if let Some(h) = hit_of[p] {
            let hit = hits[h as usize];
            let mut q = p;
            while q < end && hit_of[q] == Some(h) {
                q += 1;
            }
            // A demonym or country followed by more words ending in an organisation or unit
            // suffix is a name of its own ("Syrian Arab Coalition", "Iraqi Security Forces").
            let last = ctx.word(end - 1);
            if q < end
                && title.is_none()
                && !headline
                && matches!(GAZETTEER.entries[hit.entry].kind, EntityType::Gpe | EntityType::Loc | EntityType::Norp)
                && [&ORG_SUFFIX[..], &MIL_SUFFIX, &FAC_SUFFIX, &LOC_SUFFIX].iter().any(|s| s.contains(&last))
            {
                out.push(rule(ctx, p, end, None, false));
                return;
            }
            let entry = &GAZETTEER.entries[hit.entry];
            let prev = p.checked_sub(1).map(|k| ctx.word(k));
            let locative = prev.is_some_and(|w| matches!(w, "in" | "at" | "near" | "outside"));
            let (source, kind, mention) = match (hit.kind, hit.city) {
                (MentionKind::Metonym, Some(city)) if locative => {
                    (Source::Gazetteer(city), EntityType::Gpe, MentionKind::Name)
                }
                _ => (Source::Gazetteer(hit.entry), entry.kind, hit.kind),
            };
            let range = TextRange::new(hit.start, hit.end);
            out.push(Candidate {
                range,
                tokens: (p, q),
                kind,
                mention,
                source,
                sure: true,
                title: None,
                headline: false,
                honorific: false,
            });
            title = None;
            p = q;
            continue;
        }
        let t = title_len(ctx, p, end);
        if t > 0 {
            let mut q = p + t;
            if q < end && ctx.word(q) == "." {
                q += 1;
            }
            // "Chief of …", "Minister for …": the rest of the run is the role's complement.
            if q < end && is_connector(ctx, q) {
                while q < end && hit_of[q].is_none() && !GIVEN.contains(ctx.word(q)) {
                    q += 1;
                }
            }
            title = Some((title.map_or(p, |(s, _)| s), q));
            p = q;
            continue;
        }
        let mut q = p;
        while q < end && hit_of[q].is_none() && (q == p || title_len(ctx, q, end) == 0) {
            q += 1;
        }
        // Trim connectors and dots at the edges.
        let mut a = p;
        while a < q && (is_connector(ctx, a) || ctx.word(a) == ".") {
            a += 1;
        }
        let mut b = q;
        while b > a && (is_connector(ctx, b - 1) || ctx.word(b - 1) == ".") {
            b -= 1;
        }
        if a < b {
            out.push(rule(ctx, a, b, title, headline));
        }
        title = None;
        p = q;
    }
}

/// A rule candidate over tokens `[a, b)`, typed by cues.
fn rule(ctx: &Context<'_>, a: usize, b: usize, title: Option<(usize, usize)>, headline: bool) -> Candidate {
    let first = ctx.word(a);
    let last = ctx.word(b - 1);
    let words = (a..b).filter(|&k| ctx.tokens[k].is_word() && !is_connector(ctx, k)).count();
    let honorific = title.is_some_and(|(s, e)| e - s == 1 && TITLES.honorifics.contains(ctx.word(s)));
    let prev = a.checked_sub(1).map(|k| ctx.word(k));
    let (kind, sure) = if ctx.tokens[a].shape == Shape::Digit || (MIL_SUFFIX.contains(&last) && words >= 2) {
        (EntityType::Military, true)
    } else if title.is_some() {
        (EntityType::Person, true)
    } else if FAC_SUFFIX.contains(&last) && words >= 2 {
        (EntityType::Fac, true)
    } else if (LOC_SUFFIX.contains(&last) || LOC_HEAD.contains(&first)) && words >= 2 {
        (EntityType::Loc, true)
    } else if GPE_SUFFIX.contains(&last) && words >= 2 {
        (EntityType::Gpe, true)
    } else if ORG_SUFFIX.contains(&last) || ORG_HEAD.contains(&first) && words >= 2 {
        (EntityType::Org, true)
    } else if EVENT_HEAD.contains(&first) && words >= 2 {
        (EntityType::Event, true)
    } else if GIVEN.contains(first) && words >= 2 {
        (EntityType::Person, true)
    } else if words == 1 && ctx.tokens[a].shape == Shape::Upper {
        (EntityType::Org, false)
    } else if prev.is_some_and(|w| with_lower(w, |w| LOCATIVE[..8].contains(&w))) {
        (EntityType::Gpe, false)
    } else if words >= 2
        && !GIVEN.contains(first)
        && ((a > 0 && ctx.tags[a - 1].upos == Upos::Det) || ctx.tags[b - 1].upos == Upos::Noun)
    {
        // "the Mission", "the Farmers Market": people rarely take an article.
        (EntityType::Org, false)
    } else if words >= 2 || GIVEN.contains(first) {
        (EntityType::Person, false)
    } else {
        (EntityType::Misc, false)
    };
    Candidate {
        range: TextRange::new(ctx.tokens[a].start as usize, ctx.tokens[b - 1].end as usize),
        tokens: (a, b),
        kind,
        mention: MentionKind::Name,
        source: Source::Rule,
        sure,
        title: title.map(|(s, e)| {
            let mut e = e;
            while e > s && ctx.word(e - 1) == "." {
                e -= 1;
            }
            TextRange::new(ctx.tokens[s].start as usize, ctx.tokens[e.max(s + 1) - 1].end as usize)
        }),
        headline,
        honorific,
    }
}
