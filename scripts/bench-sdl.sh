#!/usr/bin/env bash
# bench-sdl.sh times akt's SDL engine and the official TS SDK over the same
# corpus (parse + groups + manifest + version per file) and prints the ratio.
# Needs Go, node and conformance/oracle/node_modules (npm ci there).
# Usage: scripts/bench-sdl.sh [benchtime]   (default 2s)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="$root/../shared/sdl-corpus"
benchtime="${1:-2s}"

if [ ! -d "$root/conformance/oracle/node_modules/@akashnetwork/chain-sdk" ]; then
  echo "bench-sdl: run 'npm ci --no-audit --no-fund' in conformance/oracle first" >&2
  exit 1
fi

go_ns="$(cd "$root" && go test ./sdl -run '^$' -bench '^BenchmarkCorpus$' -benchtime "$benchtime" -count 1 |
  awk '/^BenchmarkCorpus/ { for (i = 1; i <= NF; i++) if ($(i+1) == "ns/file") print $i }')"
if [ -z "$go_ns" ]; then
  echo "bench-sdl: the Go benchmark printed no ns/file figure" >&2
  exit 1
fi

files_json="$(awk -F'\t' -v dir="$corpus" 'NR > 1 { gsub(/\\/, "\\\\", $1); gsub(/"/, "\\\"", $1); printf "%s\"%s/%s\"", (n++ ? "," : "["), dir, $1 } END { print "]" }' "$corpus/official-results.tsv")"
ts_ns="$(printf '%s' "$files_json" | node "$root/conformance/sdl/oracle.mjs" --bench 20 --stdin |
  sed -n 's/.*"ns_per_file":\([0-9.]*\).*/\1/p')"

awk -v g="$go_ns" -v t="$ts_ns" 'BEGIN {
  printf "sdl bench: akt %.1f µs/file, TS SDK %.1f µs/file, akt is %.1fx faster\n", g / 1000, t / 1000, t / g
}'
