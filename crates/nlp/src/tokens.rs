//! Word tokens with exact byte offsets and a letter-case shape.
//!
//! Why: the entity recognizer (and later the claim and event stages) read words, not bytes, but
//! every result must point back at the exact bytes of the text. A token is a byte range plus a
//! [`Shape`], so callers never allocate per token.
//!
//! Rules: a word is a run of letters and digits, keeping internal hyphens ("Bretton-Gordon",
//! "F-16"), internal apostrophes ("O'Brien", "N'Djamena") and dotted initialisms ("U.S.",
//! "U.K."); a possessive `'s` / `’s` is its own token; every other non-space character is a
//! one-character punctuation token.
//!
//! Example: `tokenize("Russia's Gen. Gerasimov")` gives `Russia`, `'s`, `Gen`, `.`, `Gerasimov`.
//!
//! Known limits: no contraction splitting beyond the possessive ("don't" is one token), no
//! URL or e-mail handling, no part-of-speech tags yet.

use text::TextRange;

/// The letter case of a token, the main cue for names in English.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// All letters lower case ("troops").
    Lower,
    /// Upper-case first letter with lower case after ("Korea", "McDonald", "I").
    Capitalized,
    /// Two or more letters, all upper case ("KCNA", "U.S.", "F-16").
    Upper,
    /// Lower-case first letter with upper case later ("al-Assad", "iPhone").
    Mixed,
    /// Starts with a digit ("11th", "2025").
    Digit,
    /// The possessive `'s`.
    Possessive,
    /// Punctuation or a symbol (one character).
    Punct,
}

/// One token: a byte range into the text and its shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// Letter-case shape.
    pub shape: Shape,
}

impl Token {
    /// The token's range.
    pub fn range(self) -> TextRange {
        TextRange { start: self.start, end: self.end }
    }

    /// The token's text.
    pub fn text(self, text: &str) -> &str {
        &text[self.start as usize..self.end as usize]
    }

    /// Whether the token starts with an upper-case letter.
    pub fn is_capitalized(self) -> bool {
        matches!(self.shape, Shape::Capitalized | Shape::Upper)
    }

    /// Whether the token is a word (letters or digits).
    pub fn is_word(self) -> bool {
        !matches!(self.shape, Shape::Punct | Shape::Possessive)
    }
}

/// Splits `text` into tokens, in order, with exact byte offsets on char boundaries.
pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if (c == '\'' || c == '’') && is_possessive(text, start + c.len_utf8()) {
            let end = start + c.len_utf8() + 1;
            chars.next();
            tokens.push(Token { start: start as u32, end: end as u32, shape: Shape::Possessive });
            continue;
        }
        if !c.is_alphanumeric() {
            let end = start + c.len_utf8();
            tokens.push(Token { start: start as u32, end: end as u32, shape: Shape::Punct });
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut dotted = false;
        while let Some(&(i, d)) = chars.peek() {
            if d.is_alphanumeric() {
                chars.next();
                end = i + d.len_utf8();
                continue;
            }
            let next = text[i + d.len_utf8()..].chars().next();
            let joins = match d {
                '-' => next.is_some_and(char::is_alphanumeric),
                '\'' | '’' => next.is_some_and(char::is_alphabetic) && !is_possessive(text, i + d.len_utf8()),
                '.' => {
                    // A dotted initialism: one letter, a dot, one letter ("U.S", then the final dot).
                    let single = end - start == 1 || (end >= 2 && bytes[end - 2] == b'.');
                    let letter_after = next.is_some_and(char::is_alphabetic)
                        && text[i + 1..].chars().nth(1).is_none_or(|n| !n.is_alphanumeric());
                    if single && letter_after {
                        dotted = true;
                        true
                    } else {
                        false
                    }
                }
                _ => false,
            };
            if !joins {
                break;
            }
            chars.next();
            end = i + d.len_utf8();
        }
        if dotted && bytes.get(end) == Some(&b'.') {
            chars.next();
            end += 1;
        }
        let shape = shape_of(&text[start..end]);
        tokens.push(Token { start: start as u32, end: end as u32, shape });
    }
    tokens
}

/// Whether `'s` starts at `at` (just after the apostrophe) and ends the word.
fn is_possessive(text: &str, at: usize) -> bool {
    let rest = &text.as_bytes()[at.min(text.len())..];
    matches!(rest.first(), Some(b's' | b'S')) && rest.get(1).is_none_or(|b| !b.is_ascii_alphanumeric())
}

fn shape_of(word: &str) -> Shape {
    let mut chars = word.chars();
    let Some(first) = chars.next() else { return Shape::Punct };
    if first.is_numeric() {
        return Shape::Digit;
    }
    let mut upper = usize::from(first.is_uppercase());
    let mut lower = usize::from(first.is_lowercase());
    for c in chars {
        upper += usize::from(c.is_uppercase());
        lower += usize::from(c.is_lowercase());
    }
    if first.is_uppercase() {
        if lower == 0 && upper >= 2 { Shape::Upper } else { Shape::Capitalized }
    } else if upper > 0 {
        Shape::Mixed
    } else {
        Shape::Lower
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).into_iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn splits_possessive_and_initialisms() {
        assert_eq!(words("Russia's Gen. Gerasimov"), ["Russia", "'s", "Gen", ".", "Gerasimov"]);
        assert_eq!(words("the U.S. and U.K. forces."), ["the", "U.S.", "and", "U.K.", "forces", "."]);
        assert_eq!(words("Col de Bretton-Gordon’s F-16"), ["Col", "de", "Bretton-Gordon", "’s", "F-16"]);
        assert_eq!(words("N'Djamena, it's"), ["N'Djamena", ",", "it", "'s"]);
        assert_eq!(words("end. Next"), ["end", ".", "Next"]);
    }

    #[test]
    fn shapes() {
        let s: Vec<Shape> = tokenize("KCNA Kim al-Assad 11th troops I").into_iter().map(|t| t.shape).collect();
        use Shape::*;
        assert_eq!(s, [Upper, Capitalized, Mixed, Digit, Lower, Capitalized]);
    }
}
