#!/usr/bin/env bash
# Proposition grouping on Emergent train through the user's path: JSON Lines -> `dossier ingest`
# -> `dossier export propositions` -> B3/ARI (see crates/eval/examples/emergent_cli.rs).
# Usage: bench/emergent-cli.sh [DATA_DIR]   (default ../shared/data)
set -euo pipefail
data=${1:-../shared/data}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release -q -p cli
cargo build --release -q -p eval --example emergent_cli
target/release/examples/emergent_cli write "$data" "$work/emergent.jsonl"
target/release/dossier --data "$work/store" ingest "$work/emergent.jsonl" >/dev/null
target/release/dossier --data "$work/store" export propositions > "$work/props.jsonl"
target/release/examples/emergent_cli score "$data" "$work/props.jsonl"
