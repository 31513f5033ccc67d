//! The claim lexicons, compiled in from `data/claims/` and interned once.
//!
//! What: reporting verbs with their stance and frame (`cues.tsv`), prepositional and adverbial
//! cues (`phrases.tsv`), nominal cues (`nouns.tsv`), hedge markers (`hedges.txt`), base forms that are also nouns
//! (`ambiguous.txt`) and the
//! closed-class words that bound phrases and clauses (`words.tsv`).
//!
//! Why: the lexicons are data reviewed like code (STYLE.md); interning every lexicon word to a
//! small integer lets the tokenizer look a word up once and lets multiword cues ("had
//! previously indicated" is built from parts, "according to" and "point out" are listed) match by
//! comparing integers, with no allocation per token.
//!
//! Example: `said` interns to an id whose entry holds the verb cue `say` (form `Past`, stance
//! `Report`); `according` holds the phrase cue `according to` (kind `Source`).
//!
//! Known limits: inflections come from spelling rules plus the irregular forms listed in
//! `cues.tsv`; only ASCII words (with `’` read as `'`) are looked up.

use model::Stance;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Closed word classes that bound noun phrases and clauses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Class {
    Det,
    Pron,
    Obj,
    Poss,
    Prep,
    To,
    Conj,
    Comp,
    Wh,
    Be,
    Aux,
    Modal,
    Neg,
    Time,
    Abbr,
    Other,
}

/// The inflected form of a verb cue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Form {
    Base,
    Third,
    /// Past tense or past participle.
    Past,
    Ing,
}

/// What may or must surround a verb cue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Frame {
    Plain,
    /// A hearer may follow the verb ("told reporters").
    Obj,
    /// Only beside a quotation or after its content ("Y, X continued").
    Quote,
    /// Only before "that", a colon or a quotation ("found that", "shows that"), or after a
    /// document as subject ("the poll shows Smith ahead").
    That,
    /// Only before a to-infinitive, maybe after a short object, or a that-clause: intentions
    /// ("wants to run", "wants Smith to lose", "declined to comment").
    To,
    /// Raising verbs ("seems to", "appears to"): no source, the content is the subject and the
    /// infinitive together.
    Raise,
    /// Only with "as" later in the clause or before "that": "sees the race as lost".
    As,
}

/// One verb cue reading of a word.
#[derive(Clone, Debug)]
pub(super) struct VerbCue {
    /// Ids of the words after the first one ("out" in "point out").
    pub rest: Vec<u32>,
    pub form: Form,
    pub stance: Stance,
    pub frame: Frame,
}

/// How a non-verb cue relates to its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum PhraseKind {
    /// The source follows the phrase: "according to X".
    Source,
    /// An adverbial naming the channel: "in a statement".
    Frame,
}

/// One phrase cue starting with a word.
#[derive(Clone, Debug)]
pub(super) struct PhraseCue {
    pub rest: Vec<u32>,
    pub stance: Stance,
    pub kind: PhraseKind,
}

/// Everything known about one interned word.
#[derive(Clone, Debug)]
pub(super) struct Entry {
    pub class: Class,
    pub verbs: Vec<VerbCue>,
    pub phrases: Vec<PhraseCue>,
    pub noun: Option<Stance>,
    /// Whether the nominal cue takes a that-clause ("the claim that").
    pub noun_that: bool,
    /// Prepositions that introduce a nominal cue's content ("support for", "attacks on").
    pub noun_preps: Vec<u32>,
    /// Hedge phrases starting with this word: the ids of their other words.
    pub hedges: Vec<Vec<u32>>,
    /// Whether the word, as a verb's base form, is also a common noun ("report", "call").
    pub ambiguous: bool,
}

/// The interned lexicons.
pub(super) struct Lexicon {
    ids: HashMap<String, u32>,
    entries: Vec<Entry>,
}

/// Id of a word that is in no lexicon.
pub(super) const NONE: u32 = u32::MAX;

pub(super) static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::build);

static EMPTY: Entry = Entry {
    class: Class::Other,
    verbs: Vec::new(),
    phrases: Vec::new(),
    noun: None,
    noun_that: false,
    noun_preps: Vec::new(),
    hedges: Vec::new(),
    ambiguous: false,
};

impl Lexicon {
    /// The id of a lower-case word, or [`NONE`].
    pub fn id(&self, lower: &str) -> u32 {
        self.ids.get(lower).copied().unwrap_or(NONE)
    }

    /// The entry of an id; an empty entry for [`NONE`].
    pub fn entry(&self, id: u32) -> &Entry {
        self.entries.get(id as usize).unwrap_or(&EMPTY)
    }

    fn build() -> Lexicon {
        let mut lex = Lexicon { ids: HashMap::new(), entries: Vec::new() };
        for (word, class) in rows(include_str!("../../data/claims/words.tsv")).filter_map(|r| Some((r[0], *r.get(1)?)))
        {
            let id = lex.intern(word);
            lex.entries[id as usize].class = class_of(class);
        }
        for row in rows(include_str!("../../data/claims/cues.tsv")) {
            let (Some(&lemma), Some(stance)) = (row.first(), row.get(1).and_then(|s| stance_of(s))) else { continue };
            let frame = match row.get(2).copied() {
                Some("obj") => Frame::Obj,
                Some("quote") => Frame::Quote,
                Some("that") => Frame::That,
                Some("to") => Frame::To,
                Some("raise") => Frame::Raise,
                Some("as") => Frame::As,
                _ => Frame::Plain,
            };
            let (head, tail) = lemma.split_once(' ').map_or((lemma, ""), |(h, t)| (h, t));
            let forms: Vec<String> = match row.get(3).filter(|f| **f != "-") {
                Some(listed) => std::iter::once(lemma.to_owned()).chain(listed.split(',').map(str::to_owned)).collect(),
                None => {
                    let suffix = if tail.is_empty() { String::new() } else { format!(" {tail}") };
                    let [third, past, ing] = inflect(head);
                    [head.to_owned(), third, past.clone(), ing, past].into_iter().map(|f| f + &suffix).collect()
                }
            };
            for (i, phrase) in forms.iter().enumerate() {
                let form = [Form::Base, Form::Third, Form::Past, Form::Ing, Form::Past][i.min(4)];
                let mut words = phrase.split(' ');
                let first = lex.intern(words.next().unwrap_or_default());
                let rest: Vec<u32> = words.map(|w| lex.intern(w)).collect();
                let verbs = &mut lex.entries[first as usize].verbs;
                if !verbs.iter().any(|v| v.rest == rest && v.form == form && v.stance == stance) {
                    verbs.push(VerbCue { rest, form, stance, frame });
                }
            }
        }
        for row in rows(include_str!("../../data/claims/phrases.tsv")) {
            let (Some(&phrase), Some(stance)) = (row.first(), row.get(1).and_then(|s| stance_of(s))) else { continue };
            let kind = if row.get(2) == Some(&"source") { PhraseKind::Source } else { PhraseKind::Frame };
            let mut words = phrase.split(' ');
            let first = lex.intern(words.next().unwrap_or_default());
            let rest: Vec<u32> = words.map(|w| lex.intern(w)).collect();
            lex.entries[first as usize].phrases.push(PhraseCue { rest, stance, kind });
        }
        for row in rows(include_str!("../../data/claims/nouns.tsv")) {
            let (Some(&nouns), Some(stance)) = (row.first(), row.get(1).and_then(|s| stance_of(s))) else { continue };
            let introducers: Vec<&str> = row.get(2).map_or_else(|| vec!["that"], |c| c.split(',').collect());
            let preps: Vec<u32> = introducers.iter().filter(|w| **w != "that").map(|w| lex.intern(w)).collect();
            for noun in nouns.split(',') {
                let id = lex.intern(noun);
                let e = &mut lex.entries[id as usize];
                e.noun = Some(stance);
                e.noun_that |= introducers.contains(&"that");
                e.noun_preps.extend(&preps);
            }
        }
        for row in rows(include_str!("../../data/claims/hedges.txt")) {
            let mut words = row[0].split(' ');
            let first = lex.intern(words.next().unwrap_or_default());
            let rest: Vec<u32> = words.map(|w| lex.intern(w)).collect();
            lex.entries[first as usize].hedges.push(rest);
        }
        for row in rows(include_str!("../../data/claims/ambiguous.txt")) {
            let id = lex.intern(row[0]);
            lex.entries[id as usize].ambiguous = true;
        }
        // Longest alternatives first, so the first match is the longest.
        for e in &mut lex.entries {
            e.verbs.sort_by_key(|v| std::cmp::Reverse(v.rest.len()));
            e.phrases.sort_by_key(|p| std::cmp::Reverse(p.rest.len()));
            e.hedges.sort_by_key(|h| std::cmp::Reverse(h.len()));
        }
        lex
    }

    fn intern(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.entries.len() as u32;
        self.ids.insert(word.to_owned(), id);
        self.entries.push(EMPTY.clone());
        id
    }
}

/// Non-comment rows of a tab-separated file.
fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines().map(str::trim_end).filter(|l| !l.is_empty() && !l.starts_with('#')).map(|l| l.split('\t').collect())
}

fn class_of(name: &str) -> Class {
    match name {
        "det" => Class::Det,
        "pron" => Class::Pron,
        "obj" => Class::Obj,
        "poss" => Class::Poss,
        "prep" => Class::Prep,
        "to" => Class::To,
        "conj" => Class::Conj,
        "comp" => Class::Comp,
        "wh" => Class::Wh,
        "be" => Class::Be,
        "aux" => Class::Aux,
        "modal" => Class::Modal,
        "neg" => Class::Neg,
        "time" => Class::Time,
        "abbr" => Class::Abbr,
        _ => Class::Other,
    }
}

/// The stance named in a lexicon file.
pub(super) fn stance_of(name: &str) -> Option<Stance> {
    Some(match name {
        "report" => Stance::Report,
        "assert" => Stance::Assert,
        "confirm" => Stance::Confirm,
        "deny" => Stance::Deny,
        "estimate" => Stance::Estimate,
        "allege" => Stance::Allege,
        "praise" => Stance::Praise,
        "criticize" => Stance::Criticize,
        "warn" => Stance::Warn,
        "promise" => Stance::Promise,
        "question" => Stance::Question,
        _ => return None,
    })
}

/// Regular third person, past and present participle of a verb.
fn inflect(base: &str) -> [String; 3] {
    let b = base.as_bytes();
    let last = b.last().copied().unwrap_or(b' ');
    let before_last = b.len().checked_sub(2).map_or(b'a', |i| b[i]);
    let vowel = |c: u8| b"aeiou".contains(&c);
    let stem = &base[..base.len().saturating_sub(1)];
    let third = if ["s", "x", "z", "ch", "sh"].iter().any(|s| base.ends_with(s)) {
        format!("{base}es")
    } else if last == b'y' && !vowel(before_last) {
        format!("{stem}ies")
    } else {
        format!("{base}s")
    };
    let past = if last == b'e' {
        format!("{base}d")
    } else if last == b'y' && !vowel(before_last) {
        format!("{stem}ied")
    } else {
        format!("{base}ed")
    };
    let ing = if let Some(stem) = base.strip_suffix("ie") {
        format!("{stem}ying")
    } else if last == b'e' && before_last != b'e' {
        format!("{stem}ing")
    } else {
        format!("{base}ing")
    };
    [third, past, ing]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_inflections() {
        assert_eq!(inflect("deny"), ["denies", "denied", "denying"]);
        assert_eq!(inflect("stress"), ["stresses", "stressed", "stressing"]);
        assert_eq!(inflect("argue"), ["argues", "argued", "arguing"]);
        assert_eq!(inflect("vow"), ["vows", "vowed", "vowing"]);
    }

    #[test]
    fn lexicon_knows_forms_and_phrases() {
        let lex = &*LEXICON;
        let said = lex.entry(lex.id("said"));
        assert!(said.verbs.iter().any(|v| v.form == Form::Past && v.stance == Stance::Report));
        assert_eq!(lex.entry(lex.id("hailed")).verbs[0].stance, Stance::Praise);
        assert_eq!(lex.entry(lex.id("according")).phrases[0].kind, PhraseKind::Source);
        assert_eq!(lex.entry(lex.id("the")).class, Class::Det);
        assert_eq!(lex.entry(lex.id("claims")).noun, Some(Stance::Allege));
        assert!(lex.entry(lex.id("claims")).noun_that);
        assert!(lex.entry(lex.id("criticism")).noun_preps.contains(&lex.id("of")));
        assert_eq!(lex.id("zzzz"), NONE);
    }
}
