//! The part-of-speech tagger and noun chunks through the public API, with the embedded EWT
//! model: tags of plain news sentences, the sentence-initial words that fooled the entity
//! rules ("Nonetheless"), and, on arbitrary strings, one tag per token and no panic.

use nlp::tagger::{self, Upos};
use nlp::tokens::tokenize;
use proptest::prelude::*;

fn tags(text: &str) -> String {
    let tokens = tokenize(text);
    tagger::tag(text, &tokens)
        .iter()
        .zip(&tokens)
        .map(|(t, tok)| format!("{}/{}", tok.text(text), t.upos.as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_embedded_model_loads() {
    assert!(tagger::TAGGER.model().len() > 10_000);
}

#[test]
fn tags_a_news_sentence() {
    assert_eq!(
        tags("Valery Gerasimov hailed the bravery of the North Korean troops."),
        "Valery/PROPN Gerasimov/PROPN hailed/VERB the/DET bravery/NOUN of/ADP the/DET North/PROPN Korean/PROPN \
         troops/NOUN ./PUNCT"
    );
}

#[test]
fn sentence_initial_adverb_is_not_a_name() {
    // Regression: "Nonetheless" became a MISC entity in the seed article.
    let text = "Nonetheless, officials said the troops had left.";
    let tokens = tokenize(text);
    assert_eq!(tagger::tag(text, &tokens)[0].upos, Upos::Adv);
}

#[test]
fn noun_chunks_of_a_sentence() {
    let text = "Russia's chief of staff praised the North Korean soldiers.";
    let tokens = tokenize(text);
    let tags = tagger::tag(text, &tokens);
    let chunks: Vec<&str> =
        tagger::noun_chunks(&tokens, &tags).into_iter().map(|r| r.slice(text).unwrap_or("?")).collect();
    assert_eq!(chunks, ["Russia's chief", "staff", "the North Korean soldiers"]);
}

proptest! {
    #[test]
    fn one_tag_per_token_never_panics(text in "\\PC{0,200}") {
        let tokens = tokenize(&text);
        let tags = tagger::tag(&text, &tokens);
        prop_assert_eq!(tags.len(), tokens.len());
        let chunks = tagger::noun_chunks(&tokens, &tags);
        for w in chunks.windows(2) {
            prop_assert!(w[0].end <= w[1].start);
        }
        for c in chunks {
            prop_assert!(c.slice(&text).is_some());
        }
    }
}
