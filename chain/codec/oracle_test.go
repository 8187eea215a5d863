package codec

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/akt-project/akt/internal/testutil"
)

func repoRoot(t *testing.T) string { t.Helper(); return testutil.RepoRoot(t) }

// requireOracle skips the test when the TS SDK oracle is not installed,
// unless AKT_REQUIRE_ORACLE=1 makes that a failure.
func requireOracle(t *testing.T, _ string) { t.Helper(); testutil.Oracle(t) }

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
