//! Sentence segmentation cases, one `check` per hard case, plus a property test of the range
//! invariants (ordered, trimmed, non-overlapping, on char boundaries, covering all text).
//!
//! Example: `check("Gen. Lee left. He won.", &["Gen. Lee left.", "He won."])`.
//! The sentences are written for these tests; no third-party text is copied here.

use nlp::segment::sentences;
use proptest::prelude::*;

/// Segments `input` and compares the sentence texts with `expected`, after checking invariants.
#[track_caller]
fn check(input: &str, expected: &[&str]) {
    let ranges = sentences(input);
    assert_invariants(input, &ranges);
    let got: Vec<&str> = ranges.iter().map(|r| &input[r.start()..r.end()]).collect();
    assert_eq!(got, expected, "input: {input:?}");
}

fn assert_invariants(input: &str, ranges: &[text::TextRange]) {
    let mut covered_to = 0;
    for range in ranges {
        assert!(range.start() >= covered_to, "ranges out of order or overlapping: {ranges:?}");
        let slice = range.slice(input).expect("range on char boundaries and in bounds");
        assert!(!slice.is_empty(), "empty sentence");
        assert_eq!(slice, slice.trim(), "sentence not trimmed");
        let gap = &input[covered_to..range.start()];
        assert!(gap.trim().is_empty(), "uncovered text {gap:?}");
        covered_to = range.end();
    }
    assert!(input[covered_to..].trim().is_empty(), "uncovered tail");
}

#[test]
fn plain_sentences() {
    check("The river rose. The town flooded! Who pays?", &["The river rose.", "The town flooded!", "Who pays?"]);
}

#[test]
fn paragraph_break_ends_sentence_and_title() {
    check(
        "Floods hit the valley\n\nThe river rose overnight\n\nRescuers arrived at dawn.",
        &["Floods hit the valley", "The river rose overnight", "Rescuers arrived at dawn."],
    );
}

#[test]
fn titles_before_names() {
    check(
        "Col. Ana Reyes met Gen. Tom Hale and Lt. Sam Ivo. Sgt. Bo Lund, Maj. Eli Park and Adm. Joy Tran \
         watched. Capt. Ray Oh spoke.",
        &[
            "Col. Ana Reyes met Gen. Tom Hale and Lt. Sam Ivo.",
            "Sgt. Bo Lund, Maj. Eli Park and Adm. Joy Tran watched.",
            "Capt. Ray Oh spoke.",
        ],
    );
    check(
        "Gov. Kay Bell thanked Sen. Al Roe, Rep. Di Fox and Pres. Lin Ma. Mr. and Mrs. Cole and Ms. Vega \
         came. Dr. Ito and Prof. Ruiz did not.",
        &[
            "Gov. Kay Bell thanked Sen. Al Roe, Rep. Di Fox and Pres. Lin Ma.",
            "Mr. and Mrs. Cole and Ms. Vega came.",
            "Dr. Ito and Prof. Ruiz did not.",
        ],
    );
}

#[test]
fn country_abbreviations_inside_sentence() {
    check(
        "U.S. and U.K. envoys met U.N. staff. They agreed.",
        &["U.S. and U.K. envoys met U.N. staff.", "They agreed."],
    );
    check(
        "The U.S. Army and the U.N. Security Council disagreed.",
        &["The U.S. Army and the U.N. Security Council disagreed."],
    );
}

#[test]
fn abbreviation_ending_a_sentence_before_a_starter() {
    check(
        "The talks were held in the U.S. The next day they moved to Oslo.",
        &["The talks were held in the U.S.", "The next day they moved to Oslo."],
    );
    check("Shares rose at Acme Inc. However, rivals fell.", &["Shares rose at Acme Inc.", "However, rivals fell."]);
    check("It closed at 4 p.m. It reopens Monday.", &["It closed at 4 p.m.", "It reopens Monday."]);
}

#[test]
fn company_suffixes_and_names() {
    check(
        "Acme Corp. and Bolt Ltd. signed with Rowe & Co. on Friday. Ed Park Jr. and Al Park Sr. were there.",
        &["Acme Corp. and Bolt Ltd. signed with Rowe & Co. on Friday.", "Ed Park Jr. and Al Park Sr. were there."],
    );
    check("She lives on St. Anne Street.", &["She lives on St. Anne Street."]);
}

#[test]
fn times_dates_and_numbers() {
    check(
        "The vote is on Jan. 5 at 9 a.m. Eastern, and results come Feb. 2 or Sept. 30.",
        &["The vote is on Jan. 5 at 9 a.m. Eastern, and results come Feb. 2 or Sept. 30."],
    );
    check(
        "Sales fell 3.5% to $1.13bn in Aug. Analysts had expected approx. 4%.",
        &["Sales fell 3.5% to $1.13bn in Aug.", "Analysts had expected approx. 4%."],
    );
    check("He wore No. 5 and won. No. 7 lost.", &["He wore No. 5 and won.", "No. 7 lost."]);
    check("The fleet grew in 2019. 40 ships joined.", &["The fleet grew in 2019.", "40 ships joined."]);
}

#[test]
fn inner_abbreviations() {
    check(
        "Bring fruit, e.g. Apples or pears, i.e. Anything fresh. Cats vs. Dogs is next, etc. and more.",
        &["Bring fruit, e.g. Apples or pears, i.e. Anything fresh.", "Cats vs. Dogs is next, etc. and more."],
    );
    check("Bring tools, ropes, etc. The rest is provided.", &["Bring tools, ropes, etc.", "The rest is provided."]);
}

#[test]
fn initials() {
    check("J. R. R. Tolkien wrote it. Kim Jong Un read it.", &["J. R. R. Tolkien wrote it.", "Kim Jong Un read it."]);
    check("Ana B. Cruz and George W. Smith agreed.", &["Ana B. Cruz and George W. Smith agreed."]);
    check("He took vitamin C. The cold passed.", &["He took vitamin C.", "The cold passed."]);
}

#[test]
fn ellipses() {
    check("We waited... and waited. Then… nothing.", &["We waited... and waited.", "Then… nothing."]);
    check("It was over... The crowd left.", &["It was over...", "The crowd left."]);
    check("It was over… The crowd left.", &["It was over…", "The crowd left."]);
    check("He paused . . . Then he spoke.", &["He paused . . .", "Then he spoke."]);
}

#[test]
fn closing_quotes_and_brackets() {
    check(
        "\"We will stay.\" The minister left. (He was late.) 'Why?' she asked. \"Go!” Then silence.",
        &["\"We will stay.\"", "The minister left.", "(He was late.)", "'Why?' she asked.", "\"Go!”", "Then silence."],
    );
    check("She said: “It is over.” Nobody answered.", &["She said: “It is over.”", "Nobody answered."]);
}

#[test]
fn question_and_exclamation_runs() {
    check("Really?! Yes!!! Is it??? Maybe.", &["Really?!", "Yes!!!", "Is it???", "Maybe."]);
    check("Is it real? 20 people asked.", &["Is it real?", "20 people asked."]);
}

#[test]
fn urls_emails_and_decimals() {
    check(
        "See example.com/news?id=4 or write to desk@example.org. The site is v2.0 now.",
        &["See example.com/news?id=4 or write to desk@example.org.", "The site is v2.0 now."],
    );
    check("Visit www.example.com. It is free.", &["Visit www.example.com.", "It is free."]);
}

#[test]
fn numbered_list_items() {
    check("1. Open the box.\n\n2. Remove the lid.", &["1. Open the box.", "2. Remove the lid."]);
    check("Steps: 1. Open the box. 2. Remove the lid.", &["Steps: 1. Open the box.", "2. Remove the lid."]);
}

#[test]
fn lowercase_after_period() {
    check(
        "The dept. head resigned, as did Ann Lee et al. last week.",
        &["The dept. head resigned, as did Ann Lee et al. last week."],
    );
    check("We loved the food. service was slow.", &["We loved the food.", "service was slow."]);
    check("Is it open? nobody knows.", &["Is it open?", "nobody knows."]);
    check("\"Is it open?\" she asked. \"Stop!\" he said.", &["\"Is it open?\" she asked.", "\"Stop!\" he said."]);
}

#[test]
fn names_with_question_or_exclamation_marks() {
    check(
        "Fans of the band Zoom! cheered. The film Who Knew? came second.",
        &["Fans of the band Zoom! cheered.", "The film Who Knew? came second."],
    );
}

#[test]
fn hyphenated_name_ending_in_a_capital_is_not_an_initial() {
    check("The show starred Jay-Q. Critics loved it.", &["The show starred Jay-Q.", "Critics loved it."]);
}

#[test]
fn quoted_sentence_ending_in_an_initial() {
    check("He called it \"Plan B.\" Critics disagreed.", &["He called it \"Plan B.\"", "Critics disagreed."]);
}

#[test]
fn emoticon_stays_with_its_sentence() {
    check("Great visit. :) We will return.", &["Great visit. :)", "We will return."]);
}

#[test]
fn per_cent_ends_a_sentence() {
    check("Prices rose 4 per cent. Analysts were surprised.", &["Prices rose 4 per cent.", "Analysts were surprised."]);
}

#[test]
fn empty_and_blank_text() {
    check("", &[]);
    check("  \n\n \t ", &[]);
    check("...", &["..."]);
    check("a.\n\n.b", &["a.", ".b"]);
}

proptest! {
    #[test]
    fn invariants_hold_on_arbitrary_text(input in any::<String>()) {
        assert_invariants(&input, &sentences(&input));
    }

    #[test]
    fn invariants_hold_on_punctuation_heavy_text(input in "[a-zA-Z0-9 .?!…\"'()“”\n\t]{0,80}") {
        assert_invariants(&input, &sentences(&input));
    }
}
