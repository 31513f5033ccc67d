//! The stance of one attribution towards what it says: `support`, `contradict` or `report`
//! (a neutral relay), decided from the cue's stance class, negation, hedges and the words of
//! the content and of the sentence before the cue (`data/stance.tsv`).
//!
//! Why: a proposition's credibility weighs who supports and who contradicts it; "the Kremlin
//! dismissed the report as fake" contradicts, "U.S. officials said they could not verify the
//! reports" only reports, "Neither Moscow nor Pyongyang has acknowledged that …" contradicts
//! although its cue is a confirmation (the negation sits before the speaker).
//!
//! Rules, in order, for an attributed claim: a conditional or uncertain content ("if", "any
//! such", "no evidence", "could not confirm") reports; a cue that asks, promises or warns
//! reports; a denial contradicts (a denial of a negation reports); a negated confirmation
//! by a known speaker contradicts, any other negated cue reports; a content that calls something false ("fake",
//! "groundless rumours") or is negated ("have not been confirmed") contradicts; the rest
//! supports. The publisher's own assertion (a headline or lead with no cue) is read the same
//! way, with hedges ("reportedly", "claims", "?") making it a report.
//!
//! Example: `deny` + "the reports as groundless rumours" → contradict; `report` + "North Korea
//! is sending troops" → support.
//!
//! Known limits: lexical; sarcasm, double negation and scope ("not only shells" is listed as
//! an exemption) are handled by word lists only.

use crate::lexicon::{self, Hit};
use model::Stance as Cue;
use serde::{Deserialize, Serialize};

/// How an attribution stands towards its proposition (the export's `stance`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    /// Asserts it (or confirms, estimates, alleges it).
    Support,
    /// Denies it, calls it false, or asserts its negation.
    Contradict,
    /// Relays it without taking a position.
    Report,
}

impl Polarity {
    /// The export word.
    pub fn as_str(self) -> &'static str {
        match self {
            Polarity::Support => "support",
            Polarity::Contradict => "contradict",
            Polarity::Report => "report",
        }
    }
}

/// What the classifier reads of one claim.
#[derive(Clone, Copy, Debug)]
pub struct Input<'a> {
    /// The cue's stance class; `None` for the publisher's own assertion.
    pub cue: Option<Cue>,
    /// Whether the analyzer found the cue negated.
    pub negated: bool,
    /// Whether the analyzer found hedges in the claim.
    pub hedged: bool,
    /// Tokens of the content.
    pub content: &'a [String],
    /// Tokens of the sentence before the cue (speaker included).
    pub before: &'a [String],
    /// Whether the speaker resolves to an entity: an unresolved speaker's negated confirmation
    /// ("none of the governments confirmed it") notes an absence, it does not deny.
    pub speaker: bool,
}

/// The stance of one claim.
pub fn classify(input: &Input<'_>) -> Polarity {
    let lex = lexicon::stance();
    let content = lex.hits(input.content);
    let before = lex.hits(input.before);
    let has = |hits: &[Hit<'_>], class: &str| hits.iter().any(|h| h.class == class);
    let uncertain = has(&content, "uncertain") || before.iter().any(|h| h.class == "uncertain" && h.end - h.start == 1);
    let content_negated = negated(&content);
    let dismissed = has(&content, "dismiss");
    let Some(cue) = input.cue else {
        return if dismissed || content_negated {
            Polarity::Contradict
        } else if uncertain || has(&content, "hedge") {
            Polarity::Report
        } else {
            Polarity::Support
        };
    };
    if uncertain {
        return Polarity::Report;
    }
    if matches!(cue, Cue::Question | Cue::Promise | Cue::Warn) {
        return Polarity::Report;
    }
    let cue_negated = input.negated || negated(&before);
    if cue == Cue::Deny {
        return if content_negated || cue_negated { Polarity::Report } else { Polarity::Contradict };
    }
    if cue_negated {
        let denies = cue == Cue::Confirm && !input.hedged && input.speaker;
        return if denies { Polarity::Contradict } else { Polarity::Report };
    }
    if dismissed || content_negated { Polarity::Contradict } else { Polarity::Support }
}

/// Whether the content hedges ("reportedly", "could"): the publisher does not endorse it.
pub fn hedged(content: &[String]) -> bool {
    lexicon::stance().has("hedge", content)
}

/// Whether the content points at reports rather than stating something ("the reports", "it").
pub fn reference(content: &[String]) -> bool {
    lexicon::stance().has("reference", content)
}

fn negated(hits: &[Hit<'_>]) -> bool {
    hits.iter().any(|h| h.class == "negate" && !hits.iter().any(|e| e.class == "exempt" && e.start == h.start))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::tokens;

    fn check(cue: Option<Cue>, negated: bool, before: &str, content: &str) -> Polarity {
        let (c, b) = (tokens(content), tokens(before));
        classify(&Input { cue, negated, hedged: false, content: &c, before: &b, speaker: true })
    }

    #[test]
    fn denials_and_dismissals_contradict() {
        assert_eq!(check(Some(Cue::Deny), false, "The Kremlin", "the report as fake"), Polarity::Contradict);
        assert_eq!(check(Some(Cue::Report), false, "Russia has", "the reports fake news"), Polarity::Contradict);
        assert_eq!(check(None, false, "", "No, 3,000 soldiers have not been confirmed killed"), Polarity::Contradict);
    }

    #[test]
    fn negation_before_the_speaker_counts() {
        let p = check(Some(Cue::Confirm), false, "Neither Moscow nor Pyongyang has", "that the troops are in Russia");
        assert_eq!(p, Polarity::Contradict);
        assert_eq!(check(Some(Cue::Report), true, "He", "where such people were serving"), Polarity::Report);
    }

    #[test]
    fn relays_and_conditionals_report() {
        assert_eq!(check(Some(Cue::Report), false, "officials", "they could not verify the reports"), Polarity::Report);
        assert_eq!(check(Some(Cue::Report), false, "", "any such deployment would be lawful"), Polarity::Report);
        assert_eq!(check(Some(Cue::Confirm), false, "If", ", it would be the first"), Polarity::Report);
        assert_eq!(check(None, false, "", "Troops reportedly sent to Russia"), Polarity::Report);
    }

    #[test]
    fn assertions_support() {
        assert_eq!(
            check(Some(Cue::Report), false, "Zelensky", "North Korea is sending people, not only shells"),
            Polarity::Support
        );
        assert_eq!(check(None, false, "", "Two soldiers captured in Kursk"), Polarity::Support);
    }
}
