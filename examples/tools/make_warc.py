#!/usr/bin/env python3
"""Regenerates examples/corpus/warc/seoul-ledger_crawl-2025-05.warc.gz from
examples/tools/warc-pages/*.html.

The archive imitates a small crawl of The Seoul Ledger (a fictional outlet) as wget would
write it: WARC/1.1, every record in its own gzip member, a `warcinfo` record first, then a
`request` + `response` pair per page, plus a robots.txt and a PNG logo, which are not
articles and must be skipped by the reader.

The output is deterministic: record ids are UUIDv5 values derived from the target URI,
dates are fixed, and every gzip member has mtime 0 and no file name. Run it from anywhere:

    python3 examples/tools/make_warc.py

Only the standard library is needed.
"""

import base64
import gzip
import hashlib
import io
import re
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAGES = HERE / "warc-pages"
OUT = HERE.parent / "corpus" / "warc" / "seoul-ledger_crawl-2025-05.warc.gz"

HOST = "www.seoulledger.example"
CRAWL_DATE = "2025-05-10T03:00:00Z"
HTTP_DATE = "Sat, 10 May 2025 03:00:00 GMT"
USER_AGENT = "DossierExampleCrawler/1.0 (+https://github.com/dossier/examples)"

ROBOTS = b"User-agent: *\nDisallow: /search\nDisallow: /login\n\nSitemap: https://www.seoulledger.example/sitemap.xml\n"
# A valid 1x1 transparent PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def record_id(*parts: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'dossier-example-warc:' + ':'.join(parts))}>"


def sha1_b32(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def warc_record(headers: list[tuple[str, str]], block: bytes) -> bytes:
    head = "WARC/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers)
    head += f"Content-Length: {len(block)}\r\n\r\n"
    raw = head.encode("utf-8") + block + b"\r\n\r\n"
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(raw)
    return buf.getvalue()


def http_request(path: str) -> bytes:
    return (
        f"GET {path} HTTP/1.1\r\n"
        f"Host: {HOST}\r\n"
        f"User-Agent: {USER_AGENT}\r\n"
        "Accept: text/html,application/xhtml+xml;q=0.9,*/*;q=0.8\r\n"
        "Accept-Encoding: identity\r\n"
        "Connection: Keep-Alive\r\n\r\n"
    ).encode("ascii")


def http_response(content_type: str, body: bytes) -> bytes:
    head = (
        "HTTP/1.1 200 OK\r\n"
        f"Date: {HTTP_DATE}\r\n"
        "Server: nginx\r\n"
        f"Content-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\n"
        "Cache-Control: max-age=300\r\n"
        "Connection: keep-alive\r\n\r\n"
    ).encode("ascii")
    return head + body


def pair(uri: str, content_type: str, body: bytes) -> bytes:
    path = re.sub(r"^https?://[^/]+", "", uri) or "/"
    req_id = record_id(uri, "request")
    resp_id = record_id(uri, "response")
    req = http_request(path)
    resp = http_response(content_type, body)
    out = warc_record(
        [
            ("WARC-Type", "request"),
            ("WARC-Target-URI", uri),
            ("WARC-Date", CRAWL_DATE),
            ("WARC-Record-ID", req_id),
            ("WARC-Concurrent-To", resp_id),
            ("WARC-Block-Digest", sha1_b32(req)),
            ("Content-Type", "application/http; msgtype=request"),
        ],
        req,
    )
    out += warc_record(
        [
            ("WARC-Type", "response"),
            ("WARC-Target-URI", uri),
            ("WARC-Date", CRAWL_DATE),
            ("WARC-Record-ID", resp_id),
            ("WARC-IP-Address", "192.0.2.10"),
            ("WARC-Block-Digest", sha1_b32(resp)),
            ("WARC-Payload-Digest", sha1_b32(body)),
            ("Content-Type", "application/http; msgtype=response"),
        ],
        resp,
    )
    return out


def main() -> None:
    info = (
        "software: examples/tools/make_warc.py (Dossier)\r\n"
        "format: WARC File Format 1.1\r\n"
        "conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n"
        f"robots: classic\r\n"
        "description: Sample crawl of a fictional outlet for the Dossier example corpus\r\n"
    ).encode("utf-8")
    data = warc_record(
        [
            ("WARC-Type", "warcinfo"),
            ("WARC-Date", CRAWL_DATE),
            ("WARC-Filename", OUT.name),
            ("WARC-Record-ID", record_id("warcinfo", OUT.name)),
            ("Content-Type", "application/warc-fields"),
        ],
        info,
    )
    data += pair(f"https://{HOST}/robots.txt", "text/plain", ROBOTS)
    for page in sorted(PAGES.glob("*.html")):
        body = page.read_bytes()
        match = re.search(rb'<link rel="canonical" href="([^"]+)"', body)
        if not match:
            raise SystemExit(f"{page}: no canonical link")
        data += pair(match.group(1).decode("ascii"), "text/html; charset=utf-8", body)
    data += pair(f"https://{HOST}/static/logo.png", "image/png", PNG)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(data)
    print(f"wrote {OUT} ({len(data)} bytes)")


if __name__ == "__main__":
    main()
