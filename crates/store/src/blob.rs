//! Compact blobs for structured data the store keeps whole: a format byte, then the value in
//! postcard (varint-encoded serde) compressed with deflate — about a fifth of the size of JSON.
//! Used for each document's analysis, the ledger's snapshot and each proposition's record.

use serde::{Serialize, de::DeserializeOwned};
use std::io::Read;

/// The first byte of a blob: how the rest is encoded.
const FORMAT_POSTCARD_DEFLATE: u8 = 1;

/// Encodes a value as a blob.
pub fn encode<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, String> {
    encode_as(FORMAT_POSTCARD_DEFLATE, value)
}

/// Decodes a blob written by [`encode`].
pub fn decode<T: DeserializeOwned>(data: &[u8]) -> Result<T, String> {
    match format(data) {
        Some(FORMAT_POSTCARD_DEFLATE) => decode_as(data),
        _ => Err("unknown blob encoding".into()),
    }
}

/// A blob's first byte: which encoding of which value it holds. Blobs of one column may hold
/// values of several types, told apart by this byte ([`encode`] writes 1).
pub(crate) fn format(data: &[u8]) -> Option<u8> {
    data.first().copied()
}

/// Encodes a value as a blob whose first byte is `format`, the rest as [`encode`] does.
pub(crate) fn encode_as<T: Serialize + ?Sized>(format: u8, value: &T) -> Result<Vec<u8>, String> {
    let raw = postcard::to_allocvec(value).map_err(|e| e.to_string())?;
    let mut out = vec![format];
    deflate(&raw, flate2::Compression::fast(), &mut out)?;
    Ok(out)
}

/// Decodes a blob written by [`encode_as`], whatever its first byte.
pub(crate) fn decode_as<T: DeserializeOwned>(data: &[u8]) -> Result<T, String> {
    let Some((_, compressed)) = data.split_first() else { return Err("empty blob".into()) };
    let mut raw = Vec::new();
    flate2::read::DeflateDecoder::new(compressed).read_to_end(&mut raw).map_err(|e| e.to_string())?;
    postcard::from_bytes(&raw).map_err(|e| e.to_string())
}

thread_local! {
    /// One compressor per thread and level, reset between uses: a new one allocates and clears
    /// some 300 KB of tables, which cost more than compressing a small record.
    static COMPRESSORS: std::cell::RefCell<Vec<(u32, flate2::Compress)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Appends `input` deflated (raw, no header) at `level` to `out`.
pub(crate) fn deflate(input: &[u8], level: flate2::Compression, out: &mut Vec<u8>) -> Result<(), String> {
    COMPRESSORS.with(|cell| {
        let mut compressors = cell.borrow_mut();
        let k = match compressors.iter().position(|(l, _)| *l == level.level()) {
            Some(k) => k,
            None => {
                compressors.push((level.level(), flate2::Compress::new(level, false)));
                compressors.len() - 1
            }
        };
        let compress = &mut compressors[k].1;
        compress.reset();
        out.reserve(input.len() / 2 + 64);
        loop {
            let consumed = compress.total_in() as usize;
            let status = compress
                .compress_vec(&input[consumed..], out, flate2::FlushCompress::Finish)
                .map_err(|e| e.to_string())?;
            match status {
                flate2::Status::StreamEnd => return Ok(()),
                _ => out.reserve(out.capacity().max(64)),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_through_a_reused_compressor() {
        let long: Vec<u32> = (0..50_000).map(|k| k % 977).collect();
        for _ in 0..2 {
            assert_eq!(decode::<Vec<u32>>(&encode(&long).unwrap()).unwrap(), long);
            assert_eq!(decode::<String>(&encode("Kursk").unwrap()).unwrap(), "Kursk");
            assert_eq!(decode::<Vec<u8>>(&encode(&Vec::<u8>::new()).unwrap()).unwrap(), Vec::<u8>::new());
        }
    }
}
