//! Source text with extracted items highlighted: overlapping ranges turned into well-nested
//! HTML.
//!
//! Items overlap freely (a claim's content holds entity mentions and times; a speaker span holds a
//! mention; a quantity may hold a demonym), but HTML elements must nest. The text is cut at every
//! item boundary; each piece is wrapped in the items covering it, outermost first by [`Mark::layer`],
//! and an element is closed and reopened where items cross. An element keeps its `id` only where
//! it first opens, and a link inside a link is written as a plain span (HTML forbids nested `<a>`).
//!
//! Example: "Pyongyang said" with a speaker mark over "Pyongyang", an entity mark over the same
//! word and a cue over "said" gives
//! `<span class="speaker"><a class="entity" href="/entities/gpe:KP">Pyongyang</a></span> <a class="cue" …>said</a>`.
//!
//! Every piece of text and every attribute value is escaped here; callers give plain text.

use maud::{Markup, PreEscaped};
use std::fmt::Write;

/// One highlighted range.
#[derive(Clone, Debug)]
pub struct Mark {
    /// Byte range in the text.
    pub start: usize,
    /// End of the byte range (exclusive).
    pub end: usize,
    /// Nesting order: lower layers wrap higher ones.
    pub layer: u8,
    /// CSS classes.
    pub class: String,
    /// Link target, if the mark is a link.
    pub href: Option<String>,
    /// Element id (an anchor), written where the mark first opens.
    pub id: Option<String>,
    /// Tooltip.
    pub title: Option<String>,
}

/// `text[range]` as HTML with every mark overlapping the range applied (clipped to it).
pub fn render(text: &str, range: std::ops::Range<usize>, marks: &[Mark]) -> Markup {
    let inside: Vec<&Mark> =
        marks.iter().filter(|m| m.start < range.end && m.end > range.start && m.start < m.end).collect();
    let mut cuts: Vec<usize> = vec![range.start, range.end];
    for m in &inside {
        cuts.push(m.start.max(range.start));
        cuts.push(m.end.min(range.end));
    }
    cuts.retain(|&c| text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    let mut html = String::with_capacity((range.end - range.start) * 2);
    let mut open: Vec<usize> = Vec::new(); // indices into `inside`
    let mut opened_once = vec![false; inside.len()];
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let mut wanted: Vec<usize> =
            (0..inside.len()).filter(|&i| inside[i].start <= a && inside[i].end >= b).collect();
        wanted.sort_by_key(|&i| (inside[i].layer, inside[i].start, std::cmp::Reverse(inside[i].end), i));
        let keep = open.iter().zip(&wanted).take_while(|(x, y)| x == y).count();
        while open.len() > keep {
            let i = open.pop().unwrap_or_default();
            html.push_str(if is_link(&inside, &open, i) { "</a>" } else { "</span>" });
        }
        for &i in &wanted[keep..] {
            let link = is_link(&inside, &open, i);
            open_tag(&mut html, inside[i], link, !opened_once[i]);
            opened_once[i] = true;
            open.push(i);
        }
        escape_into(&mut html, text.get(a..b).unwrap_or_default());
    }
    while let Some(i) = open.pop() {
        html.push_str(if is_link(&inside, &open, i) { "</a>" } else { "</span>" });
    }
    PreEscaped(html)
}

/// Whether mark `i`, opened inside the `open` stack, is written as a link.
fn is_link(marks: &[&Mark], open: &[usize], i: usize) -> bool {
    marks[i].href.is_some() && !open.iter().any(|&j| marks[j].href.is_some())
}

fn open_tag(html: &mut String, mark: &Mark, link: bool, first: bool) {
    html.push_str(if link { "<a" } else { "<span" });
    let mut attribute = |name: &str, value: &str| {
        let _ = write!(html, " {name}=\"");
        escape_into(html, value);
        html.push('"');
    };
    attribute("class", &mark.class);
    if let (true, Some(href)) = (link, &mark.href) {
        attribute("href", href);
    }
    if let (true, Some(id)) = (first, &mark.id) {
        attribute("id", id);
    }
    if let Some(title) = &mark.title {
        attribute("title", title);
    }
    html.push('>');
}

/// Escapes text for HTML content and double- or single-quoted attribute values.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize, layer: u8, class: &str, href: Option<&str>) -> Mark {
        Mark {
            start,
            end,
            layer,
            class: class.into(),
            href: href.map(Into::into),
            id: Some(format!("{class}-id")),
            title: None,
        }
    }

    #[test]
    fn crossing_marks_nest_and_links_do_not() {
        let text = "Pyongyang said <b>";
        let marks = [
            mark(0, 9, 1, "speaker", Some("#claim-0")),
            mark(0, 9, 2, "entity", Some("/entities/gpe:KP")),
            mark(5, 14, 3, "x", None),
        ];
        let html = render(text, 0..text.len(), &marks).into_string();
        assert_eq!(
            html,
            "<a class=\"speaker\" href=\"#claim-0\" id=\"speaker-id\"><span class=\"entity\" id=\"entity-id\">Pyong\
             <span class=\"x\" id=\"x-id\">yang</span></span></a><span class=\"x\"> said</span> &lt;b&gt;"
        );
    }
}
