//! Counted quantities: a number or range, how it is hedged, and what it counts.
//!
//! Why: claims about wars and markets turn on numbers ("casualties exceeding 1,000", "thousands of
//! troops"), and comparing them across reports needs a value, a bound and a unit, not just text.
//!
//! Example: `"estimates of casualties exceeding 1,000"` gives one quantity over
//! `"casualties exceeding 1,000"`: bound `AtLeast`, min 1000, unit `casualty`.
//!
//! What is read, left to right at every number (digits or number words, see `numbers.rs`):
//! - a hedge or comparator before it (`data/quantities/hedges.tsv`: "more than", "up to", "an
//!   estimated", …) or after it ("or more", "plus");
//! - a currency sign, prefix or code before it ("$", "US$", "£", "EUR") or a currency word after
//!   ("dollars", "yuan"): the unit is the ISO code;
//! - "%", "percent", "per cent" (unit `percent`) or "percentage points" (`percentage point`);
//! - a range: "10,000 to 12,000", "between 10,000 and 12,000", "10,000-12,000", "two or three";
//!   a scale on the second end applies to both ("10 to 12 million");
//! - the counted noun, after up to four modifiers ("1,500 North Korean special forces troops":
//!   the last noun of a compound wins), listed in `data/quantities/units.tsv` with its lemma
//!   ("people" → `person`), or failing that the first plural-looking word ("789 dealerships" →
//!   `dealership`); "killed or wounded" is kept whole; a noun before a participle comparator also
//!   counts ("casualties exceeding 1,000", "troops numbering 12,000").
//!
//! Conventions for the normalized value:
//! - exact and approximate numbers set `value`; `AtLeast` sets `min`, `AtMost` sets `max`;
//!   ranges set `min` and `max` with bound `Range`;
//! - vague plurals ("thousands", "dozens", "tens of thousands") are `Approximate` with no `value`
//!   and `min` = twice the base (2,000 for "thousands": the least the plural can mean), `max`
//!   unset since "thousands" is said of 15,000 as well; "a few hundred" and "several thousand"
//!   name a band within one order of magnitude: `min` = 2×, `max` = 9× the scale;
//! - a number without a counted noun is still a quantity (unit `None`) when written in digits or
//!   as a number word above one, unless it looks like something else (below).
//!
//! Not quantities: years ("in 2024": a bare integer 1000–2100), dates ("28 April", "April 28"),
//! clock times ("9:30", "9 a.m."), numbers counting units of time ("three years": the times
//! analyzer's), ordinals ("11th"), names and indices ("No. 5", "Flight 447", "Boeing 747",
//! "F-16"), phone-like and dotted strings ("555-1234", "1.2.3"), numbers glued to letters ("3D").
//!
//! Known limits: fractions ("half", "a quarter") are not read; a hedge is dropped inside a range
//! ("about 16 to 28 million" is a plain range); a counted noun more than four words after the
//! number, or before it without a participle comparator ("1,000 casualties" is fine, "casualties
//! of 1,000" has no unit), is missed; "one" alone is never a quantity ("one of them").

mod lexicon;
mod numbers;
mod tokens;

use lexicon::{CurrencyPlace, LEXICON, Place, UnitClass};
use model::{Bound, Quantity};
use numbers::Number;
use text::TextRange;
use tokens::{Kind, Token};

/// Quantities in `text`, in text order, non-overlapping.
pub fn find(text: &str) -> Vec<Quantity> {
    find_detailed(text).into_iter().map(|found| found.quantity).collect()
}

/// A quantity with the range of its number core.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// The quantity; its range covers hedge, number and counted noun.
    pub quantity: Quantity,
    /// The hedge, currency, number, scale and percent sign without the counted noun ("more than
    /// 1,000" in "more than 1,000 troops"): what number annotations such as MEANTIME's mark.
    pub core: TextRange,
}

/// Quantities in `text` with their number cores, in text order, non-overlapping.
pub fn find_detailed(text: &str) -> Vec<Found> {
    let mut toks = Vec::new();
    tokens::tokenize(text, &mut toks);
    let mut out = Vec::new();
    let mut floor = 0;
    let mut i = 0;
    // Quantities never cross a line break: each number is read within its own line's tokens.
    let (mut line_first, mut line_end) = (0, 0);
    while i < toks.len() {
        if toks[i].line_start || i >= line_end {
            line_first = if toks[i].line_start { i } else { line_first };
            line_end = (i + 1..toks.len()).find(|&k| toks[k].line_start).unwrap_or(toks.len());
        }
        let scanner = Scanner { text, toks: &toks[..line_end] };
        if scanner.is_trigger(i)
            && let Some((found, next)) = scanner.quantity_at(i, floor.max(line_first))
        {
            out.push(found);
            floor = next;
            i = next;
            continue;
        }
        i += 1;
    }
    out
}

/// What was read after a number, before building the quantity.
struct Reading {
    /// First token of the whole expression.
    first: usize,
    /// First token of the core (hedge or currency or number).
    core_first: usize,
    /// One past the last token of the core.
    core_end: usize,
    /// One past the last token.
    end: usize,
    low: Number,
    high: Option<Number>,
    bound: Bound,
    unit: Option<String>,
    hedged: bool,
    money: bool,
    /// Words between the number and its counted noun.
    noun_gap: usize,
}

struct Scanner<'a> {
    text: &'a str,
    toks: &'a [Token],
}

impl<'a> Scanner<'a> {
    fn word(&self, i: usize) -> Option<&'a str> {
        self.toks.get(i).filter(|t| t.kind == Kind::Word).map(|t| t.text(self.text))
    }

    fn punct(&self, i: usize) -> Option<&'a str> {
        self.toks.get(i).filter(|t| t.kind == Kind::Punct).map(|t| t.text(self.text))
    }

    fn is_word(&self, i: usize, expected: &str) -> bool {
        self.word(i).is_some_and(|w| w.eq_ignore_ascii_case(expected))
    }

    fn touches(&self, a: usize, b: usize) -> bool {
        matches!((self.toks.get(a), self.toks.get(b)), (Some(x), Some(y)) if x.touches(*y))
    }

    fn is_trigger(&self, i: usize) -> bool {
        match self.toks[i].kind {
            Kind::Number => true,
            Kind::Word => {
                let Some((_, kind)) = self.word(i).and_then(|w| LEXICON.number(w)) else { return false };
                !matches!(kind, lexicon::NumberKind::Abbr | lexicon::NumberKind::Money)
            }
            Kind::Punct => false,
        }
    }

    /// Reads the quantity whose number starts at token `i`; `floor` is the first token not yet
    /// covered by an earlier quantity. Returns it and the token after it.
    fn quantity_at(&self, i: usize, floor: usize) -> Option<(Found, usize)> {
        let currency = self.currency_before(i, floor);
        let low = numbers::read(self.text, self.toks, i, currency.is_some())?;
        if low.first < floor || self.glued(i, &low) {
            return None;
        }
        let start = currency.map_or(low.first, |(_, first)| first.min(low.first));
        let (hedge, hedge_first) = self.hedge_before(start, floor);
        let between = hedge_first.is_none() && start > floor && self.is_word(start - 1, "between");
        let mut reading = Reading {
            first: if between { start - 1 } else { hedge_first.unwrap_or(start) },
            core_first: if between { start - 1 } else { hedge_first.unwrap_or(start) },
            core_end: low.end,
            end: low.end,
            low,
            high: None,
            bound: hedge.map_or(Bound::Exact, |h| h.0),
            unit: currency.map(|(code, _)| code.to_owned()),
            hedged: hedge.is_some(),
            money: currency.is_some(),
            noun_gap: 0,
        };
        self.read_range(&mut reading, between)?;
        self.read_after_number(&mut reading)?;
        if reading.unit.is_none() {
            self.read_noun(&mut reading)?;
        }
        if reading.unit.is_none() && hedge.is_some_and(|h| h.1 == Place::Between) {
            self.noun_before(&mut reading, floor);
        }
        let before_hedge = reading.end;
        self.hedge_after(&mut reading);
        if reading.unit.is_none() && reading.end > before_hedge {
            // "500 or more rifles".
            self.read_noun(&mut reading)?;
        }
        if !self.plausible(&reading) {
            return None;
        }
        Some((self.build(&reading), reading.end))
    }

    /// A currency sign (with its prefix) or code right before token `i`: its code and first token.
    fn currency_before(&self, i: usize, floor: usize) -> Option<(&'static str, usize)> {
        if i == 0 || i - 1 < floor {
            return None;
        }
        if let Some(sign) = self.punct(i - 1).and_then(|p| LEXICON.currency(p, CurrencyPlace::Sign)) {
            let prefixed = i >= 2 && i - 2 >= floor && self.touches(i - 2, i - 1);
            let prefix = prefixed.then(|| self.word(i - 2)).flatten();
            if let Some(code) = prefix.and_then(|p| LEXICON.currency(p, CurrencyPlace::Prefix)) {
                return Some((code, i - 2));
            }
            return Some((sign, i - 1));
        }
        self.word(i - 1).and_then(|w| LEXICON.currency(w, CurrencyPlace::Code)).map(|c| (c, i - 1))
    }

    /// The longest hedge ending right before token `start` and not before `floor`.
    fn hedge_before(&self, start: usize, floor: usize) -> (Option<(Bound, Place)>, Option<usize>) {
        for hedge in LEXICON.hedges.iter().filter(|h| h.place != Place::After) {
            let n = hedge.words.len();
            if start < n || start - n < floor {
                continue;
            }
            if hedge.words.iter().enumerate().all(|(k, w)| self.is_word(start - n + k, w)) {
                return (Some((hedge.bound, hedge.place)), Some(start - n));
            }
        }
        (None, None)
    }

    /// Whether the number is glued to something that makes it a part of a name, date or code:
    /// "F-16", "A-380", "#1", "+44", "9:30", "24/7", "28.04".
    fn glued(&self, i: usize, number: &Number) -> bool {
        let first = number.first;
        if first > 0 && self.touches(first - 1, first) {
            let prev = self.toks[first - 1];
            let p = prev.text(self.text);
            let joined_name = p == "-" && first > 1 && self.touches(first - 2, first - 1);
            if prev.kind != Kind::Punct
                || matches!(p, "#" | "+" | ":" | "/" | "." | "@" | "_" | "&" | "'" | "’")
                || joined_name
            {
                return true;
            }
        }
        let last = number.end - 1;
        if let (Some(next), Some(after)) = (self.punct(last + 1), self.toks.get(last + 2)) {
            let glued_next = self.touches(last, last + 1) && self.toks[last + 1].touches(*after);
            if glued_next && matches!(next, ":" | "/" | ".") && after.kind == Kind::Number {
                return true;
            }
        }
        // A number word inside a hyphenated word ("one-sided") is not a number.
        i == first
            && self.toks[i].kind == Kind::Word
            && self.punct(number.end).is_some_and(|p| p == "-")
            && self.touches(number.end - 1, number.end)
            && self.word(number.end + 1).is_some_and(|w| LEXICON.unit(w).is_none())
            && !self.is_word(number.end + 1, "strong")
            && !self.is_word(number.end + 1, "plus")
    }

    /// A second number after "to", "-", "or", or "and" (only after "between").
    fn read_range(&self, r: &mut Reading, between: bool) -> Option<()> {
        let j = r.low.end;
        let hyphen =
            self.punct(j).is_some_and(|p| p == "-" || p == "–") && self.touches(j - 1, j) && self.touches(j, j + 1);
        let word_link = self.is_word(j, "to") || self.is_word(j, "or") || (between && self.is_word(j, "and"));
        if !hyphen && !word_link {
            return Some(());
        }
        let mut k = j + 1;
        if r.money && self.punct(k).is_some_and(|p| LEXICON.currency(p, CurrencyPlace::Sign).is_some()) {
            k += 1;
        }
        let Some(mut high) = numbers::read(self.text, self.toks, k, r.money) else {
            // "10-year" is handled later; "1,000 to help" is no range.
            return Some(());
        };
        if high.vague.is_some() || r.low.vague.is_some() || high.digits != r.low.digits && hyphen {
            return Some(());
        }
        // "two or three", "1,000 or 2,000"; not "160GB or 40,000 songs".
        let or = self.is_word(j, "or");
        if or && (r.low.measure.is_some() || high.value > 10.0 * r.low.value) {
            return Some(());
        }
        if hyphen && r.low.plain && high.plain {
            let (a, b) = (self.toks[r.low.first].end - self.toks[r.low.first].start, self.toks[k].len());
            let chained = self.punct(high.end).is_some_and(|p| p == "-") && self.touches(high.end - 1, high.end);
            // Phone numbers ("555-1234"), ISO dates ("2024-10-05"), seasons ("2008-09").
            if chained || (a == 3 && b >= 4) || (a == 4 && b <= 2) {
                return None;
            }
        }
        let mut low = r.low;
        if low.scale == 1.0 && high.scale > 1.0 && low.value * high.scale < high.value * high.scale {
            low.value *= high.scale;
            low.scale = high.scale;
        }
        if high.value <= low.value {
            // "52-35" is a score, not a range; a word link just ends the number.
            return if hyphen { None } else { Some(()) };
        }
        high.first = k;
        r.low = low;
        r.end = high.end;
        r.core_end = high.end;
        r.high = Some(high);
        r.bound = Bound::Range;
        Some(())
    }

    /// Percent signs and words, currency words, attached measures, hyphenated compounds
    /// ("10-year", "1,000-strong", "500-plus"). `None` rejects the whole quantity.
    fn read_after_number(&self, r: &mut Reading) -> Option<()> {
        let j = r.end;
        let last = r.high.unwrap_or(r.low);
        if let Some(measure) = last.measure {
            r.unit = Some(measure.to_owned());
            return Some(());
        }
        if self.punct(j) == Some("%") {
            return self.set_core_unit(r, j + 1, "percent");
        }
        if self.is_word(j, "percent") || self.is_word(j, "pct") {
            return self.set_core_unit(r, j + 1, "percent");
        }
        if self.is_word(j, "per") && self.is_word(j + 1, "cent") {
            return self.set_core_unit(r, j + 2, "percent");
        }
        if self.is_word(j, "percentage") && self.word(j + 1).is_some_and(|w| w.eq_ignore_ascii_case("points")) {
            return self.set_core_unit(r, j + 2, "percentage point");
        }
        let us = self.word(j).is_some_and(|w| w == "US" || w == "U") as usize;
        if let Some(code) = self.word(j + us).and_then(|w| LEXICON.currency(w, CurrencyPlace::Word))
            && (r.unit.is_none() || code != "cent")
        {
            let unit = r.unit.take().unwrap_or_else(|| code.to_owned());
            r.money = true;
            return self.set_core_unit(r, j + us + 1, &unit);
        }
        if r.money {
            // "$249 USD": a code after a sign repeats it.
            if self.word(j).and_then(|w| LEXICON.currency(w, CurrencyPlace::Code)).is_some() {
                r.end = j + 1;
                r.core_end = j + 1;
            }
            return Some(());
        }
        self.read_compound(r)
    }

    fn set_core_unit(&self, r: &mut Reading, end: usize, unit: &str) -> Option<()> {
        r.end = end;
        r.core_end = end;
        r.unit = Some(unit.to_owned());
        Some(())
    }

    /// "10-year" (a time: rejected), "3.5-inch", "1,000-strong", "500-plus".
    fn read_compound(&self, r: &mut Reading) -> Option<()> {
        let j = r.end;
        let hyphen = self.punct(j) == Some("-") && self.touches(j - 1, j) && self.touches(j, j + 1);
        if !hyphen {
            return Some(());
        }
        let word = self.word(j + 1)?;
        if word.eq_ignore_ascii_case("strong") {
            r.end = j + 2;
            return Some(());
        }
        if word.eq_ignore_ascii_case("plus") {
            r.end = j + 2;
            r.core_end = j + 2;
            r.bound = Bound::AtLeast;
            r.hedged = true;
            return Some(());
        }
        let unit = LEXICON.unit(word)?;
        if unit.class == UnitClass::Time {
            return None;
        }
        r.end = j + 2;
        r.unit = Some(unit.lemma.to_owned());
        Some(())
    }

    /// The counted noun after the number, past up to four modifiers. `None` rejects the
    /// quantity (a number counting units of time, or a clock time).
    fn read_noun(&self, r: &mut Reading) -> Option<()> {
        let mut j = r.end;
        let vague = r.low.vague.is_some();
        if (vague || r.low.end > r.low.first + 1 && !r.low.digits) && self.is_word(j, "of") {
            j += 1;
        }
        // "9 a.m.", "3 p.m."
        if (self.is_word(j, "a") || self.is_word(j, "p")) && self.punct(j + 1) == Some(".") && self.touches(j, j + 1) {
            return None;
        }
        let mut plural: Option<(usize, &str)> = None;
        let mut k = j;
        for _ in 0..5 {
            let Some(word) = self.word(k) else { break };
            if let Some(unit) = LEXICON.unit(word) {
                match unit.class {
                    UnitClass::Time => return None,
                    UnitClass::State => {
                        let end = self.joined_state(k);
                        r.unit = Some(if end > k + 1 { self.state_pair(k) } else { unit.lemma.to_owned() });
                        r.end = end;
                        return Some(());
                    }
                    UnitClass::Noun | UnitClass::Measure => {
                        let mut head = (k, unit.lemma);
                        while let Some(next) = self.word(head.0 + 1).and_then(|w| LEXICON.unit(w)) {
                            if next.class != UnitClass::Noun {
                                break;
                            }
                            head = (head.0 + 1, next.lemma);
                        }
                        // "the 717 jet", "the 2008 model year": a singular noun after a
                        // number other than one makes the number a name.
                        let surface = self.word(head.0).unwrap_or_default();
                        if unit.class == UnitClass::Noun && r.low.value != 1.0 && is_singular(surface, head.1) {
                            return None;
                        }
                        r.unit = Some(head.1.to_owned());
                        r.end = head.0 + 1;
                        r.noun_gap = head.0 - j;
                        return Some(());
                    }
                }
            }
            if LEXICON.is_stop(word) || LEXICON.number(word).is_some() {
                break;
            }
            if plural.is_none() && looks_plural(word) {
                plural = Some((k, word));
            }
            // Modifiers are joined by hyphens at most ("special-forces"); other punctuation ends.
            let hyphen = self.punct(k + 1) == Some("-") && self.touches(k, k + 1) && self.touches(k + 1, k + 2);
            k += if hyphen { 2 } else { 1 };
        }
        if let Some((k, word)) = plural {
            r.unit = Some(singular(word));
            r.end = k + 1;
            r.noun_gap = k - j;
        }
        Some(())
    }

    /// The end of "killed or wounded" starting at `k`, or `k + 1`.
    fn joined_state(&self, k: usize) -> usize {
        let joined = (self.is_word(k + 1, "or") || self.is_word(k + 1, "and"))
            && self.word(k + 2).and_then(|w| LEXICON.unit(w)).is_some_and(|u| u.class == UnitClass::State);
        if joined { k + 3 } else { k + 1 }
    }

    fn state_pair(&self, k: usize) -> String {
        let lemma = |i: usize| self.word(i).and_then(|w| LEXICON.unit(w)).map_or("", |u| u.lemma);
        format!("{} {} {}", lemma(k), self.word(k + 1).unwrap_or("or").to_ascii_lowercase(), lemma(k + 2))
    }

    /// "casualties exceeding 1,000": the noun before a participle comparator.
    fn noun_before(&self, r: &mut Reading, floor: usize) {
        let k = r.core_first;
        if k == 0 || k - 1 < floor {
            return;
        }
        if let Some(unit) = self.word(k - 1).and_then(|w| LEXICON.unit(w))
            && matches!(unit.class, UnitClass::Noun | UnitClass::State)
        {
            r.unit = Some(unit.lemma.to_owned());
            r.first = k - 1;
        }
    }

    /// "or more", "or so", "plus" after the number or its noun.
    fn hedge_after(&self, r: &mut Reading) {
        if r.hedged || r.bound == Bound::Range {
            return;
        }
        if self.punct(r.end) == Some("+") && self.touches(r.end - 1, r.end) {
            r.bound = Bound::AtLeast;
            r.end += 1;
            return;
        }
        for hedge in LEXICON.hedges.iter().filter(|h| h.place == Place::After) {
            if hedge.words.iter().enumerate().all(|(k, w)| self.is_word(r.end + k, w)) {
                // "500 or more" but not "500 plus 20".
                let plus_number =
                    hedge.words == ["plus"] && self.toks.get(r.end + 1).is_some_and(|t| t.kind == Kind::Number);
                if !plus_number {
                    r.bound = hedge.bound;
                    r.end += hedge.words.len();
                    r.hedged = true;
                }
                return;
            }
        }
    }

    /// Whether a reading is a count rather than a year, date, name or lone "one".
    fn plausible(&self, r: &Reading) -> bool {
        let low = r.low;
        let first = low.first;
        let context_free = r.money || r.unit.as_deref() == Some("percent");
        let day = low.plain && low.value <= 31.0;
        let month_before = first > 0 && self.word(first - 1).is_some_and(|w| LEXICON.is_month(w));
        let month_after = self.word(low.end).is_some_and(|w| LEXICON.is_month(w));
        let year = low.plain && (1000.0..=2100.0).contains(&low.value) && self.toks[first].len() == 4;
        if !context_free {
            let date = (day && (month_before || month_after)) || (low.plain && month_before);
            // A year counts things only right before a plural noun ("2000 troops", not "the
            // 2008 Beijing Olympic Games").
            if date || (year && (r.unit.is_none() || r.noun_gap > 0)) {
                return false;
            }
            let unpunctuated = low.digits && !self.toks[first].text(self.text).contains(',');
            if (unpunctuated || !low.digits) && r.high.is_none() && self.named_before(first) {
                return false;
            }
        }
        if context_free || r.hedged || r.high.is_some() {
            return true;
        }
        if r.unit.is_none() && !low.digits && low.value <= 1.0 && low.vague.is_none() {
            return false;
        }
        !(first > 0 && self.id_before(first))
    }

    /// "Boeing 747", "iPhone 4", "Standard & Poor's 500", "the Ford Five Hundred": a name (a word
    /// with a capital, not the first of its sentence, or a possessive) right before the number.
    /// Number words count only when capitalised themselves.
    fn named_before(&self, first: usize) -> bool {
        if self.toks[first].kind == Kind::Word && !self.word(first).is_some_and(|w| w.starts_with(char::is_uppercase)) {
            return false;
        }
        let Some(mut prev) = first.checked_sub(1) else { return false };
        if self.is_word(prev, "s") && prev >= 2 && matches!(self.punct(prev - 1), Some("'" | "’")) {
            prev -= 2;
        }
        let Some(word) = self.word(prev) else { return false };
        if !word.chars().any(char::is_uppercase) || LEXICON.is_stop(word) || LEXICON.number(word).is_some() {
            return false;
        }
        let hedge = self.hedge_before(first, 0).0.is_some();
        let opener = |p: &str| matches!(p, "." | "!" | "?" | "\"" | "“" | "`" | "'");
        let sentence_start = prev == 0 || self.toks[prev].line_start || self.punct(prev - 1).is_some_and(opener);
        !hedge && (!sentence_start || !word.starts_with(char::is_uppercase))
    }

    /// "No. 5", "Article 5", "page 3".
    fn id_before(&self, first: usize) -> bool {
        let prev = if self.punct(first - 1) == Some(".") && first > 1 { first - 2 } else { first - 1 };
        self.word(prev).is_some_and(|w| LEXICON.is_id(w))
    }

    fn build(&self, r: &Reading) -> Found {
        let range = |a: usize, b: usize| TextRange::new(self.toks[a].start as usize, self.toks[b - 1].end as usize);
        let (value, min, max, bound) = normalized(r);
        Found {
            quantity: Quantity { range: range(r.first, r.end), value, min, max, bound, unit: r.unit.clone() },
            core: range(r.core_first, r.core_end),
        }
    }
}

/// `(value, min, max, bound)` per the conventions in the module docs.
fn normalized(r: &Reading) -> (Option<f64>, Option<f64>, Option<f64>, Bound) {
    let v = r.low.value;
    if let Some(high) = r.high {
        return (None, Some(v), Some(high.value), Bound::Range);
    }
    if let Some(vague) = r.low.vague {
        return match r.bound {
            Bound::AtMost => (None, None, Some(vague.max.unwrap_or(vague.min)), Bound::AtMost),
            Bound::AtLeast => (None, Some(vague.min), vague.max, Bound::AtLeast),
            _ => (None, Some(vague.min), vague.max, Bound::Approximate),
        };
    }
    match r.bound {
        Bound::AtLeast => (None, Some(v), None, Bound::AtLeast),
        Bound::AtMost => (None, None, Some(v), Bound::AtMost),
        bound => (Some(v), None, None, bound),
    }
}

/// Whether `surface` is the singular form of a noun whose plural differs ("jet", not "aircraft").
fn is_singular(surface: &str, lemma: &str) -> bool {
    surface.eq_ignore_ascii_case(lemma)
        && !matches!(lemma, "aircraft" | "artillery" | "personnel" | "staff" | "infantry")
}

/// A lower-case word of four letters or more ending in a plural "s" ("dealerships", "companies"),
/// or a capitalised demonym plural ("Koreans").
fn looks_plural(word: &str) -> bool {
    word.len() >= 4
        && word.bytes().all(|b| b.is_ascii_alphabetic())
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
        && !word.ends_with("'s")
}

/// A simple English singular, lower-cased: "companies" → "company", "boxes" → "box".
fn singular(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    if let Some(stem) = lower.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for ending in ["sses", "shes", "ches", "xes", "zes"] {
        if lower.ends_with(ending) {
            return lower[..lower.len() - 2].to_owned();
        }
    }
    lower.strip_suffix('s').unwrap_or(&lower).to_owned()
}
