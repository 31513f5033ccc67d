//! Named entities on re3d, wikigold and WNUT-17. (Being written.)
