//! Part-of-speech tags (Universal POS and Penn Treebank) for [`crate::tokens`], and noun-phrase
//! chunks built from them.
//!
//! What: [`tag`] gives each token a [`Tag`]: its UPOS ([`Upos`]), its PTB tag ([`Xpos`]) and a
//! margin, the model's score lead over its second choice (higher is surer). [`noun_chunks`]
//! groups tagged tokens into base noun phrases ("Russia's chief of staff" gives "Russia's
//! chief", "staff").
//!
//! Why: capital letters alone do not tell a name from a sentence-initial word ("Nonetheless",
//! "Officials"), and later stages (claims, events) need verbs, nouns and their phrases. A
//! learned tagger beats hand rules on both.
//!
//! How: an averaged perceptron ([`perceptron`]) over hashed word, affix, shape and context
//! features ([`features`]), greedy left to right with the two previous tags as features,
//! trained on UD English EWT by `cargo run --release -p eval --example train_tagger`. The
//! weights ship in `crates/nlp/data/tagger/ewt.model` ([`model`] format, a few MB, CC BY-SA
//! 4.0; see the README beside it) and are read once, on first use. Tokens are tagged one
//! sentence at a time: [`tag`] finds sentence breaks itself (line breaks, `.`/`!`/`?` before a
//! capitalised word); [`tag_sentences`] takes them from the segmenter.
//!
//! Example: `tag(text, &tokenize(text))` on "Gerasimov hailed the troops." gives PROPN/NNP,
//! VERB/VBD, DET/DT, NOUN/NNS, PUNCT/.
//!
//! Known limits: trained on web text (blogs, reviews, e-mails, answers), not news; about 95 %
//! of tokens right on EWT's own dev split (see `crates/eval/src/pos.rs`). Our tokenizer keeps
//! hyphenated words and contractions whole ("pro-Russian", "don't"); the trainer also sees
//! sentences tokenized our way, tagged with the head of the words they merge.

pub mod chunk;
mod features;
pub mod model;
pub mod perceptron;

pub use chunk::noun_chunks;
pub use perceptron::{DICT_MARGIN, Label, Model, Trainer, tag_dictionary};

use crate::tokens::{Shape, Token};
use std::sync::LazyLock;
use text::TextRange;

/// Universal part-of-speech tags (UD v2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    X,
}

impl Upos {
    /// The UD name, e.g. `PROPN`.
    pub fn as_str(self) -> &'static str {
        use Upos::*;
        match self {
            Adj => "ADJ",
            Adp => "ADP",
            Adv => "ADV",
            Aux => "AUX",
            Cconj => "CCONJ",
            Det => "DET",
            Intj => "INTJ",
            Noun => "NOUN",
            Num => "NUM",
            Part => "PART",
            Pron => "PRON",
            Propn => "PROPN",
            Punct => "PUNCT",
            Sconj => "SCONJ",
            Sym => "SYM",
            Verb => "VERB",
            X => "X",
        }
    }

    /// Whether the tag can head or modify a noun phrase naming something: noun, proper noun,
    /// adjective, number, symbol or unknown (`X`).
    pub fn is_nominal(self) -> bool {
        matches!(self, Upos::Noun | Upos::Propn | Upos::Adj | Upos::Num | Upos::Sym | Upos::X)
    }

    /// Parses a UD name; unknown names give `X`.
    pub fn parse(name: &str) -> Upos {
        use Upos::*;
        match name {
            "ADJ" => Adj,
            "ADP" => Adp,
            "ADV" => Adv,
            "AUX" => Aux,
            "CCONJ" => Cconj,
            "DET" => Det,
            "INTJ" => Intj,
            "NOUN" => Noun,
            "NUM" => Num,
            "PART" => Part,
            "PRON" => Pron,
            "PROPN" => Propn,
            "PUNCT" => Punct,
            "SCONJ" => Sconj,
            "SYM" => Sym,
            "VERB" => Verb,
            _ => X,
        }
    }
}

/// A Penn Treebank tag ("NNP", "VBD", "-LRB-"), stored inline.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Xpos {
    bytes: [u8; 7],
    len: u8,
}

impl Xpos {
    /// A tag from its name (cut to 7 bytes).
    pub fn new(name: &str) -> Xpos {
        let mut bytes = [0u8; 7];
        let mut len = 0;
        for (k, c) in name.char_indices() {
            if k + c.len_utf8() > bytes.len() {
                break;
            }
            len = k + c.len_utf8();
        }
        bytes[..len].copy_from_slice(&name.as_bytes()[..len]);
        Xpos { bytes, len: len as u8 }
    }

    /// The tag's name.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len as usize]).unwrap_or("")
    }
}

impl std::fmt::Debug for Xpos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The tag of one token.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tag {
    /// Universal part of speech.
    pub upos: Upos,
    /// Penn Treebank tag.
    pub xpos: Xpos,
    /// The model's score lead over its second choice, in weight units: near 0 when unsure,
    /// commonly 10–100 when sure, [`DICT_MARGIN`] for words tagged from the tag dictionary.
    pub margin: f32,
}

/// A model with its labels decoded, ready to tag token slices.
#[derive(Clone, Debug)]
pub struct Tagger {
    model: Model,
    labels: Vec<(Upos, Xpos)>,
}

impl Tagger {
    /// Wraps a model.
    pub fn new(model: Model) -> Tagger {
        let labels = model.labels.iter().map(|l| (Upos::parse(&l.upos), Xpos::new(&l.xpos))).collect();
        Tagger { model, labels }
    }

    /// The model inside.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Tags one sentence given as words.
    pub fn tag_words(&self, words: &[&str]) -> Vec<Tag> {
        let lex: Vec<features::Lex> = words.iter().map(|w| features::lex(w)).collect();
        let mut raw = Vec::with_capacity(words.len());
        self.model.tag_lex(&lex, &mut raw);
        raw.into_iter().map(|r| self.decode(r)).collect()
    }

    /// Tags `tokens` of `text`, a new sentence starting at each token where `starts` says so.
    pub fn tag_with_starts(&self, text: &str, tokens: &[Token], starts: impl Fn(usize) -> bool) -> Vec<Tag> {
        let lex: Vec<features::Lex> =
            tokens.iter().map(|t| features::lex(text.get(t.start as usize..t.end as usize).unwrap_or(""))).collect();
        let mut raw = Vec::with_capacity(tokens.len());
        let mut a = 0;
        for b in 1..=tokens.len() {
            if b == tokens.len() || starts(b) {
                self.model.tag_lex(&lex[a..b], &mut raw);
                a = b;
            }
        }
        raw.into_iter().map(|r| self.decode(r)).collect()
    }

    fn decode(&self, (label, margin): (u8, f32)) -> Tag {
        let (upos, xpos) = self.labels.get(label as usize).copied().unwrap_or((Upos::X, Xpos::new("XX")));
        Tag { upos, xpos, margin }
    }
}

/// The tagger trained on UD English EWT, embedded in the binary and loaded on first use.
pub static TAGGER: LazyLock<Tagger> = LazyLock::new(|| {
    let model = model::read(include_bytes!("../../data/tagger/ewt.model"))
        .unwrap_or_else(|_| Model::from_rows(Vec::new(), 1.0, &[], &[]));
    Tagger::new(model)
});

/// Tags every token of `text`, finding sentence breaks from punctuation and line breaks.
pub fn tag(text: &str, tokens: &[Token]) -> Vec<Tag> {
    TAGGER.tag_with_starts(text, tokens, |i| starts_sentence(text, tokens, i))
}

/// Tags every token of `text`, a sentence starting at the first token of each of `sentences`
/// (and at line breaks).
pub fn tag_sentences(text: &str, tokens: &[Token], sentences: &[TextRange]) -> Vec<Tag> {
    let mut starts = vec![false; tokens.len()];
    let mut s = 0;
    for (i, t) in tokens.iter().enumerate() {
        while s < sentences.len() && sentences[s].end <= t.start {
            s += 1;
        }
        let first_of_sentence = s < sentences.len()
            && sentences[s].start <= t.start
            && (i == 0 || tokens[i - 1].start < sentences[s].start);
        starts[i] = first_of_sentence || line_break_before(text, tokens, i);
    }
    TAGGER.tag_with_starts(text, tokens, |i| starts[i])
}

fn line_break_before(text: &str, tokens: &[Token], i: usize) -> bool {
    i > 0 && text.get(tokens[i - 1].end as usize..tokens[i].start as usize).is_some_and(|gap| gap.contains('\n'))
}

const ABBREVIATIONS: [&str; 22] = [
    "Mr", "Mrs", "Ms", "Dr", "Gen", "Col", "Lt", "Sgt", "St", "Prof", "Rev", "Capt", "Maj", "Sen", "Rep", "Gov", "No",
    "vs", "Jr", "Sr", "Adm", "Cmdr",
];

/// Whether token `i` opens a sentence, judged from the tokens before it.
fn starts_sentence(text: &str, tokens: &[Token], i: usize) -> bool {
    if i == 0 || line_break_before(text, tokens, i) {
        return true;
    }
    if tokens[i].shape == Shape::Lower {
        return false;
    }
    let word = |k: usize| text.get(tokens[k].start as usize..tokens[k].end as usize).unwrap_or("");
    let mut p = i - 1;
    if matches!(word(p), "\"" | "”" | "’" | "'" | ")") && p > 0 {
        p -= 1;
    }
    match word(p) {
        "!" | "?" => true,
        "." => {
            let before = p.checked_sub(1).map(word).unwrap_or("");
            let initial = before.chars().count() == 1 && before.chars().all(char::is_uppercase);
            !initial && !ABBREVIATIONS.contains(&before)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    #[test]
    fn sentence_starts_skip_abbreviations_and_initials() {
        let text = "Gen. Votel met George W. Bush. Then he left!\nNext";
        let tokens = tokenize(text);
        let starts: Vec<&str> =
            (0..tokens.len()).filter(|&i| starts_sentence(text, &tokens, i)).map(|i| tokens[i].text(text)).collect();
        assert_eq!(starts, ["Gen", "Then", "Next"]);
    }

    #[test]
    fn xpos_keeps_short_names() {
        assert_eq!(Xpos::new("-LRB-").as_str(), "-LRB-");
        assert_eq!(Xpos::new("VERYLONGTAG").as_str(), "VERYLON");
    }
}
