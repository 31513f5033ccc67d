//! Decoding bytes of unknown encoding to UTF-8, the way browsers do it, in order: a byte-order
//! mark; the charset declared by the transport (an HTTP `Content-Type` header); a
//! `<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">` within the first
//! 2 KB; and last, statistical sniffing with `chardetng` (what Firefox uses). Decoding itself is
//! `encoding_rs`, which implements the WHATWG Encoding Standard, so labels such as `latin1` and
//! `iso-8859-1` mean Windows-1252, as they do on the web.
//!
//! Why: news pages still come in Windows-1252, Latin-1, Shift_JIS, GBK, KOI8-R…, and a wrong guess
//! turns every accented name into mojibake that no later stage can repair.
//!
//! Example: `decode(b"<meta charset=windows-1252>caf\xe9", None)` is `"<meta charset=windows-1252>café"`.
//!
//! Known limits: a page declared UTF-8 that is mostly another encoding is re-sniffed, but one that
//! mixes encodings keeps its minority part as U+FFFD. The meta scan is a byte scan, not the full
//! HTML prescan algorithm (it does not skip comments). A declared UTF-16 in a meta tag is read as
//! UTF-8, as the HTML standard requires, since a meta tag readable as ASCII cannot be UTF-16.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252, X_USER_DEFINED};

/// How far into the page a `<meta>` charset declaration is looked for.
const META_SCAN_BYTES: usize = 2048;

/// Decodes `bytes` to UTF-8 using, in order, a byte-order mark, `declared` (a charset label from
/// a header or meta tag), a `<meta>` declaration in the first 2 KB, and sniffing. Never fails:
/// bytes invalid in the chosen encoding become U+FFFD.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> String {
    let encoding = choose(bytes, declared);
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

/// The encoding [`decode`] uses for `bytes`.
pub fn choose(bytes: &[u8], declared: Option<&str>) -> &'static Encoding {
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        return encoding;
    }
    let stated =
        declared.and_then(|label| Encoding::for_label(label.trim().as_bytes())).or_else(|| meta_charset(bytes));
    match stated {
        // A page that says UTF-8 but is mostly not (a Latin-1 page behind a server default) is
        // sniffed instead; a page with a few broken bytes stays UTF-8.
        Some(encoding) if encoding == UTF_8 => {
            if mostly_utf8(bytes) {
                UTF_8
            } else {
                sniff(bytes)
            }
        }
        Some(encoding) => encoding,
        None => sniff(bytes),
    }
}

/// The charset declared by a `<meta>` tag near the start of the page, if any.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_SCAN_BYTES)];
    let mut rest = head;
    while let Some(start) = find_ascii_ci(rest, b"<meta") {
        let tag = &rest[start + 5..];
        let end = tag.iter().position(|&b| b == b'>').unwrap_or(tag.len());
        if let Some(encoding) = charset_in_tag(&tag[..end]).and_then(Encoding::for_label) {
            // The HTML standard: a meta-declared UTF-16 means UTF-8 (the tag was readable as
            // ASCII), and x-user-defined means Windows-1252.
            return Some(match encoding {
                e if e == UTF_16LE || e == UTF_16BE => UTF_8,
                e if e == X_USER_DEFINED => WINDOWS_1252,
                e => e,
            });
        }
        rest = &tag[end..];
    }
    None
}

/// Finds `charset = label` inside the attributes of one meta tag; this covers both
/// `charset="x"` and `content="text/html; charset=x"`.
fn charset_in_tag(attributes: &[u8]) -> Option<&[u8]> {
    let at = find_ascii_ci(attributes, b"charset")?;
    let mut i = at + 7;
    let skip_space = |i: &mut usize| {
        while attributes.get(*i).is_some_and(|b| b.is_ascii_whitespace()) {
            *i += 1;
        }
    };
    skip_space(&mut i);
    if attributes.get(i) != Some(&b'=') {
        return None;
    }
    i += 1;
    skip_space(&mut i);
    while attributes.get(i).is_some_and(|&b| b == b'"' || b == b'\'') {
        i += 1;
    }
    let start = i;
    while attributes
        .get(i)
        .is_some_and(|&b| !matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') && !b.is_ascii_whitespace())
    {
        i += 1;
    }
    (i > start).then(|| &attributes[start..i])
}

fn find_ascii_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle))
}

/// Whether the non-ASCII part of `bytes` is mostly well-formed UTF-8: more valid multi-byte
/// sequences than invalid bytes.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(text) => {
                valid += text.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(error) => {
                let (good, after) = rest.split_at(error.valid_up_to());
                // The prefix is valid UTF-8 by construction of `valid_up_to`.
                valid += std::str::from_utf8(good).map_or(0, |t| t.chars().filter(|c| !c.is_ascii()).count());
                invalid += 1;
                let skip = error.error_len().unwrap_or(after.len()).max(1);
                rest = after.get(skip..).unwrap_or_default();
            }
        }
    }
    valid >= invalid
}

fn sniff(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, Utf8Detection::Allow)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn meta_charset_windows_1252() {
        let page = b"<html><head><meta charset=\"windows-1252\"><title>Caf\xe9</title></head></html>";
        assert!(decode(page, None).contains("<title>Café</title>"));
    }

    #[test]
    fn http_equiv_latin1_is_windows_1252() {
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>na\xefve \x93quoted\x94</p>";
        assert!(decode(page, None).contains("naïve “quoted”"));
    }

    #[test]
    fn bom_wins_over_declarations() {
        let mut page = vec![0xEF, 0xBB, 0xBF];
        page.extend_from_slice("<meta charset=koi8-r><p>Zürich</p>".as_bytes());
        let text = decode(&page, Some("iso-8859-2"));
        assert!(text.contains("Zürich") && !text.starts_with('\u{feff}'));
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("<p>été</p>".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&utf16, None), "<p>été</p>");
    }

    #[test]
    fn header_label_wins_over_meta() {
        let page = b"<meta charset=utf-8><p>\xc4\xe5\xed\xfc</p>";
        assert_eq!(decode(page, Some("windows-1251")), "<meta charset=utf-8><p>День</p>");
    }

    #[test]
    fn undeclared_latin1_is_sniffed() {
        let page = b"<p>Le ministre a d\xe9clar\xe9 que la r\xe9forme \xe9tait n\xe9cessaire pour l'\xe9conomie fran\xe7aise.</p>";
        assert!(decode(page, None).contains("déclaré que la réforme était nécessaire"));
    }

    #[test]
    fn utf8_declared_but_latin1_is_sniffed() {
        let page =
            b"<meta charset=utf-8><p>Le d\xe9put\xe9 a d\xe9clar\xe9 que la r\xe9forme \xe9tait n\xe9cessaire.</p>";
        assert!(decode(page, None).contains("député"));
    }

    #[test]
    fn a_few_broken_bytes_keep_utf8() {
        let page =
            "<p>Zürich, Genève, Köln, Málaga</p>\u{0}".as_bytes().iter().copied().chain([0xff]).collect::<Vec<_>>();
        assert!(decode(&page, Some("utf-8")).contains("Zürich, Genève"));
    }

    proptest! {
        #[test]
        fn decode_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..600), label in "[a-z0-9-]{0,12}") {
            let _ = decode(&bytes, Some(&label));
            let _ = decode(&bytes, None);
        }
    }
}
