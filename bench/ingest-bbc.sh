#!/usr/bin/env bash
# Ingest throughput on the 2,225 BBC articles (or any corpus given as arguments), into a fresh
# store, pinned to one core. Prints dossier's own summary JSON (documents/s, MB/s, peak RSS) and
# the store's size on disk. Usage: bench/ingest-bbc.sh [PATH…]
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || set -- ../shared/data/bbc-news-2225/bbc-news-2225.jsonl.gz
cargo build --release -q -p cli
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
taskset -c 0 target/release/dossier --data "$data" ingest --json "$@" \
    | python3 -c 'import json,sys; s=json.load(sys.stdin); s.pop("rejected"); print(json.dumps(s, indent=1))'
echo "store on disk: $(du -sb "$data" | cut -f1) bytes"
