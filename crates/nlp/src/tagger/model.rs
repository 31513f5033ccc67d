//! The tagger's model file: a compact binary form of [`Model`], read once at start-up.
//!
//! What: `DTAG` and a version byte; the labels (`UPOS`, `XPOS` as short strings); the
//! quantization scale (`f32`); then the weight rows sorted by feature key, each as the key's
//! difference from the previous one (LEB128 varint), the row length (one byte) and its
//! `(label: u8, weight: i16 little-endian)` pairs; last the tag dictionary, its count and
//! entries sorted by key, each a key difference (varint) and a label byte.
//!
//! Why: a delta-coded sorted key costs about three bytes instead of four, and `i16` weights
//! half of `f32`; the file is embedded with `include_bytes!`, so its size is the binary's.
//! Writing rows in key order makes the same weights give the same bytes on every run.
//!
//! Example: `read(&write(&model))` gives back a model with the same rows.
//!
//! Known limits: no checksum; a file that does not parse is an error, never a panic, and the
//! tagger then falls back to an empty model (every token tagged `X`).

use super::perceptron::{Label, Model, Row};

const MAGIC: &[u8; 4] = b"DTAG";
const VERSION: u8 = 2;

/// Why a model file could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatError(pub &'static str);

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bad tagger model: {}", self.0)
    }
}

impl std::error::Error for FormatError {}

/// Serializes a model.
pub fn write(model: &Model) -> Vec<u8> {
    let rows = model.rows();
    let mut out = Vec::with_capacity(rows.len() * 12);
    out.extend_from_slice(MAGIC);
    out.push(VERSION);
    out.push(model.labels.len() as u8);
    for l in &model.labels {
        for s in [&l.upos, &l.xpos] {
            out.push(s.len().min(255) as u8);
            out.extend_from_slice(&s.as_bytes()[..s.len().min(255)]);
        }
    }
    out.extend_from_slice(&model.scale.to_le_bytes());
    varint(&mut out, rows.len() as u64);
    let mut last = 0u32;
    for (key, pairs) in &rows {
        varint(&mut out, u64::from(key - last));
        last = *key;
        out.push(pairs.len() as u8);
        for &(label, w) in pairs {
            out.push(label);
            out.extend_from_slice(&w.to_le_bytes());
        }
    }
    let dict = model.dict();
    varint(&mut out, dict.len() as u64);
    let mut last = 0u32;
    for (key, label) in dict {
        varint(&mut out, u64::from(key - last));
        last = key;
        out.push(label);
    }
    out
}

/// Reads a model written by [`write`].
pub fn read(bytes: &[u8]) -> Result<Model, FormatError> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(4)? != MAGIC {
        return Err(FormatError("not a tagger model"));
    }
    if r.byte()? != VERSION {
        return Err(FormatError("unknown version"));
    }
    let n_labels = r.byte()? as usize;
    let mut labels = Vec::with_capacity(n_labels);
    for _ in 0..n_labels {
        let upos = r.string()?;
        let xpos = r.string()?;
        labels.push(Label { upos, xpos });
    }
    let scale = f32::from_le_bytes(r.take(4)?.try_into().map_err(|_| FormatError("scale"))?);
    if !scale.is_finite() {
        return Err(FormatError("scale is not finite"));
    }
    let n_rows = r.varint()?;
    if n_rows > bytes.len() as u64 {
        return Err(FormatError("row count larger than the file"));
    }
    let mut rows: Vec<Row> = Vec::with_capacity(n_rows as usize);
    let mut key = 0u32;
    for _ in 0..n_rows {
        let delta = u32::try_from(r.varint()?).map_err(|_| FormatError("key out of range"))?;
        key = key.checked_add(delta).ok_or(FormatError("key out of range"))?;
        let len = r.byte()? as usize;
        let mut pairs = Vec::with_capacity(len);
        for _ in 0..len {
            let label = r.byte()?;
            if label as usize >= n_labels {
                return Err(FormatError("label out of range"));
            }
            let w = i16::from_le_bytes([r.byte()?, r.byte()?]);
            pairs.push((label, w));
        }
        rows.push((key, pairs));
    }
    let n_dict = r.varint()?;
    if n_dict > bytes.len() as u64 {
        return Err(FormatError("dictionary larger than the file"));
    }
    let mut dict = Vec::with_capacity(n_dict as usize);
    let mut key = 0u32;
    for _ in 0..n_dict {
        let delta = u32::try_from(r.varint()?).map_err(|_| FormatError("key out of range"))?;
        key = key.checked_add(delta).ok_or(FormatError("key out of range"))?;
        let label = r.byte()?;
        if label as usize >= n_labels {
            return Err(FormatError("label out of range"));
        }
        dict.push((key, label));
    }
    if r.at != bytes.len() {
        return Err(FormatError("trailing bytes"));
    }
    Ok(Model::from_rows(labels, scale, &rows, &dict))
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], FormatError> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or(FormatError("truncated"))?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }

    fn byte(&mut self) -> Result<u8, FormatError> {
        Ok(self.take(1)?[0])
    }

    fn string(&mut self) -> Result<String, FormatError> {
        let n = self.byte()? as usize;
        let s = self.take(n)?;
        String::from_utf8(s.to_vec()).map_err(|_| FormatError("label is not UTF-8"))
    }

    fn varint(&mut self) -> Result<u64, FormatError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err(FormatError("varint too long"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_garbage() {
        let labels =
            vec![Label { upos: "NOUN".into(), xpos: "NN".into() }, Label { upos: "X".into(), xpos: "FW".into() }];
        let rows: Vec<Row> = vec![(7, vec![(0, 12), (1, -3)]), (90_000, vec![(1, 32767)])];
        let m = Model::from_rows(labels, 0.5, &rows, &[(5, 1), (77, 0)]);
        let bytes = write(&m);
        let back = read(&bytes).expect("round trip");
        assert_eq!(back.rows(), rows);
        assert_eq!(back.labels, m.labels);
        assert_eq!(back.dict(), [(5, 1), (77, 0)]);
        for cut in 0..bytes.len() {
            assert!(read(&bytes[..cut]).is_err());
        }
        assert!(read(b"DTAG\x01\xff").is_err());
    }
}
