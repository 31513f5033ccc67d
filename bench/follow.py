#!/usr/bin/env python3
"""A following server, measured (issue 17).

1. Latency: a local feed (served by this script) gains one item at a time; for each, the time
   from its appearance in the feed to its presence in /api/search of a `dossier serve --follow
   URL --poll 1` over the sample corpus. Median, p90 and max over N items (default 100).
2. Intake from a folder: the BBC corpus (../shared/data/bbc-news-2225, exact copies left out)
   is dropped into a followed folder as JSON Lines files of 50 articles, half with nobody
   reading, half while 20 client threads read the API (search, stories, claims, documents,
   propositions); documents/s stored and linked, and the clients' p50/p99 during that time.
3. The server's peak RSS.

Usage: cargo build --release -p cli && python3 bench/follow.py [--items N] [--data ../shared/data]
Known limits: the server, the feed and the clients share this machine's cores (Python clients
are slow: their figures are a floor of what the server can do); the feed is polled every
second, so latency is about half a second plus the batch's analysis and linking.
"""

import argparse
import gzip
import http.server
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Feed:
    """An RSS feed in memory with an ETag per version."""

    def __init__(self):
        self.items = []
        self.lock = threading.Lock()

    def publish(self, guid, text):
        with self.lock:
            self.items.append((guid, text))

    def render(self):
        with self.lock:
            items = list(self.items)
        body = "".join(
            f"<item><guid>{g}</guid><title>{t}</title><description>{t} Officials gave no more detail.</description></item>"
            for g, t in items[-50:]
        )
        return f'"v{len(items)}"', f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>{body}</channel></rss>'.encode()


def serve_feed(feed):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            etag, body = feed.render()
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def get(base, path, timeout=30):
    with urllib.request.urlopen(base + path, timeout=timeout) as r:
        return json.loads(r.read())


def found(base, word):
    q = urllib.parse.quote(word)
    return len(get(base, f"/api/search?q={q}")["documents"]["items"]) > 0


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    parser.add_argument("--dossier", default=os.path.join(ROOT, "target", "release", "dossier"))
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="dossier-follow-")
    store, inbox = os.path.join(work, "store"), os.path.join(work, "inbox")
    os.makedirs(inbox)
    subprocess.run([args.dossier, "--data", store, "ingest", os.path.join(ROOT, "examples", "corpus")],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    feed = Feed()
    feed_server = serve_feed(feed)
    feed_url = f"http://127.0.0.1:{feed_server.server_address[1]}/feed.xml"
    port = random.randint(20000, 40000)
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [args.dossier, "--data", store, "serve", "--addr", f"127.0.0.1:{port}", "--poll", "1",
         "--follow", feed_url, "--follow", inbox],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                get(base, "/api/stats")
                break
            except OSError:
                time.sleep(0.05)

        # 1. Latency of feed items.
        random.seed(7)
        latencies = []
        for i in range(args.items):
            time.sleep(random.uniform(0, 1))
            word = f"qz{i:04d}kv"
            feed.publish(f"bench-{i}", f"Bridge {word} reopened in Town{i} on Monday after repairs")
            published = time.monotonic()
            while not found(base, word):
                time.sleep(0.01)
            latencies.append(time.monotonic() - published)
        print(f"feed item to /api/search, {len(latencies)} items at --poll 1: median {statistics.median(latencies):.2f} s, "
              f"p90 {percentile(latencies, 90):.2f} s, max {max(latencies):.2f} s")

        # 2. Intake from a folder: half of BBC with nobody reading, the other half while 20
        # clients read the API. Timed from the files' arrival to the last document linked (the
        # folder follower's count of documents added, which it updates after linking).
        with gzip.open(os.path.join(args.data, "bbc-news-2225", "bbc-news-2225.jsonl.gz"), "rt") as f:
            lines = [l for l in f if l.strip()]
        seen, unique_lines = set(), []
        for l in lines:
            text = json.loads(l)["text"]
            if text not in seen:
                seen.add(text)
                unique_lines.append(l)
        halves = [unique_lines[: len(unique_lines) // 2], unique_lines[len(unique_lines) // 2:]]
        stop = threading.Event()
        timings, errors = [], []
        routes = ["/api/search?q=government", "/api/stories?limit=20", "/api/claims?limit=20", "/api/documents?limit=20",
                  "/api/propositions?limit=20"]

        def client(k):
            n = k
            while not stop.is_set():
                path = routes[n % len(routes)]
                n += 1
                t = time.monotonic()
                try:
                    get(base, path)
                    timings.append(time.monotonic() - t)
                except OSError as e:
                    errors.append(f"{path}: {e}")

        def added():
            return next(s for s in get(base, "/api/sources/follow")["items"] if s["kind"] == "folder")["documents_added"]

        def drop(part, label):
            staging = os.path.join(work, "staging-" + label)
            os.makedirs(staging)
            for k in range(0, len(part), 50):
                with open(os.path.join(staging, f"{label}-{k // 50:03d}.jsonl"), "w") as out:
                    out.writelines(part[k:k + 50])
            target = added() + len(part)
            started = time.monotonic()
            for name in sorted(os.listdir(staging)):
                shutil.move(os.path.join(staging, name), os.path.join(inbox, name))
            while added() < target:
                time.sleep(0.05)
            return time.monotonic() - started

        quiet = drop(halves[0], "a")
        print(f"folder intake, nobody reading: {len(halves[0])} BBC documents stored and linked in {quiet:.1f} s = "
              f"{len(halves[0]) / quiet:.0f} documents/s (from the drop; files wait 1 s to settle)")
        clients = [threading.Thread(target=client, args=(k,), daemon=True) for k in range(20)]
        for c in clients:
            c.start()
        time.sleep(2)
        timings.clear()
        busy = drop(halves[1], "b")
        during = list(timings)
        stop.set()
        for c in clients:
            c.join()
        print(f"folder intake while 20 clients read: {len(halves[1])} BBC documents in {busy:.1f} s = "
              f"{len(halves[1]) / busy:.0f} documents/s; API during intake: {len(during)} requests, "
              f"p50 {percentile(during, 50) * 1000:.0f} ms, p99 {percentile(during, 99) * 1000:.0f} ms, "
              f"{len(errors)} failed{(' (' + errors[0] + ')') if errors else ''}")
        status = get(base, "/api/sources/follow")["items"]
        print("followed: " + "; ".join(f"{s['kind']} {s['items_seen']} read, {s['documents_added']} added, {s['errors']} errors" for s in status))
        with open(f"/proc/{server.pid}/status") as f:
            peak = next(l for l in f if l.startswith("VmHWM")).split()[1]
        print(f"server peak RSS {int(peak) / 1024:.0f} MB")
    finally:
        server.terminate()
        server.wait()
        feed_server.shutdown()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
