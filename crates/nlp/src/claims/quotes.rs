//! Quotations: which quotation marks open and close which spans, across sentences and paragraphs.
//!
//! What: spans of direct speech delimited by double quotation marks, straight (`"`) or curly
//! (`“ ”`, `„`, `« »`). A straight mark opens when nothing is open and closes otherwise. A
//! quotation still open at the end of a paragraph continues when the next paragraph opens with a
//! quotation mark (the news convention for multi-paragraph quotes) and ends with its paragraph
//! otherwise.
//!
//! Why: a cue's content is often a quotation that starts sentences before the cue
//! (`"… . … ," he said`) or runs on after it (`She said: "… . …"`), so the claim must know the
//! whole quoted span, not only the sentence holding the cue.
//!
//! Example: in `He said: "We came. We won."` one span covers `"We came. We won."`.
//!
//! Known limits: single quotation marks are ignored; an unbalanced mark inside a paragraph pairs
//! with the next one, so one stray mark can shift the quotes of its paragraph.

use super::tokens::{Kind, Token};

/// One quotation, by token index of its opening mark and of its last token (the closing mark
/// when there is one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Quote {
    pub open: usize,
    pub last: usize,
    /// Whether a closing mark ends it (not the end of a paragraph).
    pub closed: bool,
}

/// Quotations of a token list, in order, non-overlapping.
pub(super) fn find(toks: &[Token]) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, t) in toks.iter().enumerate() {
        if t.line_start
            && let Some(o) = open
        {
            if t.kind == Kind::Quote && opens(t.ch) {
                // A new paragraph opening with a quotation mark continues the quotation.
                continue;
            }
            if i > o + 1 {
                out.push(Quote { open: o, last: i - 1, closed: false });
            }
            open = None;
        }
        if t.kind != Kind::Quote {
            continue;
        }
        match (open, t.ch) {
            (None, '”' | '»') => {}
            (None, _) => open = Some(i),
            (Some(o), '“' | '«' | '„') if i == o + 1 => open = Some(i),
            (Some(o), '“' | '«' | '„') => {
                // An opening mark while open: the earlier one was never closed.
                out.push(Quote { open: o, last: i - 1, closed: false });
                open = Some(i);
            }
            (Some(o), _) => {
                out.push(Quote { open: o, last: i, closed: true });
                open = None;
            }
        }
    }
    if let Some(o) = open
        && toks.len() > o + 1
    {
        out.push(Quote { open: o, last: toks.len() - 1, closed: false });
    }
    out
}

fn opens(c: char) -> bool {
    matches!(c, '"' | '“' | '«' | '„')
}

/// The quotation whose opening mark is token `i`.
pub(super) fn opening_at(quotes: &[Quote], i: usize) -> Option<Quote> {
    quotes.binary_search_by_key(&i, |q| q.open).ok().map(|k| quotes[k])
}

/// The quotation whose last token is `i`.
pub(super) fn closing_at(quotes: &[Quote], i: usize) -> Option<Quote> {
    let k = quotes.partition_point(|q| q.last < i);
    quotes.get(k).filter(|q| q.last == i).copied()
}

/// The quotation containing token `i` strictly inside its marks.
pub(super) fn around(quotes: &[Quote], i: usize) -> Option<Quote> {
    let k = quotes.partition_point(|q| q.last < i);
    quotes.get(k).filter(|q| q.open < i && i < q.last).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::tokens::tokenize;

    fn spans(text: &str) -> Vec<&str> {
        let toks = tokenize(text);
        find(&toks).iter().map(|q| &text[toks[q.open].start as usize..toks[q.last].end as usize]).collect()
    }

    #[test]
    fn straight_and_curly_quotes() {
        assert_eq!(spans("He said: \"We came. We won.\" Then"), ["\"We came. We won.\""]);
        assert_eq!(spans("a “barely trained” unit"), ["“barely trained”"]);
    }

    #[test]
    fn quotes_continue_across_paragraphs() {
        let text = "She said: \"One.\n\n\"Two.\"\n\nNot quoted.";
        assert_eq!(spans(text), ["\"One.\n\n\"Two.\""]);
        assert_eq!(spans("\"Open.\n\nNext"), ["\"Open."]);
    }
}
