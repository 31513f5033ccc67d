//! A document id as the ledger's serialized state writes it (`#[serde(with = "crate::doc_id")]`):
//! hex, checked when read back.
//!
//! Why: its own module because `state.rs` and `propositions.rs` both serialize document ids and
//! neither should import the other for it.

use model::DocId;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub fn serialize<S: Serializer>(id: &DocId, serializer: S) -> Result<S::Ok, S::Error> {
    id.serialize(serializer)
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DocId, D::Error> {
    let hex = String::deserialize(deserializer)?;
    DocId::parse(&hex).ok_or_else(|| serde::de::Error::custom(format!("bad document id `{hex}`")))
}
