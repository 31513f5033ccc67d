#!/usr/bin/env bash
# Latency under load on loopback, for every GET route of the OpenAPI document and every page:
# serves a store and, per route, times one request (the median of three) and then runs `wrk`
# (Debian package `wrk`) with 50 connections, printing one table row: single request, p50, p99,
# requests/s, the server's peak RSS. One fresh server per route, so requests still queued when
# wrk stops do not run on into the next route's measurement.
#
# The store defaults to N synthetic articles varied from the BBC corpus (bench/vary-bbc.py; N
# defaults to 100,000, built on first use: about eight minutes on 2 cores). A million is
# `N=1000000`; build it in slices (SLICE documents per `dossier ingest`, default N) so no single
# link clusters everything at once.
# Usage: bench/load.sh     STORE=/path N=100000 DURATION=10 CONNECTIONS=50 BIN=path, and
# ROUTES=regex / SKIP=regex to measure only the routes that match / do not match.
# Known limits: wrk and the server share this machine's cores, so figures are a floor; the
# whole-ledger exports get one request each (with a 120 s limit), no load.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${N:-100000}
store=${STORE:-/tmp/dossier-load-$n}
duration=${DURATION:-10}
connections=${CONNECTIONS:-50}
only=${ROUTES:-.}
skip=${SKIP:-^$}
bin=${BIN:-target/release/dossier}
command -v wrk >/dev/null || { echo "error: wrk not found (apt-get install wrk)" >&2; exit 2; }
[ -n "${BIN:-}" ] || cargo build --release -q -p cli
if [ ! -f "$store/dossier.sqlite" ]; then
    corpus=$(mktemp --suffix=.jsonl.gz)
    python3 bench/vary-bbc.py "$n" "$corpus"
    slice=${SLICE:-$n}
    for ((from = 0; from < n; from += slice)); do
        part=$(mktemp --suffix=.jsonl)
        zcat "$corpus" | tail -n +$((from + 1)) | head -n "$slice" >"$part"
        "$bin" --data "$store" ingest --threads 2 "$part"
        rm -f "$part"
    done
    rm -f "$corpus"
fi
port=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:$port"
server=
trap 'kill $server 2>/dev/null || true' EXIT
start() {
    "$bin" --data "$store" serve --addr "127.0.0.1:$port" >/dev/null 2>&1 &
    server=$!
    for _ in $(seq 600); do curl -sf "$base/api/stats" >/dev/null 2>&1 && return; sleep 0.2; done
    echo "error: the server did not start" >&2; exit 1
}
stop() { kill "$server"; wait "$server" 2>/dev/null || true; }
json() { curl -sf "$base$1" | python3 -c "import json,sys; d=json.load(sys.stdin); print($2)"; }
start
documents=$(json /api/stats 'd["documents"]')
story=$(json "/api/stories?limit=1" 'd["items"][0]["id"]')
proposition=$(json "/api/propositions?limit=1" 'd["items"][0]["id"]')
document=$(json "/api/documents?limit=1" 'd["items"][0]["id"]')
entity=$(json "/api/entities?limit=1" 'd["items"][0]["id"]')
speaker=$(json "/api/claims?limit=200" '[c["speaker_entity"] for c in d["items"] if c.get("speaker_entity")][0]')
month=$(json /api/stats '(d["latest"] or "2024-01")[:7]')
stop
echo "store: $store, $documents documents, $(du -sh "$store" | cut -f1) on disk"
echo "largest story $story, first proposition $proposition, document $document, entity $entity, speaker $speaker"
routes=(
    "/api/stats"
    "/api/openapi.json"
    "/api/documents?limit=20"
    "/api/documents/$document"
    "/api/search?q=government+minister"
    "/api/entities?limit=20"
    "/api/entities/$entity"
    "/api/claims?limit=20"
    "/api/claims?stance=deny&limit=20"
    "/api/claims?speaker=$speaker&limit=20"
    "/api/claims?since=$month&limit=20"
    "/api/claims?grade=B&limit=20"
    "/api/sources"
    "/api/sources/follow"
    "/api/stories?limit=20"
    "/api/stories/$story"
    "/api/propositions?limit=20"
    "/api/propositions/$proposition"
    "/"
    "/search?q=government+minister"
    "/documents"
    "/documents/$document"
    "/entities"
    "/entities/$entity"
    "/claims"
    "/sources"
    "/stories"
    "/stories/$story"
    "/propositions"
    "/propositions/$proposition"
)
exports=("/api/export/stix" "/api/export/claimreview" "/api/export/misp")
printf '%-44s %9s %9s %9s %9s %s\n' route single p50 p99 req/s "server peak RSS"
for path in "${routes[@]}"; do
    [[ "$path" =~ $only ]] && ! [[ "$path" =~ $skip ]] || continue
    start
    single=$(for _ in 1 2 3; do curl -s -o /dev/null -w "%{time_total}\n" "$base$path"; done | sort -n | sed -n 2p)
    out=$(wrk -t2 -c"$connections" -d"${duration}s" --timeout 30s --latency "$base$path")
    p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    errors=$(echo "$out" | grep -E "Non-2xx|Socket errors" | tr -s ' ' || true)
    rss=$(awk '/VmHWM/ {print $2, $3}' "/proc/$server/status")
    printf '%-44s %8.3fs %9s %9s %9s %s %s\n' "${path:0:44}" "$single" "$p50" "$p99" "$rps" "$rss" "$errors"
    stop
done
for path in "${exports[@]}"; do
    [[ "$path" =~ $only ]] && ! [[ "$path" =~ $skip ]] || continue
    start
    single=$(curl -s -o /dev/null --max-time 120 -w "%{time_total} %{size_download}" "$base$path" || echo "over 120 s")
    rss=$(awk '/VmHWM/ {print $2, $3}' "/proc/$server/status")
    printf '%-44s %s (bytes), one request, server peak RSS %s\n' "$path" "$single" "$rss"
    stop
done
