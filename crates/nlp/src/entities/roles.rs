//! Roles and titles attached to people: the title before a name ("General Oleksandr Syrskyi"),
//! a role phrase before it ("Russia's Chief of Staff, Valery Gerasimov") and an apposition
//! after it ("Col Hamish de Bretton-Gordon, a former British Army officer").
//!
//! Why: a claim's weight depends on who the speaker is; the role is what an analyst reads
//! first ("a former British Army officer" is an expert, not an official).
//!
//! How: a phrase counts as a role only if it holds a title or a role word from
//! `data/entities/titles.tsv`; appositions stop at punctuation and at verbs of saying
//! ("…, commander of U.S. Central Command said" gives "commander of U.S. Central Command").
//! Honorifics ("Mr") are not roles.
//!
//! Known limits: roles joined by "and" or told in another sentence ("He is the army chief")
//! are not found; a lower-case role phrase before a name is read only from a short list of
//! modifiers ("former", "deputy", "senior", …).

use super::recognize::{TITLES, with_lower};
use super::{Candidate, Context};
use crate::tokens::Shape;
use model::EntityType;

const MODIFIERS: [&str; 22] = [
    "former", "deputy", "senior", "chief", "general", "staff", "defence", "defense", "foreign", "military", "top",
    "army", "state", "national", "security", "interior", "vice", "prime", "supreme", "of", "the", "for",
];
const STOPS: [&str; 14] =
    ["said", "says", "told", "who", "which", "that", "and", "has", "had", "is", "was", "will", "added", "warned"];

/// The roles of each candidate (empty for all but people).
pub(crate) fn attach(ctx: &Context<'_>, candidates: &[Candidate]) -> Vec<Vec<String>> {
    candidates
        .iter()
        .map(|c| {
            let mut roles = Vec::new();
            if c.kind != EntityType::Person || c.headline {
                return roles;
            }
            if let (Some(title), false) = (c.title, c.honorific) {
                roles.push(ctx.text[title.start()..title.end()].to_owned());
            }
            if let Some(role) = before(ctx, c.tokens.0) {
                roles.push(role);
            }
            if let Some(role) = after(ctx, c.tokens.1) {
                roles.push(role);
            }
            roles
        })
        .collect()
}

fn is_role_word(ctx: &Context<'_>, i: usize) -> bool {
    let w = ctx.word(i);
    with_lower(w, |l| TITLES.roles.contains(l)) || TITLES.titles.iter().any(|t| t.len() == 1 && t[0] == w)
}

/// "Russia's Chief of Staff, <name>".
fn before(ctx: &Context<'_>, a: usize) -> Option<String> {
    if a < 2 || ctx.word(a - 1) != "," {
        return None;
    }
    let sentence = ctx.sentence[a];
    let mut s = a - 1;
    let mut has_role = false;
    while s > 0 && a - 1 - s < 8 && ctx.sentence[s - 1] == sentence {
        let t = ctx.tokens[s - 1];
        let ok = match t.shape {
            Shape::Capitalized | Shape::Upper | Shape::Possessive => true,
            Shape::Lower => with_lower(ctx.word(s - 1), |l| MODIFIERS.contains(&l) || TITLES.roles.contains(l)),
            _ => false,
        };
        if !ok || ctx.initial[s - 1] && t.shape == Shape::Capitalized && ctx.word(s - 1) == "The" {
            break;
        }
        has_role |= is_role_word(ctx, s - 1);
        s -= 1;
    }
    while s < a - 1 && matches!(ctx.word(s), "of" | "the" | "for") {
        s += 1;
    }
    (has_role && s < a - 1).then(|| span(ctx, s, a - 1))
}

/// "<name>, a former British Army officer,".
fn after(ctx: &Context<'_>, b: usize) -> Option<String> {
    if b >= ctx.tokens.len() || ctx.word(b) != "," {
        return None;
    }
    let sentence = ctx.sentence[b];
    let mut s = b + 1;
    while s < ctx.tokens.len() && matches!(ctx.word(s), "a" | "an" | "the") {
        s += 1;
    }
    let mut e = s;
    let mut has_role = false;
    while e < ctx.tokens.len() && e - s < 10 && ctx.sentence[e] == sentence {
        let t = ctx.tokens[e];
        if !t.is_word() && t.shape != Shape::Possessive || STOPS.contains(&ctx.word(e)) {
            break;
        }
        has_role |= is_role_word(ctx, e);
        e += 1;
    }
    (has_role && e > s).then(|| span(ctx, s, e))
}

fn span(ctx: &Context<'_>, a: usize, b: usize) -> String {
    ctx.text[ctx.tokens[a].start as usize..ctx.tokens[b - 1].end as usize].to_owned()
}
