//! Reads one number at a token: digits ("11,000", "3.5", "1.13bn", "12k"), digits with a scale word
//! ("1.5 million"), number words ("twenty-five", "two hundred and fifty", "a dozen", "two dozen")
//! and vague plurals ("thousands", "tens of thousands", "a few hundred").
//!
//! Why apart from the grammar: the value of a number does not depend on what it counts, and this is
//! the part most worth testing on its own.
//!
//! Example: at `"1.13bn"` → value 1.13e9, scaled; at `"tens of thousands"` → vague, min 20,000.
//!
//! Known limits: fractions ("half", "a quarter", "1/2"), Roman numerals and negative numbers are
//! not read; "m" and "b" are scales only after a currency sign, since "100m" is often metres.

use super::lexicon::{LEXICON, NumberKind, UnitClass};
use super::tokens::{Kind, Token};

/// A vague amount: at least `min`, below `max` when the wording caps it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Vague {
    pub min: f64,
    pub max: Option<f64>,
}

/// A number read at some tokens.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Number {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub end: usize,
    /// The value (for a vague number, its lower bound).
    pub value: f64,
    /// Set for vague plurals and bands ("thousands", "a few hundred").
    pub vague: Option<Vague>,
    /// Written with digits.
    pub digits: bool,
    /// Digits only: no separator, decimal, suffix or scale ("2024", "747").
    pub plain: bool,
    /// The scale applied (1 when none), so a range can share it ("10 to 12 million").
    pub scale: f64,
    /// A unit of measure attached to the digits ("500km").
    pub measure: Option<&'static str>,
}

/// Reads a number starting at token `i`; `money` says a currency sign came before it.
pub(crate) fn read(text: &str, toks: &[Token], i: usize, money: bool) -> Option<Number> {
    let tok = *toks.get(i)?;
    match tok.kind {
        Kind::Number => read_digits(text, toks, i, money),
        Kind::Word => read_words(text, toks, i),
        Kind::Punct => None,
    }
}

fn read_digits(text: &str, toks: &[Token], i: usize, money: bool) -> Option<Number> {
    let tok = toks[i];
    if tok.dotted {
        return None;
    }
    let numeric = &text[tok.start as usize..tok.num_end as usize];
    let mut number = Number {
        first: i,
        end: i + 1,
        value: parse_digits(numeric)?,
        vague: None,
        digits: true,
        plain: !numeric.contains([',', '.']),
        scale: 1.0,
        measure: None,
    };
    let suffix = &text[tok.num_end as usize..tok.end as usize];
    if !suffix.is_empty() {
        number.plain = false;
        match LEXICON.number(suffix) {
            Some((scale, NumberKind::Abbr)) => number.scale = scale,
            Some((scale, NumberKind::Money)) if money => number.scale = scale,
            _ => match LEXICON.unit(suffix) {
                Some(unit) if unit.class == UnitClass::Measure => number.measure = Some(unit.lemma),
                // Ordinals ("11th"), decades ("1990s"), clock times ("9am"), names ("3D", "4G").
                _ => return None,
            },
        }
    }
    if number.scale == 1.0
        && number.measure.is_none()
        && let Some(scale) = scale_word(text, toks, i + 1, money)
    {
        number.scale = scale;
        number.end += 1;
        number.plain = false;
    }
    number.value *= number.scale;
    Some(number)
}

/// A scale word at token `i` ("million", "bn"; "m" only after a currency sign).
fn scale_word(text: &str, toks: &[Token], i: usize, money: bool) -> Option<f64> {
    let tok = toks.get(i).filter(|t| t.kind == Kind::Word)?;
    match LEXICON.number(tok.text(text))? {
        (scale, NumberKind::Scale | NumberKind::Abbr) => Some(scale),
        (scale, NumberKind::Money) if money => Some(scale),
        _ => None,
    }
}

/// The value of a digit string with optional thousands commas and one decimal point.
pub(crate) fn parse_digits(digits: &str) -> Option<f64> {
    let mut value = 0.0f64;
    let mut fraction = 0.0f64;
    let mut place = 1.0f64;
    let mut after_point = false;
    for b in digits.bytes() {
        match b {
            b'0'..=b'9' if after_point => {
                place /= 10.0;
                fraction += f64::from(b - b'0') * place;
            }
            b'0'..=b'9' => value = value * 10.0 + f64::from(b - b'0'),
            b',' => {}
            b'.' if !after_point => after_point = true,
            _ => return None,
        }
    }
    Some(value + fraction)
}

fn read_words(text: &str, toks: &[Token], i: usize) -> Option<Number> {
    let word = |j: usize| toks.get(j).filter(|t| t.kind == Kind::Word).map(|t| t.text(text));
    let (value, kind) = LEXICON.number(word(i)?)?;
    if kind == NumberKind::Plural {
        return read_plural(text, toks, i, value);
    }
    let mut total = 0.0;
    let mut current = 0.0;
    let mut last: Option<NumberKind> = None;
    let mut j = i;
    let mut end = i;
    while let Some((value, kind)) = word(j).and_then(|w| LEXICON.number(w)) {
        match (kind, last) {
            (NumberKind::Small, Some(NumberKind::Small)) => break,
            (NumberKind::Small, Some(NumberKind::Tens)) if value < 10.0 => current += value,
            (NumberKind::Small, Some(NumberKind::Tens)) => break,
            (NumberKind::Small | NumberKind::Tens, _) if current % 100.0 != 0.0 => break,
            (NumberKind::Small | NumberKind::Tens, _) => current += value,
            (NumberKind::Scale, _) if value == 100.0 => current = current.max(1.0) * 100.0,
            (NumberKind::Scale, _) => {
                total += current.max(1.0) * value;
                current = 0.0;
            }
            (NumberKind::Dozen, _) => current = current.max(1.0) * 12.0,
            _ => break,
        }
        last = Some(kind);
        end = j + 1;
        j = next_word_part(text, toks, j, kind);
    }
    if end == i {
        return None;
    }
    let mut number = Number {
        first: i,
        end,
        value: total + current,
        vague: None,
        digits: false,
        plain: false,
        scale: 1.0,
        measure: None,
    };
    // "a few hundred", "several thousand": a band within the scale's order of magnitude.
    let implicit_one = matches!(kind, NumberKind::Scale | NumberKind::Dozen);
    if implicit_one && i > 0 && word(i - 1).is_some_and(|w| LEXICON.is_few(w)) {
        number.first = i - 1;
        let few = word(i - 1).is_some_and(|w| w.eq_ignore_ascii_case("few"));
        if few && i > 1 && word(i - 2).is_some_and(|w| w.eq_ignore_ascii_case("a")) {
            number.first = i - 2;
        }
        number.vague = Some(Vague { min: 2.0 * number.value, max: Some(9.0 * number.value) });
    } else if implicit_one && i > 0 && word(i - 1).is_some_and(|w| w.eq_ignore_ascii_case("a") || w == "an") {
        number.first = i - 1;
    }
    Some(number)
}

/// The token after number word `j`: skips a joining hyphen ("twenty-five") or an "and" after
/// "hundred" ("two hundred and fifty") when a number word follows.
fn next_word_part(text: &str, toks: &[Token], j: usize, kind: NumberKind) -> usize {
    let is_number = |k: usize| {
        toks.get(k).is_some_and(|t| {
            t.kind == Kind::Word
                && LEXICON.number(t.text(text)).is_some_and(|(_, k)| matches!(k, NumberKind::Small | NumberKind::Tens))
        })
    };
    let (Some(a), Some(b)) = (toks.get(j + 1), toks.get(j + 2)) else { return j + 1 };
    let hyphen = a.kind == Kind::Punct && a.text(text) == "-" && toks[j].touches(*a) && a.touches(*b);
    let and = kind == NumberKind::Scale && a.text(text).eq_ignore_ascii_case("and");
    if (hyphen && kind == NumberKind::Tens || and) && is_number(j + 2) { j + 2 } else { j + 1 }
}

/// "thousands", "dozens", "tens of thousands", "hundreds of millions".
fn read_plural(text: &str, toks: &[Token], i: usize, base: f64) -> Option<Number> {
    let word = |j: usize| toks.get(j).filter(|t| t.kind == Kind::Word).map(|t| t.text(text));
    let mut base = base;
    let mut end = i + 1;
    let of = word(i + 1).is_some_and(|w| w.eq_ignore_ascii_case("of"));
    if of
        && let Some((scale, NumberKind::Plural)) = word(i + 2).and_then(|w| LEXICON.number(w))
        && scale > base
    {
        base *= scale;
        end = i + 3;
    }
    // "tens" counts only as "tens of thousands"; "scores" only as "scores of people".
    let name = word(i).unwrap_or_default();
    if name.eq_ignore_ascii_case("tens") && end == i + 1 || name.eq_ignore_ascii_case("scores") && !of {
        return None;
    }
    let min = 2.0 * base;
    Some(Number {
        first: i,
        end,
        value: min,
        vague: Some(Vague { min, max: None }),
        digits: false,
        plain: false,
        scale: 1.0,
        measure: None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn value(text: &str) -> Option<(f64, usize)> {
        let mut toks = Vec::new();
        tokenize(text, &mut toks);
        read(text, &toks, 0, text.starts_with('$')).map(|n| (n.value, n.end))
    }

    #[test]
    fn reads_digits_and_words() {
        assert_eq!(parse_digits("11,000.5"), Some(11000.5));
        assert_eq!(value("1.13bn"), Some((1.13e9, 1)));
        assert_eq!(value("1.5 million"), Some((1.5e6, 2)));
        assert_eq!(value("twenty-five"), Some((25.0, 3)));
        assert_eq!(value("two hundred and fifty"), Some((250.0, 4)));
        assert_eq!(value("two dozen"), Some((24.0, 2)));
        assert_eq!(value("three thousand five hundred"), Some((3500.0, 4)));
        assert_eq!(value("tens of thousands"), Some((20000.0, 3)));
        assert_eq!(value("11th"), None);
        assert_eq!(value("one two"), Some((1.0, 1)));
    }
}
