//! Base noun phrases ("noun chunks") from part-of-speech tags.
//!
//! What: maximal runs of determiners, possessives, numbers, adjectives, nouns and proper nouns
//! that end in a noun, a proper noun or a number; a lone pronoun is a chunk of its own. A
//! determiner inside a run starts a new chunk; a possessive `'s` continues it ("Russia's
//! chief"); an adverb is kept only right before an adjective ("very large forces"); a hyphen
//! between two words joins them.
//!
//! Why: speakers, claim subjects and event arguments are noun phrases; rules over tags are
//! enough for base (non-recursive) phrases, the way spaCy's English `noun_chunks` works.
//!
//! Example: "North Korean troops fought in the Kursk region" gives "North Korean troops" and
//! "the Kursk region".
//!
//! Known limits: no prepositional attachment ("chief of staff" is two chunks), coordination
//! splits ("Russia and Ukraine" is two chunks), and a wrong tag moves a boundary.

use super::{Tag, Upos};
use crate::tokens::Token;
use text::TextRange;

/// The base noun phrases of tagged tokens (`tags[i]` belongs to `tokens[i]`), in text order,
/// never overlapping.
pub fn noun_chunks(tokens: &[Token], tags: &[Tag]) -> Vec<TextRange> {
    let n = tokens.len().min(tags.len());
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let t = tags[i];
        if t.upos == Upos::Pron && t.xpos.as_str() != "PRP$" && t.xpos.as_str() != "WP$" {
            out.push(tokens[i].range());
            i += 1;
            continue;
        }
        if !may_start(t) {
            i += 1;
            continue;
        }
        // Extend over chunk-internal tokens; remember the last head seen.
        let mut j = i + 1;
        let mut head = is_head(t).then_some(i);
        while j < n {
            let u = tags[j];
            let inside = match u.upos {
                Upos::Adj | Upos::Num | Upos::Noun | Upos::Propn => true,
                Upos::Part => u.xpos.as_str() == "POS",
                Upos::Pron => matches!(u.xpos.as_str(), "PRP$" | "WP$") && j == i + 1,
                Upos::Adv => tags.get(j + 1).is_some_and(|v| v.upos == Upos::Adj),
                Upos::Punct => {
                    u.xpos.as_str() == "HYPH"
                        && tokens[j].start == tokens[j - 1].end
                        && tokens.get(j + 1).is_some_and(|next| next.start == tokens[j].end)
                        && tags.get(j + 1).is_some_and(|v| may_start(*v))
                }
                _ => false,
            };
            if !inside {
                break;
            }
            if is_head(u) {
                head = Some(j);
            }
            j += 1;
        }
        if let Some(h) = head {
            out.push(TextRange { start: tokens[i].start, end: tokens[h].end });
            i = h + 1;
        } else {
            i = j;
        }
    }
    out
}

fn may_start(t: Tag) -> bool {
    match t.upos {
        Upos::Det | Upos::Adj | Upos::Num | Upos::Noun | Upos::Propn | Upos::Adv => true,
        Upos::Pron => matches!(t.xpos.as_str(), "PRP$" | "WP$"),
        _ => false,
    }
}

fn is_head(t: Tag) -> bool {
    matches!(t.upos, Upos::Noun | Upos::Propn | Upos::Num)
}

#[cfg(test)]
mod tests {
    use super::super::Xpos;
    use super::*;
    use crate::tokens::tokenize;

    fn tags(spec: &str) -> Vec<Tag> {
        spec.split_whitespace()
            .map(|s| {
                let (u, x) = s.split_once('/').unwrap_or((s, s));
                Tag { upos: Upos::parse(u), xpos: Xpos::new(x), margin: 10.0 }
            })
            .collect()
    }

    fn chunks<'a>(text: &'a str, spec: &str) -> Vec<&'a str> {
        let tokens = tokenize(text);
        noun_chunks(&tokens, &tags(spec)).into_iter().map(|r| r.slice(text).unwrap_or("?")).collect()
    }

    #[test]
    fn base_phrases() {
        assert_eq!(
            chunks(
                "North Korean troops fought in the Kursk region",
                "PROPN/NNP ADJ/JJ NOUN/NNS VERB/VBD ADP/IN DET/DT PROPN/NNP NOUN/NN"
            ),
            ["North Korean troops", "the Kursk region"]
        );
        assert_eq!(
            chunks(
                "Russia's chief of staff hailed them",
                "PROPN/NNP PART/POS NOUN/NN ADP/IN NOUN/NN VERB/VBD PRON/PRP"
            ),
            ["Russia's chief", "staff", "them"]
        );
        assert_eq!(chunks("the very large", "DET/DT ADV/RB ADJ/JJ"), Vec::<&str>::new());
    }
}
