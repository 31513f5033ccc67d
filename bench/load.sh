#!/usr/bin/env bash
# Latency under load on loopback: serves a store and runs `wrk` (Debian package `wrk`) with 50
# connections against the search, story, claims and story-page routes, printing p50/p99 and
# requests/s for each (one fresh server per route), with the time of a single request and the
# server's peak RSS.
#
# The store defaults to 100,000 synthetic articles varied from the BBC corpus
# (bench/vary-bbc.py; built on first use, about ten minutes on 2 cores).
# Usage: bench/load.sh            STORE=/path N=100000 DURATION=20 CONNECTIONS=50 to change.
# Known limits: wrk and the server share this machine's cores, so figures are a floor.
set -euo pipefail
cd "$(dirname "$0")/.."
store=${STORE:-/tmp/dossier-load-${N:-100000}}
duration=${DURATION:-20}
connections=${CONNECTIONS:-50}
command -v wrk >/dev/null || { echo "error: wrk not found (apt-get install wrk)" >&2; exit 2; }
cargo build --release -q -p cli
if [ ! -f "$store/dossier.sqlite" ]; then
    corpus=$(mktemp --suffix=.jsonl.gz)
    python3 bench/vary-bbc.py "${N:-100000}" "$corpus"
    target/release/dossier --data "$store" ingest --threads 2 "$corpus"
    rm -f "$corpus"
fi
port=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:$port"
server=
trap 'kill $server 2>/dev/null || true' EXIT
# Each route gets a server of its own: requests still queued when wrk stops would otherwise
# run on into the next route's measurement.
start() {
    target/release/dossier --data "$store" serve --addr "127.0.0.1:$port" >/dev/null 2>&1 &
    server=$!
    for _ in $(seq 100); do curl -sf "$base/api/stats" >/dev/null && return; sleep 0.2; done
    echo "error: the server did not start" >&2; exit 1
}
stop() { kill "$server"; wait "$server" 2>/dev/null || true; }
start
documents=$(curl -sf "$base/api/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
story=$(curl -sf "$base/api/stories?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
stop
echo "store: $store, $documents documents, $(du -sh "$store" | cut -f1) on disk; largest story $story"
printf '%-44s %9s %9s %9s %9s %s\n' route single p50 p99 req/s "server peak RSS"
for path in "/api/search?q=government+minister" "/api/stories/$story" "/stories/$story" "/api/claims?stance=deny" \
    "/api/claims" "/api/claims?speaker=gpe:US&limit=20" "/api/propositions?limit=20"; do
    start
    single=$(curl -s -o /dev/null -w "%{time_total}" "$base$path")
    out=$(wrk -t2 -c"$connections" -d"${duration}s" --timeout 30s --latency "$base$path")
    p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    errors=$(echo "$out" | grep -E "Non-2xx|Socket errors" || true)
    rss=$(awk '/VmHWM/ {print $2, $3}' "/proc/$server/status")
    printf '%-44s %8.3fs %9s %9s %9s %s %s\n' "$path" "$single" "$p50" "$p99" "$rps" "$rss" "$errors"
    stop
done
