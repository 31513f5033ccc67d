//! Builders for the tests: documents from title/body/date/source, and analyses whose entities
//! are found by plain substring search, so that tests read like the articles they describe.

use model::{Analysis, Document, Draft, Entity, EntityType, Format, Mention, MentionKind};
use text::TextRange;

/// A document; `published` is RFC 3339.
pub fn doc(title: &str, body: &str, published: Option<&str>, source: Option<&str>) -> Document {
    let draft = Draft {
        title: Some(title.into()),
        body: body.into(),
        published: published.map(|p| chrono::DateTime::parse_from_rfc3339(p).expect("test dates are RFC 3339")),
        source: source.map(str::to_owned),
        ..Draft::new(Format::Text, "test")
    };
    Document::from_draft(draft).expect("test documents have text")
}

/// An analysis whose entities are `(id, type, names…)`, each mentioned wherever one of its names
/// occurs in the text; entities not mentioned are left out.
pub fn analysis(doc: &Document, entities: &[(&str, EntityType, &[&str])]) -> Analysis {
    let mut out = Analysis::default();
    for &(id, kind, names) in entities {
        let mut mentions: Vec<Mention> = names
            .iter()
            .flat_map(|n| doc.text.match_indices(n).map(|(i, m)| (i, m.len())).collect::<Vec<_>>())
            .map(|(i, len)| Mention { range: TextRange::new(i, i + len), kind: MentionKind::Name })
            .collect();
        mentions.sort_by_key(|m| m.range.start());
        if !mentions.is_empty() {
            out.entities.push(Entity { id: id.into(), name: names[0].into(), kind, roles: Vec::new(), mentions });
        }
    }
    out
}
