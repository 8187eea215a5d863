#!/usr/bin/env bash
# Regenerates golden files: runs `go test -update` in every package that
# keeps golden files under testdata/ (only those define the -update flag).
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t pkgs < <(git ls-files -- '*.golden' '*/testdata/golden/*' | sed -E 's#/testdata/.*##' | sort -u | sed 's#^#./#')
((${#pkgs[@]})) || { echo "no golden files"; exit 0; }
go test "${pkgs[@]}" -update "$@"
