//! Document bodies as stored: deflated, behind a format byte and the text's length.
//!
//! Why: the text is the largest thing in the store, and news prose deflates to about half
//! (BBC: 5.0 MB of bodies in 2.5 MB). The full-text index reads the bodies through the view
//! `documents_text`, which unpacks them with the SQL function `dossier_unpack`, so `snippet()`
//! and the index's own bookkeeping see the text; Rust readers select `dossier_unpack(d.body)`
//! the same way. Both functions are registered on every connection the store opens; a plain
//! `sqlite3` shell sees the packed blobs and cannot run full-text queries that need the text.
//!
//! Layout: byte 0 is the format ([`FORMAT_DEFLATE`]), bytes 1–4 the text's length in bytes
//! (little-endian), then the raw deflate stream.

use rusqlite::Connection;
use rusqlite::functions::{Context, FunctionFlags};
use std::io::Read;

/// The first byte of a packed body.
const FORMAT_DEFLATE: u8 = 1;

/// Bytes before the deflate stream.
const HEADER: usize = 5;

/// Packs a body for storage.
pub fn pack(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER + text.len() / 2);
    out.push(FORMAT_DEFLATE);
    out.extend_from_slice(&(text.len() as u32).to_le_bytes());
    crate::blob::deflate(text.as_bytes(), flate2::Compression::default(), &mut out)
        .expect("deflating into a vector cannot fail");
    out
}

/// Unpacks a body written by [`pack`].
pub fn unpack(data: &[u8]) -> Result<String, String> {
    let len = unpacked_len(data)?;
    let mut text = Vec::with_capacity(len);
    flate2::read::DeflateDecoder::new(&data[HEADER..]).read_to_end(&mut text).map_err(|e| e.to_string())?;
    if text.len() != len {
        return Err(format!("packed body holds {} bytes, its header says {len}", text.len()));
    }
    String::from_utf8(text).map_err(|e| e.to_string())
}

/// The length in bytes of the text packed in `data`, read from its header.
pub fn unpacked_len(data: &[u8]) -> Result<usize, String> {
    match data {
        [FORMAT_DEFLATE, a, b, c, d, ..] => Ok(u32::from_le_bytes([*a, *b, *c, *d]) as usize),
        _ => Err("not a packed body".into()),
    }
}

/// Registers `dossier_pack(text)`, `dossier_unpack(blob)` and `dossier_unpacked_len(blob)`.
pub(crate) fn register(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("dossier_pack", 1, flags, |ctx| Ok(pack(&ctx.get::<String>(0)?)))?;
    conn.create_scalar_function("dossier_unpack", 1, flags, |ctx| unpack(blob(ctx)?).map_err(user_error))?;
    conn.create_scalar_function("dossier_unpacked_len", 1, flags, |ctx| {
        unpacked_len(blob(ctx)?).map(|n| n as i64).map_err(user_error)
    })
}

fn blob<'a>(ctx: &'a Context<'_>) -> rusqlite::Result<&'a [u8]> {
    ctx.get_raw(0).as_blob().map_err(|e| user_error(e.to_string()))
}

fn user_error(what: String) -> rusqlite::Error {
    rusqlite::Error::UserFunctionError(what.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_unpacks_to_itself() {
        for text in ["", "Seoul said on Friday that 1,500 troops had arrived.", &"ünïcode – text ".repeat(500)] {
            let packed = pack(text);
            assert_eq!(unpack(&packed).unwrap(), text);
            assert_eq!(unpacked_len(&packed).unwrap(), text.len());
        }
        assert!(pack(&"a long line repeated. ".repeat(100)).len() < 200, "prose is deflated");
    }

    #[test]
    fn damaged_bodies_are_errors() {
        let mut packed = pack("Moscow denied the reports.");
        assert!(unpack(b"plain text").is_err());
        packed.truncate(packed.len() - 3);
        assert!(unpack(&packed).is_err());
    }
}
