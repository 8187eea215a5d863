#!/usr/bin/env bash
# Runs every Go fuzz target in the repository for a bounded time each
# (FUZZTIME, default 10s). New inputs that crash are written by go test to
# the package's testdata/fuzz, where they stay as regression tests.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-10s}
status=0
while IFS=: read -r file name; do
  pkg="./$(dirname "$file")"
  echo "fuzz: $pkg $name ($fuzztime)"
  if ! go test -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" "$pkg" >/tmp/akt-fuzz.log 2>&1; then
    cat /tmp/akt-fuzz.log
    status=1
  fi
done < <(git ls-files '*_test.go' | xargs grep -H -o -E '^func (Fuzz[A-Za-z0-9_]+)' | sed -E 's/:func /:/')
exit $status
