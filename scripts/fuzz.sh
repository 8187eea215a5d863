#!/usr/bin/env bash
# Runs every Go fuzz target in the repository for a bounded time each
# (FUZZTIME, default 10s). New inputs that crash are written by go test to
# the package's testdata/fuzz, where they stay as regression tests.
#
# Go 1.26's fuzz coordinator can report its own -fuzztime deadline as a
# failure ("context deadline exceeded", golang/go#75804, fixed in Go 1.27)
# when a worker is mid-input as time runs out. Such a run wrote no input and
# printed nothing else; it is counted as passed once the target's corpus
# replays cleanly. Any other failure, or one that wrote an input, fails.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-10s}
status=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
while IFS=: read -r file name; do
  pkg="./$(dirname "$file")"
  corpus="$(dirname "$file")/testdata/fuzz/$name"
  echo "fuzz: $pkg $name ($fuzztime)"
  before="$(ls "$corpus" 2>/dev/null || true)"
  if go test -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" "$pkg" >"$log" 2>&1; then
    continue
  fi
  after="$(ls "$corpus" 2>/dev/null || true)"
  if [ "$before" = "$after" ] && grep -qx '    context deadline exceeded' "$log" &&
    ! grep -q -e 'Failing input written' -e '^panic:' -e '--- FAIL: .*/' "$log" &&
    go test -run "^${name}\$" "$pkg" >/dev/null 2>&1; then
    echo "fuzz: $name: Go's fuzz coordinator reported its own deadline (golang/go#75804); no input written, corpus replay passes"
    continue
  fi
  cat "$log"
  status=1
done < <(git ls-files '*_test.go' | xargs grep -H -o -E '^func (Fuzz[A-Za-z0-9_]+)' | sed -E 's/:func /:/')
exit $status
