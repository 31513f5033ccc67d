//! A small tokenizer for the quantity finder: words, numbers and single punctuation characters,
//! each with its exact byte range, in one pass and one growing `Vec` per document.
//!
//! Why its own: quantities need digit groups kept whole ("11,000", "1.13bn") and know whether two
//! tokens touch ("US$", "twenty-five", "9:30"), which a general word splitter loses.
//!
//! Example: `"US$1.13bn, 3 killed"` → `US` (word) `$` (punct) `1.13bn` (number, numeric part
//! `1.13`, suffix `bn`) `,` `3` `killed`.
//!
//! Known limits: a comma group must have exactly three digits ("1,00" stops at "1"); Indian lakh
//! grouping ("1,00,000") is read as "1" then other tokens.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Starts with an ASCII digit: digit groups, one decimal part, then attached ASCII letters.
    Number,
    /// A run of letters and digits starting with a letter.
    Word,
    /// Any other single non-space character.
    Punct,
}

/// One token.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Token {
    pub start: u32,
    pub end: u32,
    /// For numbers, where the numeric part ends (the rest is a letter suffix); else `end`.
    pub num_end: u32,
    pub kind: Kind,
    /// Whether the numeric part has more than one decimal point ("1.2.3", "28.04.2025").
    pub dotted: bool,
    /// Whether a line break comes before it: quantities never span lines.
    pub line_start: bool,
}

impl Token {
    pub fn text(self, text: &str) -> &str {
        &text[self.start as usize..self.end as usize]
    }

    /// Length in bytes.
    pub fn len(self) -> u32 {
        self.end - self.start
    }

    /// Whether `next` starts where this one ends (no space between).
    pub fn touches(self, next: Token) -> bool {
        self.end == next.start
    }
}

/// Tokenizes `text` into `out` (cleared first).
pub(crate) fn tokenize(text: &str, out: &mut Vec<Token>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut line_start = true;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            line_start |= b == b'\n';
            i += 1;
            continue;
        }
        let first = out.len();
        let start = i;
        if b.is_ascii_digit() {
            let (num_end, dotted) = number_end(bytes, i);
            i = num_end;
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            out.push(token(start, i, num_end, Kind::Number, dotted));
        } else if b.is_ascii_alphabetic() || (b >= 0x80 && char_at(text, i).is_alphabetic()) {
            i = word_end(text, i);
            out.push(token(start, i, i, Kind::Word, false));
        } else {
            let c = char_at(text, i);
            i += c.len_utf8();
            if !c.is_whitespace() {
                out.push(token(start, i, i, Kind::Punct, false));
            }
        }
        if out.len() > first {
            out[first].line_start = line_start;
            line_start = false;
        }
    }
}

fn token(start: usize, end: usize, num_end: usize, kind: Kind, dotted: bool) -> Token {
    // Documents are below 4 GiB (TextRange holds u32 offsets); saturate rather than panic.
    let cast = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Token { start: cast(start), end: cast(end), num_end: cast(num_end), kind, dotted, line_start: false }
}

fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or(' ')
}

/// The end of the numeric part starting at `i`, and whether it had more than one decimal point.
fn number_end(bytes: &[u8], mut i: usize) -> (usize, bool) {
    let digits = |i: usize| bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
    i += digits(i);
    // Thousands groups: a comma and exactly three digits.
    while i + 3 < bytes.len() + 1 && bytes.get(i) == Some(&b',') && digits(i + 1) == 3 {
        i += 4;
    }
    let mut dots = 0;
    while bytes.get(i) == Some(&b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
        dots += 1;
        i += 1 + digits(i + 1);
    }
    (i, dots > 1)
}

fn word_end(text: &str, start: usize) -> usize {
    for (offset, c) in text[start..].char_indices() {
        if !c.is_alphanumeric() {
            return start + offset;
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_money_and_words() {
        let text = "US$1.13bn, 3 killed; 1.2.3 twenty-five";
        let mut toks = Vec::new();
        tokenize(text, &mut toks);
        let got: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
        assert_eq!(got, ["US", "$", "1.13bn", ",", "3", "killed", ";", "1.2.3", "twenty", "-", "five"]);
        assert_eq!(&text[toks[2].start as usize..toks[2].num_end as usize], "1.13");
        assert!(toks[7].dotted);
    }
}
