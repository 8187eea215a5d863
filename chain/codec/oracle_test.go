package codec

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// repoRoot walks up from the test's directory to the one holding go.mod.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatalf("working directory: %v", err)
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

// requireOracle skips the test when the TS SDK oracle is not installed,
// unless AKT_REQUIRE_ORACLE=1 makes that a failure.
func requireOracle(t *testing.T, root string) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(root, "conformance", "oracle", "node_modules", "@akashnetwork", "chain-sdk")); err != nil {
		if os.Getenv("AKT_REQUIRE_ORACLE") == "1" {
			t.Fatalf("TS SDK oracle missing (run npm ci in conformance/oracle): %v", err)
		}
		t.Skip("TS SDK oracle not installed: run npm ci --no-audit --no-fund in conformance/oracle")
	}
	if _, err := exec.LookPath("node"); err != nil {
		if os.Getenv("AKT_REQUIRE_ORACLE") == "1" {
			t.Fatalf("node not found: %v", err)
		}
		t.Skip("node not found")
	}
}

type oracleCase struct {
	Type  string `json:"type"`
	Value any    `json:"value"`
}

type oracleResult struct {
	Type  string `json:"type"`
	Hex   string `json:"hex"`
	Error string `json:"error"`
}

type oracleOutput struct {
	Results []oracleResult      `json:"results"`
	Fields  map[string][]string `json:"fields"`
}

// runEncodeOracle runs conformance/proto/encode.mjs once over all cases.
func runEncodeOracle(t *testing.T, root string, cases []oracleCase) oracleOutput {
	t.Helper()
	in, err := json.Marshal(cases)
	if err != nil {
		t.Fatalf("encoding oracle input: %v", err)
	}
	cmd := exec.Command("node", filepath.Join(root, "conformance", "proto", "encode.mjs"))
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("running encode.mjs: %v\n%s", err, stderr.String())
	}
	var res oracleOutput
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("decoding encode.mjs output: %v", err)
	}
	if len(res.Results) != len(cases) {
		t.Fatalf("encode.mjs returned %d results for %d cases", len(res.Results), len(cases))
	}
	return res
}
