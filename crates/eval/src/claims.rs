//! Attribution (source, cue, content) on PolNeAR. (Being written.)
