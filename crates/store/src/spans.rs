//! An entity's mentions in one document, packed into one blob: the `spans` column of
//! `entity_mentions`, which holds one row per entity and document instead of one per mention.
//!
//! Why: per-mention rows and their index were the store's largest query tables (BBC: 73,000
//! rows, 2.9 MB); most queries ask which documents name an entity, and the few that need the
//! spans (aliases, "claims about an entity") read them from the blob, in SQL through
//! `dossier_spans_overlap`.
//!
//! Layout: for each mention in order of start, three varints (LEB128): the start's distance
//! from the previous mention's start, the length, and the kind's code (its index in [`KINDS`]).

use model::MentionKind;
use rusqlite::Connection;
use rusqlite::functions::{Aggregate, Context, FunctionFlags};

/// Mention kinds by code.
const KINDS: [MentionKind; 5] =
    [MentionKind::Name, MentionKind::Metonym, MentionKind::Demonym, MentionKind::ShortForm, MentionKind::Description];

/// One mention: byte range and kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// Start byte offset in the document text.
    pub start: u64,
    /// End byte offset (exclusive).
    pub end: u64,
    /// How it names the entity.
    pub kind: MentionKind,
}

/// Packs mentions, sorting them and keeping equal ones once (in `spans` too, so its length
/// is the number packed). Spans that end before they start are dropped.
pub fn pack(spans: &mut Vec<Span>) -> Vec<u8> {
    spans.retain(|s| s.end >= s.start);
    spans.sort_by_key(|s| (s.start, s.end, code(s.kind)));
    spans.dedup();
    let mut out = Vec::with_capacity(spans.len() * 4);
    let mut previous = 0;
    for s in spans.iter() {
        varint(&mut out, s.start - previous);
        varint(&mut out, s.end - s.start);
        varint(&mut out, u64::from(code(s.kind)));
        previous = s.start;
    }
    out
}

/// Unpacks a blob written by [`pack`].
pub fn unpack(mut data: &[u8]) -> Result<Vec<Span>, String> {
    let mut out = Vec::new();
    let mut start = 0u64;
    while !data.is_empty() {
        start = start.checked_add(read(&mut data)?).ok_or("span start overflows")?;
        let end = start.checked_add(read(&mut data)?).ok_or("span end overflows")?;
        let kind = *KINDS.get(read(&mut data)? as usize).ok_or("unknown mention kind")?;
        out.push(Span { start, end, kind });
    }
    Ok(out)
}

/// The kind's stored label (`short_form`), as the API shows it.
pub fn label(kind: MentionKind) -> &'static str {
    match kind {
        MentionKind::Name => "name",
        MentionKind::Metonym => "metonym",
        MentionKind::Demonym => "demonym",
        MentionKind::ShortForm => "short_form",
        MentionKind::Description => "description",
    }
}

fn code(kind: MentionKind) -> u8 {
    KINDS.iter().position(|&k| k == kind).unwrap_or(0) as u8
}

fn varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn read(data: &mut &[u8]) -> Result<u64, String> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let (&byte, rest) = data.split_first().ok_or("truncated spans")?;
        *data = rest;
        value |= u64::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Ok(value);
        }
    }
    Err("varint too long".into())
}

/// Registers `dossier_spans_overlap(spans, start, end)` (whether a mention overlaps the byte
/// range) and the aggregate `dossier_spans(start, end, kind)` that packs rows of the old
/// per-mention table (used by the migration).
pub(crate) fn register(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("dossier_spans_overlap", 3, flags, |ctx| {
        let spans = unpack(ctx.get_raw(0).as_blob().map_err(user_error)?).map_err(user_error)?;
        let (start, end): (u64, u64) = (ctx.get(1)?, ctx.get(2)?);
        Ok(spans.iter().any(|s| s.start < end && s.end > start))
    })?;
    conn.create_aggregate_function("dossier_spans", 3, flags, Collect)
}

struct Collect;

impl Aggregate<Vec<Span>, Vec<u8>> for Collect {
    fn init(&self, _: &mut Context<'_>) -> rusqlite::Result<Vec<Span>> {
        Ok(Vec::new())
    }

    fn step(&self, ctx: &mut Context<'_>, spans: &mut Vec<Span>) -> rusqlite::Result<()> {
        let label: String = ctx.get(2)?;
        let kind = *KINDS.iter().find(|&&k| self::label(k) == label).unwrap_or(&MentionKind::Name);
        spans.push(Span { start: ctx.get(0)?, end: ctx.get(1)?, kind });
        Ok(())
    }

    fn finalize(&self, _: &mut Context<'_>, spans: Option<Vec<Span>>) -> rusqlite::Result<Vec<u8>> {
        Ok(pack(&mut spans.unwrap_or_default()))
    }
}

fn user_error(e: impl ToString) -> rusqlite::Error {
    rusqlite::Error::UserFunctionError(e.to_string().into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_round_trip_sorted_and_deduplicated() {
        let span = |start, end, kind| Span { start, end, kind };
        let mut spans = vec![
            span(900, 911, MentionKind::ShortForm),
            span(3, 14, MentionKind::Name),
            span(3, 14, MentionKind::Name),
            span(70_000, 70_008, MentionKind::Description),
        ];
        let packed = pack(&mut spans);
        assert_eq!(
            unpack(&packed).unwrap(),
            vec![
                span(3, 14, MentionKind::Name),
                span(900, 911, MentionKind::ShortForm),
                span(70_000, 70_008, MentionKind::Description)
            ]
        );
        assert_eq!(packed.len(), 12, "three varints a mention, the large offset in three bytes");
        assert!(unpack(&packed[..packed.len() - 1]).is_err());
        assert!(unpack(&[0, 1, 9]).is_err(), "kind 9 does not exist");
    }
}
