//! Within-document coreference of names: later (or earlier) short forms of a full name, acronyms
//! defined in parentheses, names repeated in headlines, and "the agency".
//!
//! Why: articles name a person in full once and then by surname ("Gerasimov", "Mr Kim"); a
//! ledger that split them would lose who said what.
//!
//! How: every person named with two or more words registers its first and last words and its
//! full text; a one-word name or an honorific form ("Mr Kim") matching one of them becomes a
//! [`MentionKind::ShortForm`] of that person ("Kim" → "Kim Jong Un", as Korean names put the
//! family name first). "Syrian Democratic Forces (SDF)" makes "SDF" a short form of the long
//! name. In a title-case headline, only words matching a name found elsewhere are kept. "the
//! agency" is a [`MentionKind::Description`] of the news agency when exactly one is named.
//!
//! Known limits: two people sharing a surname both register it, and the first one named wins;
//! no pronouns; descriptions other than "the agency" are left alone.

use super::gazetteer::GAZETTEER;
use super::{Candidate, Context, Source};
use crate::tokens::Shape;
use model::{EntityType, MentionKind};
use std::collections::HashMap;
use text::TextRange;

/// Links short forms to full names, in place; may add description candidates.
pub(crate) fn resolve(ctx: &Context<'_>, candidates: &mut Vec<Candidate>) {
    let mut keys: HashMap<&str, usize> = HashMap::new();
    let mut full: HashMap<&str, usize> = HashMap::new();
    for (i, c) in candidates.iter().enumerate() {
        if c.headline || c.source != Source::Rule {
            continue;
        }
        let (a, b) = c.tokens;
        let words: Vec<usize> = (a..b).filter(|&k| ctx.tokens[k].is_word() && ctx.word(k).len() > 1).collect();
        if c.kind == EntityType::Person && words.len() >= 2 {
            full.entry(&ctx.text[c.range.start()..c.range.end()]).or_insert(i);
            let last = ctx.word(*words.last().unwrap_or(&a));
            keys.entry(last).or_insert(i);
            let first = ctx.word(words[0]);
            if ctx.tokens[words[0]].shape != Shape::Mixed {
                keys.entry(first).or_insert(i);
            }
        }
        // "Long Name (LN)": the acronym is a short form of the long name.
        if b + 2 < ctx.tokens.len() && ctx.word(b) == "(" && ctx.word(b + 2) == ")" && words.len() >= 2 {
            let acronym = ctx.word(b + 1);
            if ctx.tokens[b + 1].shape == Shape::Upper && initials_fit(ctx, a, b, acronym) {
                keys.entry(acronym).or_insert(i);
            }
        }
    }
    for i in 0..candidates.len() {
        let c = &candidates[i];
        if c.source != Source::Rule {
            continue;
        }
        let text = &ctx.text[c.range.start()..c.range.end()];
        if c.headline {
            resolve_headline(ctx, candidates, i, &keys, &full);
            continue;
        }
        let Some(&root) = keys.get(text) else { continue };
        let r = &candidates[root];
        if root == i || (c.sure && c.kind != r.kind && !c.honorific) {
            continue;
        }
        let kind = r.kind;
        let c = &mut candidates[i];
        c.source = Source::Alias(root);
        c.kind = kind;
        c.mention = MentionKind::ShortForm;
    }
    the_agency(ctx, candidates);
}

/// Whether `acronym` could abbreviate tokens `[a, b)` (its letters are their capitals, in order).
fn initials_fit(ctx: &Context<'_>, a: usize, b: usize, acronym: &str) -> bool {
    let mut letters = acronym.chars().filter(char::is_ascii_uppercase);
    let Some(first) = letters.next() else { return false };
    ctx.word(a).starts_with(first) && acronym.len() <= 2 * (b - a) + 2
}

/// Replaces a headline run by the parts of it that name something found elsewhere.
fn resolve_headline(
    ctx: &Context<'_>,
    candidates: &mut Vec<Candidate>,
    i: usize,
    keys: &HashMap<&str, usize>,
    full: &HashMap<&str, usize>,
) {
    let (a, b) = candidates[i].tokens;
    let mut k = a;
    while k < b {
        // The longest known full name starting here, else a one-word key.
        let mut found = None;
        for e in (k + 2..=b).rev() {
            let s = &ctx.text[ctx.tokens[k].start as usize..ctx.tokens[e - 1].end as usize];
            if let Some(&root) = full.get(s) {
                found = Some((e, root, MentionKind::Name));
                break;
            }
        }
        if found.is_none()
            && let Some(&root) = keys.get(ctx.word(k))
        {
            found = Some((k + 1, root, MentionKind::ShortForm));
        }
        match found {
            Some((e, root, mention)) => {
                let kind = candidates[root].kind;
                candidates.push(Candidate {
                    range: TextRange::new(ctx.tokens[k].start as usize, ctx.tokens[e - 1].end as usize),
                    tokens: (k, e),
                    kind,
                    mention,
                    source: Source::Alias(root),
                    sure: true,
                    title: None,
                    headline: false,
                    honorific: false,
                });
                k = e;
            }
            None => k += 1,
        }
    }
}

/// "the agency" → the one news agency named in the document.
fn the_agency(ctx: &Context<'_>, candidates: &mut Vec<Candidate>) {
    let mut agency = None;
    for c in candidates.iter() {
        if let Source::Gazetteer(e) = c.source
            && GAZETTEER.entries[e].category == "agency"
        {
            match agency {
                None => agency = Some(e),
                Some(a) if a == e => {}
                Some(_) => return,
            }
        }
    }
    let Some(entry) = agency else { return };
    for k in 1..ctx.tokens.len() {
        if ctx.word(k) == "agency" && ctx.word(k - 1).eq_ignore_ascii_case("the") {
            candidates.push(Candidate {
                range: TextRange::new(ctx.tokens[k - 1].start as usize, ctx.tokens[k].end as usize),
                tokens: (k - 1, k + 1),
                kind: GAZETTEER.entries[entry].kind,
                mention: MentionKind::Description,
                source: Source::Gazetteer(entry),
                sure: true,
                title: None,
                headline: false,
                honorific: false,
            });
        }
    }
}
