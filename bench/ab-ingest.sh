#!/usr/bin/env bash
# Ingest throughput of two dossier binaries side by side: each run ingests the same corpus into
# two fresh stores at once, one binary pinned to core 0 and the other to core 1 (one analysis
# thread each), and the next run swaps the cores. On a shared VM whose speed drifts from minute
# to minute, only such pairs compare two builds fairly. Prints articles/s of each per run.
# Usage: bench/ab-ingest.sh OLD_BINARY NEW_BINARY [CORPUS] [RUNS]
# (an old binary: `git worktree add /tmp/old REV && cargo build --release -p cli` there).
set -euo pipefail
old=$1
new=$2
corpus=${3:-../shared/data/bbc-news-2225/bbc-news-2225.jsonl.gz}
runs=${4:-3}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for run in $(seq "$runs"); do
    for swap in 0 1; do
        rm -rf "$scratch"/a "$scratch"/b
        taskset -c "$swap" "$old" --data "$scratch/a" ingest --json --threads 1 "$corpus" >"$scratch/a.json" 2>/dev/null &
        taskset -c $((1 - swap)) "$new" --data "$scratch/b" ingest --json --threads 1 "$corpus" >"$scratch/b.json" 2>/dev/null &
        wait
        python3 - "$scratch" <<'PY'
import json, sys
a, b = (json.load(open(f"{sys.argv[1]}/{k}.json")) for k in "ab")
print(f"old {a['documents_per_second']:.0f} articles/s   new {b['documents_per_second']:.0f} articles/s")
PY
    done
done
