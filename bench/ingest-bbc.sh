#!/usr/bin/env bash
# Ingest throughput on the 2,225 BBC articles (or any corpus given as arguments) into a fresh
# store: pinned to one core with one analysis thread, and on two cores with two threads, each
# RUNS times (default 3; a shared VM moves single runs by 5-10 %). Prints dossier's own summary
# JSON of the fastest run of each (documents/s, MB/s, stage times, peak RSS), the ratio of the
# fastest runs, and the store's size on disk. Usage: [RUNS=N] bench/ingest-bbc.sh [PATH…]
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || set -- ../shared/data/bbc-news-2225/bbc-news-2225.jsonl.gz
runs="${RUNS:-3}"
cargo build --release -q -p cli
data=$(mktemp -d)
out=$(mktemp -d)
trap 'rm -rf "$data" "$out"' EXIT
for cores in 1 2; do
    for run in $(seq "$runs"); do
        rm -rf "${data:?}"/*
        taskset -c "0-$((cores - 1))" target/release/dossier --data "$data" ingest --json --threads "$cores" "$@" \
            > "$out/$cores-$run.json"
    done
done
python3 - "$out" "$runs" <<'PY'
import json, sys
out, runs = sys.argv[1], int(sys.argv[2])
best = {}
for cores in (1, 2):
    summaries = [json.load(open(f"{out}/{cores}-{run}.json")) for run in range(1, runs + 1)]
    rates = [s["documents_per_second"] for s in summaries]
    s = max(summaries, key=lambda s: s["documents_per_second"])
    s.pop("rejected")
    best[cores] = s["documents_per_second"]
    print(f"== {cores} core(s), fastest of {runs}: " + ", ".join(f"{r:.0f}" for r in rates) + " documents/s")
    print(json.dumps(s, indent=1))
print(f"two cores / one core: {best[2] / best[1]:.2f}x")
PY
echo "store on disk: $(du -sb "$data" | cut -f1) bytes"
