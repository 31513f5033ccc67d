//! Sentence segmentation: the byte ranges of the sentences of a document's normalized text.
//!
//! Why: claims, quotes and events are read sentence by sentence, and a sentence cut in the middle
//! of "Gen. Valery Gerasimov" or "$1.13bn" loses its speaker or its number. News prose is full of
//! periods that end nothing, so a plain "split after `.?!`" is not enough.
//!
//! How: one pass over the bytes of each paragraph (paragraphs are separated by blank lines, and a
//! paragraph always ends a sentence, so the title is its own sentence). At each run of terminal
//! punctuation (`.` `?` `!` `…`, with any closing quotes and brackets after it) that is followed by
//! whitespace, the word before the run and the word after it decide:
//!
//! - Ellipses (`...`, `…`, `. . .`) end a sentence unless the next word starts in lower case
//!   (`and then… nothing`).
//! - `?` / `!` runs end a sentence, even before a lower-case word in informal text, except after a
//!   closing quote (`"Why?" he asked`) or a capitalised word, which marks a title or a brand name
//!   (`the film Who Knew? came second`, `ex-Wham! backing singers`).
//! - A period after an abbreviation follows its class in `data/abbreviations.txt`: titles and
//!   inner abbreviations never end a sentence ("Gen. Smith", "e.g. the"); "No." and month names
//!   do not before a digit ("No. 5", "Aug. 12"); the rest ("Inc.", "U.S.", "a.m.", initials such as
//!   "J.") end one only before a closing quote or when the next word is a common sentence starter
//!   from `data/sentence_starters.txt` ("in the U.S. The next day", but "U.S. Army",
//!   "George W. Bush", "5 p.m. Thursday").
//! - A number that opens a sentence or follows a colon is a list marker ("1. Open the box").
//! - Any other period ends a sentence before a capitalised word, a digit or a symbol, and before
//!   a lower-case word only when the word before the period is a number or a plain word of three
//!   letters or more (so "dept. head" stays whole, "we loved it. service was slow" splits).
//! - A smiley right after the punctuation (`:)`) stays with the sentence it follows.
//!
//! Periods not followed by whitespace never end a sentence, which keeps decimals ("3.5"), URLs and
//! emails ("example.com") and inner periods ("U.S.-led") whole.
//!
//! Example: `"Gen. Smith arrived at 5 p.m. Monday. He left."` gives two sentences,
//! `"Gen. Smith arrived at 5 p.m. Monday."` and `"He left."`.
//!
//! Known limits: a sentence without terminal punctuation runs on into the next one (web text,
//! email signatures, headlines inside a paragraph); a colon never ends a sentence; an abbreviation
//! that ends a sentence before a proper noun or a noun not in the starter list ("… at MCI Inc.
//! Analysts said …") is not split; unlisted abbreviations before a capitalised word are split;
//! all-caps abbreviations ("LTD.") are not recognised. Only Latin-script punctuation is known
//! (no `。`).

mod lexicon;

use lexicon::Class;
use text::TextRange;

/// Sentence ranges of `text`, in order, trimmed of whitespace, covering every non-whitespace
/// character; a blank line (a paragraph break) always ends a sentence.
///
/// ```
/// let text = "Gen. Smith said the U.S. would act. Why? Nobody knows.";
/// let got: Vec<&str> = nlp::segment::sentences(text).iter().map(|r| &text[r.start()..r.end()]).collect();
/// assert_eq!(got, ["Gen. Smith said the U.S. would act.", "Why?", "Nobody knows."]);
/// ```
pub fn sentences(text: &str) -> Vec<TextRange> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 128 + 1);
    let mut para_start = 0;
    let mut i = 0;
    while let Some(offset) = bytes[i..].iter().position(|&b| b == b'\n') {
        let newline = i + offset;
        // A second newline after only blanks makes a paragraph break; a single newline is a space.
        let mut j = newline + 1;
        while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r') {
            j += 1;
        }
        if bytes.get(j) == Some(&b'\n') {
            paragraph(text, para_start, newline, &mut out);
            para_start = j + 1;
            i = j + 1;
        } else {
            i = j;
        }
    }
    paragraph(text, para_start, text.len(), &mut out);
    out
}

/// Appends the sentences of `text[start..end]`, which holds no paragraph break.
fn paragraph(text: &str, start: usize, end: usize, out: &mut Vec<TextRange>) {
    let bytes = text.as_bytes();
    let mut sentence = start;
    let mut i = start;
    while i < end {
        let b = bytes[i];
        if !(b == b'.' || b == b'?' || b == b'!' || (b == 0xE2 && bytes[i..end].starts_with(ELLIPSIS))) {
            i += 1;
            continue;
        }
        let mut run = Run::scan(bytes, i, end);
        i = run.end;
        if run.end >= end || !is_space(bytes[run.end]) {
            continue;
        }
        let mut next = Next::find(text, run.end, end);
        if let Some(len) = next.emoticon_len() {
            run.end = next.start + len;
            next = Next::find(text, run.end, end);
        }
        if next.start >= end {
            break;
        }
        if ends_sentence(text, sentence, &run, &next) {
            push(text, sentence, run.end, out);
            sentence = next.start;
            i = next.start;
        }
    }
    push(text, sentence, end, out);
}

const ELLIPSIS: &[u8] = "…".as_bytes();

/// A run of terminal punctuation and the closing quotes and brackets after it.
struct Run {
    /// Where the first terminator starts.
    start: usize,
    /// One past the run.
    end: usize,
    /// Whether the run holds a `?` or `!`.
    question: bool,
    /// Whether the run is an ellipsis (`…`, `..`, `...`, `. . .`).
    ellipsis: bool,
    /// Whether a closing quote or bracket follows the terminators (`."`, `?'`, `.)`).
    closed: bool,
}

impl Run {
    fn scan(bytes: &[u8], start: usize, end: usize) -> Run {
        let mut run = Run { start, end: start, question: false, ellipsis: false, closed: false };
        let mut dots = 0;
        let mut j = start;
        while j < end {
            let rest = &bytes[j..end];
            let len = match rest[0] {
                b'.' => {
                    dots += 1;
                    1
                }
                b'?' | b'!' => {
                    run.question = true;
                    1
                }
                b'"' | b'\'' | b')' | b']' | b'}' => {
                    run.closed = true;
                    1
                }
                // A spaced ellipsis ". . ." continues the run when only dots came before.
                b' ' if dots > 0
                    && !run.question
                    && j > start
                    && bytes[j - 1] == b'.'
                    && rest.get(1) == Some(&b'.') =>
                {
                    1
                }
                0xE2 if rest.starts_with(ELLIPSIS) => {
                    run.ellipsis = true;
                    3
                }
                _ => {
                    let len = closer_len(rest);
                    run.closed |= len > 0;
                    len
                }
            };
            if len == 0 {
                break;
            }
            j += len;
        }
        run.end = j;
        run.ellipsis |= dots >= 2;
        run
    }
}

/// The length of the closing curly quote or guillemet at the start of `rest`, or 0.
fn closer_len(rest: &[u8]) -> usize {
    for closer in ["”", "’", "»", "›"] {
        if rest.starts_with(closer.as_bytes()) {
            return closer.len();
        }
    }
    0
}

/// The opening quote or bracket at the start of `rest`, if any, as its length.
fn opener_len(rest: &[u8]) -> usize {
    match rest.first() {
        Some(b'"' | b'\'' | b'(' | b'[' | b'{') => 1,
        _ => ["“", "‘", "«", "‹", "¿", "¡"].iter().find(|o| rest.starts_with(o.as_bytes())).map_or(0, |o| o.len()),
    }
}

/// What follows a run: where the next sentence would start, and its first word.
struct Next<'a> {
    /// The text, for looking at what starts the next sentence.
    text: &'a str,
    /// First non-space byte after the run.
    start: usize,
    /// The first word (alphanumeric characters) after any opening quotes or brackets; empty when
    /// a symbol or digit-less punctuation comes first.
    word: &'a str,
    /// The byte right after `word`.
    after: Option<u8>,
}

impl<'a> Next<'a> {
    fn find(text: &'a str, from: usize, end: usize) -> Next<'a> {
        let bytes = text.as_bytes();
        let mut start = from;
        while start < end && is_space(bytes[start]) {
            start += 1;
        }
        let mut word_start = start;
        loop {
            let len = opener_len(&bytes[word_start..end]);
            if len == 0 {
                break;
            }
            word_start += len;
        }
        let word_end = text[word_start..end]
            .char_indices()
            .find(|&(_, c)| !c.is_alphanumeric())
            .map_or(end, |(offset, _)| word_start + offset);
        Next { text, start, word: &text[word_start..word_end], after: bytes.get(word_end).copied() }
    }

    fn first(&self) -> Option<char> {
        self.word.chars().next()
    }

    fn is_lowercase(&self) -> bool {
        self.first().is_some_and(char::is_lowercase)
    }

    fn is_digit(&self) -> bool {
        self.first().is_some_and(|c| c.is_ascii_digit())
    }

    /// The length of a smiley at the start of the next sentence (`:)`, `:-(`, `;P`), which
    /// belongs to the sentence before it.
    fn emoticon_len(&self) -> Option<usize> {
        let rest = &self.text.as_bytes()[self.start..];
        let eyes = rest.first().is_some_and(|&b| b == b':' || b == b';');
        let nose = usize::from(rest.get(1) == Some(&b'-'));
        let mouth = rest[(1 + nose).min(rest.len())..].iter().take_while(|b| b")(DPp/|".contains(b)).count();
        let len = 1 + nose + mouth;
        let alone = rest.get(len).is_none_or(|&b| is_space(b));
        (eyes && mouth > 0 && alone).then_some(len)
    }

    /// A common sentence starter standing as a word of its own ("The", not the initial "A.").
    fn is_starter(&self) -> bool {
        self.after != Some(b'.') && lexicon::is_starter(self.word)
    }
}

/// Whether the run ends the sentence that began at `sentence`, given what follows it.
fn ends_sentence(text: &str, sentence: usize, run: &Run, next: &Next) -> bool {
    if run.ellipsis {
        return !next.is_lowercase();
    }
    let token = Token::before(text, sentence, run.start);
    if run.question {
        // `"Why?" he asked`, `ex-Wham! backing singers` and `Shall We Dance? at number three` go
        // on: a quote or a capitalised word before the mark makes it part of a speech or a name.
        // `where did you grow up? india?` in informal text does not.
        let name = [token.word, token.tail].iter().any(|w| w.chars().next().is_some_and(char::is_uppercase));
        return !(next.is_lowercase() && (run.closed || name));
    }
    let class = lexicon::class(token.word).or_else(|| lexicon::class(token.tail)).or_else(|| shape_class(token.word));
    match class {
        Some(Class::Title | Class::Inner) => false,
        Some(Class::Number) => !next.is_digit() && !next.is_lowercase(),
        // A closing quote after an abbreviation or initial ("Cell Block H.\" Labour") ends the
        // quoted sentence.
        Some(Class::Regular) if run.closed => !next.is_lowercase(),
        Some(Class::Regular) => next.is_starter(),
        None if token.is_list_marker(text, sentence) => false,
        None => !next.is_lowercase() || (!run.closed && is_plain_word(token.word)),
    }
}

/// The word before a run of terminal punctuation.
struct Token<'a> {
    /// Where the raw word starts (at any opening quote or bracket).
    start: usize,
    /// The word without opening quotes or brackets: "(U.S" gives "U.S".
    word: &'a str,
    /// The part of `word` after its last hyphen or slash: "ex-Gov" gives "Gov".
    tail: &'a str,
}

impl<'a> Token<'a> {
    fn before(text: &'a str, sentence: usize, run_start: usize) -> Token<'a> {
        let bytes = text.as_bytes();
        let mut start = run_start;
        while start > sentence && !is_space(bytes[start - 1]) {
            start -= 1;
        }
        let mut word_start = start;
        loop {
            let len = opener_len(&bytes[word_start..run_start]);
            if len == 0 {
                break;
            }
            word_start += len;
        }
        let word = &text[word_start..run_start];
        let tail = match word.rfind(['-', '/']) {
            Some(cut) => &word[cut + 1..],
            None => word,
        };
        Token { start, word, tail }
    }

    /// A short number that opens the sentence or follows a colon: "1. Open the box",
    /// "Steps: 2. Wait".
    fn is_list_marker(&self, text: &str, sentence: usize) -> bool {
        let word = self.word;
        if word.is_empty() || word.len() > 3 || !word.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        self.start == sentence || text[sentence..self.start].trim_end().ends_with(':')
    }
}

/// Unlisted tokens that behave like abbreviations: a single capital letter (an initial, "J.")
/// and short letter groups joined by periods ("U.S", "a.m", "Ph.D").
fn shape_class(token: &str) -> Option<Class> {
    let mut chars = token.chars();
    if chars.next().is_some_and(char::is_uppercase) && chars.next().is_none() {
        return Some(Class::Regular);
    }
    let dotted = token.contains('.')
        && token.split('.').all(|part| (1..=3).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphabetic()));
    dotted.then_some(Class::Regular)
}

/// A word that is unlikely to be an unlisted abbreviation, so a period after it ends a sentence
/// even before a lower-case word ("i loved it. why not"): digits, or at least
/// [`MIN_PLAIN_WORD`] letters.
fn is_plain_word(token: &str) -> bool {
    let digits = !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit());
    digits || (token.chars().count() >= MIN_PLAIN_WORD && token.chars().all(char::is_alphabetic))
}

/// Shorter lower-case words before a period may be unlisted abbreviations ("ed.", "op.").
const MIN_PLAIN_WORD: usize = 3;

/// Appends `text[start..end]` trimmed of whitespace, unless nothing is left.
fn push(text: &str, start: usize, end: usize, out: &mut Vec<TextRange>) {
    let slice = &text[start..end];
    let trimmed = slice.trim_start();
    let from = start + (slice.len() - trimmed.len());
    let trimmed = trimmed.trim_end();
    if !trimmed.is_empty() {
        out.push(TextRange::new(from, from + trimmed.len()));
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}
