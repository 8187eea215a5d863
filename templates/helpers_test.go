package templates

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// repoRoot walks up from the test's working directory to the directory holding go.mod.
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test directory")
		}
		dir = parent
	}
}

// sharedDir is ../shared relative to the repository root.
func sharedDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(repoRoot(t), "..", "shared")
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("shared folder not found beside the repository: %v", err)
	}
	return dir
}

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
	root := repoRoot(t)
	if _, err := os.Stat(filepath.Join(root, "conformance", "oracle", "node_modules")); err != nil {
		if os.Getenv("AKT_REQUIRE_ORACLE") == "1" {
			t.Fatalf("conformance/oracle/node_modules is missing (run npm ci there): %v", err)
		}
		t.Skip("TS SDK oracle not installed: run `npm ci --no-audit --no-fund` in conformance/oracle")
	}
	in, err := json.Marshal(docs)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", filepath.Join(root, "conformance", "templates", "validate.mjs"))
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("running the oracle: %v\n%s", err, stderr.String())
	}
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
	root := repoRoot(t)
	if _, err := os.Stat(filepath.Join(root, "conformance", "oracle", "node_modules")); err != nil {
		if os.Getenv("AKT_REQUIRE_ORACLE") == "1" {
			t.Fatalf("conformance/oracle/node_modules is missing (run npm ci there): %v", err)
		}
		t.Skip("TS SDK oracle not installed: run `npm ci --no-audit --no-fund` in conformance/oracle")
	}
	in, err := json.Marshal(docs)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", filepath.Join(root, "conformance", "templates", "yamlload.mjs"))
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("running js-yaml: %v\n%s", err, stderr.String())
	}
	var results []jsYAMLResult
	if err := json.Unmarshal(out, &results); err != nil || len(results) != len(docs) {
		t.Fatalf("reading js-yaml's answer (%d results for %d docs): %v", len(results), len(docs), err)
	}
	return results
}
