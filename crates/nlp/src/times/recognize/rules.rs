//! The rules of the time grammar, one method per family: modifiers, calendar dates, years and
//! decades, relative expressions ("last week"), weekdays, clock times, quantities of time
//! ("three weeks", "three weeks ago"), quarters, sets and vague references.
//!
//! Why: one place to read what spans are recognized; each rule returns the token index just
//! past its match and the [`Meaning`], and [`Parser::expr`] keeps the longest.
//!
//! Example: `month_date` matches "Dec. 5", "April 28, 2025", "Sept. 2024" and "October last
//! year"; `quantity` matches "two years", "two-year", "three weeks ago" and "the nine months".
//!
//! Known limits: spelled-out years stop at "nineteen ninety-six" and "two thousand"; holidays are
//! limited to fixed dates.

use super::{Meaning, Parser, Tod, YearRef};
use crate::times::Kind;
use crate::times::lexicon::Unit;

type Hit = Option<(usize, Meaning)>;

/// Keeps the longer of two matches (the first on a tie).
fn longer(a: Hit, b: Hit) -> Hit {
    match (&a, &b) {
        (Some((ea, _)), Some((eb, _))) if eb > ea => b,
        (None, _) => b,
        _ => a,
    }
}

const APPROX: &[&str] = &["about", "around", "nearly", "almost", "roughly", "approximately", "some", "just"];
const TIMEZONES: &[&str] =
    &["gmt", "utc", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "bst", "cet", "cest", "msk", "kst", "jst"];

impl Parser<'_> {
    /// The longest expression starting at token `i`, modifiers included.
    pub(super) fn expr(&self, i: usize) -> Hit {
        // Approximations and bounds belong to durations and clock times: "nearly forty years",
        // "more than four hours", "at least 30 days", "around 7:15 p.m.".
        let bound = if self.any(i, APPROX) || (self.is(i, "over") && !self.is(i + 1, "the")) {
            Some(i + 1)
        } else if self.any(i, &["more", "less", "fewer"]) && self.is(i + 1, "than")
            || self.is(i, "at") && self.any(i + 1, &["least", "most"])
            || self.is(i, "up") && self.is(i + 1, "to")
        {
            Some(i + 2)
        } else if self.is(i, "no") && self.any(i + 1, &["more", "less"]) && self.is(i + 2, "than") {
            Some(i + 3)
        } else {
            None
        };
        if let Some(j) = bound {
            if let Some((end, m)) = longer(self.quantity(j), self.clock(j))
                && matches!(m, Meaning::Duration { .. } | Meaning::Ago { .. } | Meaning::DayRel { .. })
            {
                return Some((end, m));
            }
            return None;
        }
        // Positions inside a period belong to it: "early next year", "mid-October", "late
        // Tuesday", "earlier this month", "the end of the year".
        let mut j = i;
        if self.any(i, &["early", "late", "earlier", "later"]) {
            j = i + 1;
        } else if self.is(i, "mid") {
            j = if self.is(i + 1, "-") { i + 2 } else { i + 1 };
        } else if self.is(i, "the") && self.any(i + 1, &["early", "late", "mid"]) {
            // "the late 1970s", "the mid-1990s".
            j = if self.is(i + 2, "-") { i + 3 } else { i + 2 };
        } else if self.any(i, &["end", "beginning", "start", "middle"]) && self.is(i + 1, "of") {
            j = i + 2;
        } else if self.is(i, "the") && self.any(i + 1, &["end", "beginning", "start", "middle"]) && self.is(i + 2, "of")
        {
            j = i + 3;
        }
        if j > i {
            let hit = longer(self.core(j), self.the_period(j));
            if let Some((end, m)) = hit
                && !matches!(m, Meaning::Duration { .. } | Meaning::Set(_) | Meaning::Ref(_) | Meaning::Ago { .. })
            {
                return Some((end, m));
            }
            if !self.is(i, "the") {
                return None;
            }
        }
        self.core(i)
    }

    /// Every unmodified rule at `i`, the longest match.
    fn core(&self, i: usize) -> Hit {
        let mut best = None;
        if self.kind(i) == Some(Kind::Num) {
            best = longer(best, self.numeric_date(i));
            best = longer(best, self.day_month(i));
            best = longer(best, self.year(i));
            best = longer(best, self.clock(i));
            best = longer(best, self.quantity(i));
            best = longer(best, self.quarter(i));
            return best;
        }
        if self.is(i, "'") {
            return self.year(i);
        }
        let e = self.entry(i)?;
        if e.month > 0 {
            best = longer(best, self.month_date(i));
        }
        if e.weekday > 0 {
            best = longer(best, self.weekday(i));
        }
        if let Some(days) = e.dayrel {
            best = longer(best, self.dayrel(i, days));
        }
        if let Some(r) = e.reference
            && !(self.is(i, "soon") && (i > 0 && self.is(i - 1, "as") || self.is(i + 1, "after")))
        {
            best = longer(best, Some((i + 1, Meaning::Ref(r))));
        }
        if let Some(s) = e.set {
            best = longer(best, Some((i + 1, Meaning::Set(s.to_owned()))));
        }
        if e.num > 0 || e.unit.is_some() || self.any(i, &["several", "few", "many", "the", "couple"]) {
            best = longer(best, self.quantity(i));
        }
        best = longer(best, self.relative(i));
        best = longer(best, self.the(i));
        best = longer(best, self.quarter(i));
        best = longer(best, self.set(i));
        best = longer(best, self.clock(i));
        best = longer(best, self.misc(i));
        best
    }

    /// "2025-04-28", "28/04/2025", "4/28/2025".
    fn numeric_date(&self, i: usize) -> Hit {
        let sep = self.w(i + 1);
        if !(sep == "-" || sep == "/" || sep == ".") || !self.glued(i + 1) || !self.glued(i + 2) {
            return None;
        }
        if !(self.is(i + 3, sep) && self.glued(i + 3) && self.glued(i + 4)) {
            return None;
        }
        let (a, b, c) = (self.digits(i, 4)?, self.digits(i + 2, 2)?, self.digits(i + 4, 4)?);
        if self.glued(i + 5) && matches!(self.kind(i + 5), Some(Kind::Num)) || self.w(i).len() == 3 {
            return None;
        }
        if self.w(i).len() == 4 && sep == "-" && self.w(i + 4).len() == 2 {
            return valid(a as i32, b, c).then_some((i + 5, date(YearRef::Abs(a as i32), b as u8, c as u8)));
        }
        let y = match self.w(i + 4).len() {
            4 => c as i32,
            2 => (if c < 50 { 2000 } else { 1900 }) + c as i32,
            _ => return None,
        };
        if sep == "-" && self.w(i + 4).len() == 2 || self.w(i).len() > 2 {
            return None;
        }
        let (m, d) = if a > 12 && b <= 12 {
            (b, a)
        } else if a <= 12 && (b > 12 || a == b) {
            (a, b)
        } else if a <= 12 && b <= 12 {
            // "04/05/2025" is April 5 in the US and 4 May elsewhere: keep only the year.
            return Some((i + 5, date(YearRef::Abs(y), 0, 0)));
        } else {
            return None;
        };
        valid(y, m, d).then_some((i + 5, date(YearRef::Abs(y), m as u8, d as u8)))
    }

    /// A day number at `i` ("5", "5th"), with the index after it.
    fn day_number(&self, i: usize) -> Option<(usize, u8)> {
        if let Some(d) = self.digits(i, 2) {
            let continued = self.glued(i + 1)
                && self.any(i + 1, &[":", ",", "."])
                && self.glued(i + 2)
                && self.kind(i + 2) == Some(Kind::Num);
            if !(1..=31).contains(&d) || continued {
                return None;
            }
            let j = if self.glued(i + 1) && self.any(i + 1, &["st", "nd", "rd", "th"]) { i + 2 } else { i + 1 };
            if self.glued(j) && self.kind(j) == Some(Kind::Num) {
                return None;
            }
            return Some((j, d as u8));
        }
        let e = self.entry(i)?;
        (1..=31).contains(&e.ord).then_some((i + 1, e.ord as u8))
    }

    /// A written-out year at `i` ("2025", "'98"), with the index after it.
    fn year_number(&self, i: usize) -> Option<(usize, i32)> {
        if self.is(i, "'") && self.w(i + 1).len() == 2 && self.glued(i + 1) {
            let y = self.digits(i + 1, 2)? as i32;
            if self.glued(i + 2) && self.kind(i + 2) != Some(Kind::Punct) {
                return None;
            }
            return Some((i + 2, if y < 30 { 2000 + y } else { 1900 + y }));
        }
        if self.w(i).len() != 4 {
            return None;
        }
        let y = self.digits(i, 4)? as i32;
        if !(1000..=2199).contains(&y) || self.glued(i + 1) && self.kind(i + 1) == Some(Kind::Num) {
            return None;
        }
        Some((i + 1, y))
    }

    /// "April 28, 2025", "Dec. 5", "Sept. 2024", "April", "October last year", "March eighth".
    fn month_date(&self, i: usize) -> Hit {
        let m = self.entry(i)?.month;
        if !self.capital(i) {
            return None;
        }
        let full = self.w(i).len() > 4 || self.any(i, &["june", "july", "may"]);
        let mut j = i + 1;
        let dotted = !full && self.is(j, ".") && self.glued(j);
        if dotted {
            j += 1;
        }
        let month_only = |j: usize| Some((j, date(YearRef::Infer, m, 0)));
        if let Some((k, d)) = self.day_number(j) {
            let mut k2 = k;
            if self.is(k2, ",") {
                k2 += 1;
            }
            if let Some((k3, y)) = self.year_number(k2) {
                return valid(y, m as u32, d as u32).then_some((k3, date(YearRef::Abs(y), m, d)));
            }
            return Some((k, date(YearRef::Infer, m, d)));
        }
        let k = if self.is(j, "of") || self.is(j, ",") { j + 1 } else { j };
        if let Some((k3, y)) = self.year_number(k) {
            return Some((k3, date(YearRef::Abs(y), m, 0)));
        }
        if self.any(j, &["last", "this", "next"]) && self.is(j + 1, "year") {
            let n = if self.is(j, "last") { -1 } else { i32::from(self.is(j, "next")) };
            return Some((j + 2, date(YearRef::Rel(n), m, 0)));
        }
        let ambiguous = self.is(i, "may") || self.is(i, "march");
        let prev = if i > 0 { self.w(i - 1) } else { "" };
        let framed = [
            "in", "of", "since", "until", "by", "through", "from", "to", "during", "before", "after", "-", "mid",
            "early", "late", "and", "last", "next", "this",
        ]
        .iter()
        .any(|p| prev.eq_ignore_ascii_case(p));
        if (full || dotted) && !ambiguous || framed {
            return month_only(j);
        }
        None
    }

    /// "28 April 2025", "5th of May", "28 April".
    fn day_month(&self, i: usize) -> Hit {
        let (mut j, d) = self.day_number(i)?;
        if self.is(j, "of") {
            j += 1;
        }
        let m = self.entry(j)?.month;
        if m == 0 || !self.capital(j) {
            return None;
        }
        j += 1;
        if self.is(j, ".") && self.glued(j) {
            j += 1;
        }
        let k = if self.is(j, ",") { j + 1 } else { j };
        if let Some((k3, y)) = self.year_number(k) {
            return valid(y, m as u32, d as u32).then_some((k3, date(YearRef::Abs(y), m, d)));
        }
        Some((j, date(YearRef::Infer, m, d)))
    }

    /// "2024", "the 1990s", "'90s", "fiscal 1989".
    fn year(&self, i: usize) -> Hit {
        let (j, y) = self.year_number(i)?;
        // "$2000", "No. 2012", "1,995", "3-2000" are amounts and codes; "mid-1990s" is a year.
        let code = i > 1 && self.is(i - 1, "-") && self.glued(i - 1) && self.kind(i - 2) == Some(Kind::Num);
        let number_sign = i > 1 && self.is(i - 1, ".") && self.any(i - 2, &["No", "Nos"]);
        if i > 0
            && (self.any(i - 1, &["$", "#", "£", "€", "No"])
                || self.glued(i) && self.any(i - 1, &[",", "."])
                || code
                || number_sign)
        {
            return None;
        }
        if self.is(j, "s") && self.glued(j) {
            let m =
                if y % 100 == 0 && self.w(i).len() == 4 { Meaning::Century(y / 100) } else { Meaning::Decade(y / 10) };
            return Some((j + 1, m));
        }
        if self.any(j, &["%", "-"]) && self.glued(j) || self.is(j, "percent") {
            return None;
        }
        if self.is(i, "'") {
            return None;
        }
        Some((j, date(YearRef::Abs(y), 0, 0)))
    }

    /// "last week", "this month", "next year", "last Tuesday", "this summer", "last April",
    /// "the past three months", "the coming weeks", "recent years".
    fn relative(&self, i: usize) -> Hit {
        let n = if self.any(i, &["this", "current"]) {
            0
        } else if self.any(i, &["last", "past", "previous", "recent"]) {
            -1
        } else if self.any(i, &["next", "coming", "following"]) {
            1
        } else {
            return None;
        };
        let mut j = i + 1;
        if self.is(j, "coming") || self.is(j, "past") {
            j += 1;
        }
        if let Some(e) = self.entry(j) {
            if let Some(unit) = e.unit
                && !e.plural
                && !self.is(i, "recent")
            {
                return Some((j + 1, Meaning::UnitRel { unit, n }));
            }
            if e.weekday > 0 && self.capital(j) && !self.is(i, "recent") {
                let rel = if self.is(i, "this") { 2 } else { n };
                let tod = self.entry(j + 1).and_then(|e| e.daypart).map(Tod::Part);
                return Some((j + 1 + usize::from(tod.is_some()), Meaning::Weekday { wd: e.weekday, rel, tod }));
            }
            if e.month > 0 && self.capital(j) && !self.is(i, "recent") {
                return Some((j + 1, date(YearRef::Occurrence(n), e.month, 0)));
            }
            if let Some(s) = e.season {
                return Some((j + 1, Meaning::Season { s, y: YearRef::Occurrence(n) }));
            }
            if let Some(p) = e.daypart
                && n <= 0
            {
                let days = if n < 0 || self.is(j, "night") && self.is(i, "last") { -1 } else { 0 };
                return Some((j + 1, Meaning::DayRel { days, tod: Some(Tod::Part(p)) }));
            }
            if let Some(unit) = e.unit
                && e.plural
            {
                let r = if n < 0 {
                    "PAST_REF"
                } else if n > 0 {
                    "FUTURE_REF"
                } else {
                    "PRESENT_REF"
                };
                let _ = unit;
                return Some((j + 1, Meaning::Ref(r)));
            }
        }
        if self.any(j, &["weekend"]) {
            return Some((j + 1, Meaning::Weekend(Some(n))));
        }
        // "the past three months", "the next few days": a length of time.
        if let Some((k, Meaning::Duration { n: count, unit })) = self.quantity(j)
            && !self.is(i, "this")
        {
            return Some((k, Meaning::Duration { n: count, unit }));
        }
        None
    }

    /// A weekday, with a part of day or a following date: "Friday", "Friday morning",
    /// "Thursday, April 6".
    fn weekday(&self, i: usize) -> Hit {
        let wd = self.entry(i)?.weekday;
        if !self.capital(i) {
            return None;
        }
        let mut j = i + 1;
        if self.w(i).len() <= 4 {
            if !(self.is(j, ".") && self.glued(j)) {
                return None;
            }
            j += 1;
        }
        let k = if self.is(j, ",") { j + 1 } else { j };
        if let Some(hit) = self.month_date(k).or_else(|| self.day_month(k))
            && matches!(hit.1, Meaning::Date { d: 1.., .. })
        {
            return Some(hit);
        }
        let tod = self.entry(j).and_then(|e| e.daypart).map(Tod::Part);
        Some((j + usize::from(tod.is_some()), Meaning::Weekday { wd, rel: 0, tod }))
    }

    /// "yesterday", "today", "tomorrow morning", "tonight".
    fn dayrel(&self, i: usize, days: i32) -> Hit {
        if self.is(i, "tonight") {
            return Some((i + 1, Meaning::DayRel { days, tod: Some(Tod::Part("NI")) }));
        }
        if self.is(i + 1, "'") && self.is(i + 2, "s") {
            return Some((i + 1, Meaning::DayRel { days, tod: None }));
        }
        let tod = self.entry(i + 1).and_then(|e| e.daypart).map(Tod::Part);
        Some((i + 1 + usize::from(tod.is_some()), Meaning::DayRel { days, tod }))
    }

    /// "9 a.m.", "14:30 GMT", "10 p.m. Wednesday", "noon".
    fn clock(&self, i: usize) -> Hit {
        let (mut j, mut h, mut min);
        if self.any(i, &["noon", "midday"]) {
            (j, h, min) = (i + 1, 12, 0);
        } else if self.is(i, "midnight") {
            (j, h, min) = (i + 1, 24, 0);
        } else {
            h = self.digits(i, 2)?;
            j = i + 1;
            min = 0;
            let mut colon = false;
            if self.is(j, ":") && self.glued(j) && self.glued(j + 1) && self.w(j + 1).len() == 2 {
                min = self.digits(j + 1, 2)?;
                j += 2;
                colon = true;
            }
            let meridiem = self.meridiem(j);
            if let Some((k, pm)) = meridiem {
                if !(1..=12).contains(&h) {
                    return None;
                }
                h = match (pm, h) {
                    (true, 12) => 12,
                    (true, h) => h + 12,
                    (false, 12) => 0,
                    (false, h) => h,
                };
                j = k;
            } else if self.is(j, "o") && self.is(j + 1, "'") && self.is(j + 2, "clock") {
                j += 3;
            } else if !colon || h > 23 {
                return None;
            }
            if h > 24 || min > 59 || (colon && i > 0 && self.glued(i) && self.kind(i - 1) == Some(Kind::Punct)) {
                return None;
            }
            if self.any(j, TIMEZONES) {
                j += 1;
            }
        }
        let clock = Some(Tod::Clock(h as u8, min as u8));
        // "10 p.m. Wednesday" is one expression; "10:45 on Friday" is two, as "on" stays out.
        let k = j;
        if let Some(e) = self.entry(k) {
            if e.weekday > 0 && self.capital(k) {
                return Some((k + 1, Meaning::Weekday { wd: e.weekday, rel: 0, tod: clock }));
            }
            if let Some(days) = e.dayrel
                && !self.is(k, "tonight")
            {
                return Some((k + 1, Meaning::DayRel { days, tod: clock }));
            }
        }
        Some((j, Meaning::DayRel { days: 0, tod: clock }))
    }

    /// "a.m.", "am", "p.m", "PM" at `j`: the index after it and whether it is p.m.
    fn meridiem(&self, j: usize) -> Option<(usize, bool)> {
        let pm = if self.any(j, &["a", "am"]) {
            false
        } else if self.any(j, &["p", "pm"]) {
            true
        } else {
            return None;
        };
        if self.w(j).len() == 2 {
            return Some((
                j + 1 + usize::from(self.is(j + 1, ".") && self.glued(j + 1) && !self.sentence_end(j + 2)),
                pm,
            ));
        }
        if !(self.is(j + 1, ".") && self.glued(j + 1) && self.is(j + 2, "m") && self.glued(j + 2)) {
            return None;
        }
        let dot = self.is(j + 3, ".") && self.glued(j + 3) && !self.sentence_end(j + 4);
        Some((j + 3 + usize::from(dot), pm))
    }

    /// Whether token `i` starts a new sentence (or the text ends before it).
    fn sentence_end(&self, i: usize) -> bool {
        i >= self.toks.len() || self.toks[i].newline || self.capital(i) && self.entry(i).is_none_or(|e| e.weekday == 0)
    }

    /// A count of units: "three weeks", "two-year", "a few days", "three weeks ago", "a year
    /// earlier", "years", "the nine months".
    fn quantity(&self, i: usize) -> Hit {
        let (j, n) = if let Some(e) = self.entry(i)
            && e.unit.is_some()
        {
            (i, None)
        } else {
            self.count(i)?
        };
        let mut k = j;
        if n.is_some() && self.is(k, "-") && self.glued(k) {
            k += 1;
        }
        let e = self.entry(k)?;
        let unit = e.unit?;
        if self.is(k + 1, "-") && self.glued(k + 1) || self.is(k + 1, "old") {
            // Ages ("a 44-year-old", "52 years old") are not times; "a year-earlier quarter"
            // is the financial "year-earlier", not "a year".
            return None;
        }
        if self.is(k, "second") && n == Some(1) {
            // "a second group", "one second thought".
            return None;
        }
        let relative = self.any(k + 1, &["ago", "earlier", "later", "before", "after"]);
        if n == Some(1) && !e.plural && !relative && self.any(i, &["a", "per"]) && i > 0 && self.money_before(i - 1) {
            // "$1.76 a year": a rate, so a recurrence.
            return Some((k + 1, Meaning::Set(crate::times::resolve::duration(Some(1), unit))));
        }
        if n.is_some_and(|n| n >= 1000) && !e.plural {
            return None;
        }
        if n.is_none() && j == i {
            // A bare unit: only plurals after "for", "in", "over", "within" ("for years").
            let prev = if i > 0 { self.w(i - 1) } else { "" };
            if !e.plural || !["for", "over", "within", "in"].iter().any(|p| prev.eq_ignore_ascii_case(p)) {
                return None;
            }
            if self.is(k + 1, "of") || self.is(k + 1, "ago") {
                return None;
            }
            return Some((k + 1, Meaning::Duration { n: None, unit }));
        }
        if k > j {
            // "two-year", "16-hour": an adjective for a length of time, without its article.
            if self.is(i, "the") {
                return None;
            }
            return Some((k + 1, Meaning::Duration { n, unit }));
        }
        let after = k + 1;
        if self.is(after, "ago") || self.is(after, "earlier") || self.is(after, "before") && !self.glued(after + 1) {
            let end = after + 1;
            if self.is(after, "before") && self.kind(end) != Some(Kind::Punct) {
                return Some((after, Meaning::Duration { n, unit }));
            }
            return Some((end, Meaning::Ago { unit, n, sign: -1 }));
        }
        if self.is(after, "later") || self.is(after, "hence") {
            return Some((after + 1, Meaning::Ago { unit, n, sign: 1 }));
        }
        if self.is(after, "from") && self.is(after + 1, "now") {
            return Some((after + 2, Meaning::Ago { unit, n, sign: 1 }));
        }
        if n == Some(1)
            && !e.plural
            && self.any(i, &["a", "an"])
            && i > 0
            && self.any(i - 1, &["once", "twice", "times"])
        {
            return None;
        }
        Some((after, Meaning::Duration { n, unit }))
    }

    /// Whether token `i` ends an amount of money or a count ("$500 million", "3 cents", "20%").
    fn money_before(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Num)
            || self.any(i, &["million", "billion", "trillion", "cents", "cent", "%", "dollars", "percent", "share"])
    }

    /// A count at `i`: digits, number words ("twenty-four"), "a", "a few", "several". `None`
    /// inside means a vague count.
    fn count(&self, i: usize) -> Option<(usize, Option<u32>)> {
        if self.is(i, "the") {
            // "the nine months", "the first two years", "the past few weeks".
            let j = if self.any(i + 1, &["first", "last", "past", "next", "latest", "coming", "previous"]) {
                i + 2
            } else {
                i + 1
            };
            let (k, n) = self.count(j)?;
            if self.any(j, &["a", "an"]) {
                return None;
            }
            return Some((k, n));
        }
        if let Some(n) = self.digits(i, 4) {
            if self.glued(i + 1) && self.any(i + 1, &[",", "."]) && self.kind(i + 2) == Some(Kind::Num) {
                return None;
            }
            if i > 0 && self.glued(i) && self.kind(i - 1) == Some(Kind::Punct) && !self.is(i - 1, "(") {
                return None;
            }
            return Some((i + 1, Some(n)));
        }
        if self.any(i, &["a", "an"]) {
            if self.is(i + 1, "few") {
                return Some((i + 2, None));
            }
            if self.is(i + 1, "couple") && self.is(i + 2, "of") {
                return Some((i + 3, Some(2)));
            }
            if self.is(i + 1, "dozen") {
                return Some((i + 2, Some(12)));
            }
            if self.is(i + 1, "hundred") {
                return Some((i + 2, Some(100)));
            }
            return Some((i + 1, Some(1)));
        }
        if self.any(i, &["several", "few", "many"]) {
            return Some((i + 1, None));
        }
        if self.is(i, "couple") && self.is(i + 1, "of") {
            return Some((i + 2, Some(2)));
        }
        let e = self.entry(i)?;
        if e.num == 0 || self.is(i, "hundred") || self.is(i, "dozen") {
            return None;
        }
        let mut n = e.num;
        let mut j = i + 1;
        if (20..=90).contains(&n) {
            let k = if self.is(j, "-") && self.glued(j) { j + 1 } else { j };
            if let Some(u) = self.entry(k).map(|e| e.num)
                && (1..=9).contains(&u)
                && !self.any(k, &["a", "an"])
            {
                n += u;
                j = k + 1;
            }
        }
        if self.is(j, "hundred") {
            n *= 100;
            j += 1;
        }
        Some((j, Some(n)))
    }

    /// Quarters and halves: "the third quarter", "third-quarter", "the fourth quarter of 1990",
    /// "the quarter", "the latest quarter", "the year-ago quarter", "the first half".
    fn quarter(&self, i: usize) -> Hit {
        let mut j = i;
        let mut y = YearRef::Infer;
        if self.is(j, "the") {
            j += 1;
        }
        if self.any(j, &["this", "last", "next"])
            && self.is(j + 1, "year")
            && self.is(j + 2, "'")
            && self.is(j + 3, "s")
        {
            y = YearRef::Rel(if self.is(j, "last") { -1 } else { i32::from(self.is(j, "next")) });
            j += 4;
        } else if let Some((k, yy)) = self.year_number(j)
            && self.is(k, "'")
            && self.is(k + 1, "s")
        {
            y = YearRef::Abs(yy);
            j = k + 2;
        }
        if self.is(j, "comparable") || self.is(j, "corresponding") {
            j += 1;
        }
        if self.is(j, "year") && self.is(j + 1, "-") && self.any(j + 2, &["ago", "earlier"]) && j > i {
            y = YearRef::Rel(-1);
            if self.entry(j + 3).is_some_and(|e| (1..=4).contains(&e.ord)) {
                j += 3;
            }
        } else if j > i
            && let Some((k, yy)) = self.year_number(j)
            && self.entry(k).is_some_and(|e| (1..=4).contains(&e.ord) || self.any(k, &["fiscal", "quarter", "period"]))
        {
            y = YearRef::Abs(yy);
            j = k;
        }
        if self.is(j, "fiscal") {
            j += 1;
            if self.is(j, "-") && self.glued(j) {
                j += 1;
            }
        }
        let ord = if let Some(e) = self.entry(j)
            && (1..=4).contains(&e.ord)
        {
            Some(e.ord as u8)
        } else if let Some(d) = self.digits(j, 1)
            && self.any(j + 1, &["st", "nd", "rd", "th"])
            && self.glued(j + 1)
        {
            j += 1;
            Some(d as u8)
        } else {
            None
        };
        let latest = ord.is_none() && j > i && self.any(j, &["latest", "year", "quarter", "period"]);
        if let Some(q) = ord {
            j += 1;
            if self.is(j, "-") && self.glued(j) {
                if self.is(i, "the") && j == i + 2 {
                    // "the third-quarter loss": the article belongs to the noun.
                    return None;
                }
                j += 1;
            }
            let half = self.is(j, "half");
            if !(half || self.is(j, "quarter")) || (half && q > 2) {
                return None;
            }
            let mut end = j + 1;
            if self.is(end, "of") {
                if let Some((k, yy)) = self.year_number(end + 1) {
                    y = YearRef::Abs(yy);
                    end = k;
                } else if self.any(end + 1, &["this", "last", "next"]) && self.is(end + 2, "year") {
                    y = YearRef::Rel(if self.is(end + 1, "last") { -1 } else { i32::from(self.is(end + 1, "next")) });
                    end += 3;
                }
            }
            return Some((end, if half { Meaning::Half { h: q, y } } else { Meaning::Quarter { q, y } }));
        }
        if latest {
            // "the quarter", "the latest quarter", "the year-ago quarter", "the year-earlier period".
            let mut k = j;
            if self.is(k, "latest") {
                k += 1;
            } else if self.is(k, "year") && self.is(k + 1, "-") && self.any(k + 2, &["ago", "earlier"]) {
                y = YearRef::Rel(-1);
                k += 3;
            }
            if self.is(k, "quarter") || ((k > j || matches!(y, YearRef::Abs(_))) && self.is(k, "period")) {
                return Some((k + 1, Meaning::Quarter { q: 0, y }));
            }
        }
        None
    }

    /// "the year", "the month", "the week" after a position ("the end of the year").
    fn the_period(&self, i: usize) -> Hit {
        if !self.is(i, "the") {
            return None;
        }
        if self.any(i + 1, &["fiscal", "full", "current", "latest"]) && self.is(i + 2, "year") {
            return Some((i + 3, Meaning::UnitRel { unit: Unit::Year, n: 0 }));
        }
        let unit = self.entry(i + 1)?.unit?;
        matches!(unit, Unit::Week | Unit::Month | Unit::Year | Unit::Quarter)
            .then_some((i + 2, Meaning::UnitRel { unit, n: 0 }))
    }

    /// "the past", "the future", "the weekend", "the 1990s" and other rules after "the".
    fn the(&self, i: usize) -> Hit {
        if !self.is(i, "the") {
            return None;
        }
        if self.is(i + 1, "past") && self.entry(i + 2).is_none_or(|e| e.unit.is_none() && e.num == 0) {
            return Some((i + 2, Meaning::Ref("PAST_REF")));
        }
        if self.is(i + 1, "future") {
            return Some((i + 2, Meaning::Ref("FUTURE_REF")));
        }
        if self.is(i + 1, "weekend") {
            return Some((i + 2, Meaning::Weekend(None)));
        }
        // "the year" alone is this year; "the year ended June 30" is a fiscal year's length.
        let k = if self.is(i + 1, "fiscal") { i + 2 } else { i + 1 };
        if self.is(k, "year") && !self.is(k + 1, "-") {
            if self.any(k + 1, &["ended", "ending", "through", "to"]) {
                return Some((k + 1, Meaning::Duration { n: Some(1), unit: Unit::Year }));
            }
            if !self.any(k + 1, &["'", "before", "after", "earlier", "later", "in", "of", "when", "that", "since"]) {
                return Some((k + 1, Meaning::UnitRel { unit: Unit::Year, n: 0 }));
            }
        }
        if let Some((j, m @ (Meaning::Decade(_) | Meaning::Century(_)))) = self.year(i + 1) {
            return Some((j, m));
        }
        if let Some(hit) = self.relative(i + 1) {
            return Some(hit);
        }
        None
    }

    /// "every week", "each Monday", "every two years", "per year", "every morning".
    fn set(&self, i: usize) -> Hit {
        if !self.any(i, &["every", "each", "per"]) {
            return None;
        }
        let mut j = i + 1;
        let mut n = 1;
        if self.is(j, "other") {
            n = 2;
            j += 1;
        } else if let Some((k, Some(c))) = self.count(j)
            && !self.any(j, &["a", "an"])
        {
            n = c;
            j = k;
        }
        let e = self.entry(j)?;
        if let Some(unit) = e.unit {
            return Some((j + 1, Meaning::Set(super::super::resolve::duration(Some(n), unit))));
        }
        if e.weekday > 0 && n == 1 {
            return Some((j + 1, Meaning::Set(format!("XXXX-WXX-{}", e.weekday))));
        }
        if let Some(p) = e.daypart {
            return Some((j + 1, Meaning::Set(format!("XXXX-XX-XXT{p}"))));
        }
        None
    }

    /// Small fixed phrases: "right now", "these days", "fiscal 1989", "year-end", "Christmas",
    /// "New Year's Day", "future" after "in", "recent"/"current" alone.
    fn misc(&self, i: usize) -> Hit {
        if self.is(i, "these") && self.is(i + 1, "days") {
            return Some((i + 2, Meaning::Ref("PRESENT_REF")));
        }
        if self.is(i, "fiscal")
            && let Some((j, y)) = self.year_number(i + 1)
        {
            return Some((j, date(YearRef::Abs(y), 0, 0)));
        }
        if self.is(i, "year") && self.is(i + 1, "-") && self.glued(i + 1) {
            if self.is(i + 2, "end") {
                return Some((i + 3, date(YearRef::Rel(0), 12, 31)));
            }
            if self.any(i + 2, &["earlier", "ago"]) {
                return Some((i + 3, Meaning::Ago { unit: Unit::Year, n: Some(1), sign: -1 }));
            }
        }
        if self.is(i, "christmas") && self.capital(i) {
            let eve = self.is(i + 1, "eve");
            let end = if eve || self.is(i + 1, "day") { i + 2 } else { i + 1 };
            return Some((end, date(YearRef::Infer, 12, if eve { 24 } else { 25 })));
        }
        if self.is(i, "new") && self.is(i + 1, "year") && self.is(i + 2, "'") && self.is(i + 3, "s") {
            if self.is(i + 4, "day") {
                return Some((i + 5, date(YearRef::Infer, 1, 1)));
            }
            if self.is(i + 4, "eve") {
                return Some((i + 5, date(YearRef::Infer, 12, 31)));
            }
        }
        if self.is(i, "halloween") {
            return Some((i + 1, date(YearRef::Infer, 10, 31)));
        }
        None
    }
}

fn date(y: YearRef, m: u8, d: u8) -> Meaning {
    Meaning::Date { y, m, d, tod: None }
}

/// Whether `y-m-d` is a real calendar date.
fn valid(y: i32, m: u32, d: u32) -> bool {
    chrono::NaiveDate::from_ymd_opt(y, m, d).is_some()
}
