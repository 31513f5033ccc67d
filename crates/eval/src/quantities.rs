//! Numeric values on MEANTIME. (Being written.)
