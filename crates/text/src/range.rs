//! `TextRange`: a half-open UTF-8 byte range `[start, end)` into a document's text.
//!
//! A newtype instead of bare `usize` pairs so spans cannot be confused with token or character
//! indices (the same choice as ruff's `text-size`). It serializes as `{"start": .., "end": ..}`.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a document's normalized text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
pub struct TextRange {
    /// First byte of the range.
    pub start: u32,
    /// One past the last byte of the range.
    pub end: u32,
}

impl TextRange {
    /// A range from `start` to `end`; panics if `end < start`, which is always a programming error.
    pub fn new(start: usize, end: usize) -> TextRange {
        assert!(start <= end, "invalid range {start}..{end}");
        TextRange { start: to_u32(start), end: to_u32(end) }
    }

    /// The empty range at `offset`.
    pub fn empty(offset: usize) -> TextRange {
        TextRange::new(offset, offset)
    }

    /// Start as a `usize`, for slicing.
    pub fn start(self) -> usize {
        self.start as usize
    }

    /// End as a `usize`, for slicing.
    pub fn end(self) -> usize {
        self.end as usize
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// Whether the range covers no bytes.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The text this range covers; `None` if it is out of bounds or not on character boundaries.
    pub fn slice(self, text: &str) -> Option<&str> {
        text.get(self.start()..self.end())
    }

    /// The same range moved `offset` bytes to the right.
    pub fn shifted(self, offset: usize) -> TextRange {
        TextRange::new(self.start() + offset, self.end() + offset)
    }

    /// Whether `other` lies entirely inside this range.
    pub fn contains_range(self, other: TextRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest range covering both.
    pub fn cover(self, other: TextRange) -> TextRange {
        TextRange { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

fn to_u32(offset: usize) -> u32 {
    u32::try_from(offset).expect("document text larger than 4 GiB")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_respects_char_boundaries() {
        let text = "Kyiv – Kursk";
        assert_eq!(TextRange::new(0, 4).slice(text), Some("Kyiv"));
        assert_eq!(TextRange::new(5, 6).slice(text), None, "inside the en dash");
        assert_eq!(TextRange::new(0, 100).slice(text), None);
    }

    #[test]
    fn cover_and_contains() {
        let a = TextRange::new(2, 5);
        let b = TextRange::new(4, 9);
        assert_eq!(a.cover(b), TextRange::new(2, 9));
        assert!(a.cover(b).contains_range(a));
        assert!(!a.contains_range(b));
    }
}
