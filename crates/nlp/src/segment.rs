//! Sentence segmentation. (Being written.)

use text::TextRange;

/// Sentence ranges of `text`, in order; paragraphs (blank lines) always end a sentence.
pub fn sentences(text: &str) -> Vec<TextRange> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices("\n\n") {
        if i > start {
            out.push(TextRange::new(start, i));
        }
        start = i + 2;
    }
    if start < text.len() {
        out.push(TextRange::new(start, text.len()));
    }
    out
}
