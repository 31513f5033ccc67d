//! Compact blobs for structured data the store keeps whole: a format byte, then the value in
//! postcard (varint-encoded serde) compressed with deflate — about a fifth of the size of JSON.
//! Used for each document's analysis and for the ledger state.

use serde::{Serialize, de::DeserializeOwned};
use std::io::{Read, Write};

/// The first byte of a blob: how the rest is encoded.
const FORMAT_POSTCARD_DEFLATE: u8 = 1;

/// Encodes a value as a blob.
pub fn encode<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, String> {
    let raw = postcard::to_allocvec(value).map_err(|e| e.to_string())?;
    let mut out = vec![FORMAT_POSTCARD_DEFLATE];
    let mut encoder = flate2::write::DeflateEncoder::new(&mut out, flate2::Compression::fast());
    encoder.write_all(&raw).map_err(|e| e.to_string())?;
    encoder.finish().map_err(|e| e.to_string())?;
    Ok(out)
}

/// Decodes a blob written by [`encode`].
pub fn decode<T: DeserializeOwned>(data: &[u8]) -> Result<T, String> {
    let Some((&FORMAT_POSTCARD_DEFLATE, compressed)) = data.split_first() else {
        return Err("unknown blob encoding".into());
    };
    let mut raw = Vec::new();
    flate2::read::DeflateDecoder::new(compressed).read_to_end(&mut raw).map_err(|e| e.to_string())?;
    postcard::from_bytes(&raw).map_err(|e| e.to_string())
}
