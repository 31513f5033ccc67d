//! Quality evaluations on the public gold sets under `../shared/data`, read in place at run time
//! (their texts never enter the repository). Each module scores one stage with the set's own
//! standard metric and returns a report that prints as text and serializes as JSON.

pub mod claims;
pub mod csv;
pub mod entities;
pub mod extraction;
pub mod fnc1;
pub mod ledger;
pub mod link_baseline;
pub mod link_training;
pub mod metrics;
pub mod pos;
pub mod propositions;
pub mod quantities;
pub mod sentences;
pub mod stance_training;
pub mod times;
