//! Feature extraction for the part-of-speech tagger: hashed 32-bit feature keys per token.
//!
//! What: for each token, 24 features — the normalized word, its prefixes and
//! suffixes, its letter shape, the neighbouring words within two tokens, and the tags already
//! given to the two tokens before it — each hashed with a template number into a `u32` key.
//!
//! Why: hashing the word text directly (FNV-1a over normalized chars) means no `String` per
//! token and no string-keyed map in the hot loop; the model maps keys to sparse weight rows.
//! Training and tagging call the same code, so their features agree bit for bit.
//!
//! Normalization: lower case, every digit becomes `0` ("1,500" and "2,300" share a feature),
//! curly quotes become straight ones and dashes a hyphen, so news typography matches the web
//! text the model was trained on.
//!
//! Example: "Moscow" gives `w=moscow`, `suf3=cow`, `pre1=m`, `shape=Xx`, `class=Capitalized`,
//! `w+class`, and with context `w-1`, `w+1`, `tag-1`, `tag-1+tag-2`, …
//!
//! Known limits: two different features may share a key (a 32-bit hash); at the model's size
//! (a few hundred thousand keys) that merges a handful of rare features and costs nothing
//! measurable. Suffixes are hashed from the end backwards; only consistency matters.

/// Per-token lexical hashes, computed once per token and reused by its neighbours' features.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Lex {
    pub word: u64,
    pub suf: [u64; 4],
    pub pre: [u64; 3],
    pub shape: u64,
    pub class: u8,
}

/// The number of features [`features`] writes for one position.
pub(crate) const N_FEATURES: usize = 24;

/// Tag history value meaning "before the start of the sequence".
pub(crate) const START: u8 = u8::MAX;

/// The padding lexical entry for positions outside the sequence.
const PAD: Lex = Lex { word: 0x9e37_79b9_7f4a_7c15, suf: [1; 4], pre: [2; 3], shape: 3, class: 7 };

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

fn fnv(mut h: u64, c: char) -> u64 {
    let mut buf = [0u8; 4];
    for &b in c.encode_utf8(&mut buf).as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// One normalized char: lower case, digits to `0`, typographic quotes and dashes to ASCII.
fn norm(c: char) -> char {
    if c.is_ascii() {
        return if c.is_ascii_digit() { '0' } else { c.to_ascii_lowercase() };
    }
    match c {
        '’' | '‘' | '`' | '´' | 'ʼ' => '\'',
        '“' | '”' | '„' | '«' | '»' => '"',
        '—' | '–' | '‐' | '‑' | '−' => '-',
        c if c.is_numeric() => '0',
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

/// Letter-case class: 0 lower, 1 capitalized, 2 all upper, 3 mixed, 4 digit-initial, 5 other.
fn class_of(word: &str) -> u8 {
    let mut chars = word.chars();
    let Some(first) = chars.next() else { return 5 };
    if first.is_numeric() {
        return 4;
    }
    if !first.is_alphabetic() {
        return 5;
    }
    let (mut upper, mut lower) = (usize::from(first.is_uppercase()), usize::from(first.is_lowercase()));
    for c in chars {
        upper += usize::from(c.is_uppercase());
        lower += usize::from(c.is_lowercase());
    }
    match (first.is_uppercase(), upper, lower) {
        (true, u, 0) if u >= 2 => 2,
        (true, _, _) => 1,
        (false, 0, _) => 0,
        _ => 3,
    }
}

/// The lexical hashes of one word.
pub(crate) fn lex(word: &str) -> Lex {
    let mut h = FNV_OFFSET;
    let mut pre = [0u64; 3];
    let mut shape = FNV_OFFSET;
    let (mut last_kind, mut run, mut shape_len) = (' ', 0u8, 0u8);
    for (k, c) in word.chars().enumerate() {
        h = fnv(h, norm(c));
        if k < 3 {
            pre[k] = h;
        }
        // A compressed shape: X, x, d or the char itself, runs longer than two collapsed.
        let kind = if c.is_uppercase() {
            'X'
        } else if c.is_alphabetic() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            norm(c)
        };
        if kind == last_kind {
            run += 1;
        } else {
            run = 1;
            last_kind = kind;
        }
        if run <= 2 && shape_len < 8 {
            shape = fnv(shape, kind);
            shape_len += 1;
        }
    }
    for p in &mut pre {
        if *p == 0 {
            *p = h;
        }
    }
    let mut suf = [0u64; 4];
    let mut s = FNV_OFFSET ^ 0x5555;
    let mut rev = word.chars().rev();
    for slot in &mut suf {
        match rev.next() {
            Some(c) => s = fnv(s, norm(c)),
            None => s = fnv(s, '^'),
        }
        *slot = s;
    }
    Lex { word: h, suf, pre, shape, class: class_of(word) }
}

/// Mixes a template number and up to two values into a non-zero 32-bit key.
#[inline]
fn key(template: u64, a: u64, b: u64) -> u32 {
    let mut x =
        a ^ template.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ b.rotate_left(29).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 31;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^= x >> 29;
    let k = (x >> 32) as u32;
    if k == 0 { 1 } else { k }
}

/// The tag-dictionary key of a word: its normalized form and letter-case class.
pub(crate) fn dict_key(l: &Lex) -> u32 {
    key(99, l.word, u64::from(l.class))
}

/// The features of position `i` in a sequence, given the tags of the two positions before it
/// (`START` outside the sequence).
pub(crate) fn features(lex: &[Lex], i: usize, prev: u8, prev2: u8, out: &mut [u32; N_FEATURES]) {
    let at = |k: isize| -> &Lex {
        let j = i as isize + k;
        if j < 0 || j as usize >= lex.len() { &PAD } else { &lex[j as usize] }
    };
    let w = &lex[i];
    let (p1, p2, n1, n2) = (at(-1), at(-2), at(1), at(2));
    let (t1, t2) = (u64::from(prev), u64::from(prev2));
    let initial = u64::from(i == 0);
    *out = [
        key(0, 0, 0),
        key(1, w.word, 0),
        key(3, w.suf[1], 0),
        key(4, w.suf[2], 0),
        key(5, w.suf[3], 0),
        key(7, w.pre[1], 0),
        key(8, w.pre[2], 0),
        key(9, u64::from(w.class), 0),
        key(10, w.shape, 0),
        key(11, u64::from(w.class), initial),
        key(12, t1, 0),
        key(14, t1, t2),
        key(15, t1, w.word),
        key(16, p1.word, 0),
        key(17, p1.suf[2], 0),
        key(18, p2.word, 0),
        key(19, n1.word, 0),
        key(20, n1.suf[2], 0),
        key(21, n2.word, 0),
        key(22, p1.word, w.word),
        key(23, w.word, n1.word),
        key(24, u64::from(n1.class), u64::from(w.class)),
        key(26, w.word, u64::from(w.class) | initial << 8),
        key(27, t1, n1.word),
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalization_merges_typography_and_digits() {
        assert_eq!(lex("don’t").word, lex("don't").word);
        assert_eq!(lex("1,500").word, lex("2,300").word);
        assert_eq!(lex("Moscow").word, lex("moscow").word);
        assert_ne!(lex("Moscow").class, lex("moscow").class);
        assert_eq!(lex("a").pre[2], lex("a").word);
    }

    #[test]
    fn keys_are_never_zero_and_differ_by_template() {
        let l = [lex("the"), lex("troops")];
        let mut out = [0u32; N_FEATURES];
        features(&l, 1, 3, START, &mut out);
        assert!(out.iter().all(|&k| k != 0));
        let mut sorted = out.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), N_FEATURES);
    }
}
