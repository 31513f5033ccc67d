//! Sentence boundaries on UD English EWT. (Being written.)
