//! Plain-text and Markdown articles, with optional YAML front matter.
//!
//! Why: hand-collected reports and exports from note tools are text files; front matter is
//! where such tools keep the title, source and date. Without it the first non-empty line is the
//! headline, as in a wire story pasted into a file.
//!
//! Example:
//! ```text
//! ---
//! title: "Troops seen near Kursk"
//! source: Example Wire
//! published: 2025-04-28
//! ---
//! Body paragraph one.
//! ```
//! gives a draft with that title, source and date, and the body.
//!
//! Known limits: front matter is read as flat `key: value` scalars (quoted or not); nested
//! values and lists are accepted but only lists of authors are used; YAML anchors, multi-line
//! scalars (`|`, `>`) and flow mappings are ignored. TOML front matter (`+++`) is not read.

use crate::error::{Error, Location};
use crate::{charset, dates, layout, markdown};
use model::{Draft, Format};

/// Reads a text or Markdown document from raw bytes of unknown encoding.
pub fn read_plain(bytes: &[u8], format: Format, origin: &str) -> Result<Draft, Error> {
    let text = charset::decode(bytes, None);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut draft = Draft::new(format, origin);
    let strict = format == Format::Markdown;
    let body = match split_front_matter(text) {
        Some((front, body)) => match parse_front_matter(front) {
            Ok(fields) => {
                apply(&mut draft, fields, origin);
                body
            }
            // In plain text a `---` line is as likely a separator as a fence, so a front matter
            // that does not parse is taken as text; in Markdown it is a mistake worth reporting.
            Err(reason) if strict => return Err(Error::FrontMatter { at: Location::file(origin), reason }),
            Err(_) => text,
        },
        None if strict && is_fence(text.lines().next().unwrap_or("")) => {
            return Err(Error::FrontMatter { at: Location::file(origin), reason: "no closing `---` line".into() });
        }
        None => text,
    };
    let body = match format {
        Format::Markdown => markdown::to_text(body),
        _ => layout::paragraphs(body),
    };
    let body = match &draft.title {
        // A Markdown file often repeats its front-matter title as the first heading.
        Some(title) => drop_first_line_if(&body, |line| line.trim() == title.trim()),
        None if format == Format::Text => {
            let (title, rest) = layout::headline(&body);
            draft.title = title;
            rest
        }
        None => {
            let (title, rest) = first_line(&body);
            draft.title = title.map(|t| t.trim_start_matches('#').trim().to_owned());
            rest
        }
    };
    draft.body = match &draft.title {
        Some(title) => layout::drop_repeated_headline(&body, title),
        None => body,
    };
    if draft.title.as_deref().is_none_or(str::is_empty) && draft.body.trim().is_empty() {
        return Err(Error::NoText { at: Location::file(origin), detail: "the file is empty".into() });
    }
    Ok(draft)
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Splits `---\n…\n---\n` (or `...` as the closing line) from the body.
fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let first_end = text.find('\n')?;
    if !is_fence(&text[..first_end]) {
        return None;
    }
    let mut position = first_end + 1;
    while position <= text.len() {
        let end = text[position..].find('\n').map_or(text.len(), |i| position + i);
        let line = text[position..end].trim_end();
        if line == "---" || line == "..." {
            let body = text.get(end + 1..).unwrap_or("");
            return Some((&text[first_end + 1..position], body));
        }
        position = end + 1;
    }
    None
}

/// The fields of a front matter, as `(key, value)` pairs with quotes removed; list items under a
/// key are joined with `, `.
fn parse_front_matter(front: &str) -> Result<Vec<(String, String)>, String> {
    let mut fields: Vec<(String, String)> = Vec::new();
    for (index, raw_line) in front.lines().enumerate() {
        let number = index + 1;
        let line = raw_line.trim_end();
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indented = line.len() != trimmed.len();
        if let Some(item) = trimmed.strip_prefix("- ").or_else(|| (trimmed == "-").then_some("")) {
            // A list item belongs to the last key that had no value of its own.
            let Some((_, value)) = fields.last_mut() else {
                return Err(format!("line {number}: a list item before any key"));
            };
            let item = unquote(item.trim()).map_err(|e| format!("line {number}: {e}"))?;
            if !item.is_empty() {
                if !value.is_empty() {
                    value.push_str(", ");
                }
                value.push_str(&item);
            }
            continue;
        }
        if indented {
            // Nested mappings are valid YAML but none of the fields read here; pass over them.
            continue;
        }
        let Some((key, value)) = split_key(trimmed) else {
            return Err(format!("line {number}: expected `key: value`, found {:?}", truncate(trimmed, 40)));
        };
        let value = strip_comment(value.trim());
        let value = unquote(value).map_err(|e| format!("line {number}: {e}"))?;
        fields.push((key.to_ascii_lowercase(), value));
    }
    Ok(fields)
}

/// `key: value` where the key is a plain word (or a quoted string).
fn split_key(line: &str) -> Option<(&str, &str)> {
    let colon = line.find(": ").or_else(|| line.strip_suffix(':').map(|k| k.len()))?;
    let key = line[..colon].trim().trim_matches(['"', '\'']);
    if key.is_empty() || key.contains(char::is_whitespace) && !line.starts_with(['"', '\'']) {
        return None;
    }
    Some((key, line.get(colon + 1..).unwrap_or("")))
}

/// Drops a ` # comment` after an unquoted value.
fn strip_comment(value: &str) -> &str {
    if value.starts_with(['"', '\'']) {
        return value;
    }
    value.find(" #").map_or(value, |i| value[..i].trim_end())
}

/// Removes YAML quotes: `"…"` with backslash escapes, `'…'` with `''` for a quote.
fn unquote(value: &str) -> Result<String, String> {
    if let Some(inner) = value.strip_prefix('"') {
        let Some(inner) = inner.strip_suffix('"').filter(|_| value.len() >= 2) else {
            return Err("unterminated double-quoted value".into());
        };
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        }
        return Ok(out);
    }
    if let Some(inner) = value.strip_prefix('\'') {
        let Some(inner) = inner.strip_suffix('\'').filter(|_| value.len() >= 2) else {
            return Err("unterminated single-quoted value".into());
        };
        return Ok(inner.replace("''", "'"));
    }
    if value == "~" || value == "null" {
        return Ok(String::new());
    }
    Ok(value.to_owned())
}

fn apply(draft: &mut Draft, fields: Vec<(String, String)>, origin: &str) {
    for (key, value) in fields {
        if value.is_empty() {
            continue;
        }
        match key.as_str() {
            "title" | "headline" => draft.title = Some(value),
            "source" | "publisher" | "site" => draft.source = Some(value),
            "url" | "link" | "canonical_url" => draft.url = Some(value),
            "id" | "guid" => draft.external_id = Some(value),
            "language" | "lang" => draft.language = Some(value),
            "author" | "authors" | "byline" => draft.author = Some(value),
            "published" | "date" | "pubdate" | "published_at" => match dates::parse_published(&value) {
                Some(date) => draft.published = Some(date),
                None => tracing::warn!(origin, value = %value, "front matter date not understood; ignored"),
            },
            _ => {}
        }
    }
}

/// The first non-empty line and the text after it.
fn first_line(text: &str) -> (Option<String>, String) {
    let mut rest = text;
    while !rest.is_empty() {
        let end = rest.find('\n').unwrap_or(rest.len());
        let line = rest[..end].trim();
        let after = rest.get(end + 1..).unwrap_or("");
        if !line.is_empty() {
            return (Some(line.to_owned()), after.trim_start_matches(['\r', '\n']).to_owned());
        }
        rest = after;
    }
    (None, String::new())
}

fn drop_first_line_if(text: &str, predicate: impl Fn(&str) -> bool) -> String {
    let (first, rest) = first_line(text);
    match first {
        Some(line) if predicate(line.trim_start_matches('#')) => rest,
        _ => text.to_owned(),
    }
}

fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}
