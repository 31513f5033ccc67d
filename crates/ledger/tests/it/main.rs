//! Integration tests of the ledger: one binary, one module per concern, gold files under
//! `tests/gold/` (re-bless with `UPDATE_EXPECT=1`). Documents and analyses are built by hand
//! (`support`), so the tests never depend on `nlp` and never read `../shared/data`.

mod corpus;
mod gold;
mod ledger;
mod propositions;
mod props;
mod sources;
mod support;
