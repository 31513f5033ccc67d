//! Propositions as schema.org `ClaimReview` JSON-LD (`dossier export claimreview`,
//! `GET /api/export/claimreview`): a JSON array with one `ClaimReview` per proposition.
//!
//! Mapping: `claimReviewed` = the proposition's text; `itemReviewed` = a `Claim` with
//! `appearance` (every citing document as a `CreativeWork`: URL, content id as `identifier`,
//! headline, date, publisher) and `firstAppearance` (the earliest dated one, else the first);
//! `author` = Dossier (an `Organization`); `datePublished` = the latest publication behind it.
//! `reviewRating` puts the Admiralty credibility on schema.org's usual 1–5 scale, 5 best:
//! credibility 1 → 5, 2 → 4, 3 → 3, 4 → 2, 5 → 1, with `bestRating` 5 and `worstRating` 1 stated;
//! credibility 6 ("truth cannot be judged") has no place on a truth scale, so it has no
//! `ratingValue`, only its words. `alternateName` = status and meaning ("corroborated: probably
//! true"), `ratingExplanation` = the credibility reasons.
//!
//! Example: `{"@context":"https://schema.org","@type":"ClaimReview","claimReviewed":"North Korea
//! sent troops …","reviewRating":{"@type":"Rating","ratingValue":5,"bestRating":5,"worstRating":1,
//! "alternateName":"acknowledged: confirmed by other sources",…},…}`
//!
//! Known limits: a `ClaimReview` usually has the `url` of the review page; Dossier has no public
//! page, so it carries an `@id` (`urn:dossier:proposition:ID`) and `identifier` instead.

use super::{Corpus, published};
use ledger::PropositionView;
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// The best rating given (credibility 1).
pub const BEST_RATING: u8 = 5;
/// The worst rating given (credibility 5).
pub const WORST_RATING: u8 = 1;

/// The 1–5 rating of an Admiralty credibility grade; `None` for 6 (cannot be judged).
pub fn rating(credibility: u8) -> Option<u8> {
    (1..=5).contains(&credibility).then(|| 6 - credibility)
}

/// One `ClaimReview` per proposition, in id order.
pub fn reviews(corpus: &Corpus) -> Value {
    Value::Array(corpus.propositions.iter().map(|p| review(corpus, p)).collect())
}

/// The `ClaimReview` of one proposition.
pub fn review(corpus: &Corpus, p: &PropositionView) -> Value {
    let mut rating_json = json!({
        "@type": "Rating",
        "bestRating": BEST_RATING,
        "worstRating": WORST_RATING,
        "alternateName": format!("{}: {}", p.status.as_str(), p.credibility.meaning),
        "ratingExplanation": p.credibility.reasons.join(" "),
    });
    if let Some(r) = rating(p.credibility.grade) {
        rating_json["ratingValue"] = json!(r);
    }
    let mut docs = BTreeSet::new();
    let appearances: Vec<(Option<i64>, Value)> = p
        .attributions
        .iter()
        .filter(|a| docs.insert(a.document))
        .map(|a| {
            let id = a.document.to_string();
            let doc = corpus.documents.get(&id);
            let mut work = json!({ "@type": "CreativeWork", "identifier": id });
            if let Some(url) = doc.and_then(|d| d.url.as_deref()) {
                work["url"] = json!(url);
            }
            if let Some(title) = doc.map(|d| d.title.as_str()).filter(|t| !t.is_empty()) {
                work["headline"] = json!(title);
            }
            let t = doc.and_then(published).or(a.published);
            if let Some(t) = t {
                work["datePublished"] = json!(ledger::view::date(t));
            }
            if let Some(source) = &a.source {
                work["publisher"] = json!({ "@type": "Organization", "name": source });
            }
            (t, work)
        })
        .collect();
    let first = appearances.iter().min_by_key(|(t, _)| (t.is_none(), *t)).map(|(_, w)| w.clone());
    let latest = p.attributions.iter().filter_map(|a| a.published).max();
    let mut claim = json!({
        "@type": "Claim",
        "appearance": appearances.into_iter().map(|(_, w)| w).collect::<Vec<_>>(),
    });
    if let Some(first) = first {
        claim["firstAppearance"] = first;
    }
    let mut out = json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "@id": format!("urn:dossier:proposition:{}", p.id),
        "identifier": p.id.to_string(),
        "claimReviewed": p.text,
        "author": { "@type": "Organization", "name": "Dossier" },
        "reviewRating": rating_json,
        "itemReviewed": claim,
    });
    if let Some(t) = latest {
        out["datePublished"] = json!(&ledger::view::date(t)[..10]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_put_credibility_on_a_five_point_scale() {
        let ratings: Vec<Option<u8>> = (1..=6).map(rating).collect();
        assert_eq!(ratings, [Some(5), Some(4), Some(3), Some(2), Some(1), None]);
    }
}
