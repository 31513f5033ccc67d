//! Entity recognition: gold files under `tests/gold/entities/` (our own texts, each `X.txt`
//! beside `X.expected` listing every mention's range, text, type, kind and entity id), small
//! `check` cases, and a property test that `find` never panics and keeps its span invariants.
//!
//! Re-bless the gold files with `UPDATE_EXPECT=1 cargo test -p nlp entities`.
//! Example line of an `.expected` file: `118..122  KCNA  ORG name org:kcna`.

use model::{Entity, MentionKind};
use nlp::entities::find;
use nlp::segment::sentences;
use proptest::prelude::*;
use std::fmt::Write;

fn render(text: &str, entities: &[Entity]) -> String {
    let mut rows: Vec<(u32, String)> = Vec::new();
    for e in entities {
        for m in &e.mentions {
            let kind = match m.kind {
                MentionKind::Name => "name",
                MentionKind::Metonym => "metonym",
                MentionKind::Demonym => "demonym",
                MentionKind::ShortForm => "short_form",
                MentionKind::Description => "description",
            };
            let t = format!("{:?}", e.kind).to_uppercase();
            let slice = &text[m.range.start()..m.range.end()];
            rows.push((m.range.start, format!("{}..{}  {slice}  {t} {kind} {}", m.range.start, m.range.end, e.id)));
        }
    }
    rows.sort();
    let mut out = String::new();
    for (_, row) in rows {
        let _ = writeln!(out, "{row}");
    }
    out.push_str("-- roles\n");
    for e in entities.iter().filter(|e| !e.roles.is_empty()) {
        let _ = writeln!(out, "{}: {}", e.id, e.roles.join(" | "));
    }
    out
}

#[test]
fn gold_files() {
    crate::gold::check_folder("entities", |text| render(text, &find(text, &sentences(text))));
}

/// Finds entities in `input` and compares `text=id` for each mention, in text order.
#[track_caller]
fn check(input: &str, expected: &[&str]) {
    let entities = find(input, &sentences(input));
    let mut got: Vec<(u32, String)> = entities
        .iter()
        .flat_map(|e| {
            e.mentions
                .iter()
                .map(move |m| (m.range.start, format!("{}={}", &input[m.range.start()..m.range.end()], e.id)))
        })
        .collect();
    got.sort();
    let got: Vec<String> = got.into_iter().map(|(_, s)| s).collect();
    assert_eq!(got, expected, "input: {input:?}");
}

#[test]
fn metonyms_aliases_and_demonyms_meet_in_the_country() {
    check(
        "Pyongyang said the DPRK and North Korea sent North Korean troops.",
        &["Pyongyang=gpe:KP", "DPRK=gpe:KP", "North Korea=gpe:KP", "North Korean=gpe:KP"],
    );
}

#[test]
fn capital_after_in_is_the_city() {
    check("Putin met officials in Moscow.", &["Putin=misc:putin", "Moscow=gpe:RU:moscow"]);
}

#[test]
fn short_forms_resolve_to_the_full_name() {
    check(
        "Valery Gerasimov spoke. Later Gerasimov left, and Mr Gerasimov returned.",
        &[
            "Valery Gerasimov=person:valery-gerasimov",
            "Gerasimov=person:valery-gerasimov",
            "Gerasimov=person:valery-gerasimov",
        ],
    );
}

#[test]
fn military_units() {
    check(
        "He joined the 11th Airborne Brigade and then the Storm Corps.",
        &["11th Airborne Brigade=military:11th-airborne-brigade", "Storm Corps=military:storm-corps"],
    );
}

#[test]
fn empty_and_odd_inputs() {
    check("", &[]);
    check("   \n\n ", &[]);
    check("é’s 's ’ U.S", &["U.S=org:us"]);
}

proptest! {
    #[test]
    fn never_panics_and_keeps_spans(s in "\\PC{0,200}") {
        let entities = find(&s, &sentences(&s));
        let mut ranges: Vec<text::TextRange> = entities.iter().flat_map(|e| e.mentions.iter().map(|m| m.range)).collect();
        for e in &entities {
            prop_assert!(!e.mentions.is_empty());
        }
        ranges.sort();
        let mut end = 0;
        for r in ranges {
            prop_assert!(r.start >= end, "overlap");
            prop_assert!(r.slice(&s).is_some_and(|t| !t.is_empty()));
            end = r.end;
        }
    }

    #[test]
    fn never_panics_on_name_like_text(s in "([A-Z][a-z]{0,6}|of|al-|U\\.S\\.|'s|, |\\. |\\(|\\)|[A-Z]{2,4}|\\d+th| ){0,40}") {
        let entities = find(&s, &sentences(&s));
        for e in &entities {
            for m in &e.mentions {
                prop_assert!(m.range.slice(&s).is_some());
            }
        }
    }
}

#[test]
fn sentence_initial_adverb_is_not_an_entity() {
    // Regression: "Nonetheless" became a MISC entity in the seed article; the tagger reads it
    // as an adverb.
    let text = "Troops arrived in Kursk. Nonetheless, Gerasimov praised them.";
    let entities = nlp::entities::find(text, &nlp::segment::sentences(text));
    assert!(entities.iter().all(|e| e.name != "Nonetheless"), "{entities:?}");
}
