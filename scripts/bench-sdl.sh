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

go_out="$(cd "$root" && go test ./sdl -run '^$' -bench '^BenchmarkCorpus$' -benchtime "$benchtime" -count 1)"
metric() { printf '%s\n' "$1" | awk -v m="$2" '/^BenchmarkCorpus/ { for (i = 1; i <= NF; i++) if ($(i+1) == m) print $i }'; }
go_ns="$(metric "$go_out" ns/file)"
go_cpu="$(metric "$go_out" cpu-ns/file)"
if [ -z "$go_ns" ] || [ -z "$go_cpu" ]; then
  echo "bench-sdl: the Go benchmark printed no ns/file figure" >&2
  exit 1
fi

files_json="$(awk -F'\t' -v dir="$corpus" 'NR > 1 { gsub(/\\/, "\\\\", $1); gsub(/"/, "\\\"", $1); printf "%s\"%s/%s\"", (n++ ? "," : "["), dir, $1 } END { print "]" }' "$corpus/official-results.tsv")"
ts_out="$(printf '%s' "$files_json" | node "$root/conformance/sdl/oracle.mjs" --bench 20 --stdin)"
ts_ns="$(printf '%s' "$ts_out" | sed -n 's/.*"ns_per_file":\([0-9.]*\).*/\1/p')"
ts_cpu="$(printf '%s' "$ts_out" | sed -n 's/.*"cpu_ns_per_file":\([0-9.]*\).*/\1/p')"

awk -v g="$go_ns" -v t="$ts_ns" -v gc="$go_cpu" -v tc="$ts_cpu" 'BEGIN {
  printf "sdl bench: wall akt %.1f µs/file, TS SDK %.1f µs/file: akt %.1fx faster\n", g / 1000, t / 1000, t / g
  printf "sdl bench: cpu  akt %.1f µs/file, TS SDK %.1f µs/file: akt %.1fx faster\n", gc / 1000, tc / 1000, tc / gc
}'
