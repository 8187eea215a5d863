# akt — the terminal console for Akash Network.
# `make run` builds akt and starts it on the local devnet; `make test` runs
# everything CI runs. Tools are pinned and installed under .cache/.

GO          ?= go
BIN         := bin/akt
TOOLS       := $(CURDIR)/.cache/tools
STATICCHECK := $(TOOLS)/staticcheck
STATICCHECK_VERSION := v0.8.2
ORACLE      := conformance/oracle
ORACLE_STAMP := $(ORACLE)/node_modules/.akt-installed
VERSION     := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT      := $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
LDFLAGS     := -s -w -X main.version=$(VERSION) -X main.commit=$(COMMIT)
GOTEST_FLAGS ?= -timeout 30m
BENCHTIME   ?= 1s
FUZZTIME    ?= 10s

.PHONY: all build run test unit golden lint vet fmt-check staticcheck bench fuzz conformance oracle proto proto-check clean

all: build

## build: bin/akt (light commands, starts in milliseconds) and bin/akt-core
## (console, chain, providers, devnet), which akt hands other commands to.
build:
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o bin/ ./cmd/akt ./cmd/akt-core

## run: build akt and open the console on the local devnet.
run: build
	./$(BIN) --network devnet

## test: everything CI runs — lint, the unit and conformance suites (with the
## official TypeScript SDK as oracle), bounded fuzzing and a benchmark smoke run.
test: lint proto-check oracle
	AKT_REQUIRE_ORACLE=1 $(GO) test $(GOTEST_FLAGS) ./...
	$(MAKE) --no-print-directory fuzz FUZZTIME=5s
	$(MAKE) --no-print-directory bench BENCHTIME=1x

## unit: the Go tests alone (skips oracle tests when the oracle is absent).
unit:
	$(GO) test $(GOTEST_FLAGS) ./...

## golden: regenerate golden files (go test -update where goldens live).
golden:
	scripts/golden.sh

lint: fmt-check vet staticcheck

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './.cache/*')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

$(STATICCHECK):
	GOBIN=$(TOOLS) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

staticcheck: $(STATICCHECK)
	$(STATICCHECK) ./...

## oracle: install the pinned official TypeScript SDK used as conformance oracle.
oracle: $(ORACLE_STAMP)

$(ORACLE_STAMP): $(ORACLE)/package.json $(ORACLE)/package-lock.json
	cd $(ORACLE) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

## conformance: only the tests that compare akt with the official SDKs.
conformance: oracle
	AKT_REQUIRE_ORACLE=1 $(GO) test $(GOTEST_FLAGS) -run 'Conformance' -v ./... 2>&1 | grep -E '^(=== RUN|--- |PASS|FAIL|ok|conformance:)' || true
	AKT_REQUIRE_ORACLE=1 $(GO) test $(GOTEST_FLAGS) -run 'Conformance' ./...

## bench: benchmarks with ratios against baselines run in the same process.
bench: oracle
	$(GO) test -run '^$$' -bench . -benchtime $(BENCHTIME) ./cmd/akt/
	$(GO) test -run '^$$' -bench ShellThroughput -benchtime $(BENCHTIME) ./provider/
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./tui/
	scripts/bench-sdl.sh $(BENCHTIME)

## fuzz: each fuzz target for a bounded time.
fuzz:
	FUZZTIME=$(FUZZTIME) scripts/fuzz.sh

## proto: regenerate the Go code of akt's Akash .proto files (pinned protoc and plugins).
proto:
	scripts/protogen.sh

## proto-check: fail when the committed generated code is not what proto/ generates.
proto-check:
	scripts/protogen.sh --check

clean:
	rm -rf bin .cache
