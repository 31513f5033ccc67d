#!/usr/bin/env python3
"""Writes N synthetic articles as JSON Lines (gzip) by varying the BBC corpus, for load and scale
tests: each copy of an article gets one word in five replaced by a word drawn from the corpus
vocabulary, a publication date spread over 2004-2010 and one of a dozen outlet names, so every
article is a distinct document (content ids differ) and few are near-duplicates.

The BBC texts are read at run time from ../shared/data and never written into the repository.
Usage: bench/vary-bbc.py N OUT.jsonl.gz [BBC.jsonl.gz]
"""
import gzip
import json
import random
import sys
from datetime import datetime, timedelta, timezone

OUTLETS = ["Reuters", "Associated Press", "AFP", "BBC News", "The Guardian", "The New York Times",
           "Kyiv Independent", "TASS", "Yonhap", "Al Jazeera", "Deutsche Welle", "NHK World"]


def main() -> None:
    n, out = int(sys.argv[1]), sys.argv[2]
    src = sys.argv[3] if len(sys.argv) > 3 else "../shared/data/bbc-news-2225/bbc-news-2225.jsonl.gz"
    with gzip.open(src, "rt", encoding="utf-8") as f:
        base = [json.loads(line) for line in f if line.strip()]
    vocabulary = sorted({w for a in base for w in a["text"].split() if w.isalpha() and len(w) > 3})
    rng = random.Random(20041)
    start = datetime(2004, 1, 1, tzinfo=timezone.utc)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=3) as f:
        for k in range(n):
            a = base[k % len(base)]
            round_ = k // len(base)

            def vary(text: str) -> str:
                if round_ == 0:
                    return text
                return "\n\n".join(
                    " ".join(rng.choice(vocabulary) if rng.random() < 0.2 else w for w in para.split(" "))
                    for para in text.split("\n\n"))

            published = start + timedelta(minutes=k * 33 % (7 * 365 * 24 * 60))
            f.write(json.dumps({
                "id": f"{a['id']}#{round_}",
                "title": vary(a["title"]),
                "text": vary(a["text"]),
                "published": published.isoformat(),
                "source": OUTLETS[k % len(OUTLETS)],
            }) + "\n")


if __name__ == "__main__":
    main()
