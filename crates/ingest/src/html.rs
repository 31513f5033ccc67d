//! HTML pages: main text with boilerplate removed, metadata from the head. (Being written.)

use model::Draft;

/// Reads an HTML page. `charset_hint` is the charset from an HTTP `Content-Type` header when one
/// is known (a WARC record), `url_hint` the URL the page was fetched from.
pub fn read_html(
    bytes: &[u8],
    charset_hint: Option<&str>,
    url_hint: Option<&str>,
    origin: &str,
) -> Result<Draft, String> {
    let _ = (bytes, charset_hint, url_hint, origin);
    Err("html reader not written yet".into())
}
