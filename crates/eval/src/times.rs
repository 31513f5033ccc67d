//! Time expressions on TempEval-3 TBAQ-cleaned. (Being written.)
