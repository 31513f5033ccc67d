//! A light tokenizer for the claims stage: words, punctuation and quotation marks with byte
//! offsets, each word looked up once in the claim lexicons.
//!
//! What: a word is a run of letters and digits, with inner `.`, `'`, `’`, `-`, `&` or `/` when a
//! letter or digit follows ("U.S", "Korea’s", "Bretton-Gordon"); a final period joins an
//! abbreviation ("U.S.", "Gen.", "J."). Every other non-space character is a token of its own;
//! double quotation marks (straight, curly, guillemets, and two apostrophes `''` as some papers
//! write them) are marked as quotes.
//!
//! Why: claims need word positions, capitalisation and word classes, nothing more; keeping the
//! tokenizer private to the stage avoids coupling to one another engineers may change.
//!
//! Example: `Gen. Smith’s aide said: "No."` gives `Gen.` `Smith’s` `aide` `said` `:` `"` `No` `.`
//! `"`.
//!
//! Known limits: single quotation marks are not tracked (they double as apostrophes); a period
//! after a word not listed as an abbreviation is always punctuation.

use super::lexicon::{Class, LEXICON, NONE};
use crate::tagger::{Tag, Upos, Xpos};

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Word,
    Punct,
    Quote,
}

/// One token with its byte range and lexicon id.
#[derive(Clone, Copy, Debug)]
pub(super) struct Token {
    pub start: u32,
    pub end: u32,
    pub kind: Kind,
    /// The first character (for punctuation and quotes).
    pub ch: char,
    /// Whether a word starts with an upper-case letter.
    pub cap: bool,
    /// Whether a line break precedes the token (a paragraph or line start).
    pub line_start: bool,
    /// Whether the word ends in a possessive `'s` / `’s` / `s'`.
    pub poss: bool,
    /// The lexicon id of the lower-cased word, or `NONE`.
    pub id: u32,
    /// The word class.
    pub class: Class,
    /// The cue starting at this token, once detected.
    pub cue: Cue,
    /// The part of speech of the token's first word in the shared tokenization
    /// ([`crate::tokens`]); `X` until [`attach_tags`] runs.
    pub pos: Upos,
    /// The Penn Treebank tag beside `pos`.
    pub xpos: Xpos,
    /// How sure the tagger is of `pos` (its score lead; 0 when untagged).
    pub margin: f32,
}

/// What kind of cue starts at a token (set by cue detection).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Cue {
    None,
    Verb,
    /// A present participle ("saying", "citing").
    Ing,
    /// A phrase whose source follows ("according to").
    Source,
    /// A nominal cue ("the claim that").
    Noun,
    /// A report noun heading the subject of a verb of appearing ("reports surfaced").
    Surfaced,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.ch == c
    }
}

/// Copies the tags of the shared tokenization onto ours: each token takes the tag of the first
/// shared token that starts inside it ("Korea’s" takes "Korea"'s PROPN, "Gen." takes "Gen"'s).
/// `words` and `tags` run in parallel and in text order.
pub(super) fn attach_tags(toks: &mut [Token], words: &[crate::tokens::Token], tags: &[Tag]) {
    let mut j = 0;
    for t in toks {
        while j < words.len() && words[j].start < t.start {
            j += 1;
        }
        if let (Some(w), Some(tag)) = (words.get(j), tags.get(j))
            && w.start < t.end
        {
            t.pos = tag.upos;
            t.xpos = tag.xpos;
            t.margin = tag.margin;
        }
    }
}

/// Tokens of `text`, in order.
pub(super) fn tokenize(text: &str) -> Vec<Token> {
    let lex = &*LEXICON;
    let no_xpos = Xpos::new("");
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut lower = String::with_capacity(32);
    let mut chars = text.char_indices().peekable();
    let mut line_start = true;
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            line_start |= c == '\n';
            continue;
        }
        if !c.is_alphanumeric() {
            // Two apostrophes in a row are a double quotation mark (the New York Times' style).
            let doubled = c == '\'' && chars.peek().is_some_and(|&(_, d)| d == '\'');
            let end = if doubled { chars.next().map_or(i + 1, |(j, _)| j + 1) } else { i + c.len_utf8() };
            let quote = doubled || matches!(c, '"' | '“' | '”' | '„' | '«' | '»');
            let kind = if quote { Kind::Quote } else { Kind::Punct };
            out.push(Token {
                start: i as u32,
                end: end as u32,
                kind,
                ch: if doubled { '"' } else { c },
                cap: false,
                line_start,
                poss: false,
                id: NONE,
                class: Class::Other,
                cue: Cue::None,
                pos: Upos::X,
                xpos: no_xpos,
                margin: 0.0,
            });
            line_start = false;
            continue;
        }
        let mut end = i + c.len_utf8();
        let mut has_dot = false;
        while let Some(&(j, d)) = chars.peek() {
            if d.is_alphanumeric() {
                end = j + d.len_utf8();
                chars.next();
                continue;
            }
            if matches!(d, '.' | '\'' | '’' | '-' | '&' | '/') {
                let after = text[j + d.len_utf8()..].chars().next();
                if after.is_some_and(char::is_alphanumeric) {
                    has_dot |= d == '.';
                    end = j + d.len_utf8();
                    chars.next();
                    continue;
                }
            }
            break;
        }
        let word = &text[i..end];
        lower.clear();
        for ch in word.chars() {
            if ch == '’' {
                lower.push('\'');
            } else {
                lower.extend(ch.to_lowercase());
            }
        }
        let id = lex.id(&lower);
        let class = lex.entry(id).class;
        // A final period belongs to abbreviations, dotted acronyms and initials.
        if text[end..].starts_with('.') {
            let initial = word.chars().count() == 1 && c.is_uppercase();
            if has_dot || initial || class == Class::Abbr {
                end += 1;
            }
        }
        let poss = lower.ends_with("'s") && lower.len() > 2 || lower.ends_with("s'");
        out.push(Token {
            start: i as u32,
            end: end as u32,
            kind: Kind::Word,
            ch: c,
            cap: c.is_uppercase(),
            line_start,
            poss,
            id,
            class,
            cue: Cue::None,
            pos: Upos::X,
            xpos: no_xpos,
            margin: 0.0,
        });
        line_start = false;
        // Skip the characters swallowed by the abbreviation period.
        while chars.peek().is_some_and(|&(j, _)| j < end) {
            chars.next();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| &text[t.start as usize..t.end as usize]).collect()
    }

    #[test]
    fn words_keep_inner_marks_and_abbreviations() {
        assert_eq!(
            words("Gen. Smith’s aide said: \"No.\""),
            ["Gen.", "Smith’s", "aide", "said", ":", "\"", "No", ".", "\""]
        );
        assert_eq!(words("U.S. officials, Bretton-Gordon"), ["U.S.", "officials", ",", "Bretton-Gordon"]);
    }

    #[test]
    fn tokens_know_quotes_and_possessives() {
        let toks = tokenize("“Kim’s men”");
        assert_eq!(toks[0].kind, Kind::Quote);
        assert!(toks[1].poss);
        assert_eq!(toks[3].kind, Kind::Quote);
        assert_eq!(words("''Go,'' he said"), ["''", "Go", ",", "''", "he", "said"]);
        assert_eq!(tokenize("''Go''")[0].kind, Kind::Quote);
    }
}
