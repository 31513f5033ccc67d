//! HTML snippets to plain paragraphs: the small HTML inside feed items and Markdown, where the
//! whole fragment is the text and no main-text extraction is wanted.
//!
//! Why: a feed's `<description>` holds a few paragraphs of escaped HTML; running the page
//! extractor on it would throw short snippets away as boilerplate. Here every tag goes, block
//! tags (`<p>`, `<br>`, `<li>`, headings…) become paragraph breaks, `<script>`/`<style>` lose
//! their content, and character references are decoded.
//!
//! Example: `to_text("<p>Troops <b>seen</b> &amp; counted.</p><p>Two.</p>")` is
//! `"Troops seen & counted.\n\nTwo."`.
//!
//! Known limits: only the HTML 4 named entities are known (HTML5's others stay as written); tables come
//! out one cell per paragraph; no attribute is kept (not even `alt`).

use std::collections::HashMap;
use std::sync::LazyLock;

/// Converts an HTML fragment to plain text, paragraphs separated by blank lines.
pub fn to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_text(&mut out, &rest[..lt]);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |i| &after[i + 3..]);
            continue;
        }
        if let Some(after) = rest.strip_prefix("<![CDATA[") {
            let end = after.find("]]>").unwrap_or(after.len());
            push_raw(&mut out, &after[..end]);
            rest = after.get(end + 3..).unwrap_or("");
            continue;
        }
        let Some(tag) = tag_at(rest) else {
            // A lone `<` in text ("a < b") is text.
            push_raw(&mut out, "<");
            rest = &rest[1..];
            continue;
        };
        rest = &rest[tag.len..];
        if matches!(tag.name.as_str(), "script" | "style" | "template" | "noscript") && !tag.closing {
            let close = format!("</{}", tag.name);
            rest = find_ignore_case(rest, &close).map_or("", |i| &rest[i..]);
            continue;
        }
        if is_block(&tag.name) {
            out.push_str("\n\n");
        } else if tag.name == "br" {
            // Two `<br>` in a row are the usual paragraph break of feed snippets; one is a line
            // break, which the body normalizer joins with the line before.
            out.push('\n');
        } else if tag.name == "img" || tag.name == "td" || tag.name == "th" {
            out.push(' ');
        }
    }
    push_text(&mut out, rest);
    tidy(&out)
}

struct Tag {
    name: String,
    closing: bool,
    len: usize,
}

/// Parses the tag at the start of `s` (which starts with `<`), if it is one.
fn tag_at(s: &str) -> Option<Tag> {
    let bytes = s.as_bytes();
    let mut i = 1;
    let closing = bytes.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    let bang = bytes.get(i) == Some(&b'!') || bytes.get(i) == Some(&b'?');
    let name_start = i;
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b':' | b'-' | b'!' | b'?')) {
        i += 1;
    }
    if i == name_start || !(bang || bytes[name_start].is_ascii_alphabetic()) {
        return None;
    }
    let name = s[name_start..i].to_ascii_lowercase();
    // Skip attributes, honouring quotes so a `>` inside a value does not end the tag.
    let mut quote = None;
    while i < bytes.len() {
        match (quote, bytes[i]) {
            (None, b'>') => return Some(Tag { name, closing, len: i + 1 }),
            (None, q @ (b'"' | b'\'')) => quote = Some(q),
            (Some(q), b) if b == q => quote = None,
            _ => {}
        }
        i += 1;
    }
    // An unterminated tag swallows the rest, as browsers do.
    Some(Tag { name, closing, len: bytes.len() })
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "pre"
            | "table"
            | "tr"
            | "section"
            | "article"
            | "aside"
            | "header"
            | "footer"
            | "figure"
            | "figcaption"
            | "hr"
            | "address"
            | "center"
            | "main"
            | "nav"
    )
}

fn push_raw(out: &mut String, text: &str) {
    out.push_str(text);
}

/// Appends `text`, decoding character references.
fn push_text(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match entity_at(rest) {
            Some((decoded, len)) => {
                out.push(decoded);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

/// Decodes the character reference at the start of `s` (which starts with `&`).
fn entity_at(s: &str) -> Option<(char, usize)> {
    let name_len = s[1..].bytes().take(32).take_while(|b| b.is_ascii_alphanumeric() || *b == b'#').count();
    let end = name_len + 1;
    let name = &s[1..end];
    let len = if s[end..].starts_with(';') { end + 1 } else { end };
    let decoded = if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        // Windows-1252 numbers in the C1 range are what feeds mean by `&#151;`.
        let code = match code {
            0x80..=0x9f => windows_1252(code as u8),
            _ => code,
        };
        char::from_u32(code).filter(|c| *c != '\0').unwrap_or('\u{fffd}')
    } else {
        if len == end && !matches!(name, "amp" | "lt" | "gt" | "quot" | "nbsp") {
            // Named references other than the legacy few need their semicolon.
            return None;
        }
        named(name)?
    };
    Some((decoded, len))
}

/// The code point of a Windows-1252 byte in 0x80..=0x9f.
pub fn windows_1252(byte: u8) -> u32 {
    const TABLE: [u32; 32] = [
        0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d,
        0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d,
        0x17e, 0x178,
    ];
    TABLE[usize::from(byte - 0x80)]
}

/// The HTML 4 named references, from `entities.tsv`.
static ENTITIES: LazyLock<HashMap<&'static str, char>> = LazyLock::new(|| {
    include_str!("entities.tsv")
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let (name, hex) = line.split_once('\t')?;
            Some((name, char::from_u32(u32::from_str_radix(hex, 16).ok()?)?))
        })
        .collect()
});

/// The character a named reference stands for (`apos` is XML's, kept for XHTML feeds).
pub fn named(name: &str) -> Option<char> {
    if name == "apos" {
        return Some('\'');
    }
    ENTITIES.get(name).copied()
}

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack.as_bytes().windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle))
}

/// Collapses runs of spaces, trims lines, and keeps at most one blank line between paragraphs.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.split('\n') {
        let line = line.split([' ', '\t', '\r', '\u{a0}']).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(&line);
    }
    out
}
