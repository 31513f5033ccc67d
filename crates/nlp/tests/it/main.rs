//! The `nlp` crate's one integration test binary (one binary keeps link time down).
//!
//! Each module tests one analyzer through its public API: small cases through a `check` helper,
//! gold files through the shared runner in `gold`, and property tests that no input panics or
//! yields an invalid range.

mod claims;
mod entities;
mod gold;
mod quantities;
mod segment;
mod tagger;
mod times;
