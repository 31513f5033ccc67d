//! Main-text extraction on the article-extraction benchmark. (Being written.)
