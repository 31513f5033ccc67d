//! Property tests: MinHash estimates stay near the true Jaccard similarity, and nothing panics
//! on arbitrary text, arbitrary analyses or arbitrary registry files.

use ledger::minhash::Signature;
use ledger::{Ledger, SourceRegistry};
use model::{Analysis, Entity, EntityType, Mention, MentionKind};
use proptest::prelude::*;
use text::TextRange;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// With 128 permutations the standard error is at most 0.045; 0.2 is over four of them.
    #[test]
    fn minhash_estimates_jaccard(shared in 0u64..300, only_a in 0u64..300, only_b in 0u64..300, salt in any::<u64>()) {
        let a: Vec<u64> = (0..shared + only_a).map(|i| i ^ salt).collect();
        let b: Vec<u64> = (0..shared).chain(1_000_000..1_000_000 + only_b).map(|i| i ^ salt).collect();
        let union = shared + only_a + only_b;
        prop_assume!(union > 0 && !b.is_empty() && !a.is_empty());
        let truth = shared as f64 / union as f64;
        let est = Signature::of(&a).jaccard(&Signature::of(&b));
        prop_assert!((est - truth).abs() <= 0.2, "estimate {est} truth {truth}");
    }

    #[test]
    fn linking_never_panics(title in "\\PC{0,40}", body in "\\PC{0,400}", start in 0usize..500, len in 0usize..50, id in "\\PC{0,12}") {
        let doc = crate::support::doc(&format!("t{title}"), &body, None, None);
        let analysis = Analysis {
            entities: vec![Entity {
                id,
                name: "x".into(),
                kind: EntityType::Misc,
                roles: Vec::new(),
                mentions: vec![Mention { range: TextRange::new(start, start + len), kind: MentionKind::Name }],
            }],
            ..Analysis::default()
        };
        let mut ledger = Ledger::default();
        ledger.add(&doc, &analysis);
        ledger.add(&doc, &Analysis::default());
        ledger.rebuild();
        prop_assert_eq!(ledger.stories().len(), 1);
    }

    #[test]
    fn registry_parsing_never_panics(tsv in "(name\tkind\tgrade\tdomains\n)?[\\PC\t\n]{0,300}") {
        let _ = SourceRegistry::parse(&tsv);
    }
}
