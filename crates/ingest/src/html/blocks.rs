//! HTML to text blocks: the paragraphs, headings, list items, quotes and table rows of an HTML
//! fragment (an extractor's output), each as one line of whitespace-collapsed text.
//!
//! Why: extractors return their main text as HTML; the body a [`model::Draft`] carries is plain
//! text with paragraphs separated by blank lines, and the cleanup after extraction (dropping a
//! repeated headline, a trailing "subscribe" box) works on whole blocks, knowing which are headings.
//!
//! Example: `<h2>Talks</h2><p>Both sides <b>met</b>.</p><ul><li>One</li></ul>` gives the blocks
//! `Heading(2) "Talks"`, `Paragraph "Both sides met."`, `Item "One"`.
//!
//! Known limits: inline elements styled as blocks (`<span style="display:block">`) do not split
//! text; table cells of one row are joined with " | "; `<br>` becomes a line break inside a block.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// What kind of element a block came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `h1`–`h6`, with the level.
    Heading(u8),
    /// A paragraph or any other block of running text.
    Paragraph,
    /// A list item, definition term or description.
    Item,
    /// A table row.
    Row,
}

/// One block of text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Block {
    pub kind: Kind,
    pub text: String,
}

impl Block {
    pub(crate) fn is_heading(&self) -> bool {
        matches!(self.kind, Kind::Heading(_))
    }
}

/// Splits an HTML fragment into text blocks, in document order. Empty blocks are dropped.
pub(crate) fn blocks(fragment: &str) -> Vec<Block> {
    let html = Html::parse_fragment(fragment);
    let mut out = Vec::new();
    let mut buffer = String::new();
    // Kinds of the open block elements, innermost last: the kind a flushed block gets.
    let mut open: Vec<Kind> = Vec::new();
    // Depth inside elements whose text is never content (scripts, styles, forms' options).
    let mut skipping = 0usize;
    for edge in html.root_element().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Text(text) if skipping == 0 => push_text(&mut buffer, text),
                Node::Element(element) => {
                    let name = element.name();
                    if SKIPPED.contains(&name) {
                        skipping += 1;
                    } else if skipping > 0 {
                    } else if name == "br" {
                        buffer.push('\n');
                    } else if matches!(name, "td" | "th") {
                        if !buffer.trim().is_empty() {
                            buffer.push_str(" | ");
                        }
                    } else if let Some(kind) = block_kind(name) {
                        flush(&mut buffer, &open, &mut out);
                        open.push(kind);
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(element) = node.value() {
                    let name = element.name();
                    if SKIPPED.contains(&name) {
                        skipping = skipping.saturating_sub(1);
                    } else if skipping == 0 && block_kind(name).is_some() {
                        flush(&mut buffer, &open, &mut out);
                        open.pop();
                    }
                }
            }
        }
    }
    flush(&mut buffer, &open, &mut out);
    out
}

/// Elements whose text is never part of the main text.
const SKIPPED: &[&str] = &["script", "style", "noscript", "template", "select", "textarea", "button", "svg", "head"];

fn block_kind(name: &str) -> Option<Kind> {
    Some(match name {
        "h1" => Kind::Heading(1),
        "h2" => Kind::Heading(2),
        "h3" => Kind::Heading(3),
        "h4" => Kind::Heading(4),
        "h5" => Kind::Heading(5),
        "h6" => Kind::Heading(6),
        "li" | "dt" | "dd" => Kind::Item,
        "tr" => Kind::Row,
        "p" | "div" | "blockquote" | "pre" | "section" | "article" | "main" | "aside" | "header" | "footer" | "nav"
        | "figure" | "figcaption" | "table" | "thead" | "tbody" | "tfoot" | "ul" | "ol" | "dl" | "form"
        | "fieldset" | "address" | "details" | "summary" | "hr" | "body" | "html" | "caption" | "center" | "hgroup"
        | "legend" => Kind::Paragraph,
        _ => return None,
    })
}

/// Appends text with runs of whitespace collapsed to one space (line breaks from `<br>` are kept
/// apart, they are pushed as '\n' directly).
fn push_text(buffer: &mut String, text: &str) {
    for (i, piece) in text.split(|c: char| c.is_whitespace() || c == '\u{a0}').enumerate() {
        if i > 0 && !buffer.ends_with([' ', '\n']) && !buffer.is_empty() {
            buffer.push(' ');
        }
        buffer.push_str(piece);
    }
}

fn flush(buffer: &mut String, open: &[Kind], out: &mut Vec<Block>) {
    let text = tidy(buffer);
    buffer.clear();
    if !text.is_empty() {
        out.push(Block { kind: open.last().copied().unwrap_or(Kind::Paragraph), text });
    }
}

/// Trims each line of a block and drops empty lines.
fn tidy(text: &str) -> String {
    let lines: Vec<&str> =
        text.split('\n').map(|line| line.trim_matches([' ', '\u{a0}'])).filter(|l| !l.is_empty()).collect();
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(fragment: &str) -> Vec<(Kind, String)> {
        blocks(fragment).into_iter().map(|b| (b.kind, b.text)).collect()
    }

    #[test]
    fn splits_blocks_and_keeps_inline_text_together() {
        let got = texts("<h2>Talks</h2><p>Both  sides\n<b>met</b>.</p><ul><li>One</li><li> Two </li></ul>text after");
        assert_eq!(
            got,
            vec![
                (Kind::Heading(2), "Talks".into()),
                (Kind::Paragraph, "Both sides met.".into()),
                (Kind::Item, "One".into()),
                (Kind::Item, "Two".into()),
                (Kind::Paragraph, "text after".into()),
            ]
        );
    }

    #[test]
    fn line_breaks_and_table_cells() {
        let got = texts("<p>one<br>two</p><table><tr><td>a</td><td>b</td></tr></table><script>x()</script>");
        assert_eq!(got, vec![(Kind::Paragraph, "one\ntwo".into()), (Kind::Row, "a | b".into())]);
    }
}
