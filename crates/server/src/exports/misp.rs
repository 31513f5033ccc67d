//! Attributions tagged with MISP's `admiralty-scale` taxonomy (`dossier export misp`, JSON Lines;
//! `GET /api/export/misp`, a JSON array of the same objects).
//!
//! Each attribution becomes one MISP-style `text` attribute (category `External analysis`) whose
//! value is the claim's content, with two machine tags from the MISP taxonomy `admiralty-scale`
//! (its predicates are exactly `source-reliability`, values `a`–`f`, and
//! `information-credibility`, values `1`–`6`): the publisher's reliability and the
//! proposition's credibility. Example tags: `admiralty-scale:source-reliability="b"`,
//! `admiralty-scale:information-credibility="2"`. The attribute also says which proposition,
//! document and claim it comes from, its stance, and a deterministic UUIDv5.
//!
//! Known limits: these are attributes, not a full MISP event; an importer wraps them in one.

use super::{Corpus, NAMESPACE, uuid5};
use ledger::{Attribution, Grade, PropositionView};
use serde_json::{Value, json};

/// The MISP tag of a source's reliability (`a`–`f`).
pub fn reliability_tag(grade: Grade) -> String {
    format!("admiralty-scale:source-reliability=\"{}\"", grade.to_string().to_lowercase())
}

/// The MISP tag of a proposition's credibility (`1`–`6`).
pub fn credibility_tag(credibility: u8) -> String {
    format!("admiralty-scale:information-credibility=\"{credibility}\"")
}

/// Every attribution of every proposition, tagged, in proposition then publication order.
pub fn attributes(corpus: &Corpus) -> Vec<Value> {
    corpus.propositions.iter().flat_map(|p| p.attributions.iter().map(move |a| attribute(p, a))).collect()
}

/// One tagged attribution.
pub fn attribute(p: &PropositionView, a: &Attribution) -> Value {
    let claim = a.claim.map_or_else(|| "publisher".to_owned(), |c| c.to_string());
    let key = format!("misp:{}:{}:{claim}", p.id, a.document);
    let mut comment = format!("{} ({}) ", a.source.as_deref().unwrap_or("unknown publisher"), a.grade);
    comment.push_str(match a.stance {
        ledger::Polarity::Support => "supports",
        ledger::Polarity::Contradict => "contradicts",
        ledger::Polarity::Report => "reports",
    });
    comment.push_str(&format!(" proposition {}: {}", p.id, p.text));
    json!({
        "uuid": uuid5(&NAMESPACE, &key),
        "type": "text",
        "category": "External analysis",
        "to_ids": false,
        "value": a.text,
        "comment": comment,
        "timestamp": a.published.map(|t| t.to_string()),
        "Tag": [
            { "name": reliability_tag(a.grade) },
            { "name": credibility_tag(p.credibility.grade) },
        ],
        "proposition": p.id.to_string(),
        "document": a.document.to_string(),
        "claim": a.claim,
        "source": a.source,
        "speaker": a.speaker,
        "stance": a.stance.as_str(),
        "published": a.published.map(ledger::view::date),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_use_the_taxonomy_predicates_and_lower_case_letters() {
        assert_eq!(reliability_tag(Grade::B), "admiralty-scale:source-reliability=\"b\"");
        assert_eq!(credibility_tag(2), "admiralty-scale:information-credibility=\"2\"");
    }
}
