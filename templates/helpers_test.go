package templates

import (
	"encoding/json"
	"testing"

	"github.com/akt-project/akt/internal/testutil"
)

// sharedDir is ../shared relative to the repository root.
func sharedDir(t testing.TB) string { t.Helper(); return testutil.Shared(t) }

type oracleDoc struct {
	Name string `json:"name"`
	SDL  string `json:"sdl"`
}

type oracleResult struct {
	Name  string `json:"name"`
	OK    bool   `json:"ok"`
	Error string `json:"error"`
}

// oracleValidate runs the official TypeScript SDK once over all documents and
// returns its verdict by name. It skips when the oracle is not installed,
// unless AKT_REQUIRE_ORACLE=1.
func oracleValidate(t *testing.T, docs []oracleDoc) map[string]oracleResult {
	t.Helper()
	testutil.Oracle(t)
	in, err := json.Marshal(docs)
	if err != nil {
		t.Fatal(err)
	}
	out := testutil.RunNode(t, "conformance/templates/validate.mjs", in)
	var results []oracleResult
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("reading the oracle's answer: %v\n%s", err, out)
	}
	byName := make(map[string]oracleResult, len(results))
	for _, r := range results {
		byName[r.Name] = r
	}
	return byName
}

type jsYAMLResult struct {
	OK    bool            `json:"ok"`
	Value json.RawMessage `json:"value"`
	Error string          `json:"error"`
}

// jsYAMLLoad parses documents with js-yaml (the TS SDK's YAML parser) in one
// node run. It skips like oracleValidate when the oracle is not installed.
func jsYAMLLoad(t *testing.T, docs []string) []jsYAMLResult {
	t.Helper()
	testutil.Oracle(t)
	in, err := json.Marshal(docs)
	if err != nil {
		t.Fatal(err)
	}
	out := testutil.RunNode(t, "conformance/templates/yamlload.mjs", in)
	var results []jsYAMLResult
	if err := json.Unmarshal(out, &results); err != nil || len(results) != len(docs) {
		t.Fatalf("reading js-yaml's answer (%d results for %d docs): %v", len(results), len(docs), err)
	}
	return results
}
