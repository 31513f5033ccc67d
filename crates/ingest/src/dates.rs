//! Publication dates as inputs state them. (Being written.)

use chrono::{DateTime, FixedOffset};

/// Parses a publication date in the forms news inputs use (RFC 3339, RFC 2822, ISO dates without
/// time, …). Dates without a zone are taken as UTC. `None` when the text is not a date.
pub fn parse_published(raw: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(raw.trim()).ok()
}
