//! Decoding bytes of unknown encoding to UTF-8. (Being written.)

/// Decodes `bytes` to UTF-8 using, in order, a byte-order mark, `declared` (a charset label from
/// a header or meta tag), and sniffing.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> String {
    let _ = declared;
    String::from_utf8_lossy(bytes).into_owned()
}
