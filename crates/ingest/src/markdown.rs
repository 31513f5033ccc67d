//! Markdown to plain prose: the text a reader sees, with the markup gone.
//!
//! Why: claims and quotes are found in sentences; `**`, `[text](url)` and `> ` would otherwise
//! end up inside speaker names and quote spans. Headings, list items and block quotes become
//! paragraphs of their own so a sentence never runs from a heading into the text under it.
//!
//! Example: `to_text("# Title\n\nSaid **[Gerasimov](https://x)**:\n\n- one\n- two")` is
//! `"Title\n\nSaid Gerasimov:\n\none\n\ntwo"`.
//!
//! Known limits: a line-based reading of CommonMark: indented code blocks are kept as text
//! (they cannot be told from list continuations without a full parser), nested emphasis with
//! mismatched markers keeps stray `*`, and link reference definitions are dropped only when
//! they sit on a line of their own.

use crate::snippet;

/// Converts Markdown to plain text, paragraphs separated by blank lines.
pub fn to_text(markdown: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut fence: Option<&str> = None;
    let mut in_quote = false;
    let flush = |current: &mut Vec<String>, paragraphs: &mut Vec<String>| {
        if !current.is_empty() {
            paragraphs.push(current.join("\n"));
            current.clear();
        }
    };
    for line in markdown.lines() {
        let trimmed = line.trim();
        if let Some(marker) = fence {
            if trimmed.starts_with(marker) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            flush(&mut current, &mut paragraphs);
            fence = Some(&trimmed[..3]);
            continue;
        }
        if trimmed.is_empty() {
            flush(&mut current, &mut paragraphs);
            in_quote = false;
            continue;
        }
        if is_rule(trimmed) {
            // `Title\n---` is a heading; a `---` after a blank line is a thematic break. Either
            // way the line above ends its paragraph.
            flush(&mut current, &mut paragraphs);
            continue;
        }
        if is_reference_definition(trimmed) || is_table_separator(trimmed) {
            continue;
        }
        let (block_start, content) = block_marker(trimmed);
        let is_quote = trimmed.starts_with('>');
        // A quote's lines all carry `>`; only the first starts the paragraph.
        if block_start && !(is_quote && in_quote && !current.is_empty()) {
            flush(&mut current, &mut paragraphs);
        }
        in_quote = is_quote;
        let content = if content.starts_with('|') { table_row(content) } else { content.to_owned() };
        let inline = inline(&content);
        if !inline.trim().is_empty() {
            current.push(inline.trim().to_owned());
        }
        if block_start && trimmed.starts_with('#') {
            flush(&mut current, &mut paragraphs);
        }
    }
    flush(&mut current, &mut paragraphs);
    paragraphs.join("\n\n")
}

/// `---`, `***`, `___`, `===` (three or more, spaces allowed).
fn is_rule(line: &str) -> bool {
    let marks: Vec<char> = line.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3 && ['-', '*', '_', '='].iter().any(|m| marks.iter().all(|c| c == m))
}

fn is_reference_definition(line: &str) -> bool {
    line.starts_with('[') && line.contains("]:") && !line.contains("](")
}

fn is_table_separator(line: &str) -> bool {
    line.contains('-') && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

fn table_row(line: &str) -> String {
    line.trim_matches('|').split('|').map(str::trim).filter(|c| !c.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Whether the line starts a block of its own (heading, list item, quote), and its content.
fn block_marker(line: &str) -> (bool, &str) {
    let hashes = line.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
        return (true, line[hashes..].trim().trim_end_matches('#').trim_end());
    }
    if line.starts_with('>') {
        let mut rest = line;
        while let Some(after) = rest.strip_prefix('>') {
            rest = after.trim_start();
        }
        return (true, rest);
    }
    for bullet in ["- ", "* ", "+ "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            let rest = rest.trim_start();
            // Task list boxes carry no prose.
            let rest = rest.strip_prefix("[ ] ").or_else(|| rest.strip_prefix("[x] ")).unwrap_or(rest);
            return (true, rest);
        }
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if (1..=9).contains(&digits) && (line[digits..].starts_with(". ") || line[digits..].starts_with(") ")) {
        return (true, line[digits + 2..].trim_start());
    }
    (false, line)
}

/// Inline markup: images dropped, links keep their text, emphasis and code markers removed,
/// inline HTML tags removed, backslash escapes and entities resolved.
fn inline(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if i + 1 < chars.len() && chars[i + 1].is_ascii_punctuation() => {
                out.push(chars[i + 1]);
                i += 2;
            }
            '!' if chars.get(i + 1) == Some(&'[') => match link_at(&chars, i + 1) {
                Some((_, end)) => i = end,
                None => {
                    out.push(c);
                    i += 1;
                }
            },
            '[' => match link_at(&chars, i) {
                Some((label, end)) => {
                    out.push_str(&inline(&label));
                    i = end;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            },
            '`' => {
                let run = chars[i..].iter().take_while(|&&x| x == '`').count();
                let fence: String = "`".repeat(run);
                let rest: String = chars[i + run..].iter().collect();
                match rest.find(&fence) {
                    Some(end) => {
                        out.push_str(rest[..end].trim());
                        i += run + rest[..end].chars().count() + run;
                    }
                    None => {
                        out.push_str(&fence);
                        i += run;
                    }
                }
            }
            '*' | '~' => i += 1,
            '_' => {
                // Underscores inside words (snake_case, URLs) are not emphasis.
                let before = i.checked_sub(1).map(|j| chars[j].is_alphanumeric()).unwrap_or(false);
                let after = chars.get(i + 1).is_some_and(|x| x.is_alphanumeric());
                if before && after {
                    out.push('_');
                }
                i += 1;
            }
            '<' => {
                let rest: String = chars[i..].iter().collect();
                match autolink(&rest) {
                    Some((url, len)) => {
                        out.push_str(url);
                        i += len;
                    }
                    None => {
                        out.push(c);
                        i += 1;
                    }
                }
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    if out.contains('<') || out.contains('&') {
        // Inline HTML (`<sup>`, `<br>`) and entities, the way a renderer would show them.
        return snippet::to_text(&out).replace("\n\n", " ");
    }
    out
}

/// `<https://…>` → the URL and the length in chars of the whole autolink.
fn autolink(rest: &str) -> Option<(&str, usize)> {
    let end = rest.find('>')?;
    let inner = &rest[1..end];
    let is_url = (inner.starts_with("http://") || inner.starts_with("https://") || inner.starts_with("mailto:"))
        && !inner.contains(char::is_whitespace);
    is_url.then(|| (inner, inner.chars().count() + 2))
}

/// A link `[label](target)` or `[label][ref]` starting at `start` (a `[`): its label and the index
/// after it.
fn link_at(chars: &[char], start: usize) -> Option<(String, usize)> {
    let mut depth = 0;
    let mut close = None;
    for (j, &c) in chars.iter().enumerate().skip(start) {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(j);
                    break;
                }
            }
            _ => {}
        }
    }
    let close = close?;
    let label: String = chars[start + 1..close].iter().collect();
    let (open, closer) = match chars.get(close + 1) {
        Some('(') => ('(', ')'),
        Some('[') => ('[', ']'),
        _ => return None,
    };
    let mut depth = 0;
    for (j, &c) in chars.iter().enumerate().skip(close + 1) {
        if c == open {
            depth += 1;
        } else if c == closer {
            depth -= 1;
            if depth == 0 {
                return Some((label, j + 1));
            }
        }
    }
    None
}
