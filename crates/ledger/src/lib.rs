//! Cross-document linking over analyzed documents: near-duplicates, stories, and (later)
//! propositions, corroboration and grades. Pure and incremental: no I/O, no clock; one more
//! document updates the state without recomputing it. (Being written.)
