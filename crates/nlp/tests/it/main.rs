//! The `nlp` crate's one integration test binary (one binary keeps link time down).
//!
//! Each module tests one analyzer through its public API; `segment` holds the sentence cases and
//! the invariants every segmentation must keep, checked on arbitrary strings.

mod claims;
mod quantities;
mod entities;
mod segment;
mod tagger;
mod times;
