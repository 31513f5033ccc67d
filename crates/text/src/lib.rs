//! Text primitives shared by every stage: [`TextRange`], a byte range into a document's normalized
//! text, and [`normalize`], which turns the raw title and body a reader found into that text.
//!
//! Offsets are UTF-8 byte offsets and always index the normalized text (`Document::text`); nothing
//! downstream modifies that text, so a range stays valid for the life of the document.

mod normalize;
mod range;

pub use normalize::{normalize_body, normalize_title};
pub use range::TextRange;
