//! Static word embeddings: a fixed vector per WordPiece token, distilled from the sentence
//! encoder all-MiniLM-L6-v2 by the model2vec method, compiled into the binary.
//!
//! Why: two claims can say one thing in different words ("troops" / "soldiers"), which a lexical
//! score misses. A full transformer encoder knows that but reads about a hundred sentences a
//! second on one core; a static table keeps much of what the encoder knows about words and costs
//! one table lookup per token, so it can run on every claim at ingest. Issue 14 asks for it to be
//! measured before it is kept (`cargo run --release -p eval --example embed_baseline --
//! ../shared/data`).
//!
//! How: `tools/embeddings/distill.py` ran model2vec's `distill` once, offline: one forward pass
//! of the encoder per vocabulary token, PCA to 256 dimensions, Zipf/SIF weights baked into the
//! rows; the rows are stored as int8 with one scale each (`data/embeddings.bin`) next to the
//! tokenizer's vocabulary (`data/vocab.txt`); `data/README.md` gives the source, licence,
//! command and checksums. [`Embeddings::embed`] follows model2vec's `StaticModel.encode` with
//! its default settings: the text is cut to 512 × the median token length in characters,
//! tokenized without `[CLS]`/`[SEP]` (see `tokenizer`), kept to its first 512 tokens,
//! `[UNK]` tokens dropped, the remaining rows averaged and the mean scaled to unit length. A text
//! with no known token embeds as the zero vector.
//!
//! Example:
//! ```
//! let e = embed::Embeddings::shipped();
//! let a = e.embed("The ferry will sail again on Thursday.");
//! let b = e.embed("Ferry service resumes later this week.");
//! let c = e.embed("A café in Zürich sells naïve cakes.");
//! assert_eq!(a.len(), e.dims());
//! assert!(embed::cosine(&a, &b) > embed::cosine(&a, &c) + 0.2);
//! ```
//!
//! Known limits: a word's vector is the same in every context ("bank" of a river and of money);
//! word order and negation are lost in the mean, so "X denies Y" is close to "X confirms Y".
//! Alone it groups by topic more than by claim: on Emergent train (five folds grouped by claim,
//! batch average linkage) B³ F1 0.860, ARI 0.761, against 0.899 and 0.853 for an idf^1.5 lexical
//! cosine; mixed 0.3/0.7 with that cosine 0.905, ARI 0.852. The vocabulary is English,
//! lower-cased BERT WordPiece. The table adds 7.7 MB to every binary that links this crate.

mod tokenizer;

use std::sync::OnceLock;
use tokenizer::WordPiece;

/// The int8 table (layout in `tools/embeddings/distill.py`).
static TABLE: &[u8] = include_bytes!("../data/embeddings.bin");
/// The vocabulary, one token a line, line number = row.
static VOCAB: &str = include_str!("../data/vocab.txt");

const MAGIC: &[u8; 8] = b"DSEMB\x00\x01\x00";
/// Tokens kept per text, as model2vec's default `max_length`.
const MAX_TOKENS: usize = 512;

/// A static embedding table and its tokenizer.
pub struct Embeddings {
    dims: usize,
    /// Scale of each row.
    scales: Vec<f32>,
    /// Rows × dims, row-major; a value is `byte as i8 × scale`.
    rows: &'static [u8],
    /// Texts are cut to this many characters before tokenizing.
    max_chars: usize,
    tokenizer: WordPiece,
}

impl Embeddings {
    /// The table shipped in the binary, parsed on first use (a few milliseconds).
    pub fn shipped() -> &'static Embeddings {
        static SHIPPED: OnceLock<Embeddings> = OnceLock::new();
        SHIPPED.get_or_init(|| Embeddings::parse(TABLE, VOCAB).expect("the shipped embedding table is well formed"))
    }

    /// Reads a table in the `distill.py` layout with its vocabulary.
    fn parse(table: &'static [u8], vocab: &'static str) -> Result<Self, String> {
        let u32_at = |at: usize| -> Result<usize, String> {
            let b = table.get(at..at + 4).ok_or("truncated header")?;
            Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
        };
        if table.get(..8) != Some(MAGIC) {
            return Err("not an embedding table".into());
        }
        let (n, dims, median) = (u32_at(8)?, u32_at(12)?, u32_at(16)?);
        let scales_at = 24;
        let rows_at = scales_at + 4 * n;
        if table.len() != rows_at + n * dims {
            return Err(format!("table of {} bytes, expected {}", table.len(), rows_at + n * dims));
        }
        let scales =
            table[scales_at..rows_at].chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect();
        let tokenizer = WordPiece::new(vocab)?;
        if tokenizer.len() != n {
            return Err(format!("{} tokens for {n} rows", tokenizer.len()));
        }
        Ok(Self { dims, scales, rows: &table[rows_at..], max_chars: MAX_TOKENS * median, tokenizer })
    }

    /// Number of dimensions of a vector.
    pub fn dims(&self) -> usize {
        self.dims
    }

    /// Number of tokens in the vocabulary.
    pub fn vocabulary_size(&self) -> usize {
        self.scales.len()
    }

    /// The unit-length mean of the token vectors of `text` (zeros if no token is known), as
    /// model2vec's `StaticModel.encode` with `normalize=True`.
    pub fn embed(&self, text: &str) -> Vec<f32> {
        let text = match text.char_indices().nth(self.max_chars) {
            Some((cut, _)) => &text[..cut],
            None => text,
        };
        let mut sum = vec![0.0f32; self.dims];
        let (mut seen, mut used) = (0usize, 0usize);
        let unk = self.tokenizer.unk();
        self.tokenizer.for_each_id(text, |id| {
            seen += 1;
            if seen > MAX_TOKENS || id == unk {
                return;
            }
            used += 1;
            let row = id as usize;
            let scale = self.scales[row];
            let values = &self.rows[row * self.dims..(row + 1) * self.dims];
            for (s, &b) in sum.iter_mut().zip(values) {
                *s += f32::from(b as i8) * scale;
            }
        });
        if used == 0 {
            return sum;
        }
        let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            sum.iter_mut().for_each(|x| *x /= norm);
        }
        sum
    }
}

/// Cosine of two vectors (0 when either is zero).
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let (mut ab, mut aa, mut bb) = (0.0f32, 0.0f32, 0.0f32);
    for (x, y) in a.iter().zip(b) {
        ab += x * y;
        aa += x * x;
        bb += y * y;
    }
    if aa == 0.0 || bb == 0.0 { 0.0 } else { ab / (aa.sqrt() * bb.sqrt()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sentences of our own wording; the expected values are model2vec 0.10's
    /// `StaticModel.encode` over the same dequantized table and the distilled tokenizer
    /// (`tools/embeddings/distill.py --check`).
    const SENTENCES: [&str; 4] = [
        "The harbour authority said the ferry would resume sailing on Thursday.",
        "Officials confirmed that the ferry service restarts later this week.",
        "A café in Zürich sells naïve cakes for €4.50!",
        "Unbelievably,the x-ray machine's firmware was rewritten (twice)",
    ];
    const FIRST8: [[f32; 8]; 4] = [
        [-0.25483, 0.05494, 0.16002, 0.02362, -0.10965, -0.11466, 0.17888, -0.05116],
        [-0.1968, -0.17693, 0.23629, -0.17706, -0.12649, -0.27705, 0.0917, -0.17616],
        [-0.11426, -0.07156, 0.38277, -0.02813, -0.07254, -0.13789, -0.12374, -0.05008],
        [0.26938, -0.26273, 0.07849, -0.14412, -0.0148, -0.23961, 0.02683, -0.32356],
    ];
    const COSINES: [(usize, usize, f32); 6] =
        [(0, 1, 0.46673), (0, 2, 0.08374), (0, 3, 0.08026), (1, 2, 0.22334), (1, 3, 0.26929), (2, 3, 0.11276)];

    #[test]
    fn matches_model2vec() {
        let e = Embeddings::shipped();
        assert_eq!((e.vocabulary_size(), e.dims()), (29_525, 256));
        let v: Vec<Vec<f32>> = SENTENCES.iter().map(|s| e.embed(s)).collect();
        for (got, want) in v.iter().zip(FIRST8) {
            let norm = got.iter().map(|x| x * x).sum::<f32>().sqrt();
            assert!((norm - 1.0).abs() < 1e-4, "norm {norm}");
            for (g, w) in got.iter().zip(want) {
                assert!((g - w).abs() < 1e-3, "{:?} vs {want:?}", &got[..8]);
            }
        }
        for (i, j, want) in COSINES {
            let got = cosine(&v[i], &v[j]);
            assert!((got - want).abs() < 1e-3, "cos[{i}][{j}] = {got}, want {want}");
        }
    }

    #[test]
    fn tokens_as_bert_cuts_them() {
        let e = Embeddings::shipped();
        let names: Vec<&str> = VOCAB.lines().collect();
        let cut = |text: &str| {
            let mut out = Vec::new();
            e.tokenizer.for_each_id(text, |id| out.push(names[id as usize]));
            out
        };
        assert_eq!(
            cut(SENTENCES[2]),
            ["a", "cafe", "in", "zurich", "sells", "naive", "cakes", "for", "€", "##4", ".", "50", "!"]
        );
        assert_eq!(
            cut(SENTENCES[3]),
            [
                "un",
                "##bel",
                "##ie",
                "##va",
                "##bly",
                ",",
                "the",
                "x",
                "-",
                "ray",
                "machine",
                "'",
                "s",
                "firm",
                "##ware",
                "was",
                "re",
                "##written",
                "(",
                "twice",
                ")"
            ]
        );
    }

    #[test]
    fn empty_and_unknown_texts_embed_as_zeros() {
        let e = Embeddings::shipped();
        for text in ["", "   ", "\u{e000}\u{e001}", "[UNK]"] {
            let v = e.embed(text);
            assert_eq!(v.len(), 256);
            assert!(v.iter().all(|&x| x == 0.0), "{text:?}");
        }
        assert_eq!(cosine(&e.embed(""), &e.embed("ferry")), 0.0);
    }

    #[test]
    fn long_texts_are_cut_at_512_tokens() {
        let e = Embeddings::shipped();
        let long = format!("{} {}", "ferry ".repeat(512), "cakes ".repeat(100));
        assert!(cosine(&e.embed(&long), &e.embed("ferry")) > 0.9999);
    }
}
