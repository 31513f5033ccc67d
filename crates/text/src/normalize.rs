//! Normalization of the title and body a reader found into the document text that every offset
//! indexes.
//!
//! Readers hand over whatever the format gave them: CRLF line ends, tabs, runs of spaces, hard
//! line wraps, non-breaking and zero-width spaces, soft hyphens, decomposed accents. Normalizing
//! here, once, means two copies of an article that differ only in such noise get the same text and
//! therefore the same id, and the analyzers never see layout junk.
//!
//! The body keeps its paragraphs: paragraphs are separated by exactly one blank line (`"\n\n"`),
//! and the lines inside a paragraph are joined with a space (hard wraps are layout, not meaning).
//! The title is a single line. Both are Unicode NFC.
//!
//! Example: `"  North Korea\u{a0}denies \r\n sending troops\n\n\n\nKCNA said…"` becomes
//! `"North Korea denies sending troops\n\nKCNA said…"`.

use unicode_normalization::UnicodeNormalization;

/// The title as one line: NFC, whitespace runs collapsed to one space, invisible characters
/// dropped, trimmed.
pub fn normalize_title(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    push_words(&mut out, raw);
    out
}

/// The body as paragraphs separated by one blank line; each paragraph is one line built like a
/// title. Empty paragraphs disappear. A line holding only whitespace counts as blank; `\r\n`,
/// `\n` and a lone `\r` all end a line.
pub fn normalize_body(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut in_paragraph = false;
    for line in raw.split(['\n', '\r']) {
        let before = out.len();
        if in_paragraph {
            out.push(' ');
        } else if before > 0 {
            out.push_str("\n\n");
        }
        let words_start = out.len();
        push_words(&mut out, line);
        if out.len() == words_start {
            // A blank line: drop the separator and close the paragraph, unless the "line" was
            // only the empty gap between the `\r` and `\n` of a CRLF.
            out.truncate(before);
            if !(line.is_empty() && in_paragraph && crlf_gap(raw, line)) {
                in_paragraph = false;
            }
        } else {
            in_paragraph = true;
        }
    }
    out
}

/// Whether an empty line slice sits between a `\r` and a `\n`.
fn crlf_gap(raw: &str, line: &str) -> bool {
    let at = line.as_ptr() as usize - raw.as_ptr() as usize;
    at > 0 && raw.as_bytes()[at - 1] == b'\r' && raw.as_bytes().get(at) == Some(&b'\n')
}

/// Appends the words of `raw` (NFC) to `out`, one space between them, none at the ends.
fn push_words(out: &mut String, raw: &str) {
    let mut pending_space = false;
    let start = out.len();
    for c in raw.nfc() {
        if is_invisible(c) {
            continue;
        }
        if c.is_whitespace() || c.is_control() {
            pending_space = true;
            continue;
        }
        if pending_space && out.len() > start {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
}

/// Characters that carry no text: zero-width spaces and joiners, soft hyphens, byte-order marks,
/// bidi marks.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{200E}' | '\u{200F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_collapses_whitespace_and_invisibles() {
        assert_eq!(normalize_title("  North\u{a0}Korea \t denies\u{200b}\n troops "), "North Korea denies troops");
    }

    #[test]
    fn body_keeps_paragraphs_and_joins_wrapped_lines() {
        let raw = "\u{feff}First line\r\nwraps here.\r\n\r\n \t \n\n\nSecond  paragraph.\n";
        assert_eq!(normalize_body(raw), "First line wraps here.\n\nSecond paragraph.");
    }

    #[test]
    fn body_composes_accents() {
        assert_eq!(normalize_body("Syrskyi\u{0301}"), "Syrskyi\u{0301}".nfc().collect::<String>());
        assert_eq!(normalize_body("e\u{0301}"), "\u{e9}");
    }

    #[test]
    fn empty_and_blank_inputs_give_empty_text() {
        assert_eq!(normalize_body(""), "");
        assert_eq!(normalize_body(" \n\n \r\n\t"), "");
        assert_eq!(normalize_title("\u{200b}"), "");
    }

    #[test]
    fn normalizing_twice_changes_nothing() {
        let raw = "A  b\nc\n\n\nd\u{a0}e";
        let once = normalize_body(raw);
        assert_eq!(normalize_body(&once), once);
    }
}
