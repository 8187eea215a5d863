// Package testutil holds what akt's tests share: where the repository, the
// shared/ folder beside it and the official TypeScript SDK oracle are, and
// running the oracle's node scripts. Only tests import it.
package testutil

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// RequireOracleEnv, set to 1 (as `make test` does), turns a missing oracle
// from a skip into a failure.
const RequireOracleEnv = "AKT_REQUIRE_ORACLE"

// RepoRoot walks up from the test's working directory to the directory
// holding go.mod.
func RepoRoot(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("go.mod not found above the test directory")
		}
		dir = parent
	}
}

// Shared returns a path under the shared/ folder that sits beside the
// repository (in CI: beside the fresh clone), failing when it is missing.
func Shared(tb testing.TB, elem ...string) string {
	tb.Helper()
	dir := filepath.Join(filepath.Dir(RepoRoot(tb)), "shared")
	if _, err := os.Stat(dir); err != nil {
		tb.Fatalf("shared folder not found beside the repository: %v", err)
	}
	return filepath.Join(append([]string{dir}, elem...)...)
}

// Oracle returns conformance/oracle once the pinned TS SDK and node are
// there. Without them the test is skipped, or fails when
// AKT_REQUIRE_ORACLE=1.
func Oracle(tb testing.TB) string {
	tb.Helper()
	dir := filepath.Join(RepoRoot(tb), "conformance", "oracle")
	missing := ""
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@akashnetwork", "chain-sdk")); err != nil {
		missing = "the TS SDK oracle is not installed (run `npm ci --no-audit --no-fund` in conformance/oracle)"
	} else if _, err := exec.LookPath("node"); err != nil {
		missing = "node is not on PATH"
	}
	if missing != "" {
		if os.Getenv(RequireOracleEnv) == "1" {
			tb.Fatal(missing)
		}
		tb.Skip(missing + "; set " + RequireOracleEnv + "=1 to fail instead")
	}
	return dir
}

// RunNode runs a node script of the repository (path relative to its root)
// with args and stdin after checking the oracle is installed, and returns
// its standard output; a failure shows the script's standard error.
func RunNode(tb testing.TB, script string, stdin []byte, args ...string) []byte {
	tb.Helper()
	Oracle(tb)
	cmd := exec.Command("node", append([]string{filepath.Join(RepoRoot(tb), script)}, args...)...)
	cmd.Stdin = bytes.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("node %s: %v\n%s", script, err, stderr.String())
	}
	return out
}
