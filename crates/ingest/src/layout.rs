//! The paragraph layout of plain-text articles, and their headline.
//!
//! Why: plain text comes in two layouts. Some files wrap lines at a fixed width inside a
//! paragraph and separate paragraphs with blank lines (e-mail, wire printouts); others put each
//! paragraph on one long line with single line breaks between them (copies from web pages, CMS
//! exports, the seed article). Joining every single line break merges a whole article into one
//! paragraph; keeping every one splits wrapped sentences. So the layout is decided per file.
//!
//! Also: such copies often start with a summary line before the headline, and repeat the
//! headline in the body. The headline is the first line unless that line reads as a sentence (it
//! ends with a period) and the next one reads as a headline; a body paragraph equal to the
//! headline near the top is dropped.
//!
//! Example: `"Summary of the story.\nThe Headline\n\nThe Headline\nFirst paragraph.\nSecond."`
//! gives title `The Headline` and body `"Summary of the story.\n\nFirst paragraph.\n\nSecond."`.
//!
//! Known limits: a hard-wrapped file whose lines are all under 40 characters is taken as one
//! paragraph per line, except where a line stops mid-sentence before a lower-case word; a headline that ends with a period is taken as a summary when the next
//! line looks like a headline.

/// The body with paragraphs separated by blank lines: single line breaks become paragraph
/// breaks unless the file is hard-wrapped, in which case they stay (and later become spaces)
/// except after a line that ends a sentence well short of the wrap width.
pub fn paragraphs(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let width = wrap_width(&lines);
    let mut out = String::with_capacity(text.len() + lines.len());
    let mut previous: Option<&str> = None;
    for line in &lines {
        let trimmed = line.trim();
        match previous {
            None => {}
            Some(prev) if prev.is_empty() || trimmed.is_empty() => out.push('\n'),
            Some(prev) => {
                let wrapped = match width {
                    Some(w) => !(ends_sentence(prev) && prev.chars().count() * 4 < w * 3),
                    // Even without a wrap width, a line that stops mid-sentence before a
                    // lower-case continuation is one sentence broken in two.
                    None => !ends_sentence(prev) && trimmed.starts_with(char::is_lowercase),
                };
                out.push_str(if wrapped { "\n" } else { "\n\n" });
            }
        }
        out.push_str(line);
        previous = Some(trimmed);
    }
    out
}

/// The headline and the rest of the text (paragraphs separated by blank lines).
pub fn headline(text: &str) -> (Option<String>, String) {
    let mut paragraphs = text.split("\n\n").map(str::trim).filter(|p| !p.is_empty());
    let Some(first) = paragraphs.next() else { return (None, String::new()) };
    let rest: Vec<&str> = paragraphs.collect();
    let reads_as_summary = first.ends_with('.') && first.split_whitespace().count() > 12;
    if let Some(second) = rest.first()
        && reads_as_summary
        && looks_like_headline(second)
    {
        let mut body = vec![first];
        body.extend_from_slice(&rest[1..]);
        return (Some((*second).to_owned()), body.join("\n\n"));
    }
    (Some(first.to_owned()), rest.join("\n\n"))
}

/// The body without paragraphs that repeat the headline among its first three paragraphs.
pub fn drop_repeated_headline(body: &str, title: &str) -> String {
    let title = title.trim();
    let kept: Vec<&str> =
        body.split("\n\n").enumerate().filter(|(i, p)| !(*i < 3 && p.trim() == title)).map(|(_, p)| p).collect();
    kept.join("\n\n")
}

/// The wrap width when the lines look hard-wrapped: most non-empty lines fit in 100 characters
/// and several come close to a common width. `None` for one-paragraph-per-line text.
fn wrap_width(lines: &[&str]) -> Option<usize> {
    let lengths: Vec<usize> = lines.iter().map(|l| l.trim_end().chars().count()).filter(|&n| n > 0).collect();
    let longest = *lengths.iter().max()?;
    if longest > 100 || lengths.len() < 3 {
        return None;
    }
    let near_width = lengths.iter().filter(|&&n| n * 5 >= longest * 4).count();
    (longest >= 40 && near_width * 2 >= lengths.len()).then_some(longest)
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end().ends_with(['.', '!', '?', ':', '"', '\u{201d}', '\u{2019}', ')'])
}

fn looks_like_headline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (3..=25).contains(&words) && !line.ends_with('.') && !line.contains('\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_paragraph_per_line_becomes_paragraphs() {
        let text = "Headline here\nA first paragraph that is long enough to be a real line of prose, with a comma, and more words to pass one hundred characters.\nSecond.";
        assert_eq!(paragraphs(text).matches("\n\n").count(), 2);
    }

    #[test]
    fn hard_wrapped_lines_stay_joined_within_paragraphs() {
        let text = "The ministry said on Tuesday that the talks had\nbeen postponed until the delegations could agree\non an agenda for the next round of meetings.\n\nA second paragraph follows here after the blank\nline and wraps at about the same width again.";
        let out = paragraphs(text);
        assert_eq!(out.matches("\n\n").count(), 1, "{out:?}");
    }

    #[test]
    fn summary_line_before_headline_moves_into_the_body() {
        let text = "The government has admitted for the first time that it sent soldiers abroad, officials said on Monday.\n\nGovernment Admits Sending Soldiers\n\nBody one.";
        let (title, body) = headline(text);
        assert_eq!(title.as_deref(), Some("Government Admits Sending Soldiers"));
        assert!(body.starts_with("The government has admitted"));
        assert!(body.ends_with("Body one."));
    }

    #[test]
    fn repeated_headline_is_dropped_once_near_the_top() {
        assert_eq!(drop_repeated_headline("Summary.\n\nThe Title\n\nBody.", "The Title"), "Summary.\n\nBody.");
        assert_eq!(drop_repeated_headline("A\n\nB\n\nC\n\nThe Title", "The Title"), "A\n\nB\n\nC\n\nThe Title");
    }
}
