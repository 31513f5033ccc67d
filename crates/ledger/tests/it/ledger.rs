//! The ledger as the engine will use it: add, rebuild, order independence, persistence.

use crate::gold::parse;
use ledger::{Ledger, StoryView};
use model::{Analysis, Document};

fn corpus() -> Vec<(Document, Analysis)> {
    parse(include_str!("../gold/north_korea.txt"))
}

fn snapshot(ledger: &Ledger, docs: &[(Document, Analysis)]) -> (Vec<StoryView>, Vec<String>) {
    let views = docs.iter().map(|(d, _)| format!("{:?}", ledger.document(d.id).unwrap())).collect();
    (ledger.stories(), views)
}

#[test]
fn the_same_articles_in_any_order_give_the_same_ledger() {
    let docs = corpus();
    let mut reference = Ledger::default();
    docs.iter().for_each(|(d, a)| _ = reference.add(d, a));
    reference.rebuild();
    let expected = snapshot(&reference, &docs);
    // Reversed, and a fixed pseudo-random permutation of the indices.
    let n = docs.len();
    let orders: Vec<Vec<usize>> = vec![(0..n).rev().collect(), (0..n).map(|i| (i * 5 + 3) % n).collect()];
    for order in orders {
        let mut ledger = Ledger::default();
        for &i in &order {
            ledger.add(&docs[i].0, &docs[i].1);
        }
        ledger.rebuild();
        assert_eq!(snapshot(&ledger, &docs), expected, "order {order:?}");
    }
}

#[test]
fn a_republished_wire_story_is_a_copy_in_the_same_story() {
    let docs = corpus();
    let mut ledger = Ledger::default();
    let updates: Vec<_> = docs.iter().map(|(d, a)| ledger.add(d, a)).collect();
    let wire = &docs[2].0;
    let copy = &updates[3];
    assert_eq!(copy.duplicate_of, Some(wire.id));
    assert!(copy.nearest.unwrap().1 >= 0.5);
    assert_eq!(copy.story, updates[2].story);
    assert!(updates.iter().enumerate().all(|(i, u)| i == 3 || u.duplicate_of.is_none()));
    let story = ledger.story(copy.story).unwrap();
    assert_eq!(story.voices + 1, story.documents.len());
}

#[test]
fn adding_a_known_document_changes_nothing() {
    let docs = corpus();
    let mut ledger = Ledger::default();
    let first = ledger.add(&docs[0].0, &docs[0].1);
    let again = ledger.add(&docs[0].0, &docs[0].1);
    assert!(again.known && !first.known);
    assert_eq!((again.story, ledger.len()), (first.story, 1));
}

#[test]
fn a_stored_ledger_loads_and_goes_on_exactly_as_the_original() {
    let docs = corpus();
    let (last, rest) = docs.split_last().unwrap();
    let mut original = Ledger::default();
    rest.iter().for_each(|(d, a)| _ = original.add(d, a));
    let json = serde_json::to_string(&original).unwrap();
    let mut loaded: Ledger = serde_json::from_str(&json).unwrap();
    assert_eq!(snapshot(&loaded, rest), snapshot(&original, rest));
    assert_eq!(loaded.add(&last.0, &last.1), original.add(&last.0, &last.1));
    assert_eq!(loaded.stories(), original.stories());
}

#[test]
fn a_ledger_of_another_format_is_refused() {
    let mut value = serde_json::to_value(Ledger::default()).unwrap();
    value["format"] = 99.into();
    let err = serde_json::from_value::<Ledger>(value).unwrap_err().to_string();
    assert!(err.contains("ledger format 99"), "{err}");
}

#[test]
fn undated_and_empty_documents_are_linked_without_panicking() {
    let mut ledger = Ledger::default();
    let d = crate::support::doc("Headline only", "", None, None);
    let u = ledger.add(&d, &Analysis::default());
    assert!(u.new_story);
    ledger.rebuild();
    assert_eq!(ledger.stories()[0].first_published, None);
}
