#!/usr/bin/env bash
# bench-sdl.sh times akt's SDL engine and the official TS SDK over the same
# corpus (parse + groups + manifest + version per file) and prints the ratio.
# Needs Go, node and conformance/oracle/node_modules (npm ci there).
# Usage: scripts/bench-sdl.sh [benchtime]   (default 2s)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="$root/../shared/sdl-corpus"
benchtime="${1:-2s}"
# The TS side always times ts_passes passes after one warm-up pass; a count
# below that (make test's 1x smoke run) would time a Go heap still growing
# against a warm V8, so the Go side times at least as many passes.
ts_passes=20
if [[ "$benchtime" =~ ^([0-9]+)x$ ]] && ((BASH_REMATCH[1] < ts_passes)); then
  benchtime="${ts_passes}x"
fi

if [ ! -d "$root/conformance/oracle/node_modules/@akashnetwork/chain-sdk" ]; then
  echo "bench-sdl: run 'npm ci --no-audit --no-fund' in conformance/oracle first" >&2
  exit 1
fi

go_out="$(cd "$root" && go test ./sdl -run '^$' -bench '^BenchmarkCorpus(BothAccept)?$' -benchtime "$benchtime" -count 1)"
# metric BENCH UNIT prints the figure of UNIT on BENCH's line.
metric() { printf '%s\n' "$go_out" | awk -v b="$1" -v m="$2" '$1 ~ "^" b "(-[0-9]+)?$" { for (i = 1; i <= NF; i++) if ($(i+1) == m) print $i }'; }
for b in BenchmarkCorpus BenchmarkCorpusBothAccept; do
  if [ -z "$(metric "$b" ns/file)" ] || [ -z "$(metric "$b" cpu-ns/file)" ]; then
    echo "bench-sdl: $b printed no ns/file figure" >&2
    exit 1
  fi
done

# All files, and the files both akt and the TS SDK accept (official-results.tsv
# for the TS SDK, `akt sdl validate` for akt): on those both do the same work.
all_files="$(awk -F'\t' 'NR > 1 { print $1 }' "$corpus/official-results.tsv")"
ts_ok="$(awk -F'\t' 'NR > 1 && $2 == "ok" { print $1 }' "$corpus/official-results.tsv")"
# The lists go through files: one environment string or argument is limited
# to 128 KiB, and akt's JSON report grows with the corpus path.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
printf '%s\n' "$ts_ok" >"$tmp/ts-ok"
# shellcheck disable=SC2086 # one corpus path per word
(cd "$corpus" && go run -C "$root" ./cmd/akt sdl validate -o json $(printf '%s\n' "$all_files" | sed "s|^|$corpus/|") >"$tmp/akt.json" 2>/dev/null) || true
both_json="$(node -e '
  const fs = require("fs");
  const [tsOk, aktJSON, corpus] = process.argv.slice(1);
  const ok = new Set(fs.readFileSync(tsOk, "utf8").split("\n").filter(Boolean).map((f) => corpus + "/" + f));
  const both = JSON.parse(fs.readFileSync(aktJSON, "utf8")).filter((r) => r.valid && ok.has(r.file)).map((r) => r.file);
  process.stdout.write(JSON.stringify(both));
' "$tmp/ts-ok" "$tmp/akt.json" "$corpus")"
all_json="$(printf '%s\n' "$all_files" | awk -v dir="$corpus" '{ gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); printf "%s\"%s/%s\"", (n++ ? "," : "["), dir, $0 } END { print "]" }')"

both_n="$(printf '%s' "$both_json" | node -e 'let s="";process.stdin.on("data",(d)=>s+=d).on("end",()=>console.log(JSON.parse(s).length))')"
go_both_n="$(metric BenchmarkCorpusBothAccept files)"
if [ "$both_n" != "${go_both_n%.0}" ]; then
  echo "bench-sdl: akt sdl validate and the benchmark disagree on the files both accept ($both_n vs $go_both_n)" >&2
  exit 1
fi

# report LABEL BENCH TS_JSON prints the wall and CPU ratios of one file set.
report() {
  local ts_out ts_ns ts_cpu
  ts_out="$(printf '%s' "$3" | node "$root/conformance/sdl/oracle.mjs" --bench "$ts_passes" --stdin)"
  ts_ns="$(printf '%s' "$ts_out" | sed -n 's/.*"ns_per_file":\([0-9.]*\).*/\1/p')"
  ts_cpu="$(printf '%s' "$ts_out" | sed -n 's/.*"cpu_ns_per_file":\([0-9.]*\).*/\1/p')"
  awk -v l="$1" -v g="$(metric "$2" ns/file)" -v t="$ts_ns" -v gc="$(metric "$2" cpu-ns/file)" -v tc="$ts_cpu" 'BEGIN {
    printf "sdl bench (%s): wall akt %.1f µs/file, TS SDK %.1f µs/file: akt %.1fx faster\n", l, g / 1000, t / 1000, t / g
    printf "sdl bench (%s): cpu  akt %.1f µs/file, TS SDK %.1f µs/file: akt %.1fx faster\n", l, gc / 1000, tc / 1000, tc / gc
  }'
}
report "all $(metric BenchmarkCorpus files | sed 's/\.0*$//') files" BenchmarkCorpus "$all_json"
report "the $both_n both accept" BenchmarkCorpusBothAccept "$both_json"
