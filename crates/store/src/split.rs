//! An analysis stored once, split between its blob and the query tables.
//!
//! The `entity_mentions` rows hold each entity's mentions and the `claims` rows each claim, for
//! queries; the blob in `analyses` holds only the rest — sentences, times, quantities, each
//! entity's name, type and roles in order (its id and mentions are its row's, found by where its
//! first mention starts), each claim's hedge ranges — and
//! [`Store::analysis`](crate::Store::analysis) joins the two again. Before, the blob held the
//! whole analysis as well (BBC: 1.9 MB of blobs, 0.67 MB of it mentions and claims).
//!
//! A blob's first byte tells which it is (see `blob::format`): [`WHOLE`] is a whole analysis —
//! what stores written before hold, and what is kept for an analysis the tables would not give
//! back exactly (an entity listed twice or without mentions, two entities first mentioned at the
//! same place, mentions unsorted or repeated); [`REST`] is the rest.

use crate::spans::{self, Span};
use model::{Analysis, Claim, Entity, EntityType, Mention, Quantity, Speaker, Stance, TimeExpr};
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use text::TextRange;

/// A whole analysis (`blob::encode`).
const WHOLE: u8 = 1;

/// The rest of an analysis, without what the tables hold.
const REST: u8 = 2;

/// What the blob keeps of an analysis beside the tables.
#[derive(Serialize, Deserialize)]
struct Rest {
    sentences: Vec<TextRange>,
    times: Vec<TimeExpr>,
    quantities: Vec<Quantity>,
    entities: Vec<EntityRest>,
    /// Each claim's hedges (the table keeps only whether there are any).
    hedges: Vec<Vec<TextRange>>,
}

/// An entity without its id and mentions, which its `entity_mentions` row gives: the row whose
/// first mention starts at `first`.
#[derive(Serialize, Deserialize)]
struct EntityRest {
    first: u32,
    name: String,
    kind: EntityType,
    roles: Vec<String>,
}

/// The blob of an analysis whose entities and claims are written to the tables beside it.
pub(crate) fn encode(analysis: &Analysis) -> Result<Vec<u8>, String> {
    if !splits_exactly(analysis) {
        return crate::blob::encode_as(WHOLE, analysis);
    }
    let rest = Rest {
        sentences: analysis.sentences.clone(),
        times: analysis.times.clone(),
        quantities: analysis.quantities.clone(),
        entities: analysis
            .entities
            .iter()
            .map(|e| EntityRest {
                first: e.mentions.first().map_or(0, |m| m.range.start),
                name: e.name.clone(),
                kind: e.kind,
                roles: e.roles.clone(),
            })
            .collect(),
        hedges: analysis.claims.iter().map(|c| c.hedges.clone()).collect(),
    };
    crate::blob::encode_as(REST, &rest)
}

/// Whether the tables give this analysis's entities back exactly: each entity once, with
/// mentions, the first starting where no other entity's does, and its mentions as `spans::pack`
/// orders them (by start, end and kind), none repeated.
fn splits_exactly(analysis: &Analysis) -> bool {
    let mut ids = std::collections::HashSet::new();
    let mut firsts = std::collections::HashSet::new();
    analysis.entities.iter().all(|e| {
        let mut spans = to_spans(&e.mentions);
        let original = spans.clone();
        spans::pack(&mut spans);
        let first = e.mentions.first().map(|m| m.range.start);
        ids.insert(e.id.as_str()) && first.is_some_and(|f| firsts.insert(f)) && spans == original
    })
}

pub(crate) fn to_spans(mentions: &[Mention]) -> Vec<Span> {
    mentions.iter().map(|m| Span { start: m.range.start() as u64, end: m.range.end() as u64, kind: m.kind }).collect()
}

/// The analysis of the document at `rowid` from its blob `data` and, for a [`REST`] blob, its rows.
pub(crate) fn decode(conn: &Connection, rowid: i64, data: &[u8]) -> Result<Analysis, String> {
    match crate::blob::format(data) {
        Some(WHOLE) => crate::blob::decode_as(data),
        Some(REST) => join(conn, rowid, crate::blob::decode_as(data)?).map_err(|e| e.to_string()),
        _ => Err("unknown analysis encoding".into()),
    }
}

fn join(conn: &Connection, rowid: i64, rest: Rest) -> crate::Result<Analysis> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, m.spans FROM entity_mentions m JOIN entities e ON e.key = m.entity WHERE m.doc = ?1",
    )?;
    let corrupt = |what: String| crate::Error::Corrupt { what: format!("analysis of document {rowid}: {what}") };
    let mut by_first: HashMap<u64, (String, Vec<Span>)> = HashMap::new();
    for row in stmt.query_map([rowid], |row| Ok((row.get::<_, String>(0)?, row.get::<_, Vec<u8>>(1)?)))? {
        let (id, packed) = row?;
        let spans = spans::unpack(&packed).map_err(&corrupt)?;
        if let Some(first) = spans.first() {
            by_first.insert(first.start, (id, spans));
        }
    }
    let mut entities = Vec::with_capacity(rest.entities.len());
    for e in rest.entities {
        let (id, spans) = by_first
            .remove(&u64::from(e.first))
            .ok_or_else(|| corrupt(format!("no entity mentioned first at {}", e.first)))?;
        let mentions = spans
            .into_iter()
            .map(|s| Mention { range: TextRange::new(s.start as usize, s.end as usize), kind: s.kind })
            .collect();
        entities.push(Entity { id, name: e.name, kind: e.kind, roles: e.roles, mentions });
    }
    let mut stmt = conn.prepare_cached(
        "SELECT sentence, speaker_start, speaker_end, speaker_entity, cue_start, cue_end, stance,
                content_start, content_end, direct, negated, parent
         FROM claims WHERE doc = ?1 ORDER BY idx",
    )?;
    let rows = stmt.query_map(params![rowid], |row| {
        let speaker = match (row.get::<_, Option<usize>>(1)?, row.get::<_, Option<usize>>(2)?) {
            (Some(start), Some(end)) => Some((start, end, row.get::<_, Option<String>>(3)?)),
            _ => None,
        };
        Ok((
            row.get::<_, usize>(0)?,
            speaker,
            (row.get::<_, usize>(4)?, row.get::<_, usize>(5)?),
            row.get::<_, i64>(6)?,
            (row.get::<_, usize>(7)?, row.get::<_, usize>(8)?),
            (row.get::<_, bool>(9)?, row.get::<_, bool>(10)?),
            row.get::<_, Option<usize>>(11)?,
        ))
    })?;
    let mut claims = Vec::with_capacity(rest.hedges.len());
    let mut hedges = rest.hedges.into_iter();
    for row in rows {
        let (sentence, speaker, cue, stance, content, (direct, negated), parent) = row?;
        let stance: Stance = usize::try_from(stance)
            .ok()
            .and_then(|k| crate::claims::STANCES.get(k).map(|&(stance, _)| stance))
            .ok_or_else(|| corrupt(format!("unknown stance code {stance}")))?;
        let range = |(start, end): (usize, usize)| {
            (start <= end).then(|| TextRange::new(start, end)).ok_or_else(|| corrupt(format!("range {start}..{end}")))
        };
        let speaker = match speaker {
            Some((start, end, entity)) => Some(Speaker { range: range((start, end))?, entity }),
            None => None,
        };
        claims.push(Claim {
            speaker,
            cue: range(cue)?,
            stance,
            content: range(content)?,
            direct,
            hedges: hedges.next().ok_or_else(|| corrupt("more claims than hedge lists".into()))?,
            negated,
            sentence,
            parent,
        });
    }
    if hedges.next().is_some() {
        return Err(corrupt("fewer claims than hedge lists".into()));
    }
    Ok(Analysis { sentences: rest.sentences, times: rest.times, quantities: rest.quantities, entities, claims })
}
