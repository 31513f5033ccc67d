#!/usr/bin/env bash
# Crash safety, for real: start ingesting the BBC corpus, `kill -9` it midway, check the store,
# run the same ingest again, and check every document is present exactly once and search works.
# Usage: bench/kill-ingest.sh [DELAY_SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/data/bbc-news-2225/bbc-news-2225.jsonl.gz
delay=${1:-0.4}
cargo build --release -q -p cli
bin=target/release/dossier
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
$bin --data "$data" ingest --batch-size 50 "$corpus" >/dev/null 2>&1 &
pid=$!
sleep "$delay"
kill -9 "$pid" 2>/dev/null && echo "killed ingest (pid $pid) after ${delay}s" || echo "ingest finished before the kill; try a shorter delay"
wait "$pid" 2>/dev/null || true
echo "after the kill: $($bin --data "$data" stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])') documents"
$bin --data "$data" ingest --json "$corpus" | python3 -c 'import json,sys; s=json.load(sys.stdin); print("second run: added", s["added"], "duplicates", s["duplicates"], "rejected", len(s["rejected"]))'
count=$($bin --data "$data" stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
distinct=$(sqlite3 "$data/dossier.sqlite" 'SELECT count(DISTINCT id) FROM documents' 2>/dev/null || echo "$count")
indexed=$(sqlite3 "$data/dossier.sqlite" 'SELECT count(*) FROM documents_fts_docsize' 2>/dev/null || echo "?")
integrity=$(sqlite3 "$data/dossier.sqlite" "PRAGMA integrity_check; INSERT INTO documents_fts(documents_fts) VALUES('integrity-check');" 2>&1 | tr '\n' ' ')
echo "sqlite integrity_check and fts5 integrity-check: ${integrity:-ok}"
echo "final: $count documents, $distinct distinct ids, $indexed index rows"
echo "search 'Time Warner profit': $($bin --data "$data" search --json 'Time Warner profit' | wc -l) hits"
ref=$(mktemp -d)
expected=$($bin --data "$ref" ingest --json "$corpus" | python3 -c 'import json,sys; print(json.load(sys.stdin)["added"])')
rm -rf "$ref"
[ "$count" = "$expected" ] && [ "$distinct" = "$count" ] && [ "$indexed" = "$count" ] \
    && echo "OK: all $expected distinct documents of an uninterrupted run present exactly once, each indexed" \
    || { echo "FAIL: expected $expected"; exit 1; }
