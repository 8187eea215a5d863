#!/usr/bin/env bash
# protogen.sh generates akt's Go types from proto/ into chain/types.
#
#   scripts/protogen.sh          regenerate chain/types/**/*.pb.go
#   scripts/protogen.sh --check  regenerate into a temp dir and fail if the
#                                committed *.pb.go files differ (CI drift check)
#
# Tools are pinned: protoc 3.21.12 (Debian protobuf-compiler, installed with
# apt-get when missing and running as root) and protoc-gen-gocosmos from
# github.com/cosmos/gogoproto (its grpc plugin generates the services). The
# imported .proto files come from the Go module cache at the versions below.
set -euo pipefail

GOGOPROTO_VERSION=v1.7.2
COSMOS_SDK_VERSION=v0.53.6
COSMOS_PROTO_VERSION=v1.0.0-beta.5
PROTOC_VERSION=3.21.12

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODULE=github.com/akt-project/akt
TOOLS="${AKT_PROTOGEN_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/akt-protogen/gogoproto-$GOGOPROTO_VERSION}"

mode=write
case "${1:-}" in
  "") ;;
  --check) mode=check ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

die() { echo "protogen: $*" >&2; exit 1; }

ensure_protoc() {
  if ! command -v protoc >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "protogen: installing protobuf-compiler with apt-get" >&2
      apt-get update -qq >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq protobuf-compiler >/dev/null
    else
      die "protoc not found: install protobuf-compiler $PROTOC_VERSION (apt-get install protobuf-compiler)"
    fi
  fi
  local have
  have="$(protoc --version | awk '{print $2}')"
  [ "$have" = "$PROTOC_VERSION" ] || die "protoc $have found, want $PROTOC_VERSION"
}

ensure_plugin() {
  if [ ! -x "$TOOLS/protoc-gen-gocosmos" ]; then
    mkdir -p "$TOOLS"
    GOBIN="$TOOLS" GOFLAGS=-mod=mod go install "github.com/cosmos/gogoproto/protoc-gen-gocosmos@$GOGOPROTO_VERSION" ||
      die "building protoc-gen-gocosmos $GOGOPROTO_VERSION"
  fi
}

# moddir prints the module cache directory of module@version, downloading it if needed.
moddir() {
  local dir
  dir="$(cd "$ROOT" && go mod download -json "$1@$2" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')"
  [ -n "$dir" ] && [ -d "$dir" ] || die "module $1@$2 not found in the module cache"
  echo "$dir"
}

generate() {
  local out="$1"
  local gogo sdk cproto
  gogo="$(moddir github.com/cosmos/gogoproto "$GOGOPROTO_VERSION")"
  sdk="$(moddir github.com/cosmos/cosmos-sdk "$COSMOS_SDK_VERSION")"
  cproto="$(moddir github.com/cosmos/cosmos-proto "$COSMOS_PROTO_VERSION")"

  local includes=(-I "$ROOT/proto" -I "$gogo" -I "$sdk/proto" -I "$cproto/proto")
  [ -d /usr/include/google/protobuf ] && includes+=(-I /usr/include)

  # Well-known types map to gogoproto's packages, as in the Cosmos SDK.
  local opts="plugins=grpc"
  opts+=",Mgoogle/protobuf/any.proto=github.com/cosmos/gogoproto/types/any"
  opts+=",Mgoogle/protobuf/duration.proto=github.com/cosmos/gogoproto/types"
  opts+=",Mgoogle/protobuf/timestamp.proto=github.com/cosmos/gogoproto/types"

  local tmp
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' RETURN
  # One protoc run per proto package directory keeps outputs per Go package.
  local dir
  while IFS= read -r dir; do
    protoc "${includes[@]}" \
      --plugin=protoc-gen-gocosmos="$TOOLS/protoc-gen-gocosmos" \
      --gocosmos_out="$opts:$tmp" \
      "$ROOT/proto/$dir"/*.proto || die "protoc failed for $dir"
  done < <(cd "$ROOT/proto" && find akash -name '*.proto' -printf '%h\n' | sort -u)

  local gen="$tmp/$MODULE/chain/types"
  [ -d "$gen" ] || die "no output under $MODULE/chain/types: check go_package options"
  (cd "$gen" && find . -name '*.pb.go' -print0 | xargs -0 gofmt -s -w)
  mkdir -p "$out"
  cp -R "$gen/." "$out/"
}

ensure_protoc
ensure_plugin

if [ "$mode" = write ]; then
  # Remove stale generated files first so renamed protos leave nothing behind.
  if [ -d "$ROOT/chain/types" ]; then
    find "$ROOT/chain/types" -name '*.pb.go' -delete
  fi
  generate "$ROOT/chain/types"
  echo "protogen: generated $(find "$ROOT/chain/types" -name '*.pb.go' | wc -l) files under chain/types" >&2
else
  check="$(mktemp -d)"
  trap 'rm -rf "$check"' EXIT
  generate "$check"
  fail=0
  diff -r -q <(cd "$check" && find . -name '*.pb.go' | sort) <(cd "$ROOT/chain/types" 2>/dev/null && find . -name '*.pb.go' | sort) >/dev/null ||
    { echo "protogen: the set of generated files differs from chain/types" >&2; fail=1; }
  while IFS= read -r f; do
    if ! cmp -s "$check/$f" "$ROOT/chain/types/$f"; then
      echo "protogen: chain/types/${f#./} is out of date" >&2
      fail=1
    fi
  done < <(cd "$check" && find . -name '*.pb.go' | sort)
  [ "$fail" = 0 ] || die "generated code is out of date: run scripts/protogen.sh (make proto)"
  echo "protogen: chain/types is up to date" >&2
fi
