//! Attributed claims. (Being written.)

use model::{Claim, Entity};
use text::TextRange;

/// Claims in `text`; `body_start` separates headline from body, `sentences` and `entities` come
/// from the earlier stages.
pub fn find(text: &str, body_start: usize, sentences: &[TextRange], entities: &[Entity]) -> Vec<Claim> {
    let _ = (text, body_start, sentences, entities);
    Vec::new()
}
