#!/usr/bin/env bash
# Ingest throughput on the 2,225 BBC articles (or any corpus given as arguments) into a fresh
# store: once pinned to one core with one analysis thread, once on two cores with two threads.
# Prints dossier's own summary JSON (documents/s, MB/s, stage times, peak RSS) and the store's
# size on disk. Usage: bench/ingest-bbc.sh [PATH…]
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || set -- ../shared/data/bbc-news-2225/bbc-news-2225.jsonl.gz
cargo build --release -q -p cli
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
for cores in 1 2; do
    rm -rf "$data"/*
    echo "== $cores core(s)"
    taskset -c "0-$((cores - 1))" target/release/dossier --data "$data" ingest --json --threads "$cores" "$@" \
        | python3 -c 'import json,sys; s=json.load(sys.stdin); s.pop("rejected"); print(json.dumps(s, indent=1))'
done
echo "store on disk: $(du -sb "$data" | cut -f1) bytes"
